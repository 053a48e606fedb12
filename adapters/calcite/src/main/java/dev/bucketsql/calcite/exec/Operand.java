package dev.bucketsql.calcite.exec;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.ColumnBatch.Kind;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A value computed from a joined row: a column of either side, or the few expressions the fused
 * operator interprets itself (EXTRACT of a date part, widening numeric CASTs). Values are read as
 * {@code long}, {@code double} or object according to {@link #repr()}; {@link #isNull} first.
 * Operands hold no state, so one plan serves concurrent executions.
 */
public abstract class Operand {
  private final Repr repr;

  Operand(Repr repr) {
    this.repr = requireNonNull(repr, "repr is null");
  }

  /** The representation of the values. */
  public final Repr repr() {
    return repr;
  }

  /** Side of {@link #column}: the input streamed past the hash table. */
  public static final int PROBE = Frame.PROBE;

  /** Side of {@link #column}: the input held in the hash table. */
  public static final int BUILD = Frame.BUILD;

  /** Bit set of the sides read: 1 for the probe side, 2 for the build side. */
  public abstract int sides();

  abstract boolean isNull(Frame f);

  long longValue(Frame f) {
    throw new IllegalStateException("not a LONG operand: " + this);
  }

  double doubleValue(Frame f) {
    throw new IllegalStateException("not a DOUBLE operand: " + this);
  }

  Object objectValue(Frame f) {
    throw new IllegalStateException("not an OBJECT operand: " + this);
  }

  /** The value as {@code repr()}'s Java object, or null. */
  final @Nullable Object boxed(Frame f) {
    if (isNull(f)) {
      return null;
    }
    return switch (repr.kind()) {
      case LONG -> repr.box(longValue(f));
      case DOUBLE -> repr.box(doubleValue(f));
      default -> objectValue(f);
    };
  }

  /**
   * The column this operand reads as it is, of side {@link #side()}, or -1 when it computes its
   * value: the accumulators' loops over many rows read such a column's arrays directly.
   */
  int column() {
    return -1;
  }

  /** The side of {@link #column()}. */
  int side() {
    return -1;
  }

  /** Column {@code column} of side {@code side} ({@link #PROBE} or {@link #BUILD}). */
  public static Operand column(int side, int column, Repr repr, String name) {
    return new Column(side, column, repr, name);
  }

  /**
   * EXTRACT of YEAR, QUARTER, MONTH or DAY from a DATE (days) or TIMESTAMP (milliseconds) operand,
   * as Calcite computes it; a BIGINT.
   *
   * @return null for other units
   */
  public static @Nullable Operand extract(TimeUnitRange unit, Operand source, boolean timestamp) {
    return switch (unit) {
      case YEAR, QUARTER, MONTH, DAY -> new Extract(unit, source, timestamp);
      default -> null;
    };
  }

  /**
   * A CAST between numeric representations that loses nothing Calcite's own CAST keeps: to a wider
   * integral type, or from any integral or floating type to DOUBLE or REAL.
   *
   * @return null for other casts
   */
  public static @Nullable Operand cast(Operand source, Repr target) {
    Repr from = source.repr();
    boolean widening =
        from.isIntegral() && target.isIntegral() && target.ordinal() >= from.ordinal();
    boolean toFloating =
        (from.isIntegral() || from.kind() == Kind.DOUBLE) && target.kind() == Kind.DOUBLE;
    return widening || toFloating ? new Cast(source, target) : null;
  }

  /**
   * {@code source}, a DOUBLE or REAL, with -0.0 read as 0.0 (NaN stays NaN), so that both zeros are
   * one group key as in DuckDB.
   *
   * @return null for an operand that is not floating
   */
  public static @Nullable Operand signlessZero(Operand source) {
    return source.repr().kind() == Kind.DOUBLE ? new SignlessZero(source) : null;
  }

  private static final class Column extends Operand {
    private final int side;
    private final int column;
    private final String name;

    Column(int side, int column, Repr repr, String name) {
      super(repr);
      this.side = side;
      this.column = column;
      this.name = name;
    }

    @Override
    public int sides() {
      return side == Frame.PROBE ? 1 : 2;
    }

    @Override
    int column() {
      return column;
    }

    @Override
    int side() {
      return side;
    }

    @Override
    boolean isNull(Frame f) {
      return f.columns[side].nulls(column)[f.rows[side]];
    }

    @Override
    long longValue(Frame f) {
      return f.columns[side].longs(column)[f.rows[side]];
    }

    @Override
    double doubleValue(Frame f) {
      return f.columns[side].doubles(column)[f.rows[side]];
    }

    @Override
    Object objectValue(Frame f) {
      return f.columns[side].objects(column)[f.rows[side]];
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** An operand computed from one other, null exactly when that one is. */
  private abstract static class Derived extends Operand {
    final Operand source;

    Derived(Operand source, Repr repr) {
      super(repr);
      this.source = source;
    }

    @Override
    public final int sides() {
      return source.sides();
    }

    @Override
    final boolean isNull(Frame f) {
      return source.isNull(f);
    }
  }

  private static final class Extract extends Derived {
    private final TimeUnitRange unit;
    private final boolean timestamp;

    Extract(TimeUnitRange unit, Operand source, boolean timestamp) {
      super(source, Repr.LONG);
      this.unit = unit;
      this.timestamp = timestamp;
    }

    @Override
    long longValue(Frame f) {
      long v = source.longValue(f);
      long days = timestamp ? Math.floorDiv(v, DateTimeUtils.MILLIS_PER_DAY) : v;
      return DateTimeUtils.unixDateExtract(unit, days);
    }

    @Override
    public String toString() {
      return "EXTRACT(" + unit + " FROM " + source + ")";
    }
  }

  private static final class SignlessZero extends Derived {
    SignlessZero(Operand source) {
      super(source, source.repr());
    }

    @Override
    double doubleValue(Frame f) {
      // IEEE: -0.0 + 0.0 is 0.0; every other value, NaN included, is itself
      return source.doubleValue(f) + 0.0;
    }

    @Override
    public String toString() {
      return "SIGNLESS_ZERO(" + source + ")";
    }
  }

  private static final class Cast extends Derived {
    Cast(Operand source, Repr target) {
      super(source, target);
    }

    @Override
    long longValue(Frame f) {
      return source.longValue(f);
    }

    @Override
    double doubleValue(Frame f) {
      if (source.repr().kind() == Kind.LONG) {
        long v = source.longValue(f);
        return repr() == Repr.FLOAT ? (float) v : (double) v;
      }
      double v = source.doubleValue(f);
      return repr() == Repr.FLOAT ? (float) v : v;
    }

    @Override
    public String toString() {
      return "CAST(" + source + " AS " + repr() + ")";
    }
  }
}
