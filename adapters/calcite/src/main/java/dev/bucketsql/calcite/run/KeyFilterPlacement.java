package dev.bucketsql.calcite.run;

import dev.bucketsql.engine.join.JoinType;
import dev.bucketsql.engine.join.KeyFiltered;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.rel.RelNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Where a join's published keys filter the rows feeding an aggregate grouped by the key: as deep
 * under the aggregate as the key column passes on unchanged, so that the rows no built key matches
 * are dropped before projections, filters and joins work on them, not only before they are grouped.
 * TPC-H q02's subquery minimum groups partsupp joined to the suppliers of one region by {@code
 * ps_partkey}: the filter sits on the partsupp scan, and the join to the suppliers probes only the
 * rows of the parts the outer query keeps.
 *
 * <p>The way down is {@link #step}'s: projections that hand the column on as it is, filters (not
 * one over a window), and hash joins whose every output row carries the column from a row of the
 * input it comes from, so that dropping that input row drops exactly the output rows whose key the
 * filter would drop: either input of an INNER join, the left input of a SEMI, ANTI or LEFT join,
 * the right input of a RIGHT join. A join whose own built keys filter an aggregate on its probe
 * side is not passed. The filter passes every row until the keys are published, so a row it drops
 * could never have reached a group that joins.
 */
final class KeyFilterPlacement {
  /** From the aggregate's input down to the node whose output is filtered (the last). */
  private final List<RelNode> path;

  /** For each node of the path but the last, the input the way goes down to. */
  private final int[] inputs;

  /** The filtered column of the last node's output. */
  private final int column;

  private KeyFilterPlacement(List<RelNode> path, int[] inputs, int column) {
    this.path = List.copyOf(path);
    this.inputs = inputs.clone();
    this.column = column;
  }

  /** The deepest place under {@code input} (an aggregate's input) where its {@code column} is. */
  static KeyFilterPlacement below(RelNode input, int column) {
    List<RelNode> path = new ArrayList<>();
    List<Integer> inputs = new ArrayList<>();
    RelNode n = input;
    int c = column;
    while (true) {
      path.add(n);
      int[] step = step(n, c, true);
      if (step == null) {
        break;
      }
      inputs.add(step[0]);
      n = n.getInput(step[0]);
      c = step[1];
    }
    return new KeyFilterPlacement(path, inputs.stream().mapToInt(Integer::intValue).toArray(), c);
  }

  /**
   * One step down the way a join's published keys travel, for both of its ends: the input of {@code
   * rel} and its column that output column {@code c} comes from as it is, from a row whose dropping
   * drops exactly the output rows it makes ({@code {input, column}}); null where the way ends.
   *
   * <p>It passes projections that hand the column on as it is, filters (not one over a window: that
   * filter runs the window limited by its rank bound, and a window's values depend on every input
   * row of its partition, so nothing may be dropped below it), and hash joins whose every output
   * row takes the column from a row of the input it comes from ({@link #dropsWithInput}). A join
   * whose own built keys filter an aggregate on its probe side builds that side with its own
   * filter: the way never enters it there, and when {@code aggregate} (the way of a filter placed
   * under an aggregate, {@link #below}) it does not pass such a join at all; the way of a filter
   * into a scan ({@link ScanKeyFilters}) passes its built side, since the filters travel down
   * together.
   */
  static int @Nullable [] step(RelNode rel, int c, boolean aggregate) {
    if (rel instanceof EngineProject p) {
      int under = p.inputColumnOf(c);
      return under < 0 ? null : new int[] {0, under};
    }
    if (rel instanceof EngineFilter f) {
      return f.getInput() instanceof EngineWindow ? null : new int[] {0, c};
    }
    if (rel instanceof EngineHashJoin j) {
      int width = j.getLeft().getRowType().getFieldCount();
      int side = c < width ? 0 : 1;
      boolean ownTarget = j.keyFilterTarget() != null;
      if (!dropsWithInput(j.joinType(), side)
          || ownTarget && (aggregate || j.probe() == j.getInput(side))) {
        return null;
      }
      return new int[] {side, side == 0 ? c : c - width};
    }
    return null;
  }

