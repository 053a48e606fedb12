package dev.bucketsql.calcite.rel;

import com.google.common.collect.ImmutableList;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableNestedLoopJoin;
import org.apache.calcite.adapter.enumerable.EnumerableValues;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The row an aggregate over grouping sets owes for its empty set {@code ()} when its input has no
 * row. SQL answers one row for the empty grouping set whatever the input ({@code GROUP BY
 * ROLLUP(a)} over no row is {@code (NULL, 0)} for {@code a, COUNT(*)}), but Calcite's aggregate
 * over several grouping sets forms groups from the rows it reads and answers none. Calcite also
 * computes {@code COUNT(DISTINCT x)} beside {@code COUNT(y)} through the sets {@code {(x), ()}},
 * and the missing row made {@code COUNT(y)} over no row NULL.
 *
 * <p>The aggregate is joined, LEFT and on TRUE, to a one-row constant: each of its rows once, or a
 * row of NULLs when it has none, which a projection turns into the empty set's row: counts 0,
 * {@code GROUPING(...)} with every key rolled up, the other calls NULL as over no row. The
 * aggregate's output is held by the join, but it is no more than the groups it held already.
 */
final class GrandTotalRow {
  /** Calls whose value over no row is 0, not NULL. */
  private static final Set<SqlKind> ZERO_OVER_NO_ROW =
      Set.of(SqlKind.COUNT, SqlKind.SUM0, SqlKind.REGR_COUNT, SqlKind.GROUP_ID);

  private GrandTotalRow() {}

  /**
   * {@code guarded} (the plan of {@code aggregate}) kept with the empty set's row when {@code
   * aggregate} has grouping sets with {@code ()} among others, else {@code guarded} itself.
   */
  static RelNode kept(EnumerableAggregate aggregate, RelNode guarded) {
    if (aggregate.getGroupSets().size() < 2
        || !aggregate.getGroupSets().contains(ImmutableBitSet.of())) {
      return guarded;
    }
    RexBuilder rex = aggregate.getCluster().getRexBuilder();
    int keys = aggregate.getGroupCount();
    List<RelDataTypeField> fields = aggregate.getRowType().getFieldList();
    for (int i = 0; i < keys; i++) {
      if (!fields.get(i).getType().isNullable()) {
        return guarded;
      }
    }
    List<@Nullable RexLiteral> defaults = new ArrayList<>();
    for (AggregateCall call : aggregate.getAggCallList()) {
      RexLiteral value = overNoRow(rex, call, keys);
      if (value == null && !fields.get(keys + defaults.size()).getType().isNullable()) {
        return guarded; // a call this does not know, typed as never NULL: left as Calcite plans it
      }
      defaults.add(value);
    }
    RelNode one =
        EnumerableValues.create(
            aggregate.getCluster(),
            rex.getTypeFactory().builder().add("$one", SqlTypeName.INTEGER).build(),
            ImmutableList.of(ImmutableList.of(rex.makeExactLiteral(BigDecimal.ONE))));
    RelNode joined =
        EnumerableNestedLoopJoin.create(
            one, guarded, rex.makeLiteral(true), Set.of(), JoinRelType.LEFT);
    RelDataType joinedType = joined.getRowType();
    List<RexNode> outputs = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      RexNode field = rex.makeInputRef(joinedType.getFieldList().get(1 + i).getType(), 1 + i);
      RexLiteral empty = i < keys ? null : defaults.get(i - keys);
      RelDataType type = fields.get(i).getType();
      RexNode value =
          empty == null
              ? field
              : rex.makeCall(
                  SqlStdOperatorTable.COALESCE, field, rex.makeCast(field.getType(), empty));
      outputs.add(value.getType().equals(type) ? value : rex.makeAbstractCast(type, value, false));
    }
    return EnumerableCalc.create(
        joined, RexProgram.create(joinedType, outputs, null, aggregate.getRowType(), rex));
  }

  /**
   * The value of {@code call} for the empty grouping set over no row when it is not NULL, else
   * null.
   */
  private static @Nullable RexLiteral overNoRow(RexBuilder rex, AggregateCall call, int keys) {
    SqlKind kind = call.getAggregation().getKind();
    if (ZERO_OVER_NO_ROW.contains(kind)) {
      return rex.makeExactLiteral(BigDecimal.ZERO);
    }
    if (kind == SqlKind.GROUPING || kind == SqlKind.GROUPING_ID) {
      // every argument rolled up: a 1 bit for each, the first argument the highest
      return rex.makeExactLiteral(BigDecimal.valueOf((1L << call.getArgList().size()) - 1));
    }
    return null;
  }
}
