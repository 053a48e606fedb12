package dev.bucketsql.engine;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnBatch.Kind;
import dev.bucketsql.format.ColumnType;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Value rules every operator shares: how a cell is copied, how two values of a column order, how a
 * key value is normalized so that SQL-equal values hash and compare equal, and what a value costs
 * in memory.
 */
public final class Cells {
  private Cells() {}

  /**
   * Copies cell ({@code fc}, {@code fr}) of {@code from} to ({@code tc}, {@code tr}) of {@code to}.
   */
  public static void copy(ColumnBatch from, int fc, int fr, ColumnBatch to, int tc, int tr) {
    boolean isNull = from.nulls(fc)[fr];
    to.nulls(tc)[tr] = isNull;
    switch (to.kind(tc)) {
      case LONG -> to.longs(tc)[tr] = isNull ? 0 : from.longs(fc)[fr];
      case DOUBLE -> to.doubles(tc)[tr] = isNull ? 0 : from.doubles(fc)[fr];
      default -> to.objects(tc)[tr] = isNull ? null : from.objects(fc)[fr];
    }
  }

  /**
   * Copies column {@code fc}'s rows {@code rows[0, n)} of {@code from} to rows {@code toRow} on of
   * column {@code tc} of {@code to}, as {@link #copy} would one at a time, a column at a time.
   */
  public static void gather(
      ColumnBatch from, int fc, int[] rows, int n, ColumnBatch to, int tc, int toRow) {
    boolean[] fromNulls = from.nulls(fc);
    boolean[] toNulls = to.nulls(tc);
    for (int i = 0; i < n; i++) {
      toNulls[toRow + i] = fromNulls[rows[i]];
    }
    switch (to.kind(tc)) {
      case LONG -> {
        long[] f = from.longs(fc);
        long[] t = to.longs(tc);
        for (int i = 0; i < n; i++) {
          int r = rows[i];
          t[toRow + i] = fromNulls[r] ? 0 : f[r];
        }
      }
      case DOUBLE -> {
        double[] f = from.doubles(fc);
        double[] t = to.doubles(tc);
        for (int i = 0; i < n; i++) {
          int r = rows[i];
          t[toRow + i] = fromNulls[r] ? 0 : f[r];
        }
      }
      default -> {
        Object[] f = from.objects(fc);
        Object[] t = to.objects(tc);
        for (int i = 0; i < n; i++) {
          int r = rows[i];
          t[toRow + i] = fromNulls[r] ? null : f[r];
        }
      }
    }
  }

  /** Sets cell ({@code c}, {@code r}) of {@code to} to NULL. */
  public static void setNull(ColumnBatch to, int c, int r) {
    to.nulls(c)[r] = true;
    if (to.kind(c) == Kind.OBJECT) {
      to.objects(c)[r] = null;
    }
  }

  /**
   * Whether the engine can order and hash values of {@code type}: every type but the nested ones
   * (ARRAY, MAP, ROW), whose order SQL does not define the same way everywhere.
   */
  public static boolean isComparable(ColumnType type) {
    return !type.isNested();
  }

  /** Fails with a clear message when a key or sort column has a type the engine cannot compare. */
  public static void checkComparable(ColumnType type, String role, int column) {
    if (!isComparable(type)) {
      throw new IllegalArgumentException(
          role + " column " + column + " has type " + type + ", which the engine cannot compare");
    }
  }

  /**
   * SQL's order of two non-null doubles: -0.0 equals 0.0, NaN equals NaN and is greater than every
   * other value (as PostgreSQL and DuckDB order it).
   */
  public static int compareDoubles(double a, double b) {
    if (a < b) {
      return -1;
    }
    if (a > b) {
      return 1;
    }
    if (a == b) {
      return 0;
    }
    boolean an = Double.isNaN(a);
    boolean bn = Double.isNaN(b);
    return an == bn ? 0 : an ? 1 : -1;
  }

  /**
   * The order of two non-null values of an OBJECT column: strings by Unicode code point (the order
   * of their UTF-8 bytes, as DuckDB compares), binary by unsigned bytes, decimals by value.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static int compareObjects(Object a, Object b) {
    if (a instanceof String s && b instanceof String t) {
      return compareCodePoints(s, t);
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.compareUnsigned(x, y);
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y);
    }
    return ((Comparable) a).compareTo(b);
  }

  /**
   * Whether two non-null values of one comparable type are SQL-equal: {@link #compareObjects} is 0.
   * Strings are equal when their characters are, so {@link String#equals} (the JVM's intrinsic)
   * decides them without ordering them.
   */
  public static boolean equalObjects(Object a, Object b) {
    if (a instanceof String s && b instanceof String t) {
      return s.equals(t);
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    return compareObjects(a, b) == 0;
  }

  private static int compareCodePoints(String s, String t) {
    int n = Math.min(s.length(), t.length());
    for (int i = 0; i < n; i++) {
      char a = s.charAt(i);
      char b = t.charAt(i);
      if (a != b) {
        // a surrogate (a code point above U+FFFF) sorts after every other UTF-16 unit
        boolean as = Character.isSurrogate(a);
        boolean bs = Character.isSurrogate(b);
        if (as != bs) {
          return as ? 1 : -1;
        }
        return Character.compare(a, b);
      }
    }
    return Integer.compare(s.length(), t.length());
  }

  /** A double as a key: -0.0 as 0.0 and every NaN as one NaN, so SQL-equal values are equal. */
  public static double normalize(double d) {
    return d == 0.0 ? 0.0 : Double.isNaN(d) ? Double.NaN : d;
  }

  /**
   * A double as a key's bits: {@link #normalize(double)}'s value, so SQL-equal doubles (-0.0 and
   * 0.0, every NaN) have one {@code long}.
   */
  public static long keyBits(double d) {
    return Double.doubleToLongBits(normalize(d));
  }

  /** An object as a key: a decimal without trailing zeros, so 1.0 and 1.00 are one key. */
  public static Object normalize(Object o) {
    return o instanceof BigDecimal d ? d.stripTrailingZeros() : o;
  }

  /**
   * The estimated bytes of a batch held in memory (a shared subplan's result, an exchange's queue):
   * 9 per cell, and the content of object cells.
   */
  public static long batchBytes(ColumnBatch b) {
    int n = b.size();
    long bytes = 64 + 9L * n * b.columnCount();
    for (int c = 0; c < b.columnCount(); c++) {
      if (b.kind(c) == Kind.OBJECT) {
        // every value held counts, even one a NULL flag hides
        bytes += objectBytes(b.objects(c), null, 0, n);
      }
    }
    return bytes;
  }

  /**
   * The estimated bytes ({@link #bytesOf}) of the non-null values of rows {@code from} to {@code
   * from + count - 1} of one OBJECT column, those a NULL flag of {@code nulls} marks aside (every
   * non-null reference counts when {@code nulls} is null): each value is read once, its header for
   * a string's length.
   */
  public static long objectBytes(Object[] values, boolean[] nulls, int from, int count) {
    long bytes = 0;
    for (int r = from; r < from + count; r++) {
      Object v = values[r];
      if (v != null && (nulls == null || !nulls[r])) {
        bytes += bytesOf(v);
      }
    }
    return bytes;
  }

  /** The estimated bytes of a non-null object value: its header and content. */
  public static long bytesOf(Object o) {
    if (o instanceof String s) {
      return 40 + 2L * s.length();
    }
    if (o instanceof byte[] b) {
      return 16 + b.length;
    }
    return o instanceof BigDecimal ? 64 : 48;
  }
}
