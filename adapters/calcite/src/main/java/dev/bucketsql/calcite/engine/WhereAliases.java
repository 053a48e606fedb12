package dev.bucketsql.calcite.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlNameMatchers;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorNamespace;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * The select list's aliases in {@code WHERE}, as DuckDB allows them: {@code SELECT x * 2 AS y FROM
 * t WHERE y > 3} filters on {@code x * 2}. A name is an alias only where no column of the query (or
 * of an enclosing query) has it, so {@code SELECT id * 2 AS score FROM t WHERE score > 3} still
 * filters on the column {@code score}, as in DuckDB. Each such name becomes a copy of the aliased
 * expression, in place, while the WHERE clause is validated. {@code GROUP BY} and {@code HAVING}
 * take aliases already (the lenient conformance).
 *
 * <p>A subquery of the WHERE clause sees the aliases too, as in DuckDB, after its own columns, the
 * enclosing queries' columns and its own aliases: {@code SELECT id * 10 AS s FROM t WHERE id IN
 * (SELECT k FROM u WHERE u.x > s)}. There the copy has its columns qualified by their table ({@code
 * t.id * 10}), so that a column of the subquery with the same name cannot take its place; where the
 * subquery hides that table's name too, or the expression holds a subquery or a lambda, the name is
 * left alone (and the validator says it is unknown). Names inside a lambda are its parameters and
 * are never aliases.
 */
final class WhereAliases {
  private final Map<String, SqlNode> aliases;
  private final SqlValidatorScope whereScope;
  private final SqlValidator validator;

  private WhereAliases(
      Map<String, SqlNode> aliases, SqlValidatorScope whereScope, SqlValidator validator) {
    this.aliases = aliases;
    this.whereScope = whereScope;
    this.validator = validator;
  }

  /**
   * Replaces, in {@code select}'s WHERE clause and its subqueries, each alias that names no column.
   */
  static void expand(SqlSelect select, SqlValidatorScope whereScope, SqlValidator validator) {
    SqlNode where = select.getWhere();
    if (where == null) {
      return;
    }
    Map<String, SqlNode> aliases = aliases(select);
    if (aliases.isEmpty()) {
      return;
    }
    WhereAliases expander = new WhereAliases(aliases, whereScope, validator);
    select.setWhere(expander.clause(where, whereScope, Set.of()));
  }

  /** The simple aliases of {@code select}'s items, lower-cased, to their expressions. */
  private static Map<String, SqlNode> aliases(SqlSelect select) {
    Map<String, SqlNode> aliases = new HashMap<>();
    for (SqlNode item : select.getSelectList()) {
      if (item instanceof SqlCall as
          && as.getKind() == SqlKind.AS
          && as.operandCount() == 2
          && as.operand(1) instanceof SqlIdentifier alias
          && alias.isSimple()) {
        // a name aliased twice is ambiguous: left to the validator, which says it is unknown
        aliases.merge(alias.getSimple().toLowerCase(Locale.ROOT), as.operand(0), (a, b) -> null);
      }
    }
    aliases.values().removeIf(Objects::isNull);
    return aliases;
  }

  /** A clause with its aliases replaced: the clause itself if it is one, else changed in place. */
  private SqlNode clause(SqlNode node, SqlValidatorScope scope, Set<String> hidden) {
    SqlNode replaced = replaced(node, scope, hidden);
    if (replaced == node) {
      replaceOperands(node, scope, hidden);
    }
    return replaced;
  }

  private SqlNode replaced(SqlNode node, SqlValidatorScope scope, Set<String> hidden) {
    if (!(node instanceof SqlIdentifier id) || !id.isSimple()) {
      return node;
    }
    String name = id.getSimple().toLowerCase(Locale.ROOT);
    SqlNode expression = hidden.contains(name) ? null : aliases.get(name);
    if (expression == null
        || !scope
            .findQualifyingTableNames(id.getSimple(), id, SqlNameMatchers.withCaseSensitive(false))
            .isEmpty()) {
      return node;
    }
    if (scope == whereScope) {
      return expression.clone(id.getParserPosition());
    }
    SqlNode qualified = qualified(expression.clone(id.getParserPosition()), scope);
    return qualified == null ? node : qualified;
  }

  private void replaceOperands(SqlNode node, SqlValidatorScope scope, Set<String> hidden) {
    if (node instanceof SqlSelect sub) {
      subquery(sub, hidden);
    } else if (node instanceof SqlNodeList list) {
      for (int i = 0; i < list.size(); i++) {
        SqlNode child = list.get(i);
        SqlNode replaced = clause(child, scope, hidden);
        if (replaced != child) {
          list.set(i, replaced);
        }
      }
    } else if (node instanceof SqlCall call) {
      SqlKind kind = call.getKind();
      if (kind == SqlKind.LAMBDA || kind == SqlKind.WITH) {
        return; // a lambda has its parameters; a WITH its own names
      }
      List<SqlNode> operands = call.getOperandList();
      // the name after AS, and a query's ORDER BY items (names of its result), are not columns
      int count = kind == SqlKind.AS || kind == SqlKind.ORDER_BY ? 1 : operands.size();
      for (int i = 0; i < count; i++) {
        SqlNode child = operands.get(i);
        if (child == null) {
          continue;
        }
        SqlNode replaced = clause(child, scope, hidden);
        if (replaced != child) {
          call.setOperand(i, replaced);
        }
      }
    }
  }

  /** The aliases in a subquery's select list, WHERE, GROUP BY and HAVING, each with its scope. */
  private void subquery(SqlSelect sub, Set<String> hidden) {
    SqlValidatorScope selectScope = validator.getSelectScope(sub);
    if (selectScope == null) {
      return; // not registered with the validator: left as typed
    }
    Set<String> names = new HashSet<>(hidden);
    names.addAll(aliases(sub).keySet()); // the subquery's own aliases come first
    replaceOperands(sub.getSelectList(), selectScope, names);
    if (sub.getWhere() != null) {
      sub.setWhere(clause(sub.getWhere(), validator.getWhereScope(sub), names));
    }
    if (sub.getGroup() != null) {
      replaceOperands(sub.getGroup(), validator.getGroupScope(sub), names);
    }
    if (sub.getHaving() != null) {
      sub.setHaving(clause(sub.getHaving(), validator.getHavingScope(sub), names));
    }
  }

  /**
   * The copy of an alias's expression with its columns qualified by their tables, or null when a
   * name would mean something else inside the subquery whose {@code scope} is given.
   */
  private SqlNode qualified(SqlNode copy, SqlValidatorScope scope) {
    boolean[] opaque = {false};
    copy.accept(
        new SqlBasicVisitor<Void>() {
          @Override
          public Void visit(SqlCall call) {
            if (call instanceof SqlSelect || call.getKind() == SqlKind.LAMBDA) {
              opaque[0] = true;
              return null;
            }
            return super.visit(call);
          }
        });
    if (opaque[0]) {
      return null;
    }
    try {
      SqlNode qualified =
          copy.accept(
              new SqlShuttle() {
                @Override
                public SqlNode visit(SqlIdentifier id) {
                  if (id.isStar()) {
                    return id;
                  }
                  SqlIdentifier full = whereScope.fullyQualify(id).identifier;
                  SqlValidatorNamespace inside = scope.fullyQualify(full).namespace;
                  if (inside != whereScope.fullyQualify(full).namespace) {
                    throw new IllegalStateException(
                        "hidden"); // the table's name means another table here
                  }
                  return full;
                }
              });
      return qualified;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
