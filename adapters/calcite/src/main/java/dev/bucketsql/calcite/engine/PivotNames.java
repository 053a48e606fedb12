package dev.bucketsql.calcite.engine;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlPivot;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.util.NlsString;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Names the columns of the standard {@code PIVOT (agg FOR k IN ('a', 'b'))} as DuckDB does: after a
 * string value's content ({@code a}, {@code a_total}), where Calcite names them after the literal
 * as written ({@code 'a'}, {@code 'a'_total}). A value with an alias ({@code 'a' AS x}) keeps it;
 * values that are not a single literal keep Calcite's name.
 */
final class PivotNames {
  private PivotNames() {}

  /** {@code node}, with the values of each PIVOT it holds aliased by their text. */
  static SqlNode rewrite(SqlNode node) {
    node.accept(
        new SqlBasicVisitor<Void>() {
          @Override
          public Void visit(SqlCall call) {
            if (call instanceof SqlPivot pivot) {
              name(pivot.inList);
            }
            return super.visit(call);
          }
        });
    return node;
  }

  private static void name(SqlNodeList values) {
    for (int i = 0; i < values.size(); i++) {
      SqlNode value = values.get(i);
      if (value.getKind() == SqlKind.AS) {
        continue;
      }
      // the parser gives each value as a list: ('a'), or ('a', 1) for several FOR columns
      List<SqlNode> parts = value instanceof SqlNodeList list ? list.getList() : List.of(value);
      List<String> texts = new ArrayList<>();
      for (SqlNode part : parts) {
        String text = text(part);
        if (text == null) {
          return;
        }
        texts.add(text);
      }
      values.set(
          i,
          SqlStdOperatorTable.AS.createCall(
              value.getParserPosition(),
              value,
              new SqlIdentifier(String.join("_", texts), value.getParserPosition())));
    }
  }

  /** A literal's text as DuckDB names its column: a string by its content; null for others. */
  private static @Nullable String text(SqlNode node) {
    if (node instanceof SqlCharStringLiteral s) {
      return s.getValueAs(NlsString.class).getValue();
    }
    return node instanceof SqlLiteral literal ? literal.toValue() : null;
  }
}
