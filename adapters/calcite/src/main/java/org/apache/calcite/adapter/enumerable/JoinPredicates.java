package org.apache.calcite.adapter.enumerable;

import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexNode;

/**
 * Calcite's code generation of a join condition over a left and a right row, the one its hash joins
 * use for their conditions beyond equal keys, made reachable for BucketSQL's own joins ({@code
 * BucketMarkJoin}): Calcite keeps it package-private in this package.
 */
public final class JoinPredicates {
  private JoinPredicates() {}

  /**
   * A {@code Predicate2<left row, right row>} expression that is true where {@code condition} (over
   * the left fields, then the right ones) is true; false where it is false or NULL.
   */
  public static Expression predicate(
      EnumerableRelImplementor implementor,
      RelNode left,
      RelNode right,
      PhysType leftPhysType,
      PhysType rightPhysType,
      RexNode condition) {
    return EnumUtils.generatePredicate(
        implementor,
        left.getCluster().getRexBuilder(),
        left,
        right,
        leftPhysType,
        rightPhysType,
        condition);
  }
}
