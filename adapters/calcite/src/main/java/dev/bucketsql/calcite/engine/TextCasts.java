package dev.bucketsql.calcite.engine;

import dev.bucketsql.format.SqlStateException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
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
 * Casts of text that is no value of the target type fail as in DuckDB ({@code CAST('zero' AS
 * DOUBLE)}: "Could not convert string"), and {@code TRY_CAST} gives NULL:
 *
 * <ul>
 *   <li>a string literal is checked while the statement is converted, so the error cannot be
 *       optimized away: Calcite would fold {@code CAST('zero' AS DOUBLE) IS NOT NULL} to TRUE and
 *       answer without evaluating the cast. Only text that is certainly no value fails here (no
 *       digit for a number, date or timestamp; not a boolean word); the rest is left to the cast
 *       itself;
 *   <li>a cast to BOOLEAN takes DuckDB's words ({@code true false t f yes no y n 1 0}, any case),
 *       where Calcite took only {@code true} and {@code false} and failed with an internal error;
 *   <li>a cast to DOUBLE or REAL reads numbers as DuckDB does ({@link DuckNumberText}): {@code
 *       inf}, {@code -Infinity} and {@code nan} in any case, {@code 1_000}; not Java's {@code 1d}.
 * </ul>
 *
 * The errors are SQLSTATE 22P02 (22007 for dates and timestamps) and name the text and the type.
 */
public final class TextCasts {
  private static final Set<String> TRUE = Set.of("true", "t", "yes", "y", "1");
  private static final Set<String> FALSE = Set.of("false", "f", "no", "n", "0");

  /** Text a number can be, in DuckDB or in Java: at least a digit, or an infinity or NaN. */
  private static final Pattern MAYBE_NUMBER =
      Pattern.compile("(?is)\\s*[+-]?(.*[0-9].*|inf|infinity|nan)\\s*");

  /** Text a date or timestamp can be: at least a digit, or one of DuckDB's special words. */
  private static final Pattern MAYBE_DATE =
      Pattern.compile(
          "(?is)\\s*(.*[0-9].*|[+-]?infinity|epoch|today|now|yesterday|tomorrow|allballs)\\s*");

  private static final SqlUserDefinedFunction TO_BOOLEAN = function("toBoolean");
  private static final SqlUserDefinedFunction TRY_TO_BOOLEAN = function("tryToBoolean");
  private static final SqlUserDefinedFunction TO_DOUBLE = function("toDouble");
  private static final SqlUserDefinedFunction TRY_TO_DOUBLE = function("tryToDouble");
  private static final SqlUserDefinedFunction TO_REAL = function("toReal");
  private static final SqlUserDefinedFunction TRY_TO_REAL = function("tryToReal");

  private TextCasts() {}

  /**
   * Fails when {@code operand} is a string literal that is certainly no value of {@code target};
   * does nothing otherwise (other operands, TRY_CAST, text that may be a value).
   */
  static void checkLiteral(RexNode operand, RelDataType target, boolean safe) {
    if (safe
        || !(operand instanceof RexLiteral literal)
        || !SqlTypeUtil.isCharacter(literal.getType())) {
      return;
    }
    String text = literal.getValueAs(String.class);
    if (text == null) {
      return;
    }
    SqlTypeName to = target.getSqlTypeName();
    if (SqlTypeUtil.isNumeric(target) && !MAYBE_NUMBER.matcher(text).matches()) {
      throw new SqlStateException(
          SqlStateException.INVALID_TEXT_REPRESENTATION,
          "invalid number '"
              + clip(text)
              + "': could not convert the string to "
              + to.getName()
              + "; use TRY_CAST to get NULL for text that is not a number");
    }
    if ((to == SqlTypeName.DATE || to == SqlTypeName.TIMESTAMP)
        && !MAYBE_DATE.matcher(text).matches()) {
      throw new SqlStateException(
          SqlStateException.INVALID_DATETIME_FORMAT,
          "invalid "
              + to.getName()
              + " '"
              + clip(text)
              + "': could not convert the string to "
              + to.getName()
              + "; write dates as 'YYYY-MM-DD' and timestamps as 'YYYY-MM-DD hh:mm:ss[.fff]'");
    }
    if (to == SqlTypeName.BOOLEAN) {
      toBoolean(text);
    }
  }

