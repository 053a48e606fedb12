package dev.bucketsql.calcite.engine;

import dev.bucketsql.format.SqlStateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * DuckDB's {@code unnest(l)} in a select list: one row per element of {@code l}, the other select
 * items repeated, no row for a NULL or empty list. Before validation the call becomes a column of
 * {@code CROSS JOIN UNNEST(l)} added to the query's FROM clause, so WHERE filters the rows before
 * they are unnested and GROUP BY, aggregates and ORDER BY see one row per element, as in DuckDB.
 * ({@link ListSyntax} makes the parser read the call; {@code FROM unnest(l)} is Calcite's own.)
 */
final class ListUnnest {
  private static final String TABLE = "$unnest";
  private static final String COLUMN = "unnest";

  private ListUnnest() {}

  /** {@code node} with each select list's {@code unnest(l)} turned into a lateral UNNEST. */
  static SqlNode rewrite(SqlNode node) {
    node.accept(
        new SqlBasicVisitor<Void>() {
          @Override
          public Void visit(SqlCall call) {
            if (call instanceof SqlSelect select) {
              unnestSelectList(select);
            }
            return super.visit(call);
          }
        });
    return node;
  }

  private static void unnestSelectList(SqlSelect select) {
    List<SqlNode> lists = new ArrayList<>();
    SqlShuttle replace =
        new SqlShuttle() {
          @Override
          public SqlNode visit(SqlCall call) {
            if (call instanceof SqlSelect) {
              return call; // a subquery's own unnest belongs to it
            }
            if (call.getKind() == SqlKind.OVER
                || ByAll.AGGREGATES.contains(
                    call.getOperator().getName().toUpperCase(Locale.ROOT))) {
              call.accept(
                  new SqlBasicVisitor<Void>() {
                    @Override
                    public Void visit(SqlCall inner) {
                      if (isUnnest(inner)) {
                        throw new SqlStateException(
                            "0A000",
                            "unnest(...) inside an aggregate or window function is"
                                + " not supported, as in DuckDB; unnest in a subquery and aggregate over it");
                      }
                      return inner instanceof SqlSelect ? null : super.visit(inner);
                    }
                  });
            }
            if (isUnnest(call)) {
              if (call.operandCount() != 1) {
                throw new SqlStateException(
                    "42883", "unnest takes one list: unnest(l); write unnest(l) once per list");
              }
              lists.add(call.operand(0));
              return new SqlIdentifier(List.of(TABLE, COLUMN), call.getParserPosition());
            }
            return super.visit(call);
          }
        };
    SqlNodeList items = select.getSelectList();
    SqlNodeList replaced = new SqlNodeList(items.getParserPosition());
    for (SqlNode item : items) {
      replaced.add(item.accept(replace));
    }
    if (lists.isEmpty()) {
      return;
    }
    if (lists.size() > 1) {
      throw new SqlStateException(
          "0A000",
          "only one unnest(...) per select list is supported; unnest the other list in a subquery"
              + " or write FROM t, UNNEST(a) AS u(x)");
    }
    SqlParserPos pos = lists.get(0).getParserPosition();
    SqlNode unnest =
        SqlStdOperatorTable.AS.createCall(
            pos,
            SqlStdOperatorTable.UNNEST.createCall(pos, lists.get(0)),
            new SqlIdentifier(TABLE, pos),
            new SqlIdentifier(COLUMN, pos));
    SqlNode from = select.getFrom();
    select.setFrom(
        from == null
            ? unnest
            : new SqlJoin(
                pos,
                from,
                SqlLiteral.createBoolean(false, pos),
                JoinType.CROSS.symbol(pos),
                unnest,
                JoinConditionType.NONE.symbol(pos),
                null));
    select.setSelectList(replaced);
  }

  private static boolean isUnnest(SqlCall call) {
    return call.getOperator() instanceof SqlUnresolvedFunction f
        && f.getName().toLowerCase(Locale.ROOT).equals(COLUMN);
  }
}