  /**
   * Whether every output row of a join of {@code type} that has a column of input {@code side}
   * takes it from a row of that input (no row padded with NULLs for that side, no row of the other
   * input alone).
   */
  static boolean dropsWithInput(JoinType type, int side) {
    return switch (type) {
      case INNER -> true;
      case SEMI, ANTI, LEFT -> side == 0;
      case RIGHT -> side == 1;
      default -> false;
    };
  }

  /** Whether the filter sits lower than the aggregate's input. */
  boolean deeper() {
    return path.size() > 1;
  }

  /**
   * Whether the place is a scan that leaves out the rows itself ({@link ScanKeyFilters}: a Parquet
   * scan's late filter decodes the key column first and the others only for the kept rows), not a
   * {@link KeyFiltered} over it. Either keeps every row whose key was built; the scan may keep a
   * few more (a row group read before the keys were published), which only makes groups that the
   * join then drops.
   */
  boolean inScan() {
    return path.get(path.size() - 1) instanceof EngineScan scan
        && ScanKeyFilters.inScan(scan, column);
  }

  /**
   * EXPLAIN's words for the place: the column and the tables under the filtered node ({@code $0 of
   * partsupp}, and {@code (scan)} when the scan leaves the rows out itself).
   */
  String term() {
    RelNode target = path.get(path.size() - 1);
    List<String> tables = new ArrayList<>();
    tablesUnder(target, tables);
    return "$" + column + " of " + String.join(" ", tables) + (inScan() ? " (scan)" : "");
  }

  private static void tablesUnder(RelNode rel, List<String> tables) {
    if (rel instanceof EngineScan scan) {
      List<String> qualified = scan.scan().getTable().getQualifiedName();
      tables.add(qualified.get(qualified.size() - 1));
      return;
    }
    for (RelNode input : rel.getInputs()) {
      tablesUnder(input, tables);
    }
  }

  /**
   * The aggregate input's node, with the rows whose key the filter named by {@code token} lacks
   * dropped at the place found.
   */
  EngineNode node(List<RelNode> fallbacks, Object token) {
    return nodeAt(0, List.of(), fallbacks, token);
  }

  /**
   * The node of path place {@code i}, with the keys of the joins on the path that filter a scan
   * under it ({@code pending}, by column of its output) handed on down ({@link ScanKeyFilters}).
   */
  private EngineNode nodeAt(
      int i, List<ScanKeyFilters.Pending> pending, List<RelNode> fallbacks, Object token) {
    RelNode rel = path.get(i);
    if (i == path.size() - 1) {
      if (inScan()) {
        List<ScanKeyFilters.Pending> all = new ArrayList<>(pending);
        all.add(new ScanKeyFilters.Pending(column, token));
        return ((EngineScan) rel).filteredNode(all);
      }
      EngineNode target = ScanKeyFilters.node(rel, fallbacks, pending);
      int c = column;
      return run -> new KeyFiltered(target.open(run), c, run.keyFilter(token), run.query());
    }
    if (rel instanceof EngineHashJoin j) {
      List<ScanKeyFilters.Pending> left = new ArrayList<>();
      List<ScanKeyFilters.Pending> right = new ArrayList<>();
      for (ScanKeyFilters.Pending p : pending) {
        int[] step = step(j, p.column(), false);
        if (step != null) {
          (step[0] == 0 ? left : right).add(new ScanKeyFilters.Pending(step[1], p.token()));
        }
      }
      Function<List<ScanKeyFilters.Pending>, EngineNode> down =
          own -> nodeAt(i + 1, own, fallbacks, token);
      return inputs[i] == 0
          ? j.node(fallbacks, down, null, left, right)
          : j.node(fallbacks, null, down, left, right);
    }
    List<ScanKeyFilters.Pending> under = new ArrayList<>();
    for (ScanKeyFilters.Pending p : pending) {
      int[] step = step(rel, p.column(), false);
      if (step != null) {
        under.add(new ScanKeyFilters.Pending(step[1], p.token()));
      }
    }
    EngineNode n = nodeAt(i + 1, under, fallbacks, token);
    return rel instanceof EngineProject p ? p.over(n) : ((EngineFilter) rel).over(n);
  }
}
