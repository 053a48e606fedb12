package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.engine.IntegerCasts;
import dev.bucketsql.calcite.engine.TextCasts;
import dev.bucketsql.calcite.engine.TimestampText;
import dev.bucketsql.calcite.run.ExprTranslator.Maker;
import dev.bucketsql.engine.expr.Expr;
import dev.bucketsql.engine.expr.Exprs;
import dev.bucketsql.format.ColumnType;
import java.lang.reflect.Method;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.runtime.SqlFunctions;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Text, for {@link ExprTranslator}: casts from and to text, the SQL layer's own casts of text, and
 * concatenation. Each calls, per value, the very method Calcite's generated code calls for the same
 * node in BucketSQL (its {@code RexToLixTranslator.translateCast} and {@code RexImpTable}), so the
 * engine computes the same value and fails with the same exception, which the JDBC layer reports
 * with the same SQLSTATE and message:
 *
 * <ul>
 *   <li>{@code CAST} and {@code TRY_CAST} of VARCHAR or CHAR to {@code DECIMAL(p,s)} ({@code
 *       Primitive.charToDecimalCast} with the type system's rounding mode), DATE ({@code
 *       DateTimeUtils.dateStringToUnixDate}), TIME ({@code timeStringToUnixDate}) and TIMESTAMP
 *       ({@code timestampStringToUnixDate}); TRY_CAST's NULL where the conversion throws. Casts of
 *       text to integers, DOUBLE, REAL and BOOLEAN are the SQL layer's functions already ({@link
 *       IntegerCasts}, {@link TextCasts}), called the same way;
 *   <li>{@code CAST} to VARCHAR or CHAR: text as Calcite writes it (an integer by {@code
 *       String.valueOf}, a DATE, TIME or TIMESTAMP by {@code DateTimeUtils}; the SQL layer's {@code
 *       CAST_TIMESTAMP_TEXT}, {@link TimestampText}, where it replaced the cast), then truncated to
 *       VARCHAR(n) or truncated or padded to CHAR(n) ({@code SqlFunctions.truncate}, {@code
 *       truncateOrPad}) exactly where Calcite's {@code checkExpressionPadTruncate} does;
 *   <li>{@code a || b} of text ({@code SqlFunctions.concat}: NULL when either is NULL) and the
 *       {@code concat(...)} of the PostgreSQL library ({@code concatMultiWithNull}: NULL read as
 *       the empty string, never NULL).
 * </ul>
 *
 * A cast whose target is NOT NULL while its operand is nullable stays Calcite's: its code would
 * convert a NULL as a value.
 */
final class TextTranslator {
  /** The SQL layer's casts of text, by the method its function calls: the result type, the call. */
  private static final Map<Method, TextCast> SQL_LAYER_CASTS =
      Map.ofEntries(
          entry(IntegerCasts.class, "toTinyint", ColumnType.TINYINT, IntegerCasts::toTinyint),
          entry(IntegerCasts.class, "tryToTinyint", ColumnType.TINYINT, IntegerCasts::tryToTinyint),
          entry(IntegerCasts.class, "toSmallint", ColumnType.SMALLINT, IntegerCasts::toSmallint),
          entry(
              IntegerCasts.class,
              "tryToSmallint",
              ColumnType.SMALLINT,
              IntegerCasts::tryToSmallint),
          entry(IntegerCasts.class, "toInteger", ColumnType.INTEGER, IntegerCasts::toInteger),
          entry(IntegerCasts.class, "tryToInteger", ColumnType.INTEGER, IntegerCasts::tryToInteger),
          entry(IntegerCasts.class, "toBigint", ColumnType.BIGINT, IntegerCasts::toBigint),
          entry(IntegerCasts.class, "tryToBigint", ColumnType.BIGINT, IntegerCasts::tryToBigint),
          entry(TextCasts.class, "toBoolean", ColumnType.BOOLEAN, TextCasts::toBoolean),
          entry(TextCasts.class, "tryToBoolean", ColumnType.BOOLEAN, TextCasts::tryToBoolean),
          entry(TextCasts.class, "toDouble", ColumnType.DOUBLE, TextCasts::toDouble),
          entry(TextCasts.class, "tryToDouble", ColumnType.DOUBLE, TextCasts::tryToDouble),
          entry(TextCasts.class, "toReal", ColumnType.REAL, TextCasts::toReal),
          entry(TextCasts.class, "tryToReal", ColumnType.REAL, TextCasts::tryToReal));

