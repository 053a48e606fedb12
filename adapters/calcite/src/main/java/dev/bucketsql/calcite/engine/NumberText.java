package dev.bucketsql.calcite.engine;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code CAST(x AS VARCHAR)} of a DOUBLE, REAL or DECIMAL written as DuckDB writes it, where
 * Calcite writes Java's form ({@code 1.0E10}, {@code 0E0}) and drops a decimal's leading zero
 * ({@code .50}):
 *
 * <ul>
 *   <li>a DOUBLE or REAL with the fewest digits that read back as the same value of its type, plain
 *       when its decimal exponent is from -4 to 15 ({@code 10000000000.0}, {@code 0.0001}, {@code
 *       0.1}, always with a fraction), else in exponent form with a signed exponent of two digits
 *       at least ({@code 1e+16}, {@code 1.5e-07}, {@code 1.2345678901234568e+20}); NaN and the
 *       infinities as DuckDB writes them, {@code nan}, {@code inf}, {@code -inf} ({@link
 *       DoubleMath#specialText});
 *   <li>a DECIMAL in plain digits at its scale, with its leading zero ({@code 0.50}, {@code
 *       -0.50}).
 * </ul>
 *
 * <p>{@code ResultSet.getString} of a DOUBLE column stays Java's form, as in DuckDB's own JDBC
 * driver ({@code 1.0E10}); only SQL's cast is DuckDB's text.
 */
public final class NumberText {
  private static final SqlUserDefinedFunction DOUBLE_TEXT = function("doubleText");
  private static final SqlUserDefinedFunction REAL_TEXT = function("realText");
  private static final SqlUserDefinedFunction DECIMAL_TEXT = function("decimalText");

  /** The plain form is used for decimal exponents from this one ... */
  private static final int LOWEST_PLAIN = -4;

  /** ... up to below this one. */
  private static final int FIRST_EXPONENT = 16;

  private NumberText() {}

  /**
   * {@code CAST(operand AS target)} as a call of these functions, or null when it is no such cast.
   */
  static @Nullable RexNode rewrite(RexBuilder rexBuilder, RexNode operand, RelDataType target) {
    if (!SqlTypeUtil.isCharacter(target)) {
      return null;
    }
    SqlTypeName from = operand.getType().getSqlTypeName();
    SqlUserDefinedFunction function =
        switch (from) {
          case DOUBLE -> DOUBLE_TEXT;
          case FLOAT, REAL -> REAL_TEXT;
          case DECIMAL -> DECIMAL_TEXT;
          default -> null;
        };
    if (function == null) {
      return null;
    }
    RelDataType type =
        rexBuilder
            .getTypeFactory()
            .createTypeWithNullability(
                target, operand.getType().isNullable() || target.isNullable());
    return rexBuilder.makeCall(type, function, List.of(operand));
  }

  /** A DOUBLE as DuckDB's {@code CAST(x AS VARCHAR)} writes it. Called by generated code. */
  public static String doubleText(Double x) {
    if (x == null) {
      return null;
    }
    if (x.isNaN() || x.isInfinite()) {
      return DoubleMath.specialText(x);
    }
    if (x == 0) {
      return Double.doubleToRawLongBits(x) < 0 ? "-0.0" : "0.0";
    }
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return write(BigDecimal.valueOf((long) x.doubleValue()));
    }
    BigDecimal exact = new BigDecimal(x);
    int digits = new BigDecimal(Double.toString(x)).stripTrailingZeros().precision();
    while (digits > 1 && round(exact, digits - 1).doubleValue() == x) {
      digits--;
    }
    return write(round(exact, digits));
  }

  /** A REAL as DuckDB's {@code CAST(x AS VARCHAR)} writes it. Called by generated code. */
  public static String realText(Float x) {
    if (x == null) {
      return null;
    }
    if (x.isNaN() || x.isInfinite()) {
      return DoubleMath.specialText(x);
    }
    if (x == 0) {
      return Float.floatToRawIntBits(x) < 0 ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(x.doubleValue());
    int digits = new BigDecimal(Float.toString(x)).stripTrailingZeros().precision();
    while (digits > 1 && round(exact, digits - 1).floatValue() == x) {
      digits--;
    }
    return write(round(exact, digits));
  }

  /**
   * {@code exact} to {@code digits} significant digits, the nearest such decimal. Java's own {@code
   * toString} reads back as the value too, but on Java 17 it is not always the shortest nor the
   * nearest: its length is only where the search for fewer digits starts. Of the decimals with as
   * many digits as one that reads back, the nearest reads back too.
   */
  private static BigDecimal round(BigDecimal exact, int digits) {
    return exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
  }

  /** A DECIMAL as DuckDB's {@code CAST(x AS VARCHAR)} writes it. Called by generated code. */
  public static String decimalText(BigDecimal x) {
    return x == null ? null : x.toPlainString();
  }

  /** {@code value}'s significant digits, plain or with an exponent by DuckDB's rule. */
  private static String write(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    String digits = stripped.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - stripped.scale();
    StringBuilder out = new StringBuilder(digits.length() + 8);
    if (stripped.signum() < 0) {
      out.append('-');
    }
    if (exponent >= LOWEST_PLAIN && exponent < FIRST_EXPONENT) {
      String plain = stripped.abs().toPlainString();
      out.append(plain);
      if (plain.indexOf('.') < 0) {
        out.append(".0");
      }
      return out.toString();
    }
    out.append(digits.charAt(0));
    if (digits.length() > 1) {
      out.append('.').append(digits, 1, digits.length());
    }
    out.append('e').append(exponent < 0 ? '-' : '+');
    int magnitude = Math.abs(exponent);
    if (magnitude < 10) {
      out.append('0');
    }
    return out.append(magnitude).toString();
  }

  private static SqlUserDefinedFunction function(String method) {
    return new SqlUserDefinedFunction(
        new SqlIdentifier("CAST_VARCHAR", SqlParserPos.ZERO),
        SqlKind.OTHER_FUNCTION,
        ReturnTypes.ARG0_NULLABLE,
        InferTypes.FIRST_KNOWN,
        null,
        ScalarFunctionImpl.create(NumberText.class, method));
  }
}
