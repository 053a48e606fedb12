package dev.bucketsql.fuzz;

import java.math.BigInteger;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a BucketSQL overflow or division-by-zero error is the true result of the operation it
 * names: the operands in its message, computed exactly, leave the type's range (or the divisor is
 * 0). Such an error is right for the expression as written, whatever the other engine skipped; an
 * error whose operands do not prove it is a finding.
 */
final class TrueOverflow {
  private static final Pattern OVERFLOW =
      Pattern.compile("Overflow in (addition|subtraction|multiplication|negation) of (TINYINT|SMALLINT|INTEGER|BIGINT)"
          + " \\((-?\\d+) [-+*] (-?\\d+)\\)|Overflow in negation of (TINYINT|SMALLINT|INTEGER|BIGINT) \\(-\\((-?\\d+)\\)\\)");
  private static final Pattern MODULO_BY_ZERO = Pattern.compile("division by zero in -?\\d+ % 0;");
  private static final Map<String, Integer> BITS = Map.of("TINYINT", 8, "SMALLINT", 16, "INTEGER", 32, "BIGINT", 64);

  private TrueOverflow() {}

  /** Whether {@code message} names an operation whose exact result is out of range, or a zero divisor. */
  static boolean proves(String message) {
    if (MODULO_BY_ZERO.matcher(message).find()) {
      return true;
    }
    Matcher m = OVERFLOW.matcher(message);
    if (!m.find()) {
      return false;
    }
    BigInteger exact;
    String type;
    if (m.group(1) != null) {
      BigInteger a = new BigInteger(m.group(3));
      BigInteger b = new BigInteger(m.group(4));
      type = m.group(2);
      exact = switch (m.group(1)) {
        case "addition" -> a.add(b);
        case "subtraction" -> a.subtract(b);
        case "multiplication" -> a.multiply(b);
        default -> a.negate();
      };
    } else {
      type = m.group(5);
      exact = new BigInteger(m.group(6)).negate();
    }
    int bits = BITS.get(type);
    BigInteger max = BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
    BigInteger min = BigInteger.ONE.shiftLeft(bits - 1).negate();
    return exact.compareTo(max) > 0 || exact.compareTo(min) < 0;
  }
}
