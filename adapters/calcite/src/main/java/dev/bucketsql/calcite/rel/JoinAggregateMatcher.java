package dev.bucketsql.calcite.rel;

import dev.bucketsql.calcite.exec.AggregateSpec;
import dev.bucketsql.calcite.exec.JoinAggregatePlan;
import dev.bucketsql.calcite.exec.Operand;
import dev.bucketsql.calcite.exec.Repr;
import java.util.BitSet;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.sql.SqlKind;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Recognizes what {@link BucketJoinAggregate} computes exactly, and builds it:
 *
 * <pre>
 * EnumerableAggregate          one grouping set; COUNT, SUM, $SUM0, MIN, MAX; no DISTINCT,
 *                              FILTER or WITHIN GROUP
 *   [EnumerableCalc]           no condition; input columns, EXTRACT(YEAR|QUARTER|MONTH|DAY),
 *                              numeric CASTs that lose nothing
 *     EnumerableHashJoin       inner; condition one "=" between an integral column of each side
 *       input, input           each a BucketTableScan, or a calc over one
 * </pre>
 *
 * An input calc that only picks columns is absorbed (the scan is read column by column); one with a
 * condition or computed columns stays, and its rows come from Calcite's code for it. Anything else
 * is left as Calcite planned it.
 */
final class JoinAggregateMatcher {
  private JoinAggregateMatcher() {}

  /**
   * The fused operator for {@code aggregate}, or null when it does not apply.
   *
   * @param unfused what runs instead with pushdown off: {@code aggregate} as the rest of the plan
   *     is rewritten (memory guards included)
   */
  static @Nullable BucketJoinAggregate match(EnumerableAggregate aggregate, EnumerableRel unfused) {
    OperandTranslator.Below below = OperandTranslator.Below.of(aggregate);
    if (!(below.input() instanceof EnumerableHashJoin join)
        || join.getJoinType() != JoinRelType.INNER
        || !(join.getCondition() instanceof RexCall condition)
        || condition.getKind() != SqlKind.EQUALS
        || !(condition.getOperands().get(0) instanceof RexInputRef a)
        || !(condition.getOperands().get(1) instanceof RexInputRef b)) {
      return null;
    }
    int leftCount = join.getLeft().getRowType().getFieldCount();
    if ((a.getIndex() < leftCount) == (b.getIndex() < leftCount)) {
      return null;
    }
    int leftKey = Math.min(a.getIndex(), b.getIndex());
    int rightKey = Math.max(a.getIndex(), b.getIndex()) - leftCount;
    FusedInput left = FusedInput.of(join.getLeft());
    FusedInput right = FusedInput.of(join.getRight());
    if (left == null || right == null || !left.isIntegral(leftKey) || !right.isIntegral(rightKey)) {
      return null;
    }
    // Calcite's hash join holds its right input; ties keep that choice
    boolean buildIsLeft = left.estimatedRows() < right.estimatedRows();
    Translator t = new Translator(join.getRowType(), leftCount, buildIsLeft);
    OperandTranslator.Shape shape = t.shape(aggregate, below.projects());
    if (shape == null) {
      return null;
    }
    List<Operand> groups = shape.groups();
    List<AggregateSpec> aggregates = shape.aggregates();
    boolean groupsOnBuild = !groups.isEmpty();
    for (Operand g : groups) {
      groupsOnBuild &= t.buildOnly(g);
    }
    FusedInput build = buildIsLeft ? left : right;
    FusedInput probe = buildIsLeft ? right : left;
    int buildKey = buildIsLeft ? leftKey : rightKey;
    int probeKey = buildIsLeft ? rightKey : leftKey;
    BitSet stored = (BitSet) t.aggregateColumns.clone();
    if (!groupsOnBuild) {
      stored.or(t.groupColumns);
    }
    boolean[] storedColumns = new boolean[build.columnCount()];
    for (int c = stored.nextSetBit(0); c >= 0; c = stored.nextSetBit(c + 1)) {
      storedColumns[c] = true;
    }
    JoinAggregatePlan plan =
        new JoinAggregatePlan(
            build.input(buildKey),
            probe.input(probeKey),
            buildIsLeft,
            groups,
            aggregates,
            groupsOnBuild,
            storedColumns);
    List<RelDataTypeField> joinFields = join.getRowType().getFieldList();
    String key =
        joinFields.get(leftKey).getName() + " = " + joinFields.get(leftCount + rightKey).getName();
    String buildText = (buildIsLeft ? "left: " : "right: ") + build.name();
    return new BucketJoinAggregate(
        aggregate.getCluster(),
        aggregate.getTraitSet(),
        join.getLeft(),
        join.getRight(),
        aggregate.getRowType(),
        plan,
        unfused,
        buildText,
        key);
  }

  /** Translates expressions over the join's row: each column reads the build or the probe side. */
  private static final class Translator extends OperandTranslator {
    final int leftCount;
    final boolean buildIsLeft;

    Translator(RelDataType joinRow, int leftCount, boolean buildIsLeft) {
      super(joinRow);
      this.leftCount = leftCount;
      this.buildIsLeft = buildIsLeft;
    }

    boolean buildOnly(Operand operand) {
      return operand.sides() == 2;
    }

    @Override
    Operand column(int index, Repr repr, String name, BitSet buildColumns) {
      boolean isLeft = index < leftCount;
      int column = isLeft ? index : index - leftCount;
      boolean isBuild = isLeft == buildIsLeft;
      if (isBuild) {
        buildColumns.set(column);
      }
      return Operand.column(isBuild ? Operand.BUILD : Operand.PROBE, column, repr, name);
    }
  }
}
