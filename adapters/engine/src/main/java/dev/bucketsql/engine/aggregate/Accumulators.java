package dev.bucketsql.engine.aggregate;

import dev.bucketsql.engine.Cells;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnBatch.Kind;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.SqlStateException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;

/** The accumulator of each aggregate function and input kind. */
final class Accumulators {
  private Accumulators() {}

  /**
   * The accumulator of {@code call} over input of {@code input} (unused for COUNT(*)), whose
   * columns have the types {@code columns} (for ARG_MIN's and ARG_MAX's ordering column).
   */
  static Accumulator of(AggregateCall call, ColumnType input, List<ColumnType> columns) {
    int c = call.column();
    Kind kind = input == null ? null : Kind.of(input);
    return switch (call.function()) {
      case COUNT_STAR -> new Count(-1);
      case COUNT -> new Count(c);
      case SUM, SUM0 -> {
        boolean zero = call.function() == AggregateCall.Function.SUM0;
        yield switch (call.resultType(input)) {
          case BIGINT -> new LongSum(c, false, zero, call.name());
          case DOUBLE -> new AvgDouble(c, false, zero);
          default -> new Decimal(c, false, zero);
        };
      }
      case AVG ->
          call.resultType(input) == ColumnType.DECIMAL
              ? new Decimal(c, true, false)
              : kind == Kind.LONG
                  ? new LongSum(c, true, false, call.name())
                  : new AvgDouble(c, true, false);
      case MIN, MAX -> {
        Cells.checkComparable(input, "MIN/MAX argument", c);
        yield new Extreme(c, kind, call.function() == AggregateCall.Function.MAX);
      }
      case STRING_AGG, FOLD ->
          // they reserve their values as they grow: the aggregate makes them with its budget
          throw new IllegalArgumentException(call.name() + " is computed by a hash aggregate only");
      case ARG_MIN, ARG_MAX -> {
        ColumnType by = columns.get(call.by());
        if (Kind.of(by) == Kind.DOUBLE
            || (Kind.of(by) == Kind.OBJECT && by != ColumnType.DECIMAL)) {
          // a double's and a string's order differ between SQL's and Java's (NaN, -0.0, code
          // points): only orders every side agrees on
          throw new IllegalArgumentException(
              call.name() + " does not order by a " + by + " column");
        }
        yield new ArgExtreme(
            c, kind, call.by(), Kind.of(by), call.function() == AggregateCall.Function.ARG_MAX);
      }
    };
  }

  /** COUNT(*) (column -1) or COUNT(x). */
  private static final class Count extends Accumulator {
    private final int column;
    private long[] counts = new long[0];

    Count(int column) {
      this.column = column;
    }

    @Override
    void grow(int groups) {
      counts = grown(counts, groups);
    }

    @Override
    long bytesPerGroup() {
      return 12;
    }

    @Override
    void add(ColumnBatch batch, int[] groups, int[] rows, int n) {
      if (column < 0) {
        for (int i = 0; i < n; i++) {
          counts[groups[i]]++;
        }
        return;
      }
      boolean[] nulls = batch.nulls(column);
      for (int i = 0; i < n; i++) {
        if (!nulls[rows[i]]) {
          counts[groups[i]]++;
        }
      }
    }

    @Override
    boolean remove(ColumnBatch batch, int g, int r) {
      if (column < 0 || !batch.nulls(column)[r]) {
        counts[g]--;
      }
      return true;
    }

    @Override
    void reset(int g) {
      counts[g] = 0;
    }

    @Override
    void write(int g, ColumnBatch out, int c, int r) {
      out.nulls(c)[r] = false;
      out.longs(c)[r] = counts[g];
    }
  }

  /** SUM, $SUM0 or AVG of doubles: the sum in input order (from 0.0), and the count. */
  private static final class AvgDouble extends Accumulator {
    private final int column;
    private final boolean average;
    private final boolean zero;
    private double[] sums = new double[0];
    private long[] counts = new long[0];

    AvgDouble(int column, boolean average, boolean zero) {
      this.column = column;
      this.average = average;
      this.zero = zero;
    }

    @Override
    void grow(int groups) {
      sums = grown(sums, groups);
      counts = grown(counts, groups);
    }

    @Override
    long bytesPerGroup() {
      return 24;
    }

    @Override
    void add(ColumnBatch batch, int[] groups, int[] rows, int n) {
      boolean[] nulls = batch.nulls(column);
      double[] values = batch.doubles(column);
      for (int i = 0; i < n; i++) {
        int r = rows[i];
        if (!nulls[r]) {
          sums[groups[i]] += values[r];
          counts[groups[i]]++;
        }
      }
    }

