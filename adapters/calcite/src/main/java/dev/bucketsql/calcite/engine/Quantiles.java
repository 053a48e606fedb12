package dev.bucketsql.calcite.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * The groups of DuckDB's quantile aggregates ({@code median}, {@code quantile_cont}, {@code
 * quantile_disc}, {@code PERCENTILE_CONT} and {@code PERCENTILE_DISC ... WITHIN GROUP}): the
 * non-null values of one group, held in memory (at most {@link #MAX_VALUES} numbers or {@link
 * #MAX_BYTES} of strings a group), and the value at a fraction of them, computed as DuckDB computes
 * it. Called by generated code; public for that reason only.
 *
 * <p>Continuous: position {@code (n - 1) * q} in the sorted values, interpolated between the two
 * nearest as {@code lo * (1 - d) + hi * d}; integers interpolate as DOUBLE, DECIMAL values on their
 * unscaled integers (truncated to the column's scale), dates and timestamps on microseconds
 * (rounded, then cut to BucketSQL's milliseconds). Discrete: the first value whose cumulative share
 * reaches {@code q} (index {@code max(1, ceil(n * q)) - 1}). A negative fraction, or {@code ORDER
 * BY ... DESC}, counts from the largest value.
 */
public final class Quantiles {
  /** The most values one group may hold: 64M numbers. */
  public static final int MAX_VALUES = 1 << 26;

  /** The most memory one group's strings and other objects may take, by estimate: 512 MB. */
  public static final long MAX_BYTES = 512L << 20;

  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private Quantiles() {}

  /**
   * How a group keeps its values, by the SQL type of the values (codes for generated code). TINYINT
   * to BIGINT, DATE, TIME and TIMESTAMP are {@code long}s (Calcite's days, milliseconds of the day,
   * milliseconds); REAL and DOUBLE {@code double}s; DECIMAL up to 18 digits its unscaled {@code
   * long}; wider DECIMAL, strings, booleans and bytes objects.
   */
  public enum Kind {
    TINYINT,
    SMALLINT,
    INTEGER,
    BIGINT,
    REAL,
    DOUBLE,
    DECIMAL,
    WIDE_DECIMAL,
    DATE,
    TIME,
    TIMESTAMP,
    OBJECT;

    private static final Kind[] ALL = values();
  }

  /**
   * An empty group for generated code.
   *
   * @param function the construct as typed, for messages ({@code quantile_cont})
   * @param kind the {@link Kind} ordinal of the values
   * @param scale the scale of DECIMAL values
   * @param descending whether the construct sorts descending ({@code ORDER BY x DESC})
   * @param percentile whether the fraction must lie in [0, 1] (else [-1, 1], negative descending)
   */
  public static Values group(
      String function, int kind, int scale, boolean descending, boolean percentile) {
    return new Values(function, Kind.ALL[kind], scale, descending, percentile);
  }

  /** The values of one group. */
  public static final class Values {
    private final String function;
    private final Kind kind;
    private final int scale;
    private final boolean descending;
    private final boolean percentile;
    private long[] longs;
    private double[] doubles;
    private Object[] objects;
    private int size;

    /** Whether the values are in ascending order: a window asks for a result after every row. */
    private boolean sorted;

    private long bytes;
    private double fraction = Double.NaN;

    Values(String function, Kind kind, int scale, boolean descending, boolean percentile) {
      this.function = function;
      this.kind = kind;
      this.scale = scale;
      this.descending = descending;
      this.percentile = percentile;
    }

    /** Adds a TINYINT to BIGINT, DATE, TIME or TIMESTAMP value at fraction {@code q}. */
    public void addLong(long value, double q) {
      fraction(q);
      if (longs == null) {
        longs = new long[16];
      } else if (size == longs.length) {
        longs = Arrays.copyOf(longs, grow());
      }
      longs[size++] = value;
      sorted = false;
    }

    /** Adds a REAL or DOUBLE value. */
    public void addDouble(double value, double q) {
      fraction(q);
      if (doubles == null) {
        doubles = new double[16];
      } else if (size == doubles.length) {
        doubles = Arrays.copyOf(doubles, grow());
      }
      doubles[size++] = value;
      sorted = false;
    }

    /** Adds a DECIMAL, string, boolean or binary value. */
    public void addObject(Object value, double q) {
      if (kind == Kind.DECIMAL) {
        BigDecimal d = ((BigDecimal) value).setScale(scale, RoundingMode.HALF_UP);
        addLong(d.unscaledValue().longValueExact(), q);
        return;
      }
      fraction(q);
      // a reference plus the object: a string at 40 bytes and 2 a character
      bytes += 8 + (value instanceof String s ? 40 + 2L * s.length() : 32);
      if (bytes > MAX_BYTES) {
        throw tooMuch();
      }
      if (objects == null) {
        objects = new Object[16];
      } else if (size == objects.length) {
        objects = Arrays.copyOf(objects, grow());
      }
      objects[size++] = value;
      sorted = false;
    }

    /** The next capacity, or a failure when the group would hold too much. */
    private int grow() {
      if (size >= MAX_VALUES) {
        throw tooMuch();
      }
      return (int) Math.min(MAX_VALUES, (long) size * 2);
    }

    private IllegalStateException tooMuch() {
      return new IllegalStateException(
          function
              + ": a group holds more than "
              + (MAX_BYTES >> 20)
              + " MB of values ("
              + size
              + " values; at most "
              + MAX_VALUES
              + " numbers), more than BucketSQL holds in memory for one group; group by more"
              + " columns or filter first");
    }

    private void fraction(double q) {
      if (q == fraction) {
        return;
      }
      double lowest = percentile ? 0 : -1;
      if (!(q >= lowest && q <= 1)) {
        throw new IllegalArgumentException(
            function
                + ": the fraction must be between "
                + (percentile ? "0" : "-1")
                + " and 1, not "
                + q);
      }
      if (!Double.isNaN(fraction)) {
        throw new IllegalArgumentException(
            function + ": the fraction must be the same for every row");
      }
      fraction = q;
    }

    /** The continuous quantile of TINYINT to BIGINT, DOUBLE or wide DECIMAL values. */
    public Double contDouble() {
      if (size == 0) {
        return null;
      }
      Position p = position();
      double lo = doubleAt(p.lo);
      return p.lo == p.hi ? lo : interpolate(lo, p.d, doubleAt(p.hi));
    }

    /** The continuous quantile of REAL values. */
    public Float contFloat() {
      if (size == 0) {
        return null;
      }
      Position p = position();
      double lo = doubleAt(p.lo);
      return (float) (p.lo == p.hi ? lo : lo + (doubleAt(p.hi) - lo) * p.d);
    }

    /** The continuous quantile of DECIMAL values, at their scale, truncated as DuckDB does. */
    public BigDecimal contDecimal() {
      if (size == 0) {
        return null;
      }
      Position p = position();
      if (kind == Kind.WIDE_DECIMAL) {
        BigDecimal lo = (BigDecimal) objects[p.lo];
        if (p.lo == p.hi) {
          return lo.setScale(scale, RoundingMode.HALF_UP);
        }
        double hi = ((BigDecimal) objects[p.hi]).doubleValue();
        return new BigDecimal(interpolate(lo.doubleValue(), p.d, hi))
            .setScale(scale, RoundingMode.DOWN);
      }
      long lo = longAt(p.lo);
      if (p.lo == p.hi) {
        return BigDecimal.valueOf(lo, scale);
      }
      // a double cast to long truncates toward zero and saturates, as DuckDB's clamp and cast do
      double value = (double) lo + ((double) longAt(p.hi) - (double) lo) * p.d;
      return BigDecimal.valueOf((long) value, scale);
    }

    /** The continuous quantile of DATE or TIMESTAMP values: a TIMESTAMP (milliseconds). */
    public Long contTimestamp() {
      if (size == 0) {
        return null;
      }
      Position p = position();
      long lo = micros(longAt(p.lo));
      long micros = p.lo == p.hi ? lo : llround(interpolate(lo, p.d, micros(longAt(p.hi))));
      return Math.floorDiv(micros, 1000L);
    }

    /** The continuous quantile of TIME values (milliseconds of the day). */
    public Integer contTime() {
      if (size == 0) {
        return null;
      }
      Position p = position();
      long lo = longAt(p.lo) * 1000L;
      long micros = p.lo == p.hi ? lo : llround(interpolate(lo, p.d, longAt(p.hi) * 1000L));
      return (int) Math.floorDiv(micros, 1000L);
    }

    /** The discrete quantile: one of the values, as Calcite represents its type. */
    public Object discrete() {
      if (size == 0) {
        return null;
      }
      sort();
      double q = Math.abs(fraction);
      // in decimal arithmetic, as DuckDB does for a DECIMAL fraction such as 0.3
      BigDecimal n = BigDecimal.valueOf(size);
      long floored =
          n.subtract(n.multiply(BigDecimal.valueOf(q)))
              .setScale(0, RoundingMode.FLOOR)
              .longValueExact();
      int index = (int) (Math.max(1, size - floored) - 1);
      int at = index(index);
      return switch (kind) {
        case TINYINT -> (byte) longs[at];
        case SMALLINT -> (short) longs[at];
        case INTEGER, DATE, TIME -> (int) longs[at];
        case BIGINT, TIMESTAMP -> longs[at];
        case REAL -> (float) doubles[at];
        case DOUBLE -> doubles[at];
        case DECIMAL -> BigDecimal.valueOf(longs[at], scale);
        case WIDE_DECIMAL, OBJECT -> objects[at];
      };
    }

    private Position position() {
      sort();
      double rn = (size - 1) * Math.abs(fraction);
      double lo = Math.floor(rn);
      return new Position(index((int) lo), index((int) Math.ceil(rn)), rn - lo);
    }

    /** Where the {@code i}-th value in the construct's order sits in the ascending values. */
    private int index(int i) {
      boolean desc = descending != (fraction < 0);
      return desc ? size - 1 - i : i;
    }

    private void sort() {
      if (sorted) {
        return;
      }
      sorted = true;
      if (longs != null) {
        Arrays.sort(longs, 0, size);
      } else if (doubles != null) {
        Arrays.sort(doubles, 0, size);
      } else if (objects != null) {
        Arrays.sort(objects, 0, size);
      }
    }

    private double doubleAt(int i) {
      return switch (kind) {
        case REAL, DOUBLE -> doubles[i];
        case WIDE_DECIMAL -> ((BigDecimal) objects[i]).doubleValue();
        default -> (double) longs[i];
      };
    }

    private long longAt(int i) {
      return longs[i];
    }

    private long micros(long value) {
      return kind == Kind.DATE ? value * MICROS_PER_DAY : value * 1000L;
    }
  }

  private record Position(int lo, int hi, double d) {}

  private static double interpolate(double lo, double d, double hi) {
    return lo * (1.0 - d) + hi * d;
  }

  /** C's {@code llround}: halves away from zero. */
  private static long llround(double x) {
    return x < 0 ? -Math.round(-x) : Math.round(x);
  }
}
