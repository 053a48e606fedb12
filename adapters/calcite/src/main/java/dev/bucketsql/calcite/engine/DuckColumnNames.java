package dev.bucketsql.calcite.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Names unaliased select items as DuckDB does, instead of Calcite's {@code EXPR$0}: {@code
 * count_star()} for {@code COUNT(*)}, {@code sum(rating)}, {@code count(DISTINCT user_id)}, {@code
 * (a + 1)}, {@code CAST(a AS VARCHAR)}, {@code 'x'}, {@code 1}. An item whose DuckDB name this
 * class cannot spell keeps Calcite's; a column keeps its own name.
 */
final class DuckColumnNames {
  private static final Map<SqlKind, String> BINARY =
      Map.ofEntries(
          Map.entry(SqlKind.PLUS, "+"),
          Map.entry(SqlKind.MINUS, "-"),
          Map.entry(SqlKind.TIMES, "*"),
          Map.entry(SqlKind.DIVIDE, "/"),
          Map.entry(SqlKind.MOD, "%"),
          Map.entry(SqlKind.EQUALS, "="),
          Map.entry(SqlKind.NOT_EQUALS, "!="),
          Map.entry(SqlKind.LESS_THAN, "<"),
          Map.entry(SqlKind.LESS_THAN_OR_EQUAL, "<="),
          Map.entry(SqlKind.GREATER_THAN, ">"),
          Map.entry(SqlKind.GREATER_THAN_OR_EQUAL, ">="),
          Map.entry(SqlKind.AND, "AND"),
          Map.entry(SqlKind.OR, "OR"));

  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("INTEGER", "INTEGER"),
          Map.entry("INT", "INTEGER"),
          Map.entry("BIGINT", "BIGINT"),
          Map.entry("SMALLINT", "SMALLINT"),
          Map.entry("TINYINT", "TINYINT"),
          Map.entry("DOUBLE", "DOUBLE"),
          Map.entry("FLOAT", "FLOAT"),
          Map.entry("REAL", "FLOAT"),
          Map.entry("VARCHAR", "VARCHAR"),
          Map.entry("CHAR", "VARCHAR"),
          Map.entry("DATE", "DATE"),
          Map.entry("TIMESTAMP", "TIMESTAMP"),
          Map.entry("TIME", "TIME"),
          Map.entry("BOOLEAN", "BOOLEAN"));

  private DuckColumnNames() {}

  /** Gives the unaliased items of every SELECT in {@code node} DuckDB's names, in place. */
  static SqlNode name(SqlNode node) {
    if (node instanceof SqlSelect select) {
      SqlNodeList items = select.getSelectList();
      for (int i = 0; i < items.size(); i++) {
        SqlNode item = items.get(i);
        if (item instanceof SqlIdentifier || item.getKind() == SqlKind.AS) {
          continue;
        }
        String name = spell(item);
        if (name != null) {
          SqlParserPos pos = item.getParserPosition();
          items.set(i, SqlStdOperatorTable.AS.createCall(pos, item, new SqlIdentifier(name, pos)));
        }
      }
    }
    if (node instanceof SqlNodeList list) {
      list.forEach(DuckColumnNames::name);
    } else if (node instanceof SqlCall call) {
      for (SqlNode operand : call.getOperandList()) {
        if (operand != null) {
          name(operand);
        }
      }
    }
    return node;
  }

  /** DuckDB's text for {@code node}, or null when unsure. */
  static String spell(SqlNode node) {
    if (node instanceof SqlIdentifier id) {
      return id.isStar() ? null : String.join(".", id.names);
    }
    if (node instanceof SqlCharStringLiteral s) {
      return "'" + s.getValueAs(String.class).replace("'", "''") + "'";
    }
    if (node instanceof SqlNumericLiteral n) {
      BigDecimal value = n.getValueAs(BigDecimal.class);
      return n.isExact() ? value.toPlainString() : null;
    }
    if (node instanceof SqlLiteral literal && literal.getTypeName().getName().equals("BOOLEAN")) {
      return String.valueOf(literal.booleanValue()).toLowerCase(Locale.ROOT);
    }
    if (!(node instanceof SqlCall call)) {
      return null;
    }
    String op = BINARY.get(call.getKind());
    if (op != null && call.operandCount() == 2) {
      String l = spell(call.operand(0));
      String r = spell(call.operand(1));
      return l == null || r == null ? null : "(" + l + " " + op + " " + r + ")";
    }
    if (call.getKind() == SqlKind.CAST
        && call.operandCount() == 2
        && call.operand(1) instanceof SqlDataTypeSpec spec
        && spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic) {
      String value = spell(call.operand(0));
      String type = TYPES.get(basic.getTypeName().getSimple().toUpperCase(Locale.ROOT));
      return value == null || type == null ? null : "CAST(" + value + " AS " + type + ")";
    }
    if (call.getKind() == SqlKind.OTHER_FUNCTION || call.getOperator().isAggregator()) {
      String function = call.getOperator().getName().toLowerCase(Locale.ROOT);
      if (function.equals("count")
          && call.operandCount() == 1
          && call.operand(0) instanceof SqlIdentifier star
          && star.isStar()) {
        return "count_star()";
      }
      if (!function.matches("[a-z_][a-z0-9_]*")) {
        return null;
      }
      List<String> args = new ArrayList<>();
      for (SqlNode operand : call.getOperandList()) {
        String a = operand == null ? null : spell(operand);
        if (a == null) {
          return null;
        }
        args.add(a);
      }
      SqlLiteral quantifier = call.getFunctionQuantifier();
      String distinct =
          quantifier != null
                  && quantifier.getValue() != null
                  && quantifier.getValue().toString().equals("DISTINCT")
              ? "DISTINCT "
              : "";
      return function + "(" + distinct + String.join(", ", args) + ")";
    }
    return null;
  }
}
