package dev.bucketsql.calcite.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.SqlStateException;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link IntegerMath} against exact arithmetic in {@link BigInteger}: for random operands and the
 * edges of each type, every operation gives the exact result when it fits the type and fails with
 * SQLSTATE 22003 (or 22012 for a zero divisor) exactly when it does not.
 */
class IntegerMathTest {
  private static final int CASES = 50_000;

  private record Width(String name, long min, long max) {}

  private static final List<Width> WIDTHS =
      List.of(
          new Width("TINYINT", Byte.MIN_VALUE, Byte.MAX_VALUE),
          new Width("SMALLINT", Short.MIN_VALUE, Short.MAX_VALUE),
          new Width("INTEGER", Integer.MIN_VALUE, Integer.MAX_VALUE),
          new Width("BIGINT", Long.MIN_VALUE, Long.MAX_VALUE));

  @Test
  void binaryOperationsAreExactOrFail() {
    SplittableRandom random = new SplittableRandom(42);
    for (Width w : WIDTHS) {
      for (int i = 0; i < CASES; i++) {
        long a = operand(random, w);
        long b = operand(random, w);
        check(
            w, "+", a, b, BigInteger.valueOf(a).add(BigInteger.valueOf(b)), (x, y) -> add(w, x, y));
        check(
            w,
            "-",
            a,
            b,
            BigInteger.valueOf(a).subtract(BigInteger.valueOf(b)),
            (x, y) -> subtract(w, x, y));
        check(
            w,
            "*",
            a,
            b,
            BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)),
            (x, y) -> multiply(w, x, y));
        if (b != 0) {
          // Java and SQL both truncate toward zero
          check(
              w,
              "//",
              a,
              b,
              BigInteger.valueOf(a).divide(BigInteger.valueOf(b)),
              (x, y) -> divide(w, x, y));
          check(
              w,
              "%",
              a,
              b,
              BigInteger.valueOf(a).remainder(BigInteger.valueOf(b)),
              (x, y) -> mod(w, x, y));
        }
      }
    }
  }

  @Test
  void unaryOperationsAreExactOrFail() {
    SplittableRandom random = new SplittableRandom(7);
    for (Width w : WIDTHS) {
      for (int i = 0; i < CASES; i++) {
        long a = operand(random, w);
        checkUnary(w, a, BigInteger.valueOf(a).negate(), x -> negate(w, x));
        checkUnary(w, a, BigInteger.valueOf(a).abs(), x -> abs(w, x));
      }
    }
  }

  @Test
  void zeroDivisorIsDivisionByZero() {
    for (Width w : WIDTHS) {
      for (LongBinaryOperator op :
          List.<LongBinaryOperator>of((x, y) -> divide(w, x, y), (x, y) -> mod(w, x, y))) {
        assertThatThrownBy(() -> op.applyAsLong(5, 0))
            .isInstanceOfSatisfying(
                SqlStateException.class,
                e -> assertThat(e.sqlState()).isEqualTo(SqlStateException.DIVISION_BY_ZERO))
            .hasMessageContaining("division by zero in 5");
      }
    }
  }

  @Test
  void messageNamesTheOperationTypeAndValues() {
    assertThatThrownBy(() -> IntegerMath.multiplyInteger(Integer.MAX_VALUE, 60))
        .hasMessage(
            "Overflow in multiplication of INTEGER (2147483647 * 60): the result is out of INTEGER's range;"
                + " cast an operand to BIGINT to widen it");
    assertThatThrownBy(() -> IntegerMath.addBigint(Long.MAX_VALUE, 1))
        .hasMessageContaining("Overflow in addition of BIGINT (9223372036854775807 + 1)")
        .hasMessageContaining("DECIMAL(38,0) or DOUBLE");
  }

  /** Mostly the edges of the type and small values, where overflow starts. */
  private static long operand(SplittableRandom random, Width w) {
    return switch (random.nextInt(6)) {
      case 0 -> w.min() + random.nextInt(3);
      case 1 -> w.max() - random.nextInt(3);
      case 2 -> random.nextInt(-3, 4);
      case 3 -> (long) Math.sqrt((double) w.max()) + random.nextInt(-2, 3);
      default ->
          w.max() == Long.MAX_VALUE ? random.nextLong() : random.nextLong(w.min(), w.max() + 1);
    };
  }

  private static void check(
      Width w, String op, long a, long b, BigInteger exact, LongBinaryOperator f) {
    if (fits(w, exact)) {
      assertThat(f.applyAsLong(a, b))
          .as("%s %d %s %d", w.name(), a, op, b)
          .isEqualTo(exact.longValue());
    } else {
      assertThatThrownBy(() -> f.applyAsLong(a, b))
          .as("%s %d %s %d", w.name(), a, op, b)
          .isInstanceOfSatisfying(
              SqlStateException.class,
              e -> assertThat(e.sqlState()).isEqualTo(SqlStateException.NUMERIC_OUT_OF_RANGE))
          .hasMessageContaining("of " + w.name() + " (" + a + " " + op + " " + b + ")");
    }
  }

  private static void checkUnary(Width w, long a, BigInteger exact, LongUnaryOperator f) {
    if (fits(w, exact)) {
      assertThat(f.applyAsLong(a)).isEqualTo(exact.longValue());
    } else {
      assertThatThrownBy(() -> f.applyAsLong(a))
          .isInstanceOfSatisfying(
              SqlStateException.class,
              e -> assertThat(e.sqlState()).isEqualTo(SqlStateException.NUMERIC_OUT_OF_RANGE))
          .hasMessageContaining("negation of " + w.name() + " (-(" + a + "))");
    }
  }

  private static boolean fits(Width w, BigInteger v) {
    return v.compareTo(BigInteger.valueOf(w.min())) >= 0
        && v.compareTo(BigInteger.valueOf(w.max())) <= 0;
  }

  private static long add(Width w, long a, long b) {
    return switch (w.name()) {
      case "TINYINT" -> IntegerMath.addTinyint((byte) a, (byte) b);
      case "SMALLINT" -> IntegerMath.addSmallint((short) a, (short) b);
      case "INTEGER" -> IntegerMath.addInteger((int) a, (int) b);
      default -> IntegerMath.addBigint(a, b);
    };
  }

  private static long subtract(Width w, long a, long b) {
    return switch (w.name()) {
      case "TINYINT" -> IntegerMath.subtractTinyint((byte) a, (byte) b);
      case "SMALLINT" -> IntegerMath.subtractSmallint((short) a, (short) b);
      case "INTEGER" -> IntegerMath.subtractInteger((int) a, (int) b);
      default -> IntegerMath.subtractBigint(a, b);
    };
  }

  private static long multiply(Width w, long a, long b) {
    return switch (w.name()) {
      case "TINYINT" -> IntegerMath.multiplyTinyint((byte) a, (byte) b);
      case "SMALLINT" -> IntegerMath.multiplySmallint((short) a, (short) b);
      case "INTEGER" -> IntegerMath.multiplyInteger((int) a, (int) b);
      default -> IntegerMath.multiplyBigint(a, b);
    };
  }

  private static long divide(Width w, long a, long b) {
    return switch (w.name()) {
      case "TINYINT" -> IntegerMath.divideTinyint((byte) a, (byte) b);
      case "SMALLINT" -> IntegerMath.divideSmallint((short) a, (short) b);
      case "INTEGER" -> IntegerMath.divideInteger((int) a, (int) b);
      default -> IntegerMath.divideBigint(a, b);
    };
  }

  private static long mod(Width w, long a, long b) {
    return switch (w.name()) {
      case "TINYINT" -> IntegerMath.modTinyint((byte) a, (byte) b);
      case "SMALLINT" -> IntegerMath.modSmallint((short) a, (short) b);
      case "INTEGER" -> IntegerMath.modInteger((int) a, (int) b);
      default -> IntegerMath.modBigint(a, b);
    };
  }

  private static long negate(Width w, long a) {
    return switch (w.name()) {
      case "TINYINT" -> IntegerMath.negateTinyint((byte) a);
      case "SMALLINT" -> IntegerMath.negateSmallint((short) a);
      case "INTEGER" -> IntegerMath.negateInteger((int) a);
      default -> IntegerMath.negateBigint(a);
    };
  }

  private static long abs(Width w, long a) {
    return switch (w.name()) {
      case "TINYINT" -> IntegerMath.absTinyint((byte) a);
      case "SMALLINT" -> IntegerMath.absSmallint((short) a);
      case "INTEGER" -> IntegerMath.absInteger((int) a);
      default -> IntegerMath.absBigint(a);
    };
  }
}
