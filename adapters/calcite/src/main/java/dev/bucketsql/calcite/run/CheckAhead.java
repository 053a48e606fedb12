package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.BucketTable;
import dev.bucketsql.calcite.rel.BucketTableScan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelNode;

/**
 * Starts, when an execution of an engine subtree begins, the version checks of every object its
 * scans will read ({@link BucketTable#checkAhead}). With the range cache warm, each object read
 * from the cache costs one HEAD per query; made as each scan reached its object, those round trips
 * came one after another (TPC-H q02's five tables: five in a row, before and between the builds of
 * its joins). Started together, they overlap each other and the opening of the operators, and a
 * scan that needs one waits only for what is left of it.
 */
final class CheckAhead {
  private CheckAhead() {}

  /**
   * {@code node}, starting first the checks of the tables scanned under {@code rel} (the engine
   * scans and any Calcite scan among its enumerable inputs); {@code node} itself when none is.
   */
  static EngineNode around(RelNode rel, EngineNode node) {
    List<BucketTable> tables = tables(rel);
    if (tables.isEmpty()) {
      return node;
    }
    return run -> {
      for (BucketTable t : tables) {
        t.checkAhead(run.root());
      }
      return node.open(run);
    };
  }

  /** The tables scanned under {@code rel}, each once, in the plan's order. */
  static List<BucketTable> tables(RelNode rel) {
    Set<BucketTable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<BucketTable> tables = new ArrayList<>();
    collect(rel, seen, tables);
    return tables;
  }

  private static void collect(RelNode rel, Set<BucketTable> seen, List<BucketTable> tables) {
    BucketTable table = null;
    if (rel instanceof EngineScan scan) {
      table = scan.scan().bucketTable();
    } else if (rel instanceof BucketTableScan scan) {
      table = scan.bucketTable();
    }
    if (table != null && seen.add(table)) {
      tables.add(table);
    }
    for (RelNode input : rel.getInputs()) {
      collect(input, seen, tables);
    }
  }
}
