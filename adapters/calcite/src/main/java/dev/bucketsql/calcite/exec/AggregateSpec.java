package dev.bucketsql.calcite.exec;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.ColumnBatch.Kind;
import java.util.Arrays;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One aggregate call of a fused join-aggregate: COUNT(*), COUNT(x, ...), SUM, $SUM0, MIN or
 * MAX, with its arguments and the representation of its result. {@link #newAccumulator()}
 * makes the per-execution state.
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
          case SUM, SUM0 ->
              (result.isIntegral() && arg.isIntegral())
                  || (result.kind() == Kind.DOUBLE && arg != Repr.BOOLEAN && arg.kind() != Kind.OBJECT);
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
          result.kind() == Kind.LONG
              ? new LongSum(arg, result, function == Function.SUM0)
              : new DoubleSum(arg, result, function == Function.SUM0);
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

  /** The running value of one aggregate call for every group. */
  abstract static class Accumulator {
    /** Makes room for groups {@code 0..groups-1}. */
    abstract void grow(int groups);

    /** Adds the joined row {@code f} to group {@code g}. */
    abstract void add(int g, Frame f);

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
    void grow(int groups) {
      if (groups > counts.length) {
        counts = Arrays.copyOf(counts, capacity(counts.length, groups));
      }
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
    Object result(int g) {
      return result.box(counts[g]);
    }
  }

  private static final class LongSum extends Accumulator {
    private final Operand arg;
    private final Repr result;
    private final boolean zeroWhenEmpty;
    private long[] sums = new long[0];
    private boolean[] seen = new boolean[0];

    LongSum(Operand arg, Repr result, boolean zeroWhenEmpty) {
      this.arg = arg;
      this.result = result;
      this.zeroWhenEmpty = zeroWhenEmpty;
    }

    @Override
    void grow(int groups) {
      if (groups > sums.length) {
        int c = capacity(sums.length, groups);
        sums = Arrays.copyOf(sums, c);
        seen = Arrays.copyOf(seen, c);
      }
    }

    @Override
    void add(int g, Frame f) {
      if (!arg.isNull(f)) {
        sums[g] += arg.longValue(f);
        seen[g] = true;
      }
    }

    @Override
    @Nullable Object result(int g) {
      return seen[g] || zeroWhenEmpty ? result.box(sums[g]) : null;
    }
  }

  private static final class DoubleSum extends Accumulator {
    private final Operand arg;
    private final Repr result;
    private final boolean zeroWhenEmpty;
    private final boolean fromLong;
    private double[] sums = new double[0];
    private boolean[] seen = new boolean[0];

    DoubleSum(Operand arg, Repr result, boolean zeroWhenEmpty) {
      this.arg = arg;
      this.result = result;
      this.zeroWhenEmpty = zeroWhenEmpty;
      this.fromLong = arg.repr().kind() == Kind.LONG;
    }

    @Override
    void grow(int groups) {
      if (groups > sums.length) {
        int c = capacity(sums.length, groups);
        sums = Arrays.copyOf(sums, c);
        seen = Arrays.copyOf(seen, c);
      }
    }

    @Override
    void add(int g, Frame f) {
      if (!arg.isNull(f)) {
        sums[g] += fromLong ? arg.longValue(f) : arg.doubleValue(f);
        seen[g] = true;
      }
    }

    @Override
    @Nullable Object result(int g) {
      return seen[g] || zeroWhenEmpty ? result.box(sums[g]) : null;
    }
  }

  private static final class LongExtreme extends Accumulator {
    private final Operand arg;
    private final Repr result;
    private final boolean max;
    private long[] values = new long[0];
    private boolean[] seen = new boolean[0];

    LongExtreme(Operand arg, Repr result, boolean max) {
      this.arg = arg;
      this.result = result;
      this.max = max;
    }

    @Override
    void grow(int groups) {
      if (groups > values.length) {
        int c = capacity(values.length, groups);
        values = Arrays.copyOf(values, c);
        seen = Arrays.copyOf(seen, c);
      }
    }

    @Override
    void add(int g, Frame f) {
      if (arg.isNull(f)) {
        return;
      }
      long v = arg.longValue(f);
      if (!seen[g] || (max ? v > values[g] : v < values[g])) {
        values[g] = v;
        seen[g] = true;
      }
    }

    @Override
    @Nullable Object result(int g) {
      return seen[g] ? result.box(values[g]) : null;
    }
  }

  private static final class DoubleExtreme extends Accumulator {
    private final Operand arg;
    private final Repr result;
    private final boolean max;
    private double[] values = new double[0];
    private boolean[] seen = new boolean[0];

    DoubleExtreme(Operand arg, Repr result, boolean max) {
      this.arg = arg;
      this.result = result;
      this.max = max;
    }

    @Override
    void grow(int groups) {
      if (groups > values.length) {
        int c = capacity(values.length, groups);
        values = Arrays.copyOf(values, c);
        seen = Arrays.copyOf(seen, c);
      }
    }

    @Override
    void add(int g, Frame f) {
      if (arg.isNull(f)) {
        return;
      }
      double v = arg.doubleValue(f);
      if (!seen[g]) {
        values[g] = v;
        seen[g] = true;
      } else {
        values[g] = max ? Math.max(values[g], v) : Math.min(values[g], v);
      }
    }

    @Override
    @Nullable Object result(int g) {
      return seen[g] ? result.box(values[g]) : null;
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
    void grow(int groups) {
      if (groups > values.length) {
        values = Arrays.copyOf(values, capacity(values.length, groups));
      }
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
