package dev.bucketsql.engine;

import dev.bucketsql.engine.memory.MemoryLimit;
import dev.bucketsql.format.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Random rows for operator tests, and the plain row-at-a-time rules the references use: values from
 * small domains (so keys repeat), NULLs, extremes (Long.MIN_VALUE, NaN, -0.0, infinities), strings
 * with non-ASCII and supplementary characters, decimals of different scales.
 */
public final class TestData {
  /** Batch sizes that cross batch boundaries at odd places. */
  public static final int[] BATCH_SIZES = {1, 3, 7, 64};

  private static final String[] STRINGS = {
    "", "a", "A", "b", "ab", "é", "e\u0301", "日本", "日本語", "\uD83D\uDE00", "\uFFFD", "z", "Zürich"
  };
  private static final double[] DOUBLES = {
    0.0,
    -0.0,
    1.5,
    -1.5,
    2.0,
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    Double.MAX_VALUE,
    -Double.MAX_VALUE,
    Double.MIN_VALUE,
    1e-300,
    3.25
  };
  private static final long[] LONGS = {
    0,
    1,
    -1,
    2,
    7,
    42,
    Long.MAX_VALUE,
    Long.MIN_VALUE,
    Integer.MAX_VALUE,
    Integer.MIN_VALUE,
    1L << 40
  };
  private static final BigDecimal[] DECIMALS = {
    new BigDecimal("1.0"),
    new BigDecimal("1.00"),
    new BigDecimal("-2.50"),
    new BigDecimal("0"),
    new BigDecimal("0.000"),
    new BigDecimal("12345678901234567890.123"),
    new BigDecimal("3")
  };

  private TestData() {}

  /** A context with a generous memory limit and batches of {@code batchSize}. */
  public static ExecContext context(int batchSize) {
    return new ExecContext(
        new MemoryLimit(1L << 30, MemoryLimit.QUERY_MEMORY), batchSize, () -> false);
  }

  /** {@code count} random rows of {@code types}; about {@code nullPercent}% of values are NULL. */
  public static List<Object[]> rows(
      Random random, List<ColumnType> types, int count, int nullPercent) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Object[] row = new Object[types.size()];
      for (int c = 0; c < row.length; c++) {
        row[c] = random.nextInt(100) < nullPercent ? null : value(random, types.get(c));
      }
      rows.add(row);
    }
    return rows;
  }

  /** A random non-null value of {@code type}, from a small domain with extremes. */
  public static Object value(Random random, ColumnType type) {
    return switch (type) {
      case BOOLEAN -> random.nextBoolean();
      case INTEGER -> random.nextInt(8) - 3;
      case BIGINT ->
          random.nextInt(4) == 0 ? LONGS[random.nextInt(LONGS.length)] : (long) random.nextInt(20);
      case DOUBLE -> DOUBLES[random.nextInt(DOUBLES.length)];
      case VARCHAR -> STRINGS[random.nextInt(STRINGS.length)];
      case DECIMAL -> DECIMALS[random.nextInt(DECIMALS.length)];
      default -> throw new IllegalArgumentException("no test values of " + type);
    };
  }

  /** An operator over {@code rows}. */
  public static Operator source(List<ColumnType> types, List<Object[]> rows, int batchSize) {
    return Rows.source(types, rows.iterator(), batchSize);
  }

  /** SQL equality of two non-null values of the same type, written out plainly. */
  public static boolean sqlEquals(Object a, Object b) {
    if (a instanceof Double x && b instanceof Double y) {
      return x.doubleValue() == y.doubleValue() || (x.isNaN() && y.isNaN());
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    return a.equals(b);
  }

  /** A key equal for SQL-equal values: used by references to group rows. */
  public static Object keyOf(Object v) {
    if (v instanceof Double d) {
      return d == 0.0 ? "d0" : d.isNaN() ? "dNaN" : "d" + d;
    }
    if (v instanceof BigDecimal d) {
      return "m" + d.stripTrailingZeros().toPlainString();
    }
    return v;
  }

  /** SQL order of two non-null values: NaN last, -0.0 = 0.0, strings by code point. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static int sqlCompare(Object a, Object b) {
    if (a instanceof Double x && b instanceof Double y) {
      return x.doubleValue() == y.doubleValue() ? 0 : Double.compare(x, y);
    }
    if (a instanceof String x && b instanceof String y) {
      return Arrays.compare(x.codePoints().toArray(), y.codePoints().toArray());
    }
    return ((Comparable) a).compareTo(b);
  }

  /** The rows as canonical strings, sorted: a multiset to compare where order is not defined. */
  public static List<String> multiset(List<Object[]> rows) {
    List<String> s = new ArrayList<>();
    for (Object[] r : rows) {
      s.add(Arrays.deepToString(r));
    }
    s.sort(Comparator.naturalOrder());
    return s;
  }

  /** The rows as canonical strings in their order. */
  public static List<String> sequence(List<Object[]> rows) {
    List<String> s = new ArrayList<>();
    for (Object[] r : rows) {
      s.add(Arrays.deepToString(r));
    }
    return s;
  }
}
