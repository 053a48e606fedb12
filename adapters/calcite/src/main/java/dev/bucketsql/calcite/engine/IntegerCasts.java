package dev.bucketsql.calcite.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.runtime.SqlFunctions;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * DuckDB's casts of strings to integer types: a number with a fraction or an exponent ({@code
 * '1.5'}, {@code '2.5e1'}) is rounded to the nearest integer, halves away from zero ({@code
 * CAST('1.5' AS INTEGER)} is 2, {@code '-2.5'} gives -3), where Calcite's {@code CAST} fails and
 * its {@code TRY_CAST} gives NULL. Only those strings change: what Calcite casts already gives the
 * same value, and what neither takes fails with Calcite's error ({@code For input string: "x"}). A
 * cast of a string literal is rounded while the statement is converted; a cast of a string column
 * becomes a call of the methods here ({@link #rewrite}). Called by generated code; public for that
 * reason only.
 */
public final class IntegerCasts {
  /** A decimal number in ASCII digits, as DuckDB reads one; hex and underscores are not taken. */
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

  private static final List<SqlTypeName> TARGETS =
      List.of(SqlTypeName.TINYINT, SqlTypeName.SMALLINT, SqlTypeName.INTEGER, SqlTypeName.BIGINT);

  /** The cast functions in the order of {@link #TARGETS}, each plain then safe. */
  private static final List<SqlUserDefinedFunction> FUNCTIONS =
      List.of(
          function("toTinyint", SqlTypeName.TINYINT),
          function("tryToTinyint", SqlTypeName.TINYINT),
          function("toSmallint", SqlTypeName.SMALLINT),
          function("tryToSmallint", SqlTypeName.SMALLINT),
          function("toInteger", SqlTypeName.INTEGER),
          function("tryToInteger", SqlTypeName.INTEGER),
          function("toBigint", SqlTypeName.BIGINT),
          function("tryToBigint", SqlTypeName.BIGINT));

  private IntegerCasts() {}

  /** {@code CAST(s AS TINYINT)}. */
  public static Byte toTinyint(String s) {
    if (s == null) {
      return null;
    }
    try {
      return Byte.parseByte(s.trim());
    } catch (NumberFormatException e) {
      return (byte) rounded(s, Byte.MIN_VALUE, Byte.MAX_VALUE, e);
    }
  }

  /** {@code CAST(s AS SMALLINT)}. */
  public static Short toSmallint(String s) {
    if (s == null) {
      return null;
    }
    try {
      return SqlFunctions.toShort(s);
    } catch (NumberFormatException e) {
      return (short) rounded(s, Short.MIN_VALUE, Short.MAX_VALUE, e);
    }
  }

  /** {@code CAST(s AS INTEGER)}. */
  public static Integer toInteger(String s) {
    if (s == null) {
      return null;
    }
    try {
      return SqlFunctions.toInt(s);
    } catch (NumberFormatException e) {
      return (int) rounded(s, Integer.MIN_VALUE, Integer.MAX_VALUE, e);
    }
  }

  /** {@code CAST(s AS BIGINT)}. */
  public static Long toBigint(String s) {
    if (s == null) {
      return null;
    }
    try {
      return SqlFunctions.toLong(s);
    } catch (NumberFormatException e) {
      return rounded(s, Long.MIN_VALUE, Long.MAX_VALUE, e);
    }
  }

  /** {@code TRY_CAST(s AS TINYINT)}. */
  public static Byte tryToTinyint(String s) {
    try {
      return toTinyint(s);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** {@code TRY_CAST(s AS SMALLINT)}. */
  public static Short tryToSmallint(String s) {
    try {
      return toSmallint(s);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** {@code TRY_CAST(s AS INTEGER)}. */
  public static Integer tryToInteger(String s) {
    try {
      return toInteger(s);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** {@code TRY_CAST(s AS BIGINT)}. */
  public static Long tryToBigint(String s) {
    try {
      return toBigint(s);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** {@code s} rounded, halves away from zero, if it is a number in range; else {@code failure}. */
  private static long rounded(String s, long min, long max, NumberFormatException failure) {
    String t = s.trim();
    if (!DECIMAL.matcher(t).matches()) {
      throw failure;
    }
    BigDecimal value;
    try {
      value = new BigDecimal(t);
    } catch (NumberFormatException | ArithmeticException e) {
      throw failure; // an exponent beyond what BigDecimal takes
    }
    // more than 19 integer digits is out of range: rounding it would only spend memory
    if (value.precision() - value.scale() > 19) {
      throw failure;
    }
    BigDecimal r = value.setScale(0, RoundingMode.HALF_UP);
    if (r.compareTo(BigDecimal.valueOf(min)) < 0 || r.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw failure;
    }
    return r.longValueExact();
  }

  /**
   * {@code converted} with a cast of a string to TINYINT, SMALLINT, INTEGER or BIGINT (also {@code
   * TRY_CAST}) that rounds as DuckDB does; any other expression as it is.
   */
  static RexNode rewrite(RexBuilder rexBuilder, RexNode converted) {
    if (!(converted instanceof RexCall cast)
        || (cast.getKind() != SqlKind.CAST && cast.getKind() != SqlKind.SAFE_CAST)
        || cast.getOperands().size() != 1
        || !SqlTypeUtil.isCharacter(cast.getOperands().get(0).getType())
        || !TARGETS.contains(cast.getType().getSqlTypeName())) {
      return converted;
    }
    RexNode operand = cast.getOperands().get(0);
    boolean safe = cast.getKind() == SqlKind.SAFE_CAST;
    RelDataType type = cast.getType();
    if (operand instanceof RexLiteral literal) {
      // a literal Calcite casts, or one that fails either way, keeps Calcite's cast
      String text = literal.getValueAs(String.class);
      Long value = text == null ? null : roundedOnly(text, type.getSqlTypeName());
      if (value == null) {
        return converted;
      }
      RelDataType notNull = rexBuilder.getTypeFactory().createTypeWithNullability(type, false);
      RexNode rounded = rexBuilder.makeExactLiteral(BigDecimal.valueOf(value), notNull);
      return type.isNullable() ? rexBuilder.makeAbstractCast(type, rounded, false) : rounded;
    }
    return rexBuilder.makeCall(type, function(type.getSqlTypeName(), safe), List.of(operand));
  }

  /** The value of {@code text} cast to {@code target} when only the rounding cast takes it. */
  private static Long roundedOnly(String text, SqlTypeName target) {
    try {
      switch (target) {
        case TINYINT -> Byte.parseByte(text.trim());
        case SMALLINT -> SqlFunctions.toShort(text);
        case INTEGER -> SqlFunctions.toInt(text);
        default -> SqlFunctions.toLong(text);
      }
      return null; // Calcite's cast takes it
    } catch (NumberFormatException e) {
      Number value = tryCast(text, target);
      return value == null ? null : value.longValue();
    }
  }

  private static Number tryCast(String text, SqlTypeName target) {
    return switch (target) {
      case TINYINT -> tryToTinyint(text);
      case SMALLINT -> tryToSmallint(text);
      case INTEGER -> tryToInteger(text);
      default -> tryToBigint(text);
    };
  }

  private static SqlUserDefinedFunction function(SqlTypeName target, boolean safe) {
    return FUNCTIONS.get(TARGETS.indexOf(target) * 2 + (safe ? 1 : 0));
  }

  private static SqlUserDefinedFunction function(String method, SqlTypeName target) {
    boolean safe = method.startsWith("try");
    // named as the cast it stands for, so EXPLAIN reads CAST_ROUNDING_INTEGER($t0)
    return castFunction(
        (safe ? "TRY_CAST_ROUNDING_" : "CAST_ROUNDING_") + target.getName(),
        IntegerCasts.class,
        method,
        target,
        safe);
  }

  /**
   * A function that stands for a cast to {@code target}, named {@code name} in EXPLAIN and computed
   * by {@code method} of {@code implementation}: typed {@code target}, nullable when its argument
   * is or when it is a {@code TRY_CAST} ({@code safe}).
   */
  static SqlUserDefinedFunction castFunction(
      String name, Class<?> implementation, String method, SqlTypeName target, boolean safe) {
    return new SqlUserDefinedFunction(
        new SqlIdentifier(name, SqlParserPos.ZERO),
        SqlKind.OTHER_FUNCTION,
        binding ->
            binding
                .getTypeFactory()
                .createTypeWithNullability(
                    binding.getTypeFactory().createSqlType(target),
                    safe || binding.getOperandType(0).isNullable()),
        InferTypes.FIRST_KNOWN,
        null,
        ScalarFunctionImpl.create(implementation, method));
  }
}
