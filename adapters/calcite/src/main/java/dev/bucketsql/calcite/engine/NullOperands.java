package dev.bucketsql.calcite.engine;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.calcite.plan.RelOptPredicateList;
import org.apache.calcite.plan.Strong;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSimplify;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.fun.SqlBetweenOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.Program;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Comparisons and arithmetic with a NULL literal operand as the NULL they are, before Calcite's
 * optimizer: {@code round(0.5, 2) = -CAST(NULL AS DOUBLE)} becomes NULL. Calcite's constant
 * reduction folds the NULL operand alone when the other is not reducible, leaving {@code round(0.5,
 * 2) = NULL} in a filter, which its predicate pull-up then rejects with an AssertionError
 * ("Comparison with NULL in pulledUpPredicates"). Both forms are NULL for every row, so the rewrite
 * is an equivalence. Strict means one of the operators listed or any call Calcite's {@link Strong}
 * knows to be NULL when an operand is (a decimal product is a CAST of a multiplication there, which
 * its predicate simplification folds to NULL all the same).
 */
final class NullOperands {
  /** The program that rewrites a whole plan. */
  static final Program PROGRAM =
      (planner, rel, requiredOutputTraits, materializations, lattices) -> rel.accept(new Plan());

  /** The comparisons, NULL where an operand is (not IS [NOT] DISTINCT FROM, not IN). */
  private static final Set<SqlKind> COMPARISONS =
      Set.of(
          SqlKind.EQUALS,
          SqlKind.NOT_EQUALS,
          SqlKind.LESS_THAN,
          SqlKind.LESS_THAN_OR_EQUAL,
          SqlKind.GREATER_THAN,
          SqlKind.GREATER_THAN_OR_EQUAL);

  private static final Set<SqlKind> STRICT =
      Stream.concat(
              COMPARISONS.stream(),
              Stream.of(
                  SqlKind.PLUS,
                  SqlKind.MINUS,
                  SqlKind.TIMES,
                  SqlKind.DIVIDE,
                  SqlKind.MINUS_PREFIX,
                  SqlKind.PLUS_PREFIX,
                  SqlKind.CHECKED_PLUS,
                  SqlKind.CHECKED_MINUS,
                  SqlKind.CHECKED_TIMES,
                  SqlKind.CHECKED_DIVIDE,
                  SqlKind.CHECKED_MINUS_PREFIX))
          .collect(Collectors.toUnmodifiableSet());

  /** The comparisons and BETWEEN, NULL where an operand is. */
  private static final Set<SqlKind> NULL_IF_AN_OPERAND_IS =
      Stream.concat(COMPARISONS.stream(), Stream.of(SqlKind.BETWEEN))
          .collect(Collectors.toUnmodifiableSet());

  private NullOperands() {}

  /**
   * {@code rel} with the comparisons and arithmetic of NULL replaced by NULL, as the program does;
   * run also on the converted plan before Calcite trims its unused fields, whose uniqueness checks
   * pull up predicates too ({@code SELECT DISTINCT 1 FROM t WHERE round(0.5, 2) >= 1e0 - CAST(NULL
   * AS DOUBLE)}: the conversion folds the difference to a NULL literal).
   */
  static RelNode rewrite(RelNode rel) {
    return rel.accept(new Plan());
  }

  /**
   * {@code nodes} with the comparisons and arithmetic of NULL replaced by NULL, as the program
   * does.
   */
  static List<RexNode> fold(RexBuilder rexBuilder, List<RexNode> nodes) {
    Calls calls = new Calls(rexBuilder);
    return nodes.stream().map(n -> n.accept(calls)).toList();
  }

