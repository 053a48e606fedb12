package dev.bucketsql.calcite.engine;

import java.util.List;
import java.util.function.Function;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * DuckDB functions that are other spellings of standard SQL, rewritten to it while validating, so
 * that they plan and run exactly as the standard form: {@code count_star()} is {@code COUNT(*)},
 * {@code now()} is {@code CURRENT_TIMESTAMP}.
 */
final class DuckDbAliases extends SqlFunction {
  /** {@code count_star()}. */
  static final DuckDbAliases COUNT_STAR =
      new DuckDbAliases(
          "COUNT_STAR", pos -> SqlStdOperatorTable.COUNT.createCall(pos, SqlIdentifier.star(pos)));

  /** {@code now()}. */
  static final DuckDbAliases NOW =
      new DuckDbAliases("NOW", pos -> SqlStdOperatorTable.CURRENT_TIMESTAMP.createCall(pos));

  /** Both aliases. */
  static final List<SqlFunction> ALL = List.of(COUNT_STAR, NOW);

  private final Function<SqlParserPos, SqlNode> standard;

  private DuckDbAliases(String name, Function<SqlParserPos, SqlNode> standard) {
    // The return type is never asked: validation sees only the rewritten call.
    super(
        name,
        SqlKind.OTHER_FUNCTION,
        ReturnTypes.BIGINT,
        null,
        OperandTypes.NILADIC,
        SqlFunctionCategory.SYSTEM);
    this.standard = standard;
  }

  @Override
  public SqlNode rewriteCall(SqlValidator validator, SqlCall call) {
    return standard.apply(call.getParserPosition());
  }
}
