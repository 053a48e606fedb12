package dev.bucketsql.calcite.run;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A WHERE condition as the engine's {@code Filter} reads it best: a plain conjunction where the
 * plan's lazy AND ({@code CASE WHEN a IS FALSE THEN FALSE ELSE a AND b END}, or {@code CASE WHEN
 * NOT a ...} as Calcite simplifies it) guards an operand that can fail. The filter computes a
 * conjunct only over the rows every conjunct before it made TRUE, narrowing a comparison or an IN
 * list in one loop; the CASE instead computes its branches, the AND and its operands as BOOLEAN
 * columns over the whole batch (TPC-H q02's {@code p_size = 15 AND p_type LIKE '%BRASS'}, q16's and
 * q22's conditions).
 *
 * <p>The rewrite keeps the rows and the errors: {@code b} is computed on exactly the rows the CASE
 * computes it on. Where {@code a} is never NULL those are the rows where {@code a} is TRUE, so the
 * conjuncts are {@code a, b}; otherwise they are the rows where {@code a} is TRUE or NULL, so the
 * conjuncts are {@code a IS NOT FALSE, b, a}, the last one dropping the rows where {@code a} is
 * NULL. The condition is TRUE on a row exactly when {@code a} and {@code b} are both TRUE, in
 * either form. Only a filter's condition is rewritten: a CASE whose value is used elsewhere (a
 * projection, a join's condition) keeps its NULLs.
 */
final class FilterConjuncts {
  private FilterConjuncts() {}

  /** {@code condition} with its lazy ANDs at conjunct places made conjunctions. */
  static RexNode of(RexBuilder rex, RexNode condition) {
    List<RexNode> out = new ArrayList<>();
    boolean changed = add(rex, condition, out);
    // one AND of them all, in order and none left out (Calcite's composeConjunction drops repeats)
    return changed ? rex.makeCall(SqlStdOperatorTable.AND, out) : condition;
  }

  /** Adds the conjuncts of {@code node} to {@code out}; whether a lazy AND was unfolded. */
  private static boolean add(RexBuilder rex, RexNode node, List<RexNode> out) {
    if (node.getKind() == SqlKind.AND) {
      boolean changed = false;
      for (RexNode operand : ((RexCall) node).getOperands()) {
        changed |= add(rex, operand, out);
      }
      return changed;
    }
    List<RexNode> lazy = lazyAnd(node);
    if (lazy == null) {
      out.add(node);
      return false;
    }
    RexNode a = lazy.get(0);
    boolean nullable = a.getType().isNullable();
    if (nullable) {
      out.add(rex.makeCall(SqlStdOperatorTable.IS_NOT_FALSE, a));
    } else {
      add(rex, a, out);
    }
    for (RexNode b : lazy.subList(1, lazy.size())) {
      add(rex, b, out);
    }
    if (nullable) {
      add(rex, a, out);
    }
    return true;
  }

  /**
   * The operands {@code a, b, ...} of {@code CASE WHEN a IS FALSE THEN FALSE ELSE a AND b ... END}
   * (or {@code WHEN NOT a}), or null when {@code node} is not that.
   */
  static @Nullable List<RexNode> lazyAnd(RexNode node) {
    if (node.getKind() != SqlKind.CASE) {
      return null;
    }
    List<RexNode> operands = ((RexCall) node).getOperands();
    if (operands.size() != 3
        || !(operands.get(1) instanceof RexLiteral when)
        || !Boolean.FALSE.equals(when.getValueAs(Boolean.class))
        || operands.get(2).getKind() != SqlKind.AND) {
      return null;
    }
    RexNode decides = operands.get(0);
    // WHEN takes a row where its condition is TRUE: NOT a and a IS FALSE take the same rows
    if (decides.getKind() != SqlKind.IS_FALSE && decides.getKind() != SqlKind.NOT) {
      return null;
    }
    RexNode a = ((RexCall) decides).getOperands().get(0);
    List<RexNode> both = ((RexCall) operands.get(2)).getOperands();
    if (both.size() < 2 || !both.get(0).equals(a)) {
      return null;
    }
    return both;
  }
}
