package dev.bucketsql.calcite.engine;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexFieldCollation;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexWindow;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.rex.RexWindowBounds;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.Program;

/**
 * Windows without their constant keys, before Calcite's optimizer: {@code PARTITION BY 1.5} is one
 * partition, as no {@code PARTITION BY} is, and a constant {@code ORDER BY} key makes every row a
 * peer of every other, as no {@code ORDER BY} does. Calcite fails to plan a window whose keys are
 * all constants ({@code ProjectToWindowRule}: an ArrayIndexOutOfBoundsException in its splitter, or
 * generated code that does not compile). Order keys are dropped where the frame then stays the
 * same: a ROWS frame, or a RANGE frame bounded by UNBOUNDED or CURRENT ROW (with all rows peers,
 * both span the partition); a RANGE frame with an offset ({@code 1 PRECEDING}) whose one key is a
 * constant holds every row of the partition (Calcite asserts there), unless a bound lies wholly
 * before or after the current row, where it is left as it is. An aggregate of a NULL literal
 * ({@code MIN(CAST(NULL AS BIGINT)) OVER (...)}), which Calcite cannot implement as a window, is
 * the NULL it is for every row (a sum's zero for {@code $SUM0}).
 */
final class WindowConstants {
  /** The program that rewrites a whole plan. */
  static final Program PROGRAM =
      (planner, rel, requiredOutputTraits, materializations, lattices) -> rel.accept(new Plan());

  private WindowConstants() {}

  private static final class Plan extends RelHomogeneousShuttle {
    @Override
    public RelNode visit(RelNode other) {
      RelNode rel = super.visit(other);
      if (!(rel instanceof LogicalProject project)
          || !RexOver.containsOver(project.getProjects(), null)) {
        return rel;
      }
      Windows windows = new Windows(rel.getCluster().getRexBuilder());
      List<RexNode> exprs = new ArrayList<>();
      for (RexNode e : project.getProjects()) {
        exprs.add(e.accept(windows));
      }
      return windows.changed
          ? project.copy(project.getTraitSet(), project.getInput(), exprs, project.getRowType())
          : project;
    }
  }

  /** Aggregates that are NULL over NULLs only. */
  private static final Set<SqlKind> OF_NULLS_NULL =
      Set.of(
          SqlKind.MIN,
          SqlKind.MAX,
          SqlKind.SUM,
          SqlKind.AVG,
          SqlKind.FIRST_VALUE,
          SqlKind.LAST_VALUE,
          SqlKind.ANY_VALUE,
          SqlKind.STDDEV_POP,
          SqlKind.STDDEV_SAMP,
          SqlKind.VAR_POP,
          SqlKind.VAR_SAMP);

  private static final class Windows extends RexShuttle {
    private final RexBuilder rexBuilder;
    private boolean changed;

    Windows(RexBuilder rexBuilder) {
      this.rexBuilder = rexBuilder;
    }

    @Override
    public RexNode visitOver(RexOver over) {
      if (!over.getOperands().isEmpty()
          && over.getOperands().stream().allMatch(o -> RexUtil.isNullLiteral(o, true))) {
        SqlKind kind = over.getAggOperator().getKind();
        if (kind == SqlKind.SUM0) {
          changed = true;
          return rexBuilder.makeZeroLiteral(over.getType());
        }
        if (OF_NULLS_NULL.contains(kind)) {
          changed = true;
          return rexBuilder.makeNullLiteral(over.getType());
        }
      }
      RexWindow window = over.getWindow();
      List<RexNode> partition = new ArrayList<>();
      for (RexNode key : window.partitionKeys) {
        if (!RexUtil.isConstant(key)) {
          partition.add(key);
        }
      }
      ImmutableList<RexFieldCollation> order = window.orderKeys;
      RexWindowBound lower = window.getLowerBound();
      RexWindowBound upper = window.getUpperBound();
      boolean rows = window.isRows();
      if (rows || (plain(lower) && plain(upper))) {
        order =
            order.stream()
                .filter(k -> !RexUtil.isConstant(k.left))
                .collect(ImmutableList.toImmutableList());
      } else if (!order.isEmpty()
          && order.stream().allMatch(k -> RexUtil.isConstant(k.left))
          && !lower.isFollowing()
          && !upper.isPreceding()) {
        // a RANGE frame with an offset around a constant key holds every row of the partition
        order = ImmutableList.of();
        lower = RexWindowBounds.UNBOUNDED_PRECEDING;
        upper = RexWindowBounds.UNBOUNDED_FOLLOWING;
        rows = true;
      }
      if (partition.size() == window.partitionKeys.size()
          && order.size() == window.orderKeys.size()) {
        return super.visitOver(over);
      }
      changed = true;
      List<RexNode> operands = new ArrayList<>();
      for (RexNode operand : over.getOperands()) {
        operands.add(operand.accept(this));
      }
      return rexBuilder.makeOver(
          over.getParserPosition(),
          over.getType(),
          over.getAggOperator(),
          operands,
          partition,
          order,
          lower,
          upper,
          window.getExclude(),
          rows,
          true,
          false,
          over.isDistinct(),
          over.ignoreNulls());
    }

    private static boolean plain(RexWindowBound bound) {
      return bound.isUnbounded() || bound.isCurrentRow();
    }
  }
}
