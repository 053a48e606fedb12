package dev.bucketsql.calcite.run;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.BucketScanPieces;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.aggregate.AggregateCall;
import dev.bucketsql.engine.aggregate.HashAggregate;
import dev.bucketsql.engine.parallel.ParallelAggregate;
import dev.bucketsql.format.ColumnType;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.SingleRel;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An aggregate over a pipeline of filters, projections and hash-join probes on one table scan, run
 * on the connection's {@code threads}: the scan's pieces are divided when the first batch is asked
 * for (nothing is read before, as with any scan), and with more than one piece each worker filters,
 * projects and partially aggregates whole pieces ({@link ParallelAggregate}); with one piece the
 * aggregate runs as one thread would.
 */
final class ParallelScanAggregate extends ScanPiecesOperator {
  private final List<ColumnType> inputTypes;
  private final int[] keys;
  private final List<AggregateCall> calls;
  private final String subject;

  ParallelScanAggregate(
      EngineRun run,
      EngineScan scan,
      EngineNode input,
      List<ColumnType> inputTypes,
      int[] keys,
      List<AggregateCall> calls,
      String subject,
      List<ColumnType> types,
      int piecesAfterScan) {
    super(run, scan, input, types, piecesAfterScan);
    this.inputTypes = List.copyOf(inputTypes);
    this.keys = keys.clone();
    this.calls = List.copyOf(calls);
    this.subject = requireNonNull(subject, "subject is null");
  }

  /**
   * The scan under {@code input} when it is a chain of engine filters, projections and probes of
   * hash joins over one engine scan, the fragment every worker can build for itself (a join's build
   * side is read whole, once), with at most one join that tracks its built rows' matches; else
   * null.
   */
  static @Nullable EngineScan scanOf(RelNode input) {
    RelNode n = input;
    int tracking = 0;
    while (true) {
      if (n instanceof EngineFilter || n instanceof EngineProject) {
        n = ((SingleRel) n).getInput();
      } else if (n instanceof EngineHashJoin join) {
        // a second one would owe its rows after the first's, whose probes they pass through
        if (join.tracksMatches() && ++tracking > 1) {
          return null;
        }
        n = join.probe();
      } else {
        return n instanceof EngineScan s ? s : null;
      }
    }
  }

  /**
   * How many pieces the pipeline {@link #scanOf} accepted has after the scan's: one when a join on
   * it tracks its built rows' matches (the rows it owes, after every probe), else none.
   */
  static int piecesAfterScan(RelNode input) {
    RelNode n = input;
    while (n instanceof EngineFilter || n instanceof EngineProject || n instanceof EngineHashJoin) {
      if (n instanceof EngineHashJoin join) {
        if (join.tracksMatches()) {
          return 1;
        }
        n = join.probe();
      } else {
        n = ((SingleRel) n).getInput();
      }
    }
    return 0;
  }

  @Override
  Operator open(BucketScanPieces pieces) {
    if (pieces.count() == 1) {
      return new HashAggregate(whole(pieces), keys, calls, run().query(), subject);
    }
    return ParallelAggregate.over(
        fragment(pieces),
        runs(pieces),
        run().threads(),
        inputTypes,
        keys,
        calls,
        run().query(),
        subject);
  }
}
