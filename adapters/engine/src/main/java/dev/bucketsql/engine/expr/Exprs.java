package dev.bucketsql.engine.expr;

import dev.bucketsql.format.ColumnType;

/** Builds {@link Expr}essions: the engine's vectorized scalar expressions. */
public final class Exprs {
  private Exprs() {}

  /** Column {@code column} of the input, of type {@code type}. */
  public static Expr column(int column, ColumnType type) {
    return new ColumnRef(column, type);
  }

  /** A constant in {@link ColumnType}'s representation; null for NULL. */
  public static Expr constant(Object value, ColumnType type) {
    return new Constant(value, type);
  }

  /** {@code a IS NULL}: TRUE or FALSE, never NULL. */
  public static Expr isNull(Expr a) {
    return new NullTest(a, false);
  }

  /** {@code a IS NOT NULL}: TRUE or FALSE, never NULL. */
  public static Expr isNotNull(Expr a) {
    return new NullTest(a, true);
  }

  /** {@code a = b}. */
  public static Expr eq(Expr a, Expr b) {
    return new Comparison(Comparison.Op.EQ, a, b);
  }

  /** {@code a <> b}. */
  public static Expr ne(Expr a, Expr b) {
    return new Comparison(Comparison.Op.NE, a, b);
  }

  /** {@code a < b}. */
  public static Expr lt(Expr a, Expr b) {
    return new Comparison(Comparison.Op.LT, a, b);
  }

  /** {@code a <= b}. */
  public static Expr le(Expr a, Expr b) {
    return new Comparison(Comparison.Op.LE, a, b);
  }

  /** {@code a > b}. */
  public static Expr gt(Expr a, Expr b) {
    return new Comparison(Comparison.Op.GT, a, b);
  }

  /** {@code a >= b}. */
  public static Expr ge(Expr a, Expr b) {
    return new Comparison(Comparison.Op.GE, a, b);
  }

  /** {@code a AND b}, three-valued. */
  public static Expr and(Expr a, Expr b) {
    return new Logic(Logic.Op.AND, a, b);
  }

  /** {@code a OR b}, three-valued. */
  public static Expr or(Expr a, Expr b) {
    return new Logic(Logic.Op.OR, a, b);
  }

  /** {@code NOT a}, three-valued. */
  public static Expr not(Expr a) {
    return new Logic(Logic.Op.NOT, a, null);
  }

  /** {@code a + b}, failing on integer overflow. */
  public static Expr plus(Expr a, Expr b) {
    return new Arithmetic(Arithmetic.Op.PLUS, a, b);
  }

  /** {@code a - b}, failing on integer overflow. */
  public static Expr minus(Expr a, Expr b) {
    return new Arithmetic(Arithmetic.Op.MINUS, a, b);
  }

  /** {@code a * b}, failing on integer overflow. */
  public static Expr times(Expr a, Expr b) {
    return new Arithmetic(Arithmetic.Op.TIMES, a, b);
  }
}