  private final ExprTranslator root;
  private final RoundingMode roundingMode;

  /**
   * @param roundingMode the type system's rounding mode, which Calcite's code passes to its cast of
   *     text to DECIMAL
   */
  TextTranslator(ExprTranslator root, RoundingMode roundingMode) {
    this.root = root;
    this.roundingMode = roundingMode;
  }

  /**
   * {@code CAST(operand AS target)} (or {@code TRY_CAST}: {@code safe}) of text to a DECIMAL with
   * its precision and scale, a DATE, a TIME or a TIMESTAMP; null for other targets.
   */
  @Nullable Maker fromText(RexNode operand, Maker m, RelDataType target, boolean safe) {
    RelDataType source = operand.getType();
    ColumnType to = EngineTypes.of(target);
    if (!SqlTypeUtil.isCharacter(source) || to == null || nullAsValue(source, target, safe)) {
      return null;
    }
    Function<String, ?> parser =
        switch (target.getSqlTypeName()) {
          case DATE -> DateTimeUtils::dateStringToUnixDate;
          case TIME -> DateTimeUtils::timeStringToUnixDate;
          // no rounding: Calcite rounds a TIMESTAMP only to a smaller scale than its source's,
          // and text has none
          case TIMESTAMP -> DateTimeUtils::timestampStringToUnixDate;
          case DECIMAL -> decimal(target);
          default -> null;
        };
    if (parser == null) {
      return null;
    }
    return safe
        ? () -> Exprs.tryParse(m.make(), to, parser)
        : () -> Exprs.parse(m.make(), to, parser);
  }

  /** Calcite's cast of text to {@code DECIMAL(p,s)}: trimmed, read, set to the scale or failing. */
  private @Nullable Function<String, ?> decimal(RelDataType target) {
    int p = target.getPrecision();
    int s = target.getScale();
    if (p == RelDataType.PRECISION_NOT_SPECIFIED || s == RelDataType.SCALE_NOT_SPECIFIED) {
      return null; // Calcite converts without a precision: not this call
    }
    RoundingMode mode = roundingMode;
    return text -> Primitive.charToDecimalCast(text, p, s, mode);
  }

  /**
   * {@code CAST(operand AS target)} to VARCHAR or CHAR: the operand's text, then truncated or
   * padded to the target's length where Calcite's code does it; null for operands whose text is not
   * Calcite's own cast here (DOUBLE, REAL, DECIMAL and BOOLEAN text is the SQL layer's, and a cast
   * of them to text is a function in the plan).
   */
  @Nullable Maker toText(RexNode operand, Maker m, RelDataType target) {
    RelDataType source = operand.getType();
    Maker text;
    if (SqlTypeUtil.isCharacter(source)) {
      text = m;
    } else {
      LongFunction<String> f =
          switch (source.getSqlTypeName()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> String::valueOf;
            case DATE -> days -> DateTimeUtils.unixDateToString((int) days);
            case TIME -> millis -> DateTimeUtils.unixTimeToString((int) millis);
            case TIMESTAMP -> DateTimeUtils::unixTimestampToString;
            default -> null;
          };
      if (f == null || nullAsValue(source, target, false)) {
        return null;
      }
      text = () -> Exprs.format(m.make(), f);
    }
    return padOrTruncate(text, source, target);
  }

