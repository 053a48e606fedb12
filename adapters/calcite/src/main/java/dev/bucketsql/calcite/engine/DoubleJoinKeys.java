package dev.bucketsql.calcite.engine;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.util.ImmutableIntList;

/**
 * The hash joins the optimizer made, matching DOUBLE or REAL keys as DuckDB does: -0.0 equals 0.0.
 * A hash join compares its keys as Java's {@code Double.equals}, where NaN equals NaN (as in
 * DuckDB) but -0.0 and 0.0 differ. {@link NegativeZeros} reads the keys of the statement's joins
 * through {@code SIGNLESS_ZERO} before the optimizer; a join the optimizer makes itself (a filter
 * over a scalar subquery's join turned into a semi-join: {@code WHERE d = (- (SELECT MAX(x) ...))})
 * has keys it never saw. Here each such key pair is matched on a SIGNLESS_ZERO copy of the key,
 * computed beside the input's columns and projected away above the join, so that the rows keep
 * their own values (a -0.0 stays -0.0 in the result).
 */
final class DoubleJoinKeys {
  private DoubleJoinKeys() {}

  /** {@code join} matching its floating keys through SIGNLESS_ZERO, or {@code join} itself. */
  static RelNode rewrite(Join join) {
    if (!(join instanceof EnumerableHashJoin)) {
      return join;
    }
    return matchOnSignless(join, DoubleJoinKeys::calc);
  }

  /** Makes a projection of {@code projects} over {@code input}, named {@code names}. */
  interface Projector {
    RelNode project(RelNode input, List<RexNode> projects, List<String> names);
  }

  /**
   * {@code join} matching each floating equality key on a SIGNLESS_ZERO copy of it, the copies
   * projected by {@code projector} beside the inputs' columns and dropped above the join; {@code
   * join} itself when it has no floating key.
   */
  static RelNode matchOnSignless(Join join, Projector projector) {
    JoinInfo info = join.analyzeCondition();
    List<Integer> floating = new ArrayList<>();
    for (int i = 0; i < info.leftKeys.size(); i++) {
      if (approximate(join.getLeft(), info.leftKeys.get(i))
          || approximate(join.getRight(), info.rightKeys.get(i))) {
        floating.add(i);
      }
    }
    if (floating.isEmpty()) {
      return join;
    }
    RexBuilder rexBuilder = join.getCluster().getRexBuilder();
    int leftWidth = join.getLeft().getRowType().getFieldCount();
    int rightWidth = join.getRight().getRowType().getFieldCount();
    int added = floating.size();
    RelNode left = withSignless(join.getLeft(), floating, info.leftKeys, projector);
    RelNode right = withSignless(join.getRight(), floating, info.rightKeys, projector);
    List<RexNode> conjuncts = new ArrayList<>();
    for (int i = 0; i < info.leftKeys.size(); i++) {
      int k = floating.indexOf(i);
      RexNode l;
      RexNode r;
      if (k >= 0) {
        l = rexBuilder.makeInputRef(left, leftWidth + k);
        r =
            new RexInputRef(
                leftWidth + added + rightWidth + k,
                right.getRowType().getFieldList().get(rightWidth + k).getType());
      } else {
        l = rexBuilder.makeInputRef(left, info.leftKeys.get(i));
        r =
            new RexInputRef(
                leftWidth + added + info.rightKeys.get(i),
                right.getRowType().getFieldList().get(info.rightKeys.get(i)).getType());
      }
      conjuncts.add(
          rexBuilder.makeCall(
              info.nullExclusionFlags.get(i)
                  ? SqlStdOperatorTable.EQUALS
                  : SqlStdOperatorTable.IS_NOT_DISTINCT_FROM,
              l,
              r));
    }
    for (RexNode remaining : info.nonEquiConditions) {
      // the fields of the right input move past the left input's added keys
      conjuncts.add(RexUtil.shift(remaining, leftWidth, added));
    }
    Join matched =
        join.copy(
            join.getTraitSet(),
            RexUtil.composeConjunction(rexBuilder, conjuncts),
            left,
            right,
            join.getJoinType(),
            join.isSemiJoinDone());
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < leftWidth; i++) {
      kept.add(i);
    }
    if (join.getJoinType().projectsRight()) {
      for (int i = 0; i < rightWidth; i++) {
        kept.add(leftWidth + added + i);
      }
    }
    return project(matched, kept, join.getRowType().getFieldNames(), projector);
  }

  private static boolean approximate(RelNode input, int field) {
    return SqlTypeUtil.isApproximateNumeric(input.getRowType().getFieldList().get(field).getType());
  }

  /** {@code input}'s columns, then a SIGNLESS_ZERO copy of each floating key. */
  private static RelNode withSignless(
      RelNode input, List<Integer> floating, ImmutableIntList keys, Projector projector) {
    RexBuilder rexBuilder = input.getCluster().getRexBuilder();
    List<RexNode> projects = new ArrayList<>();
    List<String> names = new ArrayList<>();
    InputColumns.addAll(input, projects, names);
    for (int i : floating) {
      RexNode key = rexBuilder.makeInputRef(input, keys.get(i));
      projects.add(
          SqlTypeUtil.isApproximateNumeric(key.getType())
              ? NegativeZeros.signless(rexBuilder, key)
              : key);
      names.add("$signless" + names.size());
    }
    return projector.project(input, projects, names);
  }

  private static RelNode project(
      RelNode input, List<Integer> fields, List<String> names, Projector projector) {
    RexBuilder rexBuilder = input.getCluster().getRexBuilder();
    List<RexNode> projects = new ArrayList<>();
    for (int f : fields) {
      projects.add(rexBuilder.makeInputRef(input, f));
    }
    return projector.project(input, projects, names);
  }

  private static RelNode calc(RelNode input, List<RexNode> projects, List<String> names) {
    RexBuilder rexBuilder = input.getCluster().getRexBuilder();
    RexProgram program = RexProgram.create(input.getRowType(), projects, null, names, rexBuilder);
    return EnumerableCalc.create(input, program);
  }
}
