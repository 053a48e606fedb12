package dev.bucketsql.csv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Word-at-a-time searches over CSV bytes, and UTF-8 validation of one character: the primitives
 * {@link CsvByteTokenizer} is built from.
 *
 * <p>A search reads eight bytes as one little-endian {@code long} and computes, with a handful of
 * arithmetic operations, a mask whose lowest set high bit marks the first byte that matters. Masks
 * may also flag bytes above the first match (a borrow runs upwards), which callers never look at.
 */
final class CsvBytes {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  static final long ONES = 0x0101010101010101L;
  static final long HIGHS = 0x8080808080808080L;

  /**
   * Bytes below this stop a search, with every non-ASCII byte: the line feed (0x0A) is among them,
   * and so are TAB and other control characters (a rare stop the caller steps over). CR (0x0D) is
   * not, so CR LF line ends cost one stop, at the LF.
   */
  static final long BELOW_LF = ONES * 0x0B;

  /** As {@link #BELOW_LF}, CR included: for objects whose lines end with a CR alone. */
  static final long BELOW_CR = ONES * 0x0E;

  private CsvBytes() {}

  /** The repeated byte {@code b} in every byte of a word, for the searches below. */
  static long broadcast(byte b) {
    return ONES * (b & 0xFF);
  }

  /**
   * The first index in [i, to) holding {@code target} (broadcast), a byte below 0x0B (LF, TAB, ...)
   * or a non-ASCII byte; {@code to} if none.
   */
  static int find(byte[] b, int i, int to, long target) {
    return find(b, i, to, target, BELOW_LF, (byte) 0x0B);
  }

  /**
   * As {@link #find(byte[], int, int, long)}, stopping at bytes below {@code below} ({@link
   * #BELOW_LF} or {@link #BELOW_CR}; {@code belowByte} its byte).
   */
  static int find(byte[] b, int i, int to, long target, long below, byte belowByte) {
    while (i + 16 <= to) {
      long w0 = (long) LONGS.get(b, i);
      long w1 = (long) LONGS.get(b, i + 8);
      long m0 = zeros(w0 ^ target) | controlOrHigh(w0, below);
      long m1 = zeros(w1 ^ target) | controlOrHigh(w1, below);
      if ((m0 | m1) != 0) {
        return m0 != 0
            ? i + (Long.numberOfTrailingZeros(m0) >>> 3)
            : i + 8 + (Long.numberOfTrailingZeros(m1) >>> 3);
      }
      i += 16;
    }
    if (i + 8 <= to) {
      long w = (long) LONGS.get(b, i);
      long m = zeros(w ^ target) | controlOrHigh(w, below);
      if (m != 0) {
        return i + (Long.numberOfTrailingZeros(m) >>> 3);
      }
      i += 8;
    }
    byte t = (byte) target;
    while (i < to) {
      byte c = b[i];
      if (c == t || c < belowByte) {
        return i;
      }
      i++;
    }
    return to;
  }

  /** As {@link #find} with two targets (a quote and a distinct escape). */
  static int find(byte[] b, int i, int to, long target, long other) {
    return find(b, i, to, target, other, BELOW_LF, (byte) 0x0B);
  }

  /** As {@link #find(byte[], int, int, long, long, byte)} with two targets. */
  static int find(byte[] b, int i, int to, long target, long other, long below, byte belowByte) {
    while (i + 8 <= to) {
      long w = (long) LONGS.get(b, i);
      long m = zeros(w ^ target) | zeros(w ^ other) | controlOrHigh(w, below);
      if (m != 0) {
        return i + (Long.numberOfTrailingZeros(m) >>> 3);
      }
      i += 8;
    }
    byte t = (byte) target;
    byte o = (byte) other;
    while (i < to) {
      byte c = b[i];
      if (c == t || c == o || c < belowByte) {
        return i;
      }
      i++;
    }
    return to;
  }

  /** The first index in [i, to) holding {@code value}, or -1. */
  static int indexOf(byte[] b, byte value, int i, int to) {
    long target = broadcast(value);
    while (i + 8 <= to) {
      long m = zeros((long) LONGS.get(b, i) ^ target);
      if (m != 0) {
        return i + (Long.numberOfTrailingZeros(m) >>> 3);
      }
      i += 8;
    }
    while (i < to) {
      if (b[i] == value) {
        return i;
      }
      i++;
    }
    return -1;
  }

  /** High bit set in each byte of {@code x} that is zero (exact for the lowest one). */
  private static long zeros(long x) {
    return (x - ONES) & ~x & HIGHS;
  }

  /**
   * High bit set in each byte below {@code below}'s byte or above 0x7F (exact for the lowest one):
   * the usual "has a byte less than n" test, {@code (x - n) & ~x}, or-ed with {@code x} itself.
   */
  private static long controlOrHigh(long x, long below) {
    return ((x - below) | x) & HIGHS;
  }

  /**
   * The length of the well-formed UTF-8 character at {@code i} (a non-ASCII byte): 2 to 4; 0 when
   * it runs past {@code to}; -1 when malformed (as the JDK's decoder rejects it: overlong forms,
   * surrogates, beyond U+10FFFF).
   */
  static int utf8(byte[] b, int i, int to) {
    int b0 = b[i] & 0xFF;
    if (b0 < 0xC2 || b0 > 0xF4) {
      return -1;
    }
    int n = b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
    int lo = 0x80;
    int hi = 0xBF;
    if (b0 == 0xE0) {
      lo = 0xA0;
    } else if (b0 == 0xED) {
      hi = 0x9F;
    } else if (b0 == 0xF0) {
      lo = 0x90;
    } else if (b0 == 0xF4) {
      hi = 0x8F;
    }
    for (int k = 1; k < n; k++) {
      if (i + k >= to) {
        return 0;
      }
      int c = b[i + k] & 0xFF;
      if (k == 1 ? c < lo || c > hi : (c & 0xC0) != 0x80) {
        return -1;
      }
    }
    return n;
  }

  /**
   * The text of the field {@code b[s, e)} with flags {@code f} ({@link CsvByteTokenizer#F_QUOTED},
   * {@link CsvByteTokenizer#F_ESCAPES}), escapes undone: null when unquoted and empty, "" when
   * quoted and empty.
   */
  static String text(
      byte[] b, int s, int e, byte f, byte quote, byte escape, CsvByteCharset charset) {
    if (s == e) {
      return (f & CsvByteTokenizer.F_QUOTED) != 0 ? "" : null;
    }
    if ((f & CsvByteTokenizer.F_ESCAPES) == 0) {
      return charset.decode(b, s, e - s);
    }
    byte[] out = new byte[e - s];
    int n = 0;
    for (int i = s; i < e; i++) {
      byte c = b[i];
      if (c == escape && i + 1 < e) {
        byte next = b[i + 1];
        if (quote == escape || next == quote || next == escape) {
          c = next;
          i++;
        }
      }
      out[n++] = c;
    }
    return charset.decode(out, 0, n);
  }
}
