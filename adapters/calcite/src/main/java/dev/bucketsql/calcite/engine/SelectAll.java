package dev.bucketsql.calcite.engine;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code SELECT * FROM from}: the wrapper the text rewrites put around a query before validation.
 */
final class SelectAll {
  private SelectAll() {}

  static SqlSelect from(SqlNode from, SqlParserPos pos) {
    return new SqlSelect(
        pos,
        null,
        SqlNodeList.of(SqlIdentifier.star(pos)),
        from,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
