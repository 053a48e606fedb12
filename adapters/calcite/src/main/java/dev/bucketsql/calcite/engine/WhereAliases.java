package dev.bucketsql.calcite.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.validate.SqlNameMatchers;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * The select list's aliases in {@code WHERE}, as DuckDB allows them: {@code SELECT x * 2 AS y
 * FROM t WHERE y > 3} filters on {@code x * 2}. A name is an alias only where no column of the
 * query (or of an enclosing query) has it, so {@code SELECT id * 2 AS score FROM t WHERE score >
 * 3} still filters on the column {@code score}, as in DuckDB. Each such name becomes a copy of
 * the aliased expression, in place, while the WHERE clause is validated; names inside a subquery
 * or a lambda are left alone. {@code GROUP BY} and {@code HAVING} take aliases already (the
 * lenient conformance).
 */
final class WhereAliases {
  private WhereAliases() {}

  /** Replaces, in {@code select}'s WHERE clause, each alias that names no column. */
  static void expand(SqlSelect select, SqlValidatorScope whereScope) {
    SqlNode where = select.getWhere();
    if (where == null) {
      return;
    }
    Map<String, SqlNode> aliases = new HashMap<>();
    for (SqlNode item : select.getSelectList()) {
      if (item instanceof SqlCall as && as.getKind() == SqlKind.AS && as.operandCount() == 2
          && as.operand(1) instanceof SqlIdentifier alias && alias.isSimple()) {
        // a name aliased twice is ambiguous: left to the validator, which says it is unknown
        aliases.merge(alias.getSimple().toLowerCase(Locale.ROOT), as.operand(0), (a, b) -> null);
      }
    }
    aliases.values().removeIf(java.util.Objects::isNull);
    if (aliases.isEmpty()) {
      return;
    }
    SqlNode replaced = replaced(where, aliases, whereScope);
    if (replaced != where) {
      select.setWhere(replaced);
    } else {
      replaceOperands(where, aliases, whereScope);
    }
  }

  private static SqlNode replaced(SqlNode node, Map<String, SqlNode> aliases, SqlValidatorScope scope) {
    if (!(node instanceof SqlIdentifier id) || !id.isSimple()) {
      return node;
    }
    SqlNode expression = aliases.get(id.getSimple().toLowerCase(Locale.ROOT));
    if (expression == null
        || !scope.findQualifyingTableNames(id.getSimple(), id, SqlNameMatchers.withCaseSensitive(false)).isEmpty()) {
      return node;
    }
    return expression.clone(id.getParserPosition());
  }

  private static void replaceOperands(SqlNode node, Map<String, SqlNode> aliases, SqlValidatorScope scope) {
    if (node instanceof SqlSelect || (node instanceof SqlCall c && c.getKind() == SqlKind.LAMBDA)) {
      return; // a subquery has its own names, a lambda its parameters
    }
    if (node instanceof SqlNodeList list) {
      for (int i = 0; i < list.size(); i++) {
        SqlNode child = list.get(i);
        SqlNode replaced = replaced(child, aliases, scope);
        if (replaced != child) {
          list.set(i, replaced);
        } else {
          replaceOperands(child, aliases, scope);
        }
      }
    } else if (node instanceof SqlCall call) {
      List<SqlNode> operands = call.getOperandList();
      for (int i = 0; i < operands.size(); i++) {
        SqlNode child = operands.get(i);
        if (child == null) {
          continue;
        }
        SqlNode replaced = replaced(child, aliases, scope);
        if (replaced != child) {
          call.setOperand(i, replaced);
        } else {
          replaceOperands(child, aliases, scope);
        }
      }
    }
  }
}