    @Override
    void reset(int g) {
      sums[g] = 0;
      counts[g] = 0;
    }

    @Override
    void write(int g, ColumnBatch out, int c, int r) {
      out.nulls(c)[r] = counts[g] == 0 && !zero;
      out.doubles(c)[r] = average && counts[g] > 0 ? sums[g] / counts[g] : sums[g];
    }
  }

  /**
   * SUM or AVG of integral values: the sum in a long while it fits, else exactly in a BigInteger,
   * so an intermediate overflow that later sums back into range is no error. A SUM whose result is
   * out of BIGINT's range fails, naming the call and the sum; an AVG divides as a double.
   */
  private static final class LongSum extends Accumulator {
    private final int column;
    private final boolean average;
    private final boolean zero;
    private final String name;
    private long[] sums = new long[0];
    private long[] counts = new long[0];
    private BigInteger[] big = new BigInteger[0];

    LongSum(int column, boolean average, boolean zero, String name) {
      this.column = column;
      this.average = average;
      this.zero = zero;
      this.name = name;
    }

    @Override
    void grow(int groups) {
      sums = grown(sums, groups);
      counts = grown(counts, groups);
      big = grown(big, groups);
    }

    @Override
    long bytesPerGroup() {
      return 32;
    }

    @Override
    void add(ColumnBatch batch, int[] groups, int[] rows, int n) {
      boolean[] nulls = batch.nulls(column);
      long[] values = batch.longs(column);
      for (int i = 0; i < n; i++) {
        int r = rows[i];
        if (nulls[r]) {
          continue;
        }
        int g = groups[i];
        long v = values[r];
        counts[g]++;
        if (big[g] != null) {
          big[g] = big[g].add(BigInteger.valueOf(v));
          continue;
        }
        long s = sums[g];
        long t = s + v;
        if (((s ^ t) & (v ^ t)) < 0) {
          big[g] = BigInteger.valueOf(s).add(BigInteger.valueOf(v));
        } else {
          sums[g] = t;
        }
      }
    }

    @Override
    boolean remove(ColumnBatch batch, int g, int r) {
      if (batch.nulls(column)[r]) {
        return true;
      }
      long v = batch.longs(column)[r];
      counts[g]--;
      if (big[g] != null) {
        // back in a long once the sum fits again: exact either way, the long is faster
        BigInteger b = big[g].subtract(BigInteger.valueOf(v));
        big[g] = b.bitLength() > 63 ? b : null;
        sums[g] = b.longValue();
        return true;
      }
      long s = sums[g];
      long t = s - v;
      if (((s ^ v) & (s ^ t)) < 0) {
        big[g] = BigInteger.valueOf(s).subtract(BigInteger.valueOf(v));
      } else {
        sums[g] = t;
      }
      return true;
    }

    @Override
    void reset(int g) {
      sums[g] = 0;
      counts[g] = 0;
      big[g] = null;
    }

    @Override
    void write(int g, ColumnBatch out, int c, int r) {
      boolean empty = counts[g] == 0;
      out.nulls(c)[r] = empty && !zero;
      if (average) {
        double sum = big[g] != null ? big[g].doubleValue() : (double) sums[g];
        out.doubles(c)[r] = empty ? 0 : sum / counts[g];
        return;
      }
      if (big[g] != null && big[g].bitLength() > 63) {
        throw new SqlStateException(
            SqlStateException.NUMERIC_OUT_OF_RANGE,
            name
                + " = "
                + big[g]
                + " is out of range for BIGINT ["
                + Long.MIN_VALUE
                + ", "
                + Long.MAX_VALUE
                + "]; cast the argument to DECIMAL to sum it exactly");
      }
      out.longs(c)[r] = big[g] != null ? big[g].longValue() : sums[g];
    }
  }

  /**
   * SUM or AVG of decimals, exactly; AVG divides to 34 significant digits. A sum's scale is the
   * largest of its values' scales (1.0 + 1.00 is 2.00), so a group also counts its values of that
   * scale: a value removed leaves the sum's scale right while one of them stays.
   *
   * <p>Values that arrive as unscaled longs of one scale ({@link ColumnBatch#decimalScale}) are
   * summed in a {@code long} per group, checked for overflow, and joined to the {@code BigDecimal}
   * part only when the group is written: no {@code BigDecimal} per row. An overflowing long moves
   * into the {@code BigDecimal} part and starts again; a batch of another scale moves every group's
   * long there first. Both parts are exact, so the answer is the one the objects alone give.
   */
  private static final class Decimal extends Accumulator {
    private final int column;
    private final boolean average;
    private final boolean zero;
    private BigDecimal[] sums = new BigDecimal[0];
    private long[] counts = new long[0];

