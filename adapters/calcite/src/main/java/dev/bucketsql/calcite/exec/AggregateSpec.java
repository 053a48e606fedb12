package dev.bucketsql.calcite.exec;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.ColumnBatch.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One aggregate call of a fused join-aggregate: COUNT(*), COUNT(x, ...), SUM, $SUM0, MIN or MAX,
 * with its arguments and the representation of its result. {@link #newAccumulator()} makes the
 * per-execution state.
 *
 * @param function what is computed
 * @param args the arguments (none for COUNT(*))
 * @param result the representation of the result, that of the aggregate call's type
 */
public record AggregateSpec(Function function, List<Operand> args, Repr result) {
  /** The aggregate functions the fused operator computes. */
  public enum Function {
    COUNT,
    /** SUM: null for a group without a non-null value. */
    SUM,
    /** $SUM0: 0 for a group without a non-null value. */
    SUM0,
    MIN,
    MAX
  }

  /** Checks the arguments. */
  public AggregateSpec {
    requireNonNull(function, "function is null");
    args = List.copyOf(args);
    requireNonNull(result, "result is null");
  }

  /**
   * This call, or null when the fused operator cannot compute it exactly as Calcite does (for
   * example a DECIMAL sum, or MIN of a type without a natural order here).
   */
  public static @Nullable AggregateSpec of(Function function, List<Operand> args, Repr result) {
    if (function == Function.COUNT) {
      return result.isIntegral() ? new AggregateSpec(function, args, result) : null;
    }
    if (args.size() != 1) {
      return null;
    }
    Repr arg = args.get(0).repr();
    boolean ok =
        switch (function) {
          // an integer sum is a DECIMAL(38,0) (BucketTypeSystem), held as an object (WideSum)
          case SUM, SUM0 ->
              (result == Repr.OBJECT && arg.isIntegral())
                  || (result.kind() == Kind.DOUBLE
                      && arg != Repr.BOOLEAN
                      && arg.kind() != Kind.OBJECT);
          // MIN and MAX of OBJECT values: strings only, checked by the planner side
          default -> arg == result;
        };
    return ok ? new AggregateSpec(function, args, result) : null;
  }

  /** Fresh state for one execution. */
  Accumulator newAccumulator() {
    Operand arg = args.isEmpty() ? null : args.get(0);
    return switch (function) {
      case COUNT -> new Count(args.toArray(new Operand[0]), result);
      case SUM, SUM0 ->
          result.kind() == Kind.DOUBLE
              ? new DoubleSum(arg, result, function == Function.SUM0)
              : new WideSum(arg, result, function == Function.SUM0);
      case MIN, MAX -> {
        boolean max = function == Function.MAX;
        yield switch (result.kind()) {
          case LONG -> new LongExtreme(arg, result, max);
          case DOUBLE -> new DoubleExtreme(arg, result, max);
          default -> new ObjectExtreme(arg, max);
        };
      }
    };
  }

  @Override
  public String toString() {
    String name = function == Function.SUM0 ? "$SUM0" : function.name();
    return name + "(" + String.join(", ", args.stream().map(Object::toString).toList()) + ")";
  }

  /**
   * The running value of one aggregate call for every group. Each kind of call is its own final
   * class with its own {@link #add}, so the fused join's call site sees only the few classes of its
   * query and the loops stay free of boxing; what they share (growth, which groups have a value,
   * boxing results) sits in the abstract classes they extend, off the per-row path.
   */
  abstract static class Accumulator {
    private int allocated;

    /** Makes room for groups {@code 0..groups-1}. */
    final void grow(int groups) {
      if (groups > allocated) {
        int c = capacity(allocated, groups);
        resize(c);
        allocated = c;
      }
    }

    /** Copies the per-group state into arrays of length {@code capacity}. */
    abstract void resize(int capacity);

    /** Adds the joined row {@code f} to group {@code g}. */
    abstract void add(int g, Frame f);

    /**
     * Adds {@code m} joined rows: row i is row {@code probeRows[i]} of the probe side and row
     * {@code buildRows[i]} of the build side (null for a scan without a build side), in group
     * {@code groups[i]}, or group 0 when {@code groups} is null. Calls whose arguments are columns
     * override it with one loop over the columns' arrays.
     */
    void addRows(
        int @Nullable [] groups, int[] probeRows, int @Nullable [] buildRows, int m, Frame f) {
      for (int i = 0; i < m; i++) {
        f.rows[Frame.PROBE] = probeRows[i];
        if (buildRows != null) {
          f.rows[Frame.BUILD] = buildRows[i];
        }
        add(groups == null ? 0 : groups[i], f);
      }
    }

    /** The rows of {@code arg}'s side: {@code probeRows} or {@code buildRows}. */
    static int[] rowsOf(Operand arg, int[] probeRows, int @Nullable [] buildRows) {
      return arg.side() == Frame.PROBE ? probeRows : requireNonNull(buildRows, "build rows");
    }

    /** The result of group {@code g}. */
    abstract @Nullable Object result(int g);

    static int capacity(int current, int groups) {
      int c = Math.max(current, 16);
      while (c < groups) {
        c = c + (c >> 1);
      }
      return c;
    }
  }

  private static final class Count extends Accumulator {
    private final Operand[] args;
    private final Repr result;
    private long[] counts = new long[0];

    Count(Operand[] args, Repr result) {
      this.args = args;
      this.result = result;
    }

    @Override
    void resize(int capacity) {
      counts = Arrays.copyOf(counts, capacity);
    }

    @Override
    void add(int g, Frame f) {
      for (Operand a : args) {
        if (a.isNull(f)) {
          return;
        }
      }
      counts[g]++;
    }

    @Override
    void addRows(
        int @Nullable [] groups, int[] probeRows, int @Nullable [] buildRows, int m, Frame f) {
      if (args.length > 1 || (args.length == 1 && args[0].column() < 0)) {
        super.addRows(groups, probeRows, buildRows, m, f);
        return;
      }
      if (args.length == 0) {
        if (groups == null) {
          counts[0] += m;
        } else {
          for (int i = 0; i < m; i++) {
            counts[groups[i]]++;
          }
        }
        return;
      }
      boolean[] nulls = f.columns[args[0].side()].nulls(args[0].column());
      int[] rows = rowsOf(args[0], probeRows, buildRows);
      for (int i = 0; i < m; i++) {
        if (!nulls[rows[i]]) {
          counts[groups == null ? 0 : groups[i]]++;
        }
      }
    }

    @Override
    Object result(int g) {
      return result.box(counts[g]);
    }
  }

  /**
   * A call of one argument whose groups hold a primitive value, in {@link #longs} or {@link
   * #doubles}, once they have seen a non-null argument; a group that has seen none answers null, or
   * zero for $SUM0.
   */
  private abstract static class ValueAccumulator extends Accumulator {
    final Operand arg;
    final Repr result;
    final boolean zeroWhenEmpty;
    private final boolean inDoubles;
    boolean[] seen = new boolean[0];
    long[] longs = new long[0];
    double[] doubles = new double[0];

    /**
     * @param inDoubles whether the values are kept in {@link #doubles}, else {@link #longs}
     */
    ValueAccumulator(Operand arg, Repr result, boolean zeroWhenEmpty, boolean inDoubles) {
      this.arg = arg;
      this.result = result;
      this.zeroWhenEmpty = zeroWhenEmpty;
      this.inDoubles = inDoubles;
    }

    @Override
    final void resize(int capacity) {
      seen = Arrays.copyOf(seen, capacity);
      if (inDoubles) {
        doubles = Arrays.copyOf(doubles, capacity);
      } else {
        longs = Arrays.copyOf(longs, capacity);
      }
    }

    @Override
    @Nullable Object result(int g) {
      if (!seen[g] && !zeroWhenEmpty) {
        return null;
      }
      return inDoubles ? result.box(doubles[g]) : result.box(longs[g]);
    }
  }

  /**
   * A sum of integers as a DECIMAL(38,0): added in a {@code long} while it fits, the part that does
   * not fit carried in a {@link BigInteger} per group, so the loop stays on primitives and the sum
   * is exact (a group of 2^63 rows of the largest BIGINT still fits 38 digits).
   */
  private static final class WideSum extends ValueAccumulator {
    private BigInteger @Nullable [] carried;

    WideSum(Operand arg, Repr result, boolean zeroWhenEmpty) {
      super(arg, result, zeroWhenEmpty, false);
    }

    @Override
    void add(int g, Frame f) {
      if (!arg.isNull(f)) {
        addValue(g, arg.longValue(f));
        seen[g] = true;
      }
    }

    @Override
    void addRows(
        int @Nullable [] groups, int[] probeRows, int @Nullable [] buildRows, int m, Frame f) {
      int c = arg.column();
      if (c < 0) {
        super.addRows(groups, probeRows, buildRows, m, f);
        return;
      }
      boolean[] nulls = f.columns[arg.side()].nulls(c);
      long[] values = f.columns[arg.side()].longs(c);
      int[] rows = rowsOf(arg, probeRows, buildRows);
      for (int i = 0; i < m; i++) {
        int r = rows[i];
        if (!nulls[r]) {
          int g = groups == null ? 0 : groups[i];
          addValue(g, values[r]);
          seen[g] = true;
        }
      }
    }

    private void addValue(int g, long v) {
      long sum = longs[g];
      long r = sum + v;
      if (((sum ^ r) & (v ^ r)) < 0) {
        carry(g, sum);
        r = v;
      }
      longs[g] = r;
    }

    private void carry(int g, long sum) {
      if (carried == null || carried.length < longs.length) {
        carried = Arrays.copyOf(carried == null ? new BigInteger[0] : carried, longs.length);
      }
      BigInteger c = carried[g];
      carried[g] = (c == null ? BigInteger.ZERO : c).add(BigInteger.valueOf(sum));
    }

    @Override
    @Nullable Object result(int g) {
      if (!seen[g] && !zeroWhenEmpty) {
        return null;
      }
      BigInteger c = carried == null || g >= carried.length ? null : carried[g];
      return c == null
          ? BigDecimal.valueOf(longs[g])
          : new BigDecimal(c.add(BigInteger.valueOf(longs[g])));
    }
  }

  private static final class DoubleSum extends ValueAccumulator {
    private final boolean fromLong;

    DoubleSum(Operand arg, Repr result, boolean zeroWhenEmpty) {
      super(arg, result, zeroWhenEmpty, true);
      this.fromLong = arg.repr().kind() == Kind.LONG;
    }

    @Override
    void add(int g, Frame f) {
      if (!arg.isNull(f)) {
        doubles[g] += fromLong ? arg.longValue(f) : arg.doubleValue(f);
        seen[g] = true;
      }
    }

    /** Adds in row order, one value at a time, so the rounding is that of {@link #add}. */
    @Override
    void addRows(
        int @Nullable [] groups, int[] probeRows, int @Nullable [] buildRows, int m, Frame f) {
      int c = arg.column();
      if (c < 0) {
        super.addRows(groups, probeRows, buildRows, m, f);
        return;
      }
      boolean[] nulls = f.columns[arg.side()].nulls(c);
      int[] rows = rowsOf(arg, probeRows, buildRows);
      long[] longValues = fromLong ? f.columns[arg.side()].longs(c) : null;
      double[] doubleValues = fromLong ? null : f.columns[arg.side()].doubles(c);
      for (int i = 0; i < m; i++) {
        int r = rows[i];
        if (!nulls[r]) {
          int g = groups == null ? 0 : groups[i];
          doubles[g] += fromLong ? longValues[r] : doubleValues[r];
          seen[g] = true;
        }
      }
    }
  }

  private static final class LongExtreme extends ValueAccumulator {
    private final boolean max;

    LongExtreme(Operand arg, Repr result, boolean max) {
      super(arg, result, false, false);
      this.max = max;
    }

    @Override
    void add(int g, Frame f) {
      if (arg.isNull(f)) {
        return;
      }
      long v = arg.longValue(f);
      if (!seen[g] || (max ? v > longs[g] : v < longs[g])) {
        longs[g] = v;
        seen[g] = true;
      }
    }
  }

  private static final class DoubleExtreme extends ValueAccumulator {
    private final boolean max;

    DoubleExtreme(Operand arg, Repr result, boolean max) {
      super(arg, result, false, true);
      this.max = max;
    }

    @Override
    void add(int g, Frame f) {
      if (arg.isNull(f)) {
        return;
      }
      double v = arg.doubleValue(f);
      if (!seen[g]) {
        doubles[g] = v;
        seen[g] = true;
      } else if (max ? greater(v, doubles[g]) : greater(doubles[g], v)) {
        doubles[g] = v;
      }
    }

    /**
     * Whether {@code a} comes after {@code b} in DuckDB's order of doubles: NaN above every number
     * and equal to itself, -0.0 equal to 0.0 (the first seen is kept).
     */
    private static boolean greater(double a, double b) {
      return Double.isNaN(a) ? !Double.isNaN(b) : a > b;
    }
  }

  /** MIN or MAX of strings, by {@link String#compareTo}, as Calcite compares them. */
  private static final class ObjectExtreme extends Accumulator {
    private final Operand arg;
    private final boolean max;
    private Object[] values = new Object[0];

    ObjectExtreme(Operand arg, boolean max) {
      this.arg = arg;
      this.max = max;
    }

    @Override
    void resize(int capacity) {
      values = Arrays.copyOf(values, capacity);
    }

    @Override
    void add(int g, Frame f) {
      if (arg.isNull(f)) {
        return;
      }
      String v = (String) arg.objectValue(f);
      String current = (String) values[g];
      if (current == null || (max ? v.compareTo(current) > 0 : v.compareTo(current) < 0)) {
        values[g] = v;
      }
    }

    @Override
    @Nullable Object result(int g) {
      return values[g];
    }
  }
}
