package dev.bucketsql.calcite.engine;

import dev.bucketsql.engine.expr.Overflow;
import dev.bucketsql.format.SqlStateException;
import org.apache.calcite.linq4j.function.Strict;

/**
 * Integer arithmetic that fails instead of wrapping, as DuckDB's does: {@code +}, {@code -}, {@code
 * *}, {@code //} (the only integer division a statement writes: {@code /} of integers is a DOUBLE),
 * {@code %}, unary minus and {@code abs} of TINYINT, SMALLINT, INTEGER and BIGINT values. A result
 * outside the type's range is a {@link SqlStateException} with SQLSTATE 22003 that names the
 * operation, its type and its values ({@code Overflow in multiplication of INTEGER (2147483647 *
 * 60)}) and how to widen it; a zero divisor is 22012. Calls are written by {@link
 * CheckedArithmetic} into the plan and made by generated code, so the class and its methods are
 * public; {@link Strict} means a NULL operand gives NULL without a call.
 */
@Strict
public final class IntegerMath {
  private IntegerMath() {}

  // TINYINT, SMALLINT and INTEGER are computed in a long and narrowed; BIGINT with exact checks

  /** TINYINT {@code a + b}. */
  public static byte addTinyint(byte a, byte b) {
    return (byte)
        narrow((long) a + b, Byte.MIN_VALUE, Byte.MAX_VALUE, "addition", "TINYINT", a, "+", b);
  }

  /** SMALLINT {@code a + b}. */
  public static short addSmallint(short a, short b) {
    return (short)
        narrow((long) a + b, Short.MIN_VALUE, Short.MAX_VALUE, "addition", "SMALLINT", a, "+", b);
  }

  /** INTEGER {@code a + b}. */
  public static int addInteger(int a, int b) {
    return (int)
        narrow(
            (long) a + b, Integer.MIN_VALUE, Integer.MAX_VALUE, "addition", "INTEGER", a, "+", b);
  }

