package dev.bucketsql.csv;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the byte-level reader turns a field's bytes into text: UTF-8, a single-byte charset whose
 * bytes 0x00-0x7F are ASCII (ISO-8859-x, windows-125x, KOI8-R, ...), or any other charset through
 * UTF-8 text transcoded from it ({@link CsvTranscoder}).
 *
 * <p>Records are found on the bytes, since the delimiter, quote, escape and line breaks are ASCII
 * and, in UTF-8 and these single-byte charsets, no other character has an ASCII byte. Only the
 * making of a string differs: for a single-byte charset, a 256-entry table built once from the
 * JDK's strict decoder, which also says which bytes the charset leaves unmapped (they fail the scan
 * as the decoder would). Other charsets (UTF-16, UTF-32, multi-byte Asian charsets whose second
 * bytes can be ASCII, EBCDIC) cannot be tokenized on their own bytes: their objects are transcoded
 * to UTF-8 as they stream, and the reader then sees UTF-8 ({@link #transcoded()}).
 */
final class CsvByteCharset {
  /** UTF-8: validated by {@link CsvBytes#utf8}, decoded by the JDK. */
  static final CsvByteCharset UTF8 = new CsvByteCharset(UTF_8, null);

  private static final Map<Charset, CsvByteCharset> CACHE = new ConcurrentHashMap<>();

  /** Marks a byte the charset does not map (never a character of a single-byte table). */
  private static final char UNMAPPED = '\uFFFF';

  private final Charset charset;
  private final char[] table;

  /** Whether the reader sees UTF-8 transcoded from {@link #charset} rather than its own bytes. */
  private final boolean transcoded;

  /** Whether every byte maps to the character of the same number (ISO-8859-1). */
  private final boolean latin1;

  private CsvByteCharset(Charset charset, char[] table) {
    this(charset, table, false);
  }

  private CsvByteCharset(Charset charset, char[] table, boolean transcoded) {
    this.charset = charset;
    this.table = table;
    this.transcoded = transcoded;
    boolean identity = table != null;
    for (int i = 0; identity && i < 256; i++) {
      identity = table[i] == i;
    }
    this.latin1 = identity;
  }

  /**
   * How objects in {@code charset} are read: on their own bytes (UTF-8, single-byte
   * ASCII-compatible), or transcoded to UTF-8 first (every other charset).
   */
  static CsvByteCharset of(Charset charset) {
    if (charset.equals(UTF_8)) {
      return UTF8;
    }
    return CACHE.computeIfAbsent(
        charset, c -> singleByte(c).orElseGet(() -> new CsvByteCharset(c, null, true)));
  }

  private static Optional<CsvByteCharset> singleByte(Charset charset) {
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    // One character per byte at most, or the charset has multi-byte characters.
    if (decoder.maxCharsPerByte() != 1.0f || !singleBytePerChar(charset)) {
      return Optional.empty();
    }
    char[] table = new char[256];
    for (int b = 0; b < 256; b++) {
      decoder.reset();
      try {
        CharBuffer out = decoder.decode(ByteBuffer.wrap(new byte[] {(byte) b}));
        table[b] = out.length() == 1 && out.charAt(0) != UNMAPPED ? out.charAt(0) : UNMAPPED;
      } catch (CharacterCodingException e) {
        table[b] = UNMAPPED;
      }
      if (b < 128 && table[b] != b) {
        return Optional.empty(); // not ASCII-compatible (EBCDIC): syntax bytes would differ
      }
    }
    return Optional.of(new CsvByteCharset(charset, table));
  }

  private static boolean singleBytePerChar(Charset charset) {
    try {
      return charset.canEncode() && charset.newEncoder().maxBytesPerChar() == 1.0f;
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * Whether the reader sees UTF-8 (multi-byte characters validated as they are met): UTF-8 objects
   * and transcoded ones.
   */
  boolean utf8() {
    return table == null;
  }

  /**
   * Whether objects are transcoded to UTF-8 before the reader sees them: their byte offsets are
   * then not those of the object, and they cannot be split into byte ranges.
   */
  boolean transcoded() {
    return transcoded;
  }

  /** The declared charset (the object's). */
  Charset charset() {
    return charset;
  }

  /** The charset of the bytes the reader sees: UTF-8 when transcoded. */
  Charset bytesCharset() {
    return transcoded ? UTF_8 : charset;
  }

  /** The declared charset's name, for messages. */
  String name() {
    return charset.name();
  }

  /** Whether the non-UTF-8 byte {@code b} is a character of this charset. */
  boolean mapped(byte b) {
    return table[b & 0xFF] != UNMAPPED;
  }

  /** The character of the single byte {@code b} (non-UTF-8 charsets; a mapped byte). */
  char charOf(byte b) {
    return table[b & 0xFF];
  }

  /** The text of {@code b[s, s + n)}, already validated. */
  String decode(byte[] b, int s, int n) {
    if (table == null) {
      return new String(b, s, n, UTF_8);
    }
    if (latin1) {
      return new String(b, s, n, ISO_8859_1);
    }
    char[] out = new char[n];
    for (int i = 0; i < n; i++) {
      out[i] = table[b[s + i] & 0xFF];
    }
    return new String(out);
  }
}
