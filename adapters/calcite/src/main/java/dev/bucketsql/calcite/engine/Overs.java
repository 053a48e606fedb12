package dev.bucketsql.calcite.engine;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexFieldCollation;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.sql.SqlAggFunction;

/**
 * Window calls rebuilt by the rewrites of doubles ({@link DoubleOrderCalls}, {@link
 * NegativeZeros}).
 */
final class Overs {
  private Overs() {}

  /**
   * {@code over} with {@code function}, {@code partitionKeys} and {@code orderKeys}; its frame
   * kept.
   */
  static RexNode with(
      RexBuilder builder,
      RexOver over,
      SqlAggFunction function,
      List<RexNode> partitionKeys,
      ImmutableList<RexFieldCollation> orderKeys) {
    return builder.makeOver(
        over.getType(),
        function,
        over.getOperands(),
        partitionKeys,
        orderKeys,
        over.getWindow().getLowerBound(),
        over.getWindow().getUpperBound(),
        over.getWindow().getExclude(),
        over.getWindow().isRows(),
        true,
        false,
        over.isDistinct(),
        over.ignoreNulls());
  }
}
