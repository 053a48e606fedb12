package dev.bucketsql.calcite.engine;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code CAST(b AS VARCHAR)} of a BOOLEAN gives DuckDB's (and PostgreSQL's) lower-case text, {@code
 * 'true'} and {@code 'false'}, not Calcite's {@code 'TRUE'}; so comparing or joining it with text
 * gives DuckDB's answer.
 */
final class BooleanText {
  private BooleanText() {}

  /** {@code converted} with such a cast as a CASE; any other expression as it is. */
  static RexNode rewrite(RexBuilder rexBuilder, RexNode converted) {
    if (!(converted instanceof RexCall cast)
        || cast.getKind() != SqlKind.CAST
        || cast.getOperands().size() != 1
        || cast.getOperands().get(0).getType().getSqlTypeName() != SqlTypeName.BOOLEAN
        || cast.getType().getSqlTypeName() != SqlTypeName.VARCHAR) {
      return converted;
    }
    RexNode b = cast.getOperands().get(0);
    RelDataType type = cast.getType();
    RexNode whenTrue = rexBuilder.makeLiteral("true", type, false);
    RexNode whenFalse = rexBuilder.makeLiteral("false", type, false);
    if (!b.getType().isNullable()) {
      return rexBuilder.makeCall(type, SqlStdOperatorTable.CASE, List.of(b, whenTrue, whenFalse));
    }
    return rexBuilder.makeCall(
        type,
        SqlStdOperatorTable.CASE,
        List.of(
            rexBuilder.makeCall(SqlStdOperatorTable.IS_NULL, b),
            rexBuilder.makeNullLiteral(type),
            b,
            whenTrue,
            whenFalse));
  }
}
