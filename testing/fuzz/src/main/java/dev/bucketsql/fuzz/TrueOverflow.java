package dev.bucketsql.fuzz;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a BucketSQL overflow or division-by-zero error is the true result of the operation it
 * names: the operands in its message, computed exactly, leave the type's range (or the divisor is
 * 0), or the value a cast names does not fit the type it names. Such an error is right for the
 * expression as written, whatever the other engine skipped; an error whose operands do not prove it
 * is a finding.
 */
final class TrueOverflow {
  private static final Pattern OVERFLOW =
      Pattern.compile(
          "Overflow in (addition|subtraction|multiplication|negation|division) of (TINYINT|SMALLINT|INTEGER|BIGINT)"
              + " \\((-?\\d+) ([-+*]|//) (-?\\d+)\\)|Overflow in negation of (TINYINT|SMALLINT|INTEGER|BIGINT) \\(-\\((-?\\d+)\\)\\)");

  /** A remainder or integer division of integers by 0, or an integer division of doubles by 0.0. */
  private static final Pattern BY_ZERO =
      Pattern.compile(
          "division by zero in (-?\\d+ (%|//) 0|(-?[0-9.E-]+|NaN|-?Infinity) // -?0\\.0);");

  /** A cast of a value to a type that cannot hold it: the value and the type are in the message. */
  private static final Pattern CAST_OUT_OF_RANGE =
      Pattern.compile(
          "Cannot cast (?:DECIMAL )?(-?\\d+(?:\\.\\d+)?) to (TINYINT|SMALLINT|INTEGER|BIGINT): out of range"
              + "|Value (-?\\d+(?:\\.\\d+)?) cannot be represented as a DECIMAL\\((\\d+), (\\d+)\\)");

  /** A cast of a double to an exact type that cannot hold it. */
  private static final Pattern DOUBLE_CAST_OUT_OF_RANGE =
      Pattern.compile(
          "Cannot cast DOUBLE (NaN|-?Infinity|-?[0-9.]+(?:E-?\\d+)?) to"
              + " (?:(TINYINT|SMALLINT|INTEGER|BIGINT)|DECIMAL\\((\\d+), ?(\\d+)\\)): out of range");

  private static final Map<String, Integer> BITS =
      Map.of("TINYINT", 8, "SMALLINT", 16, "INTEGER", 32, "BIGINT", 64);

  private TrueOverflow() {}

  /**
   * Whether {@code message} names an operation whose exact result is out of range, or a zero
   * divisor.
   */
  static boolean proves(String message) {
    if (BY_ZERO.matcher(message).find()) {
      return true;
    }
    Matcher fromDouble = DOUBLE_CAST_OUT_OF_RANGE.matcher(message);
    if (fromDouble.find()) {
      String v = fromDouble.group(1);
      if (v.equals("NaN") || v.endsWith("Infinity")) {
        return true; // no exact type holds them
      }
      BigDecimal value = new BigDecimal(v);
      return fromDouble.group(2) != null
          ? outOfRange(value.setScale(0, RoundingMode.HALF_UP).toBigInteger(), fromDouble.group(2))
          : outOfDecimal(
              value, Integer.parseInt(fromDouble.group(3)), Integer.parseInt(fromDouble.group(4)));
    }
    Matcher cast = CAST_OUT_OF_RANGE.matcher(message);
    if (cast.find()) {
      return cast.group(1) != null
          // a decimal rounds half away from zero to an integer, as DuckDB's and BucketSQL's casts
          // do
          ? outOfRange(
              new BigDecimal(cast.group(1)).setScale(0, RoundingMode.HALF_UP).toBigInteger(),
              cast.group(2))
          : outOfDecimal(
              new BigDecimal(cast.group(3)),
              Integer.parseInt(cast.group(4)),
              Integer.parseInt(cast.group(5)));
    }
    Matcher m = OVERFLOW.matcher(message);
    if (!m.find()) {
      return false;
    }
    BigInteger exact;
    String type;
    if (m.group(1) != null) {
      BigInteger a = new BigInteger(m.group(3));
      BigInteger b = new BigInteger(m.group(5));
      type = m.group(2);
      exact =
          switch (m.group(1)) {
            case "addition" -> a.add(b);
            case "subtraction" -> a.subtract(b);
            case "multiplication" -> a.multiply(b);
            case "division" -> a.divide(b);
            default -> a.negate();
          };
    } else {
      type = m.group(6);
      exact = new BigInteger(m.group(7)).negate();
    }
    return outOfRange(exact, type);
  }

  private static boolean outOfRange(BigInteger exact, String type) {
    int bits = BITS.get(type);
    BigInteger max = BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
    BigInteger min = BigInteger.ONE.shiftLeft(bits - 1).negate();
    return exact.compareTo(max) > 0 || exact.compareTo(min) < 0;
  }

  /**
   * Whether {@code value}, rounded to {@code scale} places, has more than {@code precision} digits.
   */
  private static boolean outOfDecimal(BigDecimal value, int precision, int scale) {
    BigDecimal rounded = value.setScale(scale, RoundingMode.HALF_UP);
    return rounded.precision() - rounded.scale() > precision - scale;
  }
}
