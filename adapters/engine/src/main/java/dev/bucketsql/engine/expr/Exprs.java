package dev.bucketsql.engine.expr;

import dev.bucketsql.format.ColumnType;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;

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

  /**
   * {@code a IN (values)}: NULL where {@code a} is NULL, else whether it equals one of the non-NULL
   * {@code values} (Longs for the types held as longs, Doubles, Strings), as SQL compares them.
   *
   * @throws IllegalArgumentException for another type of {@code a}, a NULL value or no value
   */
  public static Expr in(Expr a, java.util.List<Object> values) {
    return new InList(a, values);
  }

  /** Whether {@link #in} takes operands of {@code type}. */
  public static boolean inListTakes(ColumnType type) {
    return type == ColumnType.VARCHAR
        || dev.bucketsql.format.ColumnBatch.Kind.of(type)
            != dev.bucketsql.format.ColumnBatch.Kind.OBJECT;
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

  /**
   * {@code function(a)} of a value held as a long (an integer, DATE, TIME or TIMESTAMP) to a value
   * of {@code type} held as a long; NULL for NULL.
   */
  public static Expr longFunction(Expr a, ColumnType type, LongUnaryOperator function) {
    return new LongFunction(a, type, function);
  }

  /**
   * {@code function(args...)} row by row, the arguments' values in {@link ColumnType}'s
   * representation (NULL as null), the result of {@code type} (null for NULL): for a function of
   * the SQL layer that the engine calls exactly as its generated code does.
   */
  public static Expr function(
      ColumnType type, Function<Object[], Object> function, List<Expr> args) {
    return new ObjectFunction(type, function, args);
  }

  /**
   * {@code CAST(text AS type)} by {@code parser}, a conversion of the SQL layer from a String to
   * {@code type}'s representation (a boxed Integer for a DATE, a Long for a TIMESTAMP, a
   * BigDecimal, a String for shorter text), called once per non-NULL row asked for; NULL stays
   * NULL. Its exception is the cast's error, as thrown.
   */
  public static Expr parse(Expr text, ColumnType type, Function<String, ?> parser) {
    return new ObjectFunction(
        type, a -> a[0] == null ? null : parser.apply((String) a[0]), List.of(text(text)));
  }

  /**
   * {@code TRY_CAST(text AS type)}: as {@link #parse}, but NULL for a row whose text the parser
   * refuses with an exception.
   */
  public static Expr tryParse(Expr text, ColumnType type, Function<String, ?> parser) {
    return new ObjectFunction(
        type,
        a -> {
          if (a[0] == null) {
            return null;
          }
          try {
            return parser.apply((String) a[0]);
          } catch (RuntimeException e) {
            return null; // TRY_CAST: this row's text is no value of the type
          }
        },
        List.of(text(text)));
  }

  /** {@code e}, which a cast from text reads: a VARCHAR. */
  private static Expr text(Expr e) {
    if (e.type() != ColumnType.VARCHAR) {
      throw new IllegalArgumentException("a value is read from text, not from " + e.type());
    }
    return e;
  }

  /**
   * The VARCHAR text of a value held as a long (an integer, DATE, TIME or TIMESTAMP) written by
   * {@code formatter}, the SQL layer's own; NULL for NULL.
   */
  public static Expr format(Expr value, java.util.function.LongFunction<String> formatter) {
    return new ToText(value, formatter);
  }

  /** {@code a || b} of two VARCHARs: NULL when either is NULL, else {@code a + b}. */
  public static Expr concat(Expr a, Expr b) {
    return new Concat(List.of(a, b), false);
  }

  /**
   * {@code concat(a, ...)} of VARCHARs, reading a NULL operand as the empty string: never NULL
   * ({@code ''} when every operand is NULL).
   */
  public static Expr concatSkippingNulls(List<Expr> args) {
    return new Concat(args, true);
  }

  /** {@code -a}, failing on integer overflow ({@link Overflow#negation}). */
  public static Expr negate(Expr a) {
    return new Unary(Unary.Op.NEGATE, a);
  }

  /** {@code ABS(a)}, failing on integer overflow ({@link Overflow#negation}). */
  public static Expr abs(Expr a) {
    return new Unary(Unary.Op.ABS, a);
  }

  /**
   * {@code a + 0.0} of a DOUBLE or REAL: -0.0 becomes 0.0, every other value stays (the SQL layer's
   * {@code SIGNLESS_ZERO}).
   */
  public static Expr signlessZero(Expr a) {
    return new Unary(Unary.Op.SIGNLESS_ZERO, a);
  }

  /**
   * {@code a} computed once per batch of the {@link Project} that is handed it, however many of its
   * expressions hold it: for a subexpression every occurrence of which is asked for the
   * projection's own rows (see {@link Shared}).
   */
  public static Shared shared(Expr a) {
    return new Shared(a);
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

  /**
   * {@code a / b}: of integers the SQL layer's {@code //} (truncated toward zero, failing on a zero
   * divisor with 22012 and on overflow with 22003); of doubles IEEE 754 division.
   */
  public static Expr divide(Expr a, Expr b) {
    return new Arithmetic(Arithmetic.Op.DIVIDE, a, b);
  }

  /**
   * {@code a % b}: of integers the remainder with the sign of {@code a} (a zero divisor fails with
   * 22012); of doubles C's {@code fmod}, Java's {@code %}; of decimals {@code BigDecimal}'s
   * remainder (a zero divisor fails with 22012).
   */
  public static Expr mod(Expr a, Expr b) {
    return new Arithmetic(Arithmetic.Op.MOD, a, b);
  }

  /**
   * {@code CAST(a AS type)} by {@code conversion}; {@code precision} and {@code scale} for a
   * DECIMAL.
   */
  public static Expr cast(Expr a, ColumnType type, CastKind conversion, int precision, int scale) {
    return Constant.folded(new Cast(a, type, conversion.conversion, precision, scale, false), a);
  }

  /** {@code TRY_CAST(a AS type)}: as {@link #cast}, but NULL for a value that does not convert. */
  public static Expr tryCast(
      Expr a, ColumnType type, CastKind conversion, int precision, int scale) {
    return Constant.folded(new Cast(a, type, conversion.conversion, precision, scale, true), a);
  }

  /**
   * {@code CASE WHEN c1 THEN v1 ... ELSE otherwise END}, evaluating each operand only for the rows
   * that need it.
   *
   * @param whenThen conditions and values alternating
   * @param otherwise the ELSE value, or null for NULL
   */
  public static Expr caseWhen(List<Expr> whenThen, Expr otherwise, ColumnType type) {
    return new Case(whenThen, otherwise, type);
  }

  /**
   * {@code a LIKE pattern [ESCAPE escape]} with a constant pattern; {@code escape} -1 for none.
   *
   * @throws IllegalArgumentException for an escape character not followed by %, _ or itself
   */
  public static Expr like(Expr a, String pattern, int escape) {
    return new Like(a, pattern, escape, false);
  }

  /**
   * {@code a ILIKE pattern [ESCAPE escape]}: {@link #like} with the ASCII letters {@code A-Z} and
   * {@code a-z} matching either case, and every other character only itself (the SQL layer's ILIKE
   * is a case-insensitive regular expression without Unicode case folding: {@code 'Ä' ILIKE 'ä'} is
   * FALSE).
   *
   * @throws IllegalArgumentException for an escape character not followed by %, _ or itself
   */
  public static Expr ilike(Expr a, String pattern, int escape) {
    return new Like(a, pattern, escape, true);
  }

  /** The casts {@link #cast} makes, by what they convert. */
  public enum CastKind {
    /** An integer to a type that holds every value of it. */
    WIDEN(Cast.Conversion.WIDEN),
    /** An integer to a narrower integer type, failing when the value does not fit. */
    NARROW(Cast.Conversion.NARROW),
    /** An integer to DOUBLE. */
    LONG_TO_DOUBLE(Cast.Conversion.LONG_TO_DOUBLE),
    /** REAL to DOUBLE. */
    REAL_TO_DOUBLE(Cast.Conversion.REAL_TO_DOUBLE),
    /** DECIMAL to DOUBLE. */
    DECIMAL_TO_DOUBLE(Cast.Conversion.DECIMAL_TO_DOUBLE),
    /** DOUBLE to an integer type, halves to even ({@link Casts#doubleToLong}). */
    DOUBLE_TO_LONG(Cast.Conversion.DOUBLE_TO_LONG),
    /** DECIMAL to an integer type, halves away from zero ({@link Casts#decimalToLong}). */
    DECIMAL_TO_LONG(Cast.Conversion.DECIMAL_TO_LONG),
    /** An integer to DECIMAL(p,s) ({@link Casts#truncatingDecimal}). */
    LONG_TO_DECIMAL(Cast.Conversion.LONG_TO_DECIMAL),
    /** DECIMAL to DECIMAL(p,s), truncating ({@link Casts#truncatingDecimal}). */
    DECIMAL_TO_DECIMAL_TRUNCATING(Cast.Conversion.DECIMAL_TO_DECIMAL_TRUNCATING),
    /** DECIMAL to DECIMAL(p,s), halves away from zero ({@link Casts#decimalToDecimal}). */
    DECIMAL_TO_DECIMAL_ROUNDING(Cast.Conversion.DECIMAL_TO_DECIMAL_ROUNDING),
    /** DOUBLE to DECIMAL(p,s) ({@link Casts#doubleToDecimal}). */
    DOUBLE_TO_DECIMAL(Cast.Conversion.DOUBLE_TO_DECIMAL),
    /** DATE to TIMESTAMP. */
    DATE_TO_TIMESTAMP(Cast.Conversion.DATE_TO_TIMESTAMP),
    /** TIMESTAMP to DATE. */
    TIMESTAMP_TO_DATE(Cast.Conversion.TIMESTAMP_TO_DATE);

    private final Cast.Conversion conversion;

    CastKind(Cast.Conversion conversion) {
      this.conversion = conversion;
    }
  }
}
