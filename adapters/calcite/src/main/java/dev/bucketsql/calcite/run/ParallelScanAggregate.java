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
      List<ColumnType> types) {
    super(run, scan, input, types);
    this.inputTypes = List.copyOf(inputTypes);
    this.keys = keys.clone();
    this.calls = List.copyOf(calls);
    this.subject = requireNonNull(subject, "subject is null");
  }

  /**
   * The scan under {@code input} when it is a chain of engine filters, projections and probes of
   * hash joins that can share their table over one engine scan, the fragment every worker can build
   * for itself (a join's build side is read whole, once); else null.
   */
  static @Nullable EngineScan scanOf(RelNode input) {
    RelNode n = input;
    while (true) {
      if (n instanceof EngineFilter || n instanceof EngineProject) {
        n = ((SingleRel) n).getInput();
      } else if (n instanceof EngineHashJoin join && join.shareable()) {
        n = join.probe();
      } else {
        return n instanceof EngineScan s ? s : null;
      }
    }
  }

  @Override
  Operator open(BucketScanPieces pieces) {
    if (pieces.count() == 1) {
      return new HashAggregate(whole(pieces), keys, calls, run().query(), subject);
    }
    return ParallelAggregate.over(
        fragment(pieces),
        pieces.count(),
        run().threads(),
        inputTypes,
        keys,
        calls,
        run().query(),
        subject);
  }
}
