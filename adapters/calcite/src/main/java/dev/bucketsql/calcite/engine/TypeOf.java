package dev.bucketsql.calcite.engine;

import dev.bucketsql.calcite.meta.DuckTypes;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql2rel.SqlRexContext;

/**
 * DuckDB's {@code typeof(x)}: the name of the type of {@code x} as DuckDB spells it ({@code
 * INTEGER}, {@code DECIMAL(10,2)}, {@code VARCHAR[]}, ...; {@link DuckTypes}). The type is known
 * once the statement is validated, so the call becomes a string constant when it is converted;
 * {@code x} is never evaluated, as in DuckDB.
 *
 * <p>Calcite's own {@code TYPEOF} takes only a VARIANT; this one is looked up before it ({@link
 * #TABLE}).
 */
final class TypeOf extends SqlFunction {
  /** The function. */
  static final TypeOf INSTANCE = new TypeOf();

  /** The operators looked up before Calcite's: this one. */
  static final SqlOperatorTable TABLE = SqlOperatorTables.of(INSTANCE);

  private TypeOf() {
    super(
        "TYPEOF",
        SqlKind.OTHER_FUNCTION,
        ReturnTypes.VARCHAR,
        null,
        OperandTypes.ANY,
        SqlFunctionCategory.SYSTEM);
  }

  /** The call as the constant type name of its operand. */
  static RexNode convert(SqlRexContext cx, SqlCall call) {
    String name = DuckTypes.name(cx.getValidator().getValidatedNodeType(call.operand(0)));
    // of the call's validated type (VARCHAR), not CHAR(n): the converted row must keep it
    RexBuilder rex = cx.getRexBuilder();
    return rex.makeCast(cx.getValidator().getValidatedNodeType(call), rex.makeLiteral(name), false);
  }
}
