package dev.bucketsql.calcite.engine;

import dev.bucketsql.format.SqlStateException;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.linq4j.function.Strict;

/**
 * DuckDB's order of lists, as a byte key whose unsigned order is that order ({@link #key}), so that
 * a sort by a list sorts by its key ({@link DoubleSorts}): element by element, a list that ends
 * first before a longer one ({@code [] < [1] < [1, 2]}), a NULL element after every value ({@code
 * [1, 2] < [1, NULL] < [2] < [NULL]}); numbers by value (doubles in {@link DoubleOrder}'s order),
 * strings by their UTF-8 bytes, lists inside lists the same way. Called by generated code, hence
 * public; {@link Strict}: a NULL list gives NULL, which the sort places itself.
 */
@Strict
public final class ListOrder {
  private static final int END = 0;
  private static final int VALUE = 1;
  private static final int NULL = 2;

  private ListOrder() {}

  /**
   * The key of {@code list}. It is taken as an {@code Object}: for a {@code List} parameter the
   * generated code would convert each element to the list's declared element type, which fails on a
   * NULL element that type says cannot be there (a list read from list text).
   */
  public static ByteString key(Object value) {
    List<?> list = (List<?>) value;
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 + 9 * list.size());
    write(list, out);
    return new ByteString(out.toByteArray());
  }

  private static void write(List<?> list, ByteArrayOutputStream out) {
    for (Object e : list) {
      if (e == null) {
        out.write(NULL);
      } else {
        out.write(VALUE);
        element(e, out);
      }
    }
    out.write(END);
  }

  private static void element(Object e, ByteArrayOutputStream out) {
    if (e instanceof List<?> inner) {
      write(inner, out);
    } else if (e instanceof Double || e instanceof Float) {
      int64(DoubleOrder.key(((Number) e).doubleValue()), out);
    } else if (e instanceof BigDecimal d) {
      decimal(d, out);
    } else if (e instanceof Number n) {
      int64(
          n.longValue(),
          out); // integers, and dates (days) and timestamps (milliseconds) as Calcite holds them
    } else if (e instanceof String s) {
      bytes(s.getBytes(StandardCharsets.UTF_8), out);
    } else if (e instanceof ByteString b) {
      bytes(b.getBytes(), out);
    } else if (e instanceof Boolean b) {
      out.write(b ? 1 : 0);
    } else {
      throw new SqlStateException(
          "0A000",
          "ORDER BY a list of "
              + e.getClass().getSimpleName()
              + " values is not supported; order by an element (l[1]) or by the list's text (array_to_string(l, ','))");
    }
  }

  /** A signed long as 8 bytes whose unsigned order is the signed order. */
  private static void int64(long v, ByteArrayOutputStream out) {
    long flipped = v ^ Long.MIN_VALUE;
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (flipped >>> shift) & 0xFF);
    }
  }

  /**
   * Bytes ending in {@code 0x00 0x00}, a zero byte inside written as {@code 0x00 0xFF}: a value
   * that is a prefix of another comes first, as in a byte-wise comparison.
   */
  private static void bytes(byte[] bytes, ByteArrayOutputStream out) {
    for (byte b : bytes) {
      out.write(b);
      if (b == 0) {
        out.write(0xFF);
      }
    }
    out.write(0);
    out.write(0);
  }

  /**
   * A decimal by value whatever its scale: a sign byte, then for a positive value its decimal
   * exponent and its digits (no trailing zeros) ending in a zero byte; a negative value has the
   * bytes of its magnitude inverted, so that a larger magnitude comes first.
   */
  private static void decimal(BigDecimal d, ByteArrayOutputStream out) {
    int sign = d.signum();
    out.write(sign + 1);
    if (sign == 0) {
      return;
    }
    BigDecimal magnitude = d.abs().stripTrailingZeros();
    int exponent = magnitude.precision() - magnitude.scale() - 1;
    String digits = magnitude.unscaledValue().toString();
    byte[] b = new byte[4 + digits.length() + 1];
    int flipped = exponent ^ Integer.MIN_VALUE;
    for (int i = 0; i < 4; i++) {
      b[i] = (byte) (flipped >>> (24 - 8 * i));
    }
    for (int i = 0; i < digits.length(); i++) {
      b[4 + i] = (byte) digits.charAt(i);
    }
    for (byte x : b) {
      out.write(sign > 0 ? x : ~x);
    }
  }
}
