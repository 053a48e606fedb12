package dev.bucketsql.calcite.engine;

import static org.apache.calcite.util.Static.RESOURCE;

import dev.bucketsql.calcite.engine.Quantiles.Kind;
import java.math.BigDecimal;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * What the quantile aggregates take, checked while the statement is validated: values of a type
 * they order (numbers, dates, times, timestamps, strings, booleans, bytes) or, for the continuous
 * ones, interpolate (not strings, booleans or bytes); and a fraction that is the same in every row,
 * in range where it is a number literal. Problems are one line naming the construct, at its
 * position.
 */
final class QuantileArguments {
  private QuantileArguments() {}

  /** How a group keeps values of {@code type}; null where no quantile of them is taken. */
  static Kind kind(RelDataType type) {
    return switch (type.getSqlTypeName()) {
      case TINYINT -> Kind.TINYINT;
      case SMALLINT -> Kind.SMALLINT;
      case INTEGER -> Kind.INTEGER;
      case BIGINT -> Kind.BIGINT;
      case REAL -> Kind.REAL;
      case FLOAT, DOUBLE -> Kind.DOUBLE;
      case DECIMAL -> type.getPrecision() <= 18 ? Kind.DECIMAL : Kind.WIDE_DECIMAL;
      case DATE -> Kind.DATE;
      case TIME -> Kind.TIME;
      case TIMESTAMP -> Kind.TIMESTAMP;
      case CHAR, VARCHAR, BOOLEAN, BINARY, VARBINARY -> Kind.OBJECT;
      default -> null;
    };
  }

  /** What is wrong with the values, or null: a type {@code spec} orders or interpolates. */
  static String valueProblem(QuantileFunction.Spec spec, RelDataType value) {
    Kind kind = kind(value);
    if (kind == null) {
      return "cannot order values of type " + value.getFullTypeString().replace(" NOT NULL", "");
    }
    if (spec.mode() == QuantileFunction.Mode.CONT && kind == Kind.OBJECT) {
      return "cannot interpolate "
          + value.getSqlTypeName()
          + " values; "
          + (spec.percentile() ? "PERCENTILE_DISC" : "quantile_disc")
          + " takes any ordered type";
    }
    return null;
  }

  /** What is wrong with the fraction, or null: a constant number in range, or a parameter. */
  static String fractionProblem(QuantileFunction.Spec spec, SqlNode node, RelDataType type) {
    String range = spec.percentile() ? "between 0 and 1" : "between -1 and 1";
    if (SqlUtil.isNullLiteral(node, true)) {
      return "the fraction must be a number " + range + ", not NULL";
    }
    if (type.getSqlTypeName() == SqlTypeName.ARRAY) {
      return "takes one fraction, not a list of them; call it once per fraction";
    }
    if (!isConstant(node)) {
      return "the fraction must be a constant " + range + ", not a column expression";
    }
    if (!SqlTypeUtil.isNumeric(type)) {
      return "the fraction must be a number " + range + ", not " + node;
    }
    BigDecimal value = numberValue(node);
    if (value != null) {
      BigDecimal lowest = spec.percentile() ? BigDecimal.ZERO : BigDecimal.ONE.negate();
      if (value.compareTo(lowest) < 0 || value.compareTo(BigDecimal.ONE) > 0) {
        return "the fraction must be " + range + ", not " + value.toPlainString();
      }
    }
    return null;
  }

  /** The value of a number literal, possibly signed; null for other constants (checked running). */
  private static BigDecimal numberValue(SqlNode node) {
    if (node instanceof SqlLiteral literal) {
      return SqlTypeName.NUMERIC_TYPES.contains(literal.getTypeName())
          ? literal.getValueAs(BigDecimal.class)
          : null;
    }
    if (node instanceof SqlCall call && call.operandCount() >= 1) {
      BigDecimal inner =
          switch (call.getKind()) {
            case PLUS_PREFIX, MINUS_PREFIX -> numberValue(call.operand(0));
            default -> null;
          };
      return inner != null && call.getKind() == SqlKind.MINUS_PREFIX ? inner.negate() : inner;
    }
    return null;
  }

  /**
   * Whether {@code node} has the same value in every row: literals, parameters, and calls of them.
   */
  private static boolean isConstant(SqlNode node) {
    if (node instanceof SqlLiteral
        || node instanceof SqlDynamicParam
        || node instanceof SqlDataTypeSpec
        || node instanceof SqlIntervalQualifier) {
      return true;
    }
    if (node instanceof SqlNodeList list) {
      return list.stream().allMatch(n -> n == null || isConstant(n));
    }
    if (node instanceof SqlCall call) {
      return !call.getOperator().isAggregator()
          && call.getOperator().isDeterministic()
          && !SqlKind.QUERY.contains(call.getKind())
          && call.getOperandList().stream().allMatch(n -> n == null || isConstant(n));
    }
    return false;
  }

  /** A validation error at {@code node}, as Calcite reports its own. */
  static CalciteContextException error(SqlNode node, String message) {
    SqlParserPos pos = node.getParserPosition();
    CalciteContextException e =
        RESOURCE
            .validatorContext(
                pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum())
            .ex(new SqlValidatorException(message, null));
    e.setPosition(pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
    return e;
  }
}