  /**
   * {@code CAST(operand AS BOOLEAN)}, {@code AS DOUBLE} or {@code AS REAL} of text as a call of
   * DuckDB's cast, or null.
   */
  static @Nullable RexNode rewrite(
      RexBuilder rexBuilder, RexNode operand, RelDataType target, boolean safe) {
    if (!SqlTypeUtil.isCharacter(operand.getType())) {
      return null;
    }
    SqlUserDefinedFunction function =
        switch (target.getSqlTypeName()) {
          case BOOLEAN -> safe ? TRY_TO_BOOLEAN : TO_BOOLEAN;
          case DOUBLE, FLOAT -> safe ? TRY_TO_DOUBLE : TO_DOUBLE;
          case REAL -> safe ? TRY_TO_REAL : TO_REAL;
          default -> null;
        };
    if (function == null) {
      return null;
    }
    RelDataType type =
        rexBuilder
            .getTypeFactory()
            .createTypeWithNullability(target, safe || operand.getType().isNullable());
    return rexBuilder.makeCall(type, function, List.of(operand));
  }

  /**
   * {@code CAST(s AS DOUBLE)} as DuckDB reads it ({@link DuckNumberText}). Called by generated
   * code.
   */
  public static Double toDouble(String s) {
    if (s == null) {
      return null;
    }
    Double d = tryToDouble(s);
    if (d == null) {
      throw notANumber(s);
    }
    return d;
  }

  /** {@code TRY_CAST(s AS DOUBLE)}: NULL for text that is no number. Called by generated code. */
  public static Double tryToDouble(String s) {
    String number = s == null ? null : DuckNumberText.normalize(s);
    return number == null ? null : Double.valueOf(number);
  }

  /**
   * {@code CAST(s AS REAL)} as DuckDB reads it ({@link DuckNumberText}). Called by generated code.
   */
  public static Float toReal(String s) {
    if (s == null) {
      return null;
    }
    Float f = tryToReal(s);
    if (f == null) {
      throw notANumber(s);
    }
    return f;
  }

  /** {@code TRY_CAST(s AS REAL)}: NULL for text that is no number. Called by generated code. */
  public static Float tryToReal(String s) {
    String number = s == null ? null : DuckNumberText.normalize(s);
    return number == null ? null : Float.valueOf(number);
  }

  /**
   * Java's failure for text that is no number, which {@link QueryErrors} reports with the value and
   * where the statement has it, as for every other number read from text.
   */
  private static NumberFormatException notANumber(String s) {
    return new NumberFormatException("For input string: \"" + s + "\"");
  }

  /** {@code CAST(s AS BOOLEAN)} as DuckDB reads it. Called by generated code. */
  public static Boolean toBoolean(String s) {
    if (s == null) {
      return null;
    }
    Boolean b = tryToBoolean(s);
    if (b == null) {
      throw new SqlStateException(
          SqlStateException.INVALID_TEXT_REPRESENTATION,
          "invalid boolean '"
              + clip(s)
              + "': could not convert the string to BOOLEAN; write true, false, t, f,"
              + " yes, no, y, n, 1 or 0, or use TRY_CAST to get NULL");
    }
    return b;
  }

  /** {@code TRY_CAST(s AS BOOLEAN)}: NULL for text that is no boolean. Called by generated code. */
  public static Boolean tryToBoolean(String s) {
    if (s == null) {
      return null;
    }
    String word = s.toLowerCase(Locale.ROOT);
    return TRUE.contains(word) ? Boolean.TRUE : FALSE.contains(word) ? Boolean.FALSE : null;
  }

  private static String clip(String text) {
    String line = text.replaceAll("\\s+", " ");
    return line.length() <= 80 ? line : line.substring(0, 80) + "...";
  }

  private static SqlUserDefinedFunction function(String method) {
    return new SqlUserDefinedFunction(
        new SqlIdentifier("CAST", SqlParserPos.ZERO),
        SqlKind.OTHER_FUNCTION,
        ReturnTypes.ARG0_NULLABLE,
        InferTypes.FIRST_KNOWN,
        null,
        ScalarFunctionImpl.create(TextCasts.class, method));
  }
}
