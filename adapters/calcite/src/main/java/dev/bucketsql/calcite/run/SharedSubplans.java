package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.rel.BucketScanAggregate;
import dev.bucketsql.calcite.rel.BucketTableScan;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlExplainLevel;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Finds the subplans an engine plan computes more than once and has them computed once ({@link
 * EngineShared}): a view or common table expression named twice reaches the plan as two identical
 * subtrees (TPC-H q15's revenue per supplier, joined to the suppliers and maximized in a scalar
 * subquery; q11's parts of one nation's suppliers, grouped and totalled).
 *
 * <p>Within one engine subtree (the operators one execution builds), a subtree is shared where the
 * same one occurs again: the same EXPLAIN text, attributes included, and the same row types at
 * every node. Only subtrees worth holding: made of engine operators alone (no rows read from
 * Calcite's operators), reading a table and holding an aggregate or a join, and deterministic: a
 * call whose value may change from row to row or call to call ({@code RAND()}) keeps each use its
 * own, while a value fixed per statement ({@code CURRENT_TIMESTAMP}) does not. The largest such
 * subtrees go first; a subtree inside a shared one is computed once with it.
 */
final class SharedSubplans {
  private final Map<RelNode, @Nullable String> keys = new IdentityHashMap<>();
  private final Map<RelNode, Integer> sizes = new IdentityHashMap<>();
  private int nextId;

  private SharedSubplans() {}

  /** {@code rel} with the subplans each engine subtree holds more than once shared. */
  static RelNode share(RelNode rel) {
    return new SharedSubplans().visit(rel);
  }

  /** Shares within each engine subtree under {@code rel}: outside them, and under row sources. */
  private RelNode visit(RelNode rel) {
    if (rel instanceof EngineRel && !(rel instanceof EngineRowSource)) {
      return below(shareIn(rel));
    }
    return withInputs(rel, this::visit);
  }

  /** The engine subtrees under the row sources of the engine subtree {@code rel}. */
  private RelNode below(RelNode rel) {
    if (rel instanceof EngineRowSource) {
      return withInputs(rel, this::visit);
    }
    if (rel instanceof EngineShared) {
      return rel;
    }
    return withInputs(rel, this::below);
  }

  private interface Step {
    RelNode apply(RelNode rel);
  }

  private static RelNode withInputs(RelNode rel, Step step) {
    List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (RelNode input : rel.getInputs()) {
      RelNode r = step.apply(input);
      changed |= r != input;
      inputs.add(r);
    }
    return changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
  }

  /** The engine subtree {@code top} with its repeated subplans shared, largest first. */
  private RelNode shareIn(RelNode top) {
    RelNode rel = top;
    while (true) {
      Map<String, List<RelNode>> uses = new LinkedHashMap<>();
      collect(rel, uses);
      String chosen = null;
      int size = 0;
      for (Map.Entry<String, List<RelNode>> e : uses.entrySet()) {
        int s = size(e.getValue().get(0));
        if (e.getValue().size() > 1 && s > size) {
          chosen = e.getKey();
          size = s;
        }
      }
      if (chosen == null) {
        return rel;
      }
      List<RelNode> found = uses.get(chosen);
      EngineShared.Plan plan = new EngineShared.Plan(found.get(0), nextId++, found.size());
      rel = replace(rel, chosen, plan, new boolean[1]);
    }
  }

  /** The candidates of the engine subtree {@code rel} by key, in EXPLAIN order. */
  private void collect(RelNode rel, Map<String, List<RelNode>> uses) {
    if (!(rel instanceof EngineRel)
        || rel instanceof EngineRowSource
        || rel instanceof EngineShared) {
      return;
    }
    String key = key(rel);
    if (key != null) {
      uses.computeIfAbsent(key, k -> new ArrayList<>()).add(rel);
    }
    for (RelNode input : rel.getInputs()) {
      collect(input, uses);
    }
  }

  private RelNode replace(RelNode rel, String chosen, EngineShared.Plan plan, boolean[] seen) {
    if (!(rel instanceof EngineRel)
        || rel instanceof EngineRowSource
        || rel instanceof EngineShared) {
      return rel;
    }
    if (chosen.equals(key(rel))) {
      // the first use in EXPLAIN's order shows the subplan
      boolean first = !seen[0];
      seen[0] = true;
      return new EngineShared(plan, first);
    }
    return withInputs(rel, r -> replace(r, chosen, plan, seen));
  }

  /** The key of a subtree worth sharing: its EXPLAIN text and row types; null when not worth it. */
  private @Nullable String key(RelNode rel) {
    if (keys.containsKey(rel)) {
      return keys.get(rel);
    }
    String key = null;
    if (rel instanceof EngineRel engine
        && engine.original() != null
        && pure(rel)
        && contains(rel, true)
        && contains(rel, false)
        && deterministic(rel)) {
      StringBuilder b =
          new StringBuilder(RelOptUtil.toString(rel, SqlExplainLevel.DIGEST_ATTRIBUTES));
      types(rel, b);
      key = b.toString();
    }
    keys.put(rel, key);
    return key;
  }

  private int size(RelNode rel) {
    Integer s = sizes.get(rel);
    if (s == null) {
      int n = 1;
      for (RelNode input : rel.getInputs()) {
        n += size(input);
      }
      s = n;
      sizes.put(rel, s);
    }
    return s;
  }

  /** Whether {@code rel} is made of engine operators alone (no row source, nothing shared). */
  private static boolean pure(RelNode rel) {
    boolean engine =
        rel instanceof EngineScan
            || rel instanceof EngineFilter
            || rel instanceof EngineProject
            || rel instanceof EngineHashAggregate
            || rel instanceof EngineHashJoin
            || rel instanceof EngineNestedLoopJoin
            || rel instanceof EngineSort
            || rel instanceof EngineSetOperation
            || rel instanceof EngineWindow
            || rel instanceof EngineValues;
    if (!engine) {
      return false;
    }
    for (RelNode input : rel.getInputs()) {
      if (!pure(input)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code rel} holds a table scan ({@code scan}) or an aggregate or join (not). */
  private static boolean contains(RelNode rel, boolean scan) {
    if (scan
        ? rel instanceof EngineScan
        : rel instanceof EngineHashAggregate
            || rel instanceof EngineHashJoin
            || rel instanceof EngineNestedLoopJoin) {
      return true;
    }
    for (RelNode input : rel.getInputs()) {
      if (contains(input, scan)) {
        return true;
      }
    }
    return false;
  }

  private static void types(RelNode rel, StringBuilder b) {
    b.append('\n').append(rel.getRowType().getFullTypeString());
    if (rel instanceof EngineScan scan) {
      // what the scan reads, beyond what EXPLAIN names
      b.append('\n').append(RelOptUtil.toString(scan.scan(), SqlExplainLevel.ALL_ATTRIBUTES));
    }
    for (RelNode input : rel.getInputs()) {
      types(input, b);
    }
  }

  /**
   * Whether every expression of {@code rel} and of the plans it replaced is deterministic: no call
   * of {@code RAND()} or another function whose value may differ between two evaluations.
   */
  static boolean deterministic(RelNode rel) {
    return deterministic(rel, new IdentityHashMap<>());
  }

  private static boolean deterministic(RelNode rel, Map<RelNode, Boolean> seen) {
    if (seen.put(rel, Boolean.TRUE) != null) {
      return true;
    }
    boolean[] found = new boolean[1];
    RexShuttle calls =
        new RexShuttle() {
          @Override
          public RexNode visitCall(RexCall call) {
            found[0] |= !call.getOperator().isDeterministic();
            return super.visitCall(call);
          }
        };
    rel.accept(calls);
    if (rel instanceof BucketTableScan scan) {
      for (RexNode pushed : scan.pushed()) {
        pushed.accept(calls);
      }
    }
    if (rel instanceof Aggregate aggregate) {
      for (AggregateCall call : aggregate.getAggCallList()) {
        found[0] |= !call.getAggregation().isDeterministic();
      }
    }
    if (found[0]) {
      return false;
    }
    List<RelNode> next = new ArrayList<>(rel.getInputs());
    if (rel instanceof EngineRel engine && engine.original() != null) {
      next.add(engine.original());
    }
    if (rel instanceof EngineScan scan) {
      next.add(scan.scan());
    }
    if (rel instanceof BucketScanAggregate fused) {
      next.add(fused.unfused());
    }
    for (RelNode n : next) {
      if (!deterministic(n, seen)) {
        return false;
      }
    }
    return true;
  }
}