  /** BIGINT {@code a + b}. */
  public static long addBigint(long a, long b) {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) {
      throw overflow("addition", "BIGINT", a, "+", b);
    }
    return r;
  }

  /** TINYINT {@code a - b}. */
  public static byte subtractTinyint(byte a, byte b) {
    return (byte)
        narrow((long) a - b, Byte.MIN_VALUE, Byte.MAX_VALUE, "subtraction", "TINYINT", a, "-", b);
  }

  /** SMALLINT {@code a - b}. */
  public static short subtractSmallint(short a, short b) {
    return (short)
        narrow(
            (long) a - b, Short.MIN_VALUE, Short.MAX_VALUE, "subtraction", "SMALLINT", a, "-", b);
  }

  /** INTEGER {@code a - b}. */
  public static int subtractInteger(int a, int b) {
    return (int)
        narrow(
            (long) a - b,
            Integer.MIN_VALUE,
            Integer.MAX_VALUE,
            "subtraction",
            "INTEGER",
            a,
            "-",
            b);
  }

  /** BIGINT {@code a - b}. */
  public static long subtractBigint(long a, long b) {
    long r = a - b;
    if (((a ^ b) & (a ^ r)) < 0) {
      throw overflow("subtraction", "BIGINT", a, "-", b);
    }
    return r;
  }

  /** TINYINT {@code a * b}. */
  public static byte multiplyTinyint(byte a, byte b) {
    return (byte)
        narrow(
            (long) a * b, Byte.MIN_VALUE, Byte.MAX_VALUE, "multiplication", "TINYINT", a, "*", b);
  }

  /** SMALLINT {@code a * b}. */
  public static short multiplySmallint(short a, short b) {
    return (short)
        narrow(
            (long) a * b,
            Short.MIN_VALUE,
            Short.MAX_VALUE,
            "multiplication",
            "SMALLINT",
            a,
            "*",
            b);
  }

  /** INTEGER {@code a * b}. */
  public static int multiplyInteger(int a, int b) {
    return (int)
        narrow(
            (long) a * b,
            Integer.MIN_VALUE,
            Integer.MAX_VALUE,
            "multiplication",
            "INTEGER",
            a,
            "*",
            b);
  }

  /** BIGINT {@code a * b}. */
  public static long multiplyBigint(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0)) {
      throw overflow("multiplication", "BIGINT", a, "*", b);
    }
    return lo;
  }

  /** TINYINT {@code a // b}, truncated toward zero. */
  public static byte divideTinyint(byte a, byte b) {
    return (byte)
        narrow(quotient(a, b), Byte.MIN_VALUE, Byte.MAX_VALUE, "division", "TINYINT", a, "//", b);
  }

  /** SMALLINT {@code a // b}, truncated toward zero. */
  public static short divideSmallint(short a, short b) {
    return (short)
        narrow(
            quotient(a, b), Short.MIN_VALUE, Short.MAX_VALUE, "division", "SMALLINT", a, "//", b);
  }

  /** INTEGER {@code a // b}, truncated toward zero. */
  public static int divideInteger(int a, int b) {
    return (int)
        narrow(
            quotient(a, b),
            Integer.MIN_VALUE,
            Integer.MAX_VALUE,
            "division",
            "INTEGER",
            a,
            "//",
            b);
  }

  /** BIGINT {@code a // b}, truncated toward zero. */
  public static long divideBigint(long a, long b) {
    if (b == -1 && a == Long.MIN_VALUE) {
      throw overflow("division", "BIGINT", a, "//", b);
    }
    return quotient(a, b);
  }

  /** TINYINT {@code a % b}, with the sign of {@code a}. */
  public static byte modTinyint(byte a, byte b) {
    return (byte) remainder(a, b);
  }

  /** SMALLINT {@code a % b}, with the sign of {@code a}. */
  public static short modSmallint(short a, short b) {
    return (short) remainder(a, b);
  }

  /** INTEGER {@code a % b}, with the sign of {@code a}. */
  public static int modInteger(int a, int b) {
    return (int) remainder(a, b);
  }

  /** BIGINT {@code a % b}, with the sign of {@code a}. */
  public static long modBigint(long a, long b) {
    return remainder(a, b);
  }

  /** TINYINT {@code -a}. */
  public static byte negateTinyint(byte a) {
    return (byte) narrow(-(long) a, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT", a);
  }

  /** SMALLINT {@code -a}. */
  public static short negateSmallint(short a) {
    return (short) narrow(-(long) a, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT", a);
  }

  /** INTEGER {@code -a}. */
  public static int negateInteger(int a) {
    return (int) narrow(-(long) a, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER", a);
  }

  /** BIGINT {@code -a}. */
  public static long negateBigint(long a) {
    if (a == Long.MIN_VALUE) {
      throw negationOverflow("BIGINT", a);
    }
    return -a;
  }

  /** TINYINT {@code abs(a)}. */
  public static byte absTinyint(byte a) {
    return a < 0 ? negateTinyint(a) : a;
  }

  /** SMALLINT {@code abs(a)}. */
  public static short absSmallint(short a) {
    return a < 0 ? negateSmallint(a) : a;
  }

  /** INTEGER {@code abs(a)}. */
  public static int absInteger(int a) {
    return a < 0 ? negateInteger(a) : a;
  }

  /** BIGINT {@code abs(a)}. */
  public static long absBigint(long a) {
    return a < 0 ? negateBigint(a) : a;
  }

  private static long quotient(long a, long b) {
    if (b == 0) {
      throw divisionByZero(a, "//", b);
    }
    return a / b;
  }

  private static long remainder(long a, long b) {
    if (b == 0) {
      throw divisionByZero(a, "%", b);
    }
    return a % b;
  }

  private static long narrow(
      long r, long min, long max, String operation, String type, long a, String op, long b) {
    if (r < min || r > max) {
      throw overflow(operation, type, a, op, b);
    }
    return r;
  }

  private static long narrow(long r, long min, long max, String type, long a) {
    if (r < min || r > max) {
      throw negationOverflow(type, a);
    }
    return r;
  }

  private static SqlStateException negationOverflow(String type, long a) {
    // one wording for the generated arithmetic and the engine's expressions
    return Overflow.negation(type, a);
  }

  private static SqlStateException overflow(
      String operation, String type, long a, String op, long b) {
    // one wording for the generated arithmetic and the engine's expressions
    return Overflow.binary(operation, type, a, op, b);
  }

  private static SqlStateException divisionByZero(long a, String op, long b) {
    return Overflow.divisionByZero(a, op, b);
  }

  private static String wider(String type) {
    return Overflow.wider(type);
  }
}
