package dev.bucketsql.calcite.run;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Which columns of each join and projection of an engine plan a node above reads, worked out from
 * the top down, so that a hash join gathers into its output (and holds in its table) only the
 * columns read, and a projection copies only the columns read ({@code HashJoin.emitOnly}, {@code
 * Project}'s flags). Calcite's plans of several joins keep every column of every input up to the
 * projection above the last join: TPC-H q03's joins carried the customer's segment and key and the
 * order's customer key through two joins that never read them.
 *
 * <p>A projection leaves out only the columns it passes on as they are, never one it computes: an
 * expression nobody reads still fails where it would fail, as before. A filter reads its
 * condition's columns; a join its keys and its residual's. Under any other node (an aggregate, a
 * sort, a window) every column is read, and the walk goes on below only the nodes it knows.
 */
final class ColumnUse {
  private ColumnUse() {}

  /** {@code rel}, its joins and projections told which of their columns are read. */
  static RelNode trim(RelNode rel) {
    return trim(rel, null);
  }

  /** {@code rel} whose output columns {@code read} flags are read (all when null). */
  private static RelNode trim(RelNode rel, boolean @Nullable [] read) {
    if (rel instanceof EngineProject p) {
      return project(p, read);
    }
    if (rel instanceof EngineFilter f) {
      boolean[] below = read == null ? null : read.clone();
      if (below != null) {
        mark(f.condition(), below, 0);
      }
      return withInputs(f, List.of(trim(f.getInput(), below)));
    }
    if (rel instanceof EngineHashJoin j) {
      return join(j, read);
    }
    if (rel instanceof EngineHashAggregate || rel instanceof EngineSort) {
      return withInputs(rel, List.of(trim(rel.getInput(0), null)));
    }
    return rel;
  }

  private static RelNode project(EngineProject p, boolean @Nullable [] read) {
    List<RexNode> exprs = p.exprs();
    boolean[] below = new boolean[p.getInput().getRowType().getFieldCount()];
    boolean[] computed = new boolean[exprs.size()];
    boolean leavesOut = false;
    for (int i = 0; i < exprs.size(); i++) {
      RexNode e = exprs.get(i);
      // a computed column is computed even when nobody reads it: its errors stay
      computed[i] = read == null || read[i] || !(e instanceof RexInputRef);
      leavesOut |= !computed[i];
      if (computed[i]) {
        mark(e, below, 0);
      }
    }
    RelNode input = trim(p.getInput(), below);
    if (!leavesOut && input == p.getInput()) {
      return p;
    }
    return p.reading(input, leavesOut ? computed : null);
  }

  private static RelNode join(EngineHashJoin j, boolean @Nullable [] read) {
    int leftWidth = j.getLeft().getRowType().getFieldCount();
    int rightWidth = j.getRight().getRowType().getFieldCount();
    int width = j.getRowType().getFieldCount();
    boolean outputsRight = j.joinType().outputsRight();
    if (width != leftWidth + (outputsRight ? rightWidth : 0)) {
      // a mark join's extra column: every column is read
      read = null;
    }
    boolean[] both = new boolean[leftWidth + rightWidth];
    for (int c = 0; c < both.length; c++) {
      both[c] = read == null ? c < width : c < width && read[c];
    }
    for (int k : j.leftKeys()) {
      both[k] = true;
    }
    for (int k : j.rightKeys()) {
      both[leftWidth + k] = true;
    }
    RexNode residual = j.residual();
    if (residual != null) {
      mark(residual, both, 0);
    }
    boolean[] left = new boolean[leftWidth];
    boolean[] right = new boolean[rightWidth];
    System.arraycopy(both, 0, left, 0, leftWidth);
    System.arraycopy(both, leftWidth, right, 0, rightWidth);
    RelNode l = trim(j.getLeft(), left);
    RelNode r = trim(j.getRight(), right);
    if (read == null && l == j.getLeft() && r == j.getRight()) {
      return j;
    }
    return j.reading(l, r, read);
  }

  /** Flags in {@code read} the input columns {@code e} reads, from {@code offset} on. */
  private static void mark(RexNode e, boolean[] read, int offset) {
    for (int c : RelOptUtil.InputFinder.bits(e)) {
      read[offset + c] = true;
    }
  }

  private static RelNode withInputs(RelNode rel, List<RelNode> inputs) {
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i) != rel.getInput(i)) {
        return rel.copy(rel.getTraitSet(), new ArrayList<>(inputs));
      }
    }
    return rel;
  }
}
