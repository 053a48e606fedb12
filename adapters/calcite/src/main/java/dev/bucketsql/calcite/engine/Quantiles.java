package dev.bucketsql.calcite.engine;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * DuckDB's {@code median(x)} and {@code quantile_cont(x, q)}: the value at fraction {@code q}
 * of the sorted non-null values of a group, interpolated between the two nearest (DuckDB's
 * rule: position {@code (n - 1) * q}), as a DOUBLE; NULL for a group with no value. The values
 * of a group are held in memory, at most {@link #MAX_VALUES} of them. Called by generated code;
 * public for that reason only.
 */
public final class Quantiles {
  /** The most values one group may hold: 64M doubles, 512 MB. */
  public static final int MAX_VALUES = 1 << 26;

  private Quantiles() {}

  /** The values of one group. */
  public static final class Values {
    private double[] values = new double[16];
    private int size;
    private double fraction = Double.NaN;

    void add(double value) {
      if (size == values.length) {
        if (size >= MAX_VALUES) {
          throw new IllegalStateException(
              "median/quantile_cont: a group has more than "
                  + MAX_VALUES
                  + " values, more than BucketSQL holds in memory for one group; group by more"
                  + " columns or filter first");
        }
        values = Arrays.copyOf(values, Math.min(MAX_VALUES, size * 2));
      }
      values[size++] = value;
    }

    void fraction(double q) {
      if (!(q >= 0 && q <= 1)) {
        throw new IllegalArgumentException("quantile_cont: the fraction must be between 0 and 1, not " + q);
      }
      if (!Double.isNaN(fraction) && fraction != q) {
        throw new IllegalArgumentException("quantile_cont: the fraction must be the same for every row");
      }
      fraction = q;
    }

    Values merge(Values other) {
      for (int i = 0; i < other.size; i++) {
        add(other.values[i]);
      }
      if (!Double.isNaN(other.fraction)) {
        fraction(other.fraction);
      }
      return this;
    }

    Double at(double q) {
      if (size == 0) {
        return null;
      }
      double[] sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
      double position = (size - 1) * q;
      int lo = (int) Math.floor(position);
      int hi = (int) Math.ceil(position);
      double low = sorted[lo];
      return lo == hi ? low : low + (sorted[hi] - low) * (position - lo);
    }
  }

  /** What {@code median} and {@code quantile_cont} share: their groups and their result. */
  public abstract static class Quantile {
    /** An empty group. */
    public Values init() {
      return new Values();
    }

    /** Two partial groups as one. */
    public Values merge(Values a, Values b) {
      return a.merge(b);
    }

    /** The value at the group's fraction, or NULL when the group holds no value. */
    public Double result(Values acc) {
      return Double.isNaN(acc.fraction) ? null : acc.at(acc.fraction);
    }
  }

  /** {@code median(x)}: {@code quantile_cont(x, 0.5)}. */
  public static final class Median extends Quantile {
    /** Calcite makes one per statement. */
    public Median() {}

    /** Adds a row's value (Calcite skips rows whose value is NULL). */
    public Values add(Values acc, double value) {
      acc.fraction(0.5);
      acc.add(value);
      return acc;
    }
  }

  /** {@code quantile_cont(x, q)}. */
  public static final class QuantileCont extends Quantile {
    /** Calcite makes one per statement. */
    public QuantileCont() {}

    /** Adds a row's value (Calcite skips rows whose value or fraction is NULL). */
    public Values add(Values acc, double value, double fraction) {
      acc.fraction(fraction);
      acc.add(value);
      return acc;
    }
  }

  /** {@code quantile_cont(x, q)} with {@code q} a DECIMAL literal such as {@code 0.25}. */
  public static final class QuantileContDecimal extends Quantile {
    /** Calcite makes one per statement. */
    public QuantileContDecimal() {}

    /** Adds a row's value (Calcite skips rows whose value or fraction is NULL). */
    public Values add(Values acc, double value, BigDecimal fraction) {
      acc.fraction(fraction.doubleValue());
      acc.add(value);
      return acc;
    }
  }
}
