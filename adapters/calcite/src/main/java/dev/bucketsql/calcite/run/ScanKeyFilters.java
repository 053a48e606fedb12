package dev.bucketsql.calcite.run;

import dev.bucketsql.format.ColumnBatch.Kind;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How a hash join's built keys reach the scan under its probe side, so that the scan leaves out the
 * rows whose key no built row has before it decodes their other columns (a Parquet scan's late
 * filter, {@code RuntimeKeyFilter}), or drops them right above it (another format). TPC-H q03
 * probes 3.2 million lineitem rows into the orders of one segment and date for a tenth of hits: the
 * other nine tenths are no longer decoded whole.
 *
 * <p>The way down is {@link KeyFilterPlacement#step}'s: projections that pass the key column on as
 * it is, filters (not one over a window), and hash joins whose every output row takes the column
 * from a row of the input it comes from; here also the built side of a join whose own keys filter
 * an aggregate, since the filters travel down together ({@link #node}). It ends at an engine scan;
 * elsewhere the join filters nothing early. The filter passes every row until the keys are
 * published, so a row it leaves out could never have joined, and the join still decides every row
 * it keeps.
 */
final class ScanKeyFilters {
  /**
   * {@code -Dbucketsql.engine.scanKeyFilter=false} keeps joins' keys out of the scans under their
   * probe sides, to compare.
   */
  static final boolean ON = !"false".equals(System.getProperty("bucketsql.engine.scanKeyFilter"));

  private ScanKeyFilters() {}

  /** A join's keys on their way down: the column of the current node's output they restrict. */
  record Pending(int column, Object token) {}

  /** The scan a join's keys filter, and the column of the scan's output they restrict. */
  record Target(EngineScan scan, int column) {
    /** EXPLAIN's words: {@code at $0 of lineitem (scan)}, or without "(scan)" above the scan. */
    String term() {
      List<String> name = scan.scan().getTable().getQualifiedName();
      return "at $"
          + column
          + " of "
          + name.get(name.size() - 1)
          + (scan.filtersInScan() ? " (scan)" : "");
    }
  }

  /**
   * The scan under {@code probe} whose rows column {@code column} of {@code probe} comes from
   * unchanged, when the column is a LONG there; null when the way down ends elsewhere. A scan of a
   * format that cannot leave rows out itself is filtered above it only when there is work between
   * it and {@code probe} to save.
   */
  static @Nullable Target target(RelNode probe, int column) {
    if (!ON) {
      return null;
    }
    RelNode n = probe;
    int c = column;
    boolean deeper = false;
    while (!(n instanceof EngineScan)) {
      int[] step = KeyFilterPlacement.step(n, c, false);
      if (step == null) {
        return null;
      }
      n = n.getInput(step[0]);
      c = step[1];
      deeper = true;
    }
    EngineScan scan = (EngineScan) n;
    return inScan(scan, c) || deeper && longColumn(scan, c) ? new Target(scan, c) : null;
  }

  /**
   * Whether {@code scan} leaves out itself the rows whose column {@code column} holds none of a
   * join's keys: a LONG column of a scan that filters in the scan ({@link
   * EngineScan#filtersInScan}, a Parquet scan's late filter), with the switch ({@link #ON}) on.
   */
  static boolean inScan(EngineScan scan, int column) {
    return ON && scan.filtersInScan() && longColumn(scan, column);
  }

  private static boolean longColumn(EngineScan scan, int column) {
    return Kind.of(scan.types().get(column)) == Kind.LONG;
  }

  /**
   * The node of {@code rel} with the keys of {@code pending} filtering the scan their way leads to;
   * a filter whose way does not go on (it always does, when {@link #target} found the way) is left
   * out, which only keeps rows.
   */
  static EngineNode node(RelNode rel, List<RelNode> fallbacks, List<Pending> pending) {
    if (pending.isEmpty()) {
      return EngineRel.nodeOf(rel, fallbacks);
    }
    if (rel instanceof EngineScan scan) {
      return scan.filteredNode(pending);
    }
    if (rel instanceof EngineHashJoin j) {
      List<Pending> left = new ArrayList<>();
      List<Pending> right = new ArrayList<>();
      for (Pending p : pending) {
        int[] step = KeyFilterPlacement.step(j, p.column(), false);
        if (step != null) {
          (step[0] == 0 ? left : right).add(new Pending(step[1], p.token()));
        }
      }
      return j.node(fallbacks, null, null, left, right);
    }
    if (rel instanceof EngineProject || rel instanceof EngineFilter) {
      List<Pending> under = new ArrayList<>();
      for (Pending p : pending) {
        int[] step = KeyFilterPlacement.step(rel, p.column(), false);
        if (step != null) {
          under.add(new Pending(step[1], p.token()));
        }
      }
      if (under.isEmpty()) {
        return EngineRel.nodeOf(rel, fallbacks);
      }
      EngineNode in = node(rel.getInput(0), fallbacks, under);
      return rel instanceof EngineProject p ? p.over(in) : ((EngineFilter) rel).over(in);
    }
    return EngineRel.nodeOf(rel, fallbacks);
  }
}