  /**
   * {@code node} with every negation of a NULL ({@code -CAST(NULL AS DOUBLE)}) replaced by that
   * NULL, in place: Calcite's conversion folds it to a NULL literal inside a comparison, which its
   * field trimming, before any program runs, then rejects as above.
   */
  static SqlNode rewrite(SqlNode node) {
    if (node instanceof SqlNodeList list) {
      for (int i = 0; i < list.size(); i++) {
        SqlNode item = list.get(i);
        if (isNegatedNull(item)) {
          item = ((SqlCall) item).operand(0);
          list.set(i, item);
        }
        SqlNode rewritten = rewritten(item);
        if (rewritten != item) {
          list.set(i, rewritten);
        }
        rewrite(rewritten);
      }
    } else if (node instanceof SqlCall call) {
      List<SqlNode> operands = call.getOperandList();
      for (int i = 0; i < operands.size(); i++) {
        SqlNode operand = operands.get(i);
        if (operand == null) {
          continue;
        }
        if (call instanceof SqlBasicCall && isNegatedNull(operand)) {
          operand = ((SqlCall) operand).operand(0);
          call.setOperand(i, operand);
        }
        SqlNode rewritten = rewritten(operand);
        if (rewritten != operand) {
          call.setOperand(i, rewritten);
        }
        rewrite(rewritten);
      }
    }
    return node;
  }

  /**
   * {@code node} as {@link #comparisonOfANullCase}, {@link #nullTest} and then {@link #caseBetween}
   * write it, else itself.
   */
  private static SqlNode rewritten(SqlNode node) {
    SqlNode unknown = comparisonOfANullCase(node);
    if (unknown != null) {
      return unknown;
    }
    SqlNode test = nullTest(node);
    SqlNode n = test != null ? test : node;
    SqlNode range = caseBetween(n);
    return range != null ? range : n;
  }

  /**
   * {@code x IS [NOT] DISTINCT FROM NULL} (the NULL cast or not) as {@code x IS [NOT] NULL}, which
   * it is, or null for anything else. Calcite's conversion expands the distinctness into a
   * comparison with the NULL, which its predicate pull-up then rejects (as above), already while
   * the statement is converted ({@code SELECT DISTINCT ... JOIN ... ON CAST(NULL AS DATE) IS NOT
   * DISTINCT FROM d}).
   */
  private static SqlNode nullTest(SqlNode node) {
    if (!(node instanceof SqlBasicCall call)
        || (call.getKind() != SqlKind.IS_DISTINCT_FROM
            && call.getKind() != SqlKind.IS_NOT_DISTINCT_FROM)
        || call.operandCount() != 2) {
      return null;
    }
    SqlNode other =
        isCastNull(call.operand(0))
            ? call.operand(1)
            : isCastNull(call.operand(1)) ? call.operand(0) : null;
    if (other == null) {
      return null;
    }
    return (call.getKind() == SqlKind.IS_NOT_DISTINCT_FROM
            ? org.apache.calcite.sql.fun.SqlStdOperatorTable.IS_NULL
            : org.apache.calcite.sql.fun.SqlStdOperatorTable.IS_NOT_NULL)
        .createCall(call.getParserPosition(), other);
  }

  /**
   * {@code c [NOT] BETWEEN a AND b} of a CASE {@code c} as the two comparisons it is, or null for
   * anything else. A BETWEEN of literal bounds becomes a SEARCH while the statement is converted;
   * where the CASE is NULL ({@code CASE WHEN FALSE THEN 1.5 ELSE CAST(NULL AS DECIMAL(10,2)) END}),
   * the conversion of a join condition folds it, and its predicate pull-up rejects the comparison
   * with NULL (XX000). Comparisons of the CASE pass.
   */
  private static SqlNode caseBetween(SqlNode node) {
    if (!(node instanceof SqlCall call)
        || !(call.getOperator() instanceof SqlBetweenOperator between)
        || between.flag != SqlBetweenOperator.Flag.ASYMMETRIC
        || call.operandCount() != 3
        || !(call.operand(0) instanceof org.apache.calcite.sql.fun.SqlCase)) {
      return null;
    }
    SqlParserPos pos = call.getParserPosition();
    SqlNode value = call.operand(0);
    if (between.isNegated()) {
      return SqlStdOperatorTable.OR.createCall(
          pos,
          SqlStdOperatorTable.LESS_THAN.createCall(pos, value, call.operand(1)),
          SqlStdOperatorTable.GREATER_THAN.createCall(pos, value, call.operand(2)));
    }
    return SqlStdOperatorTable.AND.createCall(
        pos,
        SqlStdOperatorTable.GREATER_THAN_OR_EQUAL.createCall(pos, value, call.operand(1)),
        SqlStdOperatorTable.LESS_THAN_OR_EQUAL.createCall(pos, value, call.operand(2)));
  }