    /** Per group, how many of its values have the sum's scale. */
    private long[] atScale = new long[0];

    /** Per group, the unscaled sum of the values that came as longs, at {@link #longScale}. */
    private long[] longSums = new long[0];

    private boolean[] hasLongSum = new boolean[0];
    private int longScale = ColumnBatch.OBJECTS;
    private int groups;

    Decimal(int column, boolean average, boolean zero) {
      this.column = column;
      this.average = average;
      this.zero = zero;
    }

    @Override
    void grow(int groups) {
      sums = grown(sums, groups);
      counts = grown(counts, groups);
      atScale = grown(atScale, groups);
      longSums = grown(longSums, groups);
      hasLongSum = grown(hasLongSum, groups);
      this.groups = Math.max(this.groups, groups);
    }

    @Override
    long bytesPerGroup() {
      return 12 + 64 + 12 + 12 + 12 + 2;
    }

    @Override
    void add(ColumnBatch batch, int[] groups, int[] rows, int n) {
      boolean[] nulls = batch.nulls(column);
      int scale = batch.decimalScale(column);
      if (scale != ColumnBatch.OBJECTS) {
        addLongs(batch.decimalLongs(column), nulls, scale, groups, rows, n);
        return;
      }
      Object[] values = batch.objects(column);
      for (int i = 0; i < n; i++) {
        int r = rows[i];
        if (!nulls[r]) {
          int g = groups[i];
          BigDecimal v = (BigDecimal) values[r];
          countScale(g, v.scale());
          BigDecimal s = sums[g];
          sums[g] = s == null ? v : s.add(v);
          counts[g]++;
        }
      }
    }

    private void addLongs(
        long[] values, boolean[] nulls, int scale, int[] groups, int[] rows, int n) {
      if (scale != longScale) {
        for (int g = 0; g < this.groups && g < hasLongSum.length; g++) {
          flush(g);
        }
        longScale = scale;
      }
      for (int i = 0; i < n; i++) {
        int r = rows[i];
        if (!nulls[r]) {
          int g = groups[i];
          long v = values[r];
          countScale(g, scale);
          if (hasLongSum[g]) {
            long a = longSums[g];
            long sum = a + v;
            if (((a ^ sum) & (v ^ sum)) < 0) {
              flush(g);
              longSums[g] = v;
              hasLongSum[g] = true;
            } else {
              longSums[g] = sum;
            }
          } else {
            longSums[g] = v;
            hasLongSum[g] = true;
          }
          counts[g]++;
        }
      }
    }

    /** Moves group {@code g}'s long part into its {@code BigDecimal} part. */
    private void flush(int g) {
      if (hasLongSum[g]) {
        BigDecimal v = BigDecimal.valueOf(longSums[g], longScale);
        sums[g] = sums[g] == null ? v : sums[g].add(v);
        hasLongSum[g] = false;
        longSums[g] = 0;
      }
    }

    /** Counts a value of {@code scale} added to group {@code g} against the sum's scale. */
    private void countScale(int g, int scale) {
      int sumScale = sumScale(g);
      atScale[g] = scale > sumScale ? 1 : scale == sumScale ? atScale[g] + 1 : atScale[g];
    }

    private int sumScale(int g) {
      int scale = sums[g] == null ? Integer.MIN_VALUE : sums[g].scale();
      return hasLongSum[g] ? Math.max(scale, longScale) : scale;
    }

    @Override
    boolean remove(ColumnBatch batch, int g, int r) {
      if (batch.nulls(column)[r]) {
        return true;
      }
      BigDecimal v = (BigDecimal) batch.objects(column)[r];
      counts[g]--;
      if (counts[g] == 0) {
        reset(g);
        return true;
      }
      if (v.scale() == sumScale(g) && --atScale[g] == 0) {
        // the sum's scale came from the value leaving: the others' largest scale is not known
        return false;
      }
      sums[g] = sums[g] == null ? v.negate() : sums[g].subtract(v);
      return true;
    }

    @Override
    void reset(int g) {
      sums[g] = null;
      counts[g] = 0;
      atScale[g] = 0;
      longSums[g] = 0;
      hasLongSum[g] = false;
    }

