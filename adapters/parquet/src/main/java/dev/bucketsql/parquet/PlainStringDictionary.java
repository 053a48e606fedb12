package dev.bucketsql.parquet;

import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;

/**
 * The dictionary page of a UTF-8 BINARY column, its entries decoded into strings straight from the
 * page's bytes ({@link ParquetUtf8#decode(byte[], int, int)}) when asked for, instead of through
 * parquet-java's dictionary, which makes a {@code Binary} of every entry up front and a {@code
 * ByteBuffer} of each one converted.
 *
 * <p>The entries are located as parquet-java's dictionary locates them: a page that ends inside an
 * entry's length fails at once, an entry whose bytes run past the page only when it is decoded.
 */
final class PlainStringDictionary {
  private static final VarHandle INTS = PageLevels.INTS;

  private final byte[] bytes;

  /** Per entry, where its bytes start in {@link #bytes}, and how many there are. */
  private final int[] starts;

  private final int[] lengths;

  /** Where the page's bytes end in {@link #bytes}. */
  private final int end;

  private PlainStringDictionary(byte[] bytes, int[] starts, int[] lengths, int end) {
    this.bytes = bytes;
    this.starts = starts;
    this.lengths = lengths;
    this.end = end;
  }

  /** Whether {@code page} is read here: PLAIN-encoded entries, as every writer writes them. */
  static boolean reads(DictionaryPage page) {
    return page.getEncoding() == Encoding.PLAIN || page.getEncoding() == Encoding.PLAIN_DICTIONARY;
  }

  /** Locates the entries of {@code page} (one {@link #reads}). */
  static PlainStringDictionary of(DictionaryPage page) throws IOException {
    ByteBuffer buffer = page.getBytes().toByteBuffer();
    byte[] bytes;
    int p;
    int end;
    if (buffer.hasArray()) {
      bytes = buffer.array();
      p = buffer.arrayOffset() + buffer.position();
      end = p + buffer.remaining();
    } else {
      bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      p = 0;
      end = bytes.length;
    }
    int n = page.getDictionarySize();
    if (n < 0) {
      throw new IllegalStateException("a dictionary page of " + n + " entries");
    }
    int[] starts = new int[n];
    int[] lengths = new int[n];
    for (int i = 0; i < n; i++) {
      if (p < 0 || end - p < 4) {
        throw new IllegalStateException(
            "the dictionary page ends inside the length of entry " + i + " of " + n);
      }
      int length = (int) INTS.get(bytes, p);
      if (length < 0) {
        throw new IllegalStateException(
            "dictionary entry " + i + " has a negative length " + length);
      }
      starts[i] = p + 4;
      lengths[i] = length;
      p = p + 4 + length; // past the page (or overflowing) only for a damaged page: caught above
    }
    return new PlainStringDictionary(bytes, starts, lengths, end);
  }

  /** How many entries there are. */
  int size() {
    return starts.length;
  }

  /** Entry {@code id} as a string. */
  String get(int id) {
    int start = starts[id];
    int length = lengths[id];
    if (length > end - start) {
      throw new IllegalStateException(
          "dictionary entry "
              + id
              + " of "
              + length
              + " bytes where the page holds "
              + (end - start));
    }
    return ParquetUtf8.decode(bytes, start, length);
  }
}