  /**
   * A comparison or BETWEEN of a CASE that is NULL on every row (each WHEN a FALSE or NULL
   * constant, the ELSE a NULL) as the NULL it is, or null for anything else. Converting such a
   * comparison in a join's condition, Calcite folds the CASE to a NULL literal inside the
   * comparison, and its predicate pull-up then rejects the comparison with NULL (XX000, {@code ON
   * CASE WHEN CAST(NULL AS BOOLEAN) THEN s ELSE CAST(NULL AS VARCHAR) END BETWEEN 'a' AND 'z'}).
   */
  private static SqlNode comparisonOfANullCase(SqlNode node) {
    if (!(node instanceof SqlCall call)
        || !NULL_IF_AN_OPERAND_IS.contains(call.getKind())
        || call.getOperandList().stream().noneMatch(NullOperands::isNullCase)) {
      return null;
    }
    SqlParserPos pos = call.getParserPosition();
    return SqlStdOperatorTable.CAST.createCall(
        pos,
        SqlLiteral.createNull(pos),
        new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.BOOLEAN, pos), pos));
  }

  /**
   * Whether {@code node} is a CASE whose WHENs are FALSE or NULL constants and whose ELSE is NULL.
   */
  private static boolean isNullCase(SqlNode node) {
    if (!(node instanceof org.apache.calcite.sql.fun.SqlCase c) || c.getValueOperand() != null) {
      return false;
    }
    for (SqlNode when : c.getWhenOperands()) {
      boolean never =
          isCastNull(when)
              || when instanceof SqlLiteral literal
                  && literal.getTypeName() == SqlTypeName.BOOLEAN
                  && Boolean.FALSE.equals(literal.getValueAs(Boolean.class));
      if (!never) {
        return false;
      }
    }
    return c.getElseOperand() == null || isCastNull(c.getElseOperand());
  }

  /** Whether {@code node} is NULL, cast any number of times. */
  private static boolean isCastNull(SqlNode node) {
    SqlNode n = node;
    while (n instanceof SqlCall call && call.getKind() == SqlKind.CAST) {
      n = call.operand(0);
    }
    return SqlUtil.isNullLiteral(n, false);
  }

  /**
   * Whether {@code node} is the sign of a NULL a sign applies to: the bare NULL, or one cast to a
   * number or an interval. A NULL cast to anything else ({@code -CAST(NULL AS DATE)}) stays, so the
   * validator refuses it as it refuses {@code -DATE '2020-01-01'} (42883), as DuckDB does.
   */
  private static boolean isNegatedNull(SqlNode node) {
    return node instanceof SqlCall call
        && (call.getKind() == SqlKind.MINUS_PREFIX || call.getKind() == SqlKind.PLUS_PREFIX)
        && SqlUtil.isNullLiteral(call.operand(0), true)
        && signed(call.operand(0));
  }

  /**
   * Whether the NULL {@code operand} is bare or cast to a number or an interval; a type name this
   * does not know (a list, a DuckDB alias) counts as one, the rewrite's old reach.
   */
  private static boolean signed(SqlNode operand) {
    if (!(operand instanceof SqlCall cast && cast.getKind() == SqlKind.CAST)) {
      return true;
    }
    if (cast.operand(1) instanceof SqlDataTypeSpec spec
        && spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic) {
      SqlTypeName type = SqlTypeName.get(basic.getTypeName().getSimple());
      if (type != null
          && !SqlTypeName.NUMERIC_TYPES.contains(type)
          && !SqlTypeName.INTERVAL_TYPES.contains(type)) {
        return false;
      }
    }
    return signed(cast.operand(0));
  }

  private static final class Plan extends RelHomogeneousShuttle {
    @Override
    public RelNode visit(RelNode other) {
      RelNode rel = super.visit(other);
      return rel.accept(new Calls(rel.getCluster().getRexBuilder()));
    }
  }

  private static final class Calls extends RexShuttle {
    private final RexBuilder rexBuilder;

    Calls(RexBuilder rexBuilder) {
      this.rexBuilder = rexBuilder;
    }

    @Override
    public RexNode visitCall(RexCall call) {
      RexNode visited = super.visitCall(call);
      if (visited instanceof RexCall c
          && (STRICT.contains(c.getKind()) || Strong.policy(c) == Strong.Policy.ANY)
          && c.getType().isNullable()
          && c.getOperands().stream().anyMatch(this::isNull)) {
        return rexBuilder.makeNullLiteral(c.getType());
      }
      RexNode test = visited instanceof RexCall c ? nullTestOfJunction(c) : null;
      return test != null ? test : visited;
    }

    /**
     * {@code (a OR NULL) IS [NOT] NULL} as {@code a IS [NOT] TRUE}, and {@code (a AND NULL) IS
     * [NOT] NULL} as {@code a IS [NOT] FALSE}, which they are, or null for anything else. An {@code
     * IN} list holding a NULL becomes such an OR ({@code (x IN (a, b, NULL)) IS NULL}); as a
     * nested-loop join's condition, Calcite's generated predicate then typed the NULL's branch as
     * an {@code Object} and Janino refused the class (XX000).
     */
    private @Nullable RexNode nullTestOfJunction(RexCall call) {
      if ((call.getKind() != SqlKind.IS_NULL && call.getKind() != SqlKind.IS_NOT_NULL)
          || !(call.getOperands().get(0) instanceof RexCall junction)
          || (junction.getKind() != SqlKind.OR && junction.getKind() != SqlKind.AND)
          || junction.getOperands().stream().noneMatch(this::isNull)) {
        return null;
      }
      boolean isNull = call.getKind() == SqlKind.IS_NULL;
      List<RexNode> rest = junction.getOperands().stream().filter(o -> !isNull(o)).toList();
      if (rest.isEmpty()) {
        return rexBuilder.makeLiteral(isNull);
      }
      boolean or = junction.getKind() == SqlKind.OR;
      RexNode remaining =
          or
              ? RexUtil.composeDisjunction(rexBuilder, rest)
              : RexUtil.composeConjunction(rexBuilder, rest);
      SqlOperator test =
          or
              ? (isNull ? SqlStdOperatorTable.IS_NOT_TRUE : SqlStdOperatorTable.IS_TRUE)
              : (isNull ? SqlStdOperatorTable.IS_NOT_FALSE : SqlStdOperatorTable.IS_FALSE);
      return rexBuilder.makeCall(test, remaining);
    }

    /**
     * Whether {@code operand} is NULL: a NULL literal, or a CASE that simplifies to one ({@code
     * CASE WHEN FALSE THEN d ELSE CAST(NULL AS DATE) END}, which the optimizer folds later).
     */
    private boolean isNull(RexNode operand) {
      if (RexUtil.isNullLiteral(operand, true)) {
        return true;
      }
      return operand.getKind() == SqlKind.CASE
          && RexUtil.isNullLiteral(
              new RexSimplify(rexBuilder, RelOptPredicateList.EMPTY, RexUtil.EXECUTOR)
                  .simplifyPreservingType(operand),
              true);
    }

    /**
     * The subquery's plan rewritten too: its filter otherwise keeps the comparison, which Calcite
     * folds to one with a NULL literal once the subquery is a join ({@code NOT EXISTS (SELECT 1
     * FROM t WHERE 0.0 < NULL + NULL)}).
     */
    @Override
    public RexNode visitSubQuery(RexSubQuery subQuery) {
      RexSubQuery visited = (RexSubQuery) super.visitSubQuery(subQuery);
      RelNode rel = visited.rel.accept(new Plan());
      return rel == visited.rel ? visited : visited.clone(rel);
    }
  }
}