  /** Calcite's {@code checkExpressionPadTruncate} for a CHAR or VARCHAR target. */
  private static Maker padOrTruncate(Maker text, RelDataType source, RelDataType target) {
    int length = target.getPrecision();
    if (length < 0) {
      return text;
    }
    boolean pad = target.getSqlTypeName() == SqlTypeName.CHAR;
    boolean truncate = true;
    if (SqlTypeUtil.isCharacter(source)) {
      int shorter = SqlTypeUtil.comparePrecision(source.getPrecision(), length);
      if (shorter <= 0) {
        truncate = false; // a widening cast
      }
      if (shorter >= 0 && source.getSqlTypeName() != SqlTypeName.VARCHAR) {
        pad = false; // a CHAR no shorter is padded already
      }
    }
    if (!truncate && !pad) {
      return text;
    }
    Function<String, String> f =
        pad ? s -> SqlFunctions.truncateOrPad(s, length) : s -> SqlFunctions.truncate(s, length);
    return () -> Exprs.parse(text.make(), ColumnType.VARCHAR, f);
  }

  /**
   * {@code a || b} of text, and {@code concat(a, ...)}; null for other calls, or operands that are
   * not text (an ARRAY's or a binary string's concatenation).
   */
  @Nullable Maker concat(RexCall call, ColumnType type) {
    boolean strict = call.getOperator() == SqlStdOperatorTable.CONCAT;
    if ((!strict && call.getOperator() != SqlLibraryOperators.CONCAT_FUNCTION_WITH_NULL)
        || type != ColumnType.VARCHAR
        || (strict && call.getOperands().size() != 2)) {
      return null;
    }
    List<Maker> args = new ArrayList<>();
    for (RexNode operand : call.getOperands()) {
      Maker m = SqlTypeUtil.isCharacter(operand.getType()) ? root.translate(operand) : null;
      if (m == null) {
        return null;
      }
      args.add(m);
    }
    if (strict) {
      return () -> Exprs.concat(args.get(0).make(), args.get(1).make());
    }
    return () -> {
      List<Expr> exprs = new ArrayList<>();
      for (Maker m : args) {
        exprs.add(m.make());
      }
      return Exprs.concatSkippingNulls(exprs);
    };
  }

  /**
   * A cast of the SQL layer whose function Calcite's code calls with one text argument ({@link
   * IntegerCasts}, {@link TextCasts}: NULL gives NULL), or its text of a TIMESTAMP or TIME ({@link
   * TimestampText#castToText}, {@link TimestampText#castTimeToText}: DuckDB's form with
   * milliseconds); null for other methods.
   */
  @Nullable Maker sqlLayerCast(Method method, List<RexNode> operands, ColumnType type) {
    if (operands.size() != 1) {
      return null;
    }
    ColumnType from = EngineTypes.of(operands.get(0).getType());
    Maker m = from == null ? null : root.translate(operands.get(0));
    if (m == null) {
      return null;
    }
    if (method.getDeclaringClass() == TimestampText.class
        && method.getName().equals("castToText")
        && from == ColumnType.TIMESTAMP
        && type == ColumnType.VARCHAR) {
      return () -> Exprs.format(m.make(), TimestampText::format);
    }
    if (method.getDeclaringClass() == TimestampText.class
        && method.getName().equals("castTimeToText")
        && from == ColumnType.TIME
        && type == ColumnType.VARCHAR) {
      return () -> Exprs.format(m.make(), TimestampText::formatTime);
    }
    TextCast cast = SQL_LAYER_CASTS.get(method);
    if (cast == null || cast.type() != type || from != ColumnType.VARCHAR) {
      return null;
    }
    return () -> Exprs.parse(m.make(), type, cast.call());
  }

  /**
   * Whether Calcite's code would take a NULL operand for a value: a NOT NULL cast of a nullable.
   */
  private static boolean nullAsValue(RelDataType source, RelDataType target, boolean safe) {
    return !safe && source.isNullable() && !target.isNullable();
  }

  private static Map.Entry<Method, TextCast> entry(
      Class<?> owner, String name, ColumnType type, Function<String, ?> call) {
    try {
      return Map.entry(owner.getMethod(name, String.class), new TextCast(type, call));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(
          "the SQL layer has no cast " + owner.getName() + "." + name, e);
    }
  }

  /** A cast of text of the SQL layer: its result type and the call of its method. */
  private record TextCast(ColumnType type, Function<String, ?> call) {}
}
