package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.BucketTable;
import dev.bucketsql.calcite.rel.BucketTableScan;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.Selection;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.VersionChecks;
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
 * scan that needs one waits only for what is left of it. When the execution ends (its operators
 * closed: a LIMIT reached, an error, a cancel, a closed statement), the checks still pending or in
 * flight end with it.
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
      IoStats query = BucketTable.queryStats(run.root());
      if (query == null) {
        return node.open(run);
      }
      // the execution's own node: it owns the checks it starts, and only it ends them
      IoStats execution = query.child();
      for (BucketTable t : tables) {
        t.checkAhead(execution);
      }
      Operator op;
      try {
        op = node.open(run);
      } catch (RuntimeException | Error e) {
        cancel(execution);
        throw e;
      }
      return new EndsChecks(op, execution);
    };
  }

  /**
   * Ends the checks {@code execution} started that no other execution of the query awaits and that
   * are still pending or in flight ({@link VersionChecks#cancelStarted}): a HEAD must not outlive
   * its query, nor a retry of it be sent after the query ended.
   */
  private static void cancel(IoStats execution) {
    VersionChecks checks = execution.versionChecks();
    if (checks != null) {
      checks.cancelStarted(execution);
    }
  }

  /**
   * The operator tree of an execution that started checks: closing it ends them first, so that no
   * worker of the execution, closing, waits for a HEAD no longer needed.
   */
  private static final class EndsChecks implements Operator {
    private final Operator op;
    private final IoStats execution;

    EndsChecks(Operator op, IoStats execution) {
      this.op = op;
      this.execution = execution;
    }

    @Override
    public List<ColumnType> types() {
      return op.types();
    }

    @Override
    public ColumnBatch next() {
      return op.next();
    }

    @Override
    public ColumnBatch nextSelected(Selection live) {
      return op.nextSelected(live);
    }

    @Override
    public void close() {
      try {
        cancel(execution);
      } finally {
        op.close();
      }
    }
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
