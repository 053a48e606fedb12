package dev.bucketsql.calcite.pushdown;

import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.predicate.Range;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Converts comparison bounds, as SQL compares them (numbers as {@link BigDecimal}, DATE as days,
 * TIMESTAMP as milliseconds, strings), into ranges of a column's own value representation, never
 * losing a value: integer bounds are rounded inwards exactly, REAL bounds widened by one ulp.
 */
final class ColumnValues {
  /** Marks a bound that cannot be converted: the comparison is not pushed. */
  static final class Unconvertible extends Exception {
    private static final long serialVersionUID = 1L;

    Unconvertible() {
      super(null, null, false, false);
    }
  }

  private ColumnValues() {}

  /**
   * The values of a column of type {@code type} that lie between {@code low} and {@code high}
   * (null: unbounded); null when there are none.
   */
  static Range range(ColumnType type, Object low, boolean lowInc, Object high, boolean highInc)
      throws Unconvertible {
    switch (type) {
      case TINYINT:
      case SMALLINT:
      case INTEGER:
      case BIGINT:
        return integerRange(type, decimal(low), lowInc, decimal(high), highInc);
      case DECIMAL:
        return make(decimal(low), lowInc, decimal(high), highInc);
      case DOUBLE:
        return make(
            low == null ? null : zeroSigned(decimal(low).doubleValue(), lowInc),
            lowInc,
            high == null ? null : zeroSigned(decimal(high).doubleValue(), !highInc),
            highInc);
      case REAL:
        // Calcite may compare a REAL column as DOUBLE: widen to the neighbouring floats.
        return make(
            low == null ? null : Math.nextDown(decimal(low).floatValue()),
            true,
            high == null ? null : Math.nextUp(decimal(high).floatValue()),
            true);
      case DATE:
      case TIME:
        return make(asInt(low), lowInc, asInt(high), highInc);
      case TIMESTAMP:
        return make(asLong(low), lowInc, asLong(high), highInc);
      case VARCHAR:
        return make(asString(low), lowInc, asString(high), highInc);
      case BOOLEAN:
        return make(asBoolean(low), lowInc, asBoolean(high), highInc);
      default:
        throw new Unconvertible();
    }
  }

  /**
   * A zero bound as the zero that keeps SQL's meaning, where -0.0 equals 0.0 but {@link
   * Double#compareTo} (the domains' order) puts it first: -0.0 for an inclusive low bound and an
   * exclusive high one, 0.0 otherwise. {@code d >= 0} then keeps -0.0, {@code d < 0} does not.
   */
  private static double zeroSigned(double bound, boolean negative) {
    return bound == 0 ? (negative ? -0.0 : 0.0) : bound;
  }

  private static Range integerRange(
      ColumnType type, BigDecimal low, boolean lowInc, BigDecimal high, boolean highInc)
      throws Unconvertible {
    long min =
        switch (type) {
          case TINYINT -> Byte.MIN_VALUE;
          case SMALLINT -> Short.MIN_VALUE;
          case INTEGER -> Integer.MIN_VALUE;
          default -> Long.MIN_VALUE;
        };
    long max =
        switch (type) {
          case TINYINT -> Byte.MAX_VALUE;
          case SMALLINT -> Short.MAX_VALUE;
          case INTEGER -> Integer.MAX_VALUE;
          default -> Long.MAX_VALUE;
        };
    BigDecimal lo = null;
    if (low != null) {
      BigDecimal up = low.setScale(0, RoundingMode.CEILING);
      lo = !lowInc && up.compareTo(low) == 0 ? up.add(BigDecimal.ONE) : up;
    }
    BigDecimal hi = null;
    if (high != null) {
      BigDecimal down = high.setScale(0, RoundingMode.FLOOR);
      hi = !highInc && down.compareTo(high) == 0 ? down.subtract(BigDecimal.ONE) : down;
    }
    if (lo != null && lo.compareTo(BigDecimal.valueOf(max)) > 0
        || hi != null && hi.compareTo(BigDecimal.valueOf(min)) < 0
        || lo != null && hi != null && lo.compareTo(hi) > 0) {
      return null;
    }
    Long l = lo == null || lo.compareTo(BigDecimal.valueOf(min)) <= 0 ? null : lo.longValueExact();
    Long h = hi == null || hi.compareTo(BigDecimal.valueOf(max)) >= 0 ? null : hi.longValueExact();
    return new Range(narrow(type, l), l != null, narrow(type, h), h != null);
  }

  private static Comparable<?> narrow(ColumnType type, Long v) {
    if (v == null) {
      return null;
    }
    return switch (type) {
      case TINYINT -> v.byteValue();
      case SMALLINT -> v.shortValue();
      case INTEGER -> v.intValue();
      default -> v;
    };
  }

  private static Range make(
      Comparable<?> low, boolean lowInc, Comparable<?> high, boolean highInc) {
    if (low != null && high != null) {
      @SuppressWarnings({"unchecked", "rawtypes"})
      int c = ((Comparable) low).compareTo(high);
      if (c > 0 || (c == 0 && !(lowInc && highInc))) {
        return null;
      }
    }
    return new Range(low, low != null && lowInc, high, high != null && highInc);
  }

  private static BigDecimal decimal(Object v) throws Unconvertible {
    if (v == null) {
      return null;
    }
    if (v instanceof BigDecimal d) {
      return d;
    }
    if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        throw new Unconvertible();
      }
      return new BigDecimal(d);
    }
    if (v instanceof Float f) {
      if (f.isNaN() || f.isInfinite()) {
        throw new Unconvertible();
      }
      return new BigDecimal(f);
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return BigDecimal.valueOf(((Number) v).longValue());
    }
    throw new Unconvertible();
  }

  private static Integer asInt(Object v) throws Unconvertible {
    if (v == null) {
      return null;
    }
    if (v instanceof Integer i) {
      return i;
    }
    throw new Unconvertible();
  }

  private static Long asLong(Object v) throws Unconvertible {
    if (v == null) {
      return null;
    }
    if (v instanceof Long l) {
      return l;
    }
    throw new Unconvertible();
  }

  private static String asString(Object v) throws Unconvertible {
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    throw new Unconvertible();
  }

  private static Boolean asBoolean(Object v) throws Unconvertible {
    if (v == null) {
      return null;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw new Unconvertible();
  }
}
