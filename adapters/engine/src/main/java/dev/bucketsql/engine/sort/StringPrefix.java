package dev.bucketsql.engine.sort;

/**
 * The first eight bytes of a string, from a given UTF-16 unit on, as a long whose order (signed) is
 * the order {@code Cells.compareObjects} gives strings: by Unicode code point, every surrogate
 * after every other unit.
 *
 * <p>Each unit is encoded alone, so that a prefix can start at any unit, a surrogate pair split or
 * not: a unit below U+D800 or above U+DFFF as its UTF-8 bytes (1 to 3, lead bytes up to 0xEF), a
 * surrogate as two bytes, 0xF0 plus its top three bits above U+D800, then its low eight bits. No
 * unit's bytes begin another's and the lead bytes rise with the units, so the bytes of two strings
 * order as their units do; a string that ends is padded with zero bytes, which sorts it before any
 * longer string it begins (or ties with one that goes on with U+0000 units). Two strings whose
 * prefixes differ order as the prefixes; equal prefixes say nothing beyond themselves.
 */
final class StringPrefix {
  /** Bytes of a prefix. */
  static final int BYTES = 8;

  private StringPrefix() {}

  /** The prefix of {@code s} from unit {@code from}, as a signed long in the strings' order. */
  static long of(String s, int from) {
    long word = 0;
    int bytes = 0;
    int n = s.length();
    for (int i = from; i < n && bytes < BYTES; i++) {
      int code = code(s.charAt(i));
      int length = length(s.charAt(i));
      for (int b = length - 1; b >= 0 && bytes < BYTES; b--) {
        word = word << 8 | ((code >>> (8 * b)) & 0xFF);
        bytes++;
      }
    }
    word <<= 8 * (BYTES - bytes);
    // unsigned bytes order as signed longs once the top bit is flipped
    return word ^ Long.MIN_VALUE;
  }

  /**
   * Whether the prefix of {@code s} from {@code from} holds the whole rest of {@code s} with no
   * zero byte: then two such strings with equal prefixes are equal from {@code from} on.
   */
  static boolean whole(String s, int from) {
    int n = s.length();
    if (n - from > BYTES) {
      return false;
    }
    int bytes = 0;
    for (int i = from; i < n; i++) {
      char ch = s.charAt(i);
      if (ch == 0) {
        return false;
      }
      bytes += length(ch);
    }
    return bytes <= BYTES;
  }

  /** The bytes of one unit, big-endian in an int. */
  private static int code(char ch) {
    if (ch < 0x80) {
      return ch;
    }
    if (ch < 0x800) {
      return (0xC0 | ch >>> 6) << 8 | 0x80 | (ch & 0x3F);
    }
    if (Character.isSurrogate(ch)) {
      int x = ch - Character.MIN_SURROGATE;
      return (0xF0 | x >>> 8) << 8 | (x & 0xFF);
    }
    return (0xE0 | ch >>> 12) << 16 | (0x80 | (ch >>> 6) & 0x3F) << 8 | 0x80 | (ch & 0x3F);
  }

  private static int length(char ch) {
    if (ch < 0x80) {
      return 1;
    }
    if (ch < 0x800 || Character.isSurrogate(ch)) {
      return 2;
    }
    return 3;
  }
}