    @Override
    void write(int g, ColumnBatch out, int c, int r) {
      out.nulls(c)[r] = counts[g] == 0 && !zero;
      BigDecimal sum = null;
      if (counts[g] != 0) {
        sum = sums[g];
        if (hasLongSum[g]) {
          BigDecimal v = BigDecimal.valueOf(longSums[g], longScale);
          sum = sum == null ? v : sum.add(v);
        }
      }
      out.objects(c)[r] =
          counts[g] == 0
              ? (zero ? BigDecimal.ZERO : null)
              : average ? sum.divide(BigDecimal.valueOf(counts[g]), MathContext.DECIMAL128) : sum;
    }
  }

  /** MIN or MAX in the input's own representation, ordered as {@link Cells} orders. */
  private static final class Extreme extends Accumulator {
    private final int column;
    private final Kind kind;
    private final boolean max;
    private final GroupValues values;
    private boolean[] seen = new boolean[0];

    Extreme(int column, Kind kind, boolean max) {
      this.column = column;
      this.kind = kind;
      this.max = max;
      this.values = new GroupValues(kind);
    }

    @Override
    void grow(int groups) {
      seen = grown(seen, groups);
      values.grow(groups);
    }

    @Override
    long bytesPerGroup() {
      return 2 + values.bytesPerGroup();
    }

    @Override
    void add(ColumnBatch batch, int[] groups, int[] rows, int n) {
      boolean[] nulls = batch.nulls(column);
      for (int i = 0; i < n; i++) {
        int r = rows[i];
        if (nulls[r]) {
          continue;
        }
        int g = groups[i];
        boolean take =
            !seen[g]
                || switch (kind) {
                  case LONG -> {
                    long v = batch.longs(column)[r];
                    yield max ? v > values.longAt(g) : v < values.longAt(g);
                  }
                  case DOUBLE ->
                      better(Cells.compareDoubles(batch.doubles(column)[r], values.doubleAt(g)));
                  default ->
                      better(Cells.compareObjects(batch.objects(column)[r], values.objectAt(g)));
                };
        seen[g] = true;
        if (take) {
          values.set(g, batch, column, r);
        }
      }
    }

    private boolean better(int cmp) {
      return max ? cmp > 0 : cmp < 0;
    }

    @Override
    void reset(int g) {
      seen[g] = false;
      values.clear(g);
    }

    @Override
    void write(int g, ColumnBatch out, int c, int r) {
      values.write(g, seen[g], out, c, r);
    }
  }

  /**
   * ARG_MIN or ARG_MAX: per group, the value of the first row with the smallest (largest) ordering
   * value, among the rows where neither is NULL (a later row replaces it only when strictly smaller
   * or larger). Orders integral, BOOLEAN, date and time values as longs and decimals by value.
   */
  private static final class ArgExtreme extends Accumulator {
    private final int column;
    private final int by;
    private final Kind byKind;
    private final boolean max;
    private final GroupValues values;
    private final GroupValues orders;
    private boolean[] seen = new boolean[0];

    ArgExtreme(int column, Kind kind, int by, Kind byKind, boolean max) {
      this.column = column;
      this.by = by;
      this.byKind = byKind;
      this.max = max;
      this.values = new GroupValues(kind);
      this.orders = new GroupValues(byKind);
    }

    @Override
    void grow(int groups) {
      seen = grown(seen, groups);
      values.grow(groups);
      orders.grow(groups);
    }

    @Override
    long bytesPerGroup() {
      return 2 + values.bytesPerGroup() + orders.bytesPerGroup();
    }

    @Override
    void add(ColumnBatch batch, int[] groups, int[] rows, int n) {
      boolean[] nulls = batch.nulls(column);
      boolean[] byNulls = batch.nulls(by);
      for (int i = 0; i < n; i++) {
        int r = rows[i];
        if (nulls[r] || byNulls[r]) {
          continue;
        }
        int g = groups[i];
        boolean better;
        if (!seen[g]) {
          better = true;
        } else if (byKind == Kind.LONG) {
          long v = batch.longs(by)[r];
          better = max ? v > orders.longAt(g) : v < orders.longAt(g);
        } else {
          int cmp = ((BigDecimal) batch.objects(by)[r]).compareTo((BigDecimal) orders.objectAt(g));
          better = max ? cmp > 0 : cmp < 0;
        }
        if (better) {
          seen[g] = true;
          orders.set(g, batch, by, r);
          values.set(g, batch, column, r);
        }
      }
    }

    @Override
    void reset(int g) {
      seen[g] = false;
      orders.clear(g);
      values.clear(g);
    }

    @Override
    void write(int g, ColumnBatch out, int c, int r) {
      values.write(g, seen[g], out, c, r);
    }
  }
}
