package dev.bucketsql.calcite.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLambda;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * DuckDB's lambdas that read a value of the row: {@code list_transform(l, x -> x + t.k)} and {@code
 * list_filter(l, x -> x > threshold)}. Calcite's lambdas see only their parameters, so before
 * validation such a call becomes one whose lambda takes the row's value as a second parameter and
 * whose third operand computes it per row: {@code "$list_transform_with"(l, (x, "$value") -> x +
 * "$value", t.k)} ({@link ListLambdas#TRANSFORM_WITH}). A name in the body that is not a parameter
 * is the row's, as in DuckDB; an unknown one fails as an unknown column.
 *
 * <p>Calcite compiles lambdas of at most two parameters, so this takes a one-parameter lambda
 * reading one value of the row (used any number of times); two values, an index parameter beside a
 * row's value, {@code list_reduce}, and lambdas inside the body are left as typed, and fail with
 * 0A000 saying so ({@link SqlErrors}).
 */
final class LambdaCaptures {
  private static final Set<String> TRANSFORMS =
      Set.of("list_transform", "list_apply", "array_transform", "array_apply");
  private static final Set<String> FILTERS = Set.of("list_filter", "array_filter");

  /** The lambda's parameter that holds the row's value. */
  private static final String VALUE = "$value";

  private LambdaCaptures() {}

  /**
   * {@code node} with each such call rewritten, in place (the calls around it keep their state).
   */
  static SqlNode rewrite(SqlNode node) {
    if (node instanceof SqlNodeList list) {
      for (int i = 0; i < list.size(); i++) {
        SqlNode e = list.get(i);
        SqlNode rewritten = rewrite(e);
        if (rewritten != e) {
          list.set(i, rewritten);
        }
      }
      return list;
    }
    if (!(node instanceof SqlCall call) || call.getKind() == SqlKind.LAMBDA) {
      return node; // inside a lambda's body: left as typed
    }
    List<SqlNode> operands = call.getOperandList();
    for (int i = 0; i < operands.size(); i++) {
      SqlNode operand = operands.get(i);
      SqlNode rewritten = rewrite(operand);
      if (rewritten != operand) {
        call.setOperand(i, rewritten);
      }
    }
    return captured(call);
  }

  /** {@code call} as a call whose lambda takes the row's value, or {@code call} itself. */
  private static SqlNode captured(SqlCall call) {
    String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
    boolean transform = TRANSFORMS.contains(name);
    if (!(transform || FILTERS.contains(name))
        || call.operandCount() != 2
        || !(call.operand(1) instanceof SqlLambda lambda)
        || lambda.getParameters().size() != 1) {
      return call;
    }
    String parameter = lambda.getParameters().get(0).toString().toLowerCase(Locale.ROOT);
    Map<String, SqlIdentifier> values = new LinkedHashMap<>();
    boolean[] nested = {false};
    lambda
        .getExpression()
        .accept(
            new SqlBasicVisitor<Void>() {
              @Override
              public Void visit(SqlIdentifier id) {
                if (!id.isStar()
                    && !(id.isSimple()
                        && id.getSimple().toLowerCase(Locale.ROOT).equals(parameter))) {
                  values.putIfAbsent(id.toString().toLowerCase(Locale.ROOT), id);
                }
                return null;
              }

              @Override
              public Void visit(SqlCall inner) {
                if (inner.getKind() == SqlKind.LAMBDA || inner instanceof SqlSelect) {
                  nested[0] = true;
                  return null;
                }
                return super.visit(inner);
              }
            });
    if (nested[0] || values.size() != 1) {
      return call; // none: Calcite's own lambda; several or nested: left to fail with 0A000
    }
    SqlIdentifier value = values.values().iterator().next();
    String key = value.toString().toLowerCase(Locale.ROOT);
    SqlParserPos pos = lambda.getParserPosition();
    SqlNode body =
        lambda
            .getExpression()
            .accept(
                new SqlShuttle() {
                  @Override
                  public SqlNode visit(SqlIdentifier id) {
                    return id.toString().toLowerCase(Locale.ROOT).equals(key)
                        ? new SqlIdentifier(VALUE, id.getParserPosition())
                        : id;
                  }
                });
    SqlLambda withValue =
        new SqlLambda(
            pos,
            new SqlNodeList(
                List.of(lambda.getParameters().get(0), new SqlIdentifier(VALUE, pos)), pos),
            body);
    return (transform ? ListLambdas.TRANSFORM_WITH : ListLambdas.FILTER_WITH)
        .createCall(call.getParserPosition(), call.operand(0), withValue, value);
  }
}
