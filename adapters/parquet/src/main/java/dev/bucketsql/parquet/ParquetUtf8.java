package dev.bucketsql.parquet;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;

/**
 * The SQL value of a STRING, ENUM or JSON column: its UTF-8 bytes decoded strictly, so that
 * malformed bytes fail instead of turning into U+FFFD silently.
 *
 * <p>The JDK's decoder runs first (for ASCII it only checks the sign bits and copies); only a
 * string that contains U+FFFD, which is rare and may be genuine, is decoded again strictly. The
 * page decoder recognises {@link #READER} and decodes a page's values straight from the page's
 * bytes ({@link #decode(byte[], int, int)}), with no parquet {@code Binary} nor {@code ByteBuffer}
 * per value; the column readers' values go through {@link #decode(Binary)}. Both give the same
 * strings and the same error.
 */
final class ParquetUtf8 {
  /** The converter of a UTF-8 column, by which the page decoder knows one. */
  static final ParquetValueReader READER = new Reader();

  private ParquetUtf8() {}

  /** Decodes the {@code length} bytes of {@code bytes} from {@code offset} on. */
  static String decode(byte[] bytes, int offset, int length) {
    String fast = new String(bytes, offset, length, StandardCharsets.UTF_8);
    if (fast.indexOf('\uFFFD') < 0) {
      return fast;
    }
    // the buffer a value's Binary hands out over the same bytes, so the error is the same
    return strict(ByteBuffer.wrap(bytes, offset, length));
  }

  /** Decodes the bytes of {@code binary}. */
  static String decode(Binary binary) {
    ByteBuffer bytes = binary.toByteBuffer();
    if (bytes.hasArray()) {
      return decode(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
    }
    // a direct buffer: no array to hand on
    String fast = StandardCharsets.UTF_8.decode(bytes.duplicate()).toString();
    if (fast.indexOf('\uFFFD') < 0) {
      return fast;
    }
    return strict(bytes);
  }

  private static String strict(ByteBuffer bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "a STRING value of " + bytes.remaining() + " bytes is not valid UTF-8", e);
    }
  }

  private static final class Reader implements ParquetValueReader {
    @Override
    public Object read(ColumnReader reader) {
      return decode(reader.getBinary());
    }
  }
}
