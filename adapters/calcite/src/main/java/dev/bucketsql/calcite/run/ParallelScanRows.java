package dev.bucketsql.calcite.run;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.BucketScanPieces;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.parallel.Exchange;
import dev.bucketsql.format.ColumnType;
import java.util.List;
import org.apache.calcite.rel.RelNode;

/**
 * The rows of a pipeline of filters, projections and hash-join probes over one table scan, read on
 * the connection's {@code threads} for an operator that reads them all before its first row (the
 * build side of a hash join, a sort, a window): each worker decodes, filters and probes whole
 * pieces of the scan ({@link Exchange}), and the rows come back in piece order, the order of one
 * thread, so the operator above builds the same table, sorts ties the same way and numbers rows the
 * same. With one piece, or one thread, the pipeline runs as one thread would.
 */
final class ParallelScanRows extends ScanPiecesOperator {
  private final HeldBy heldBy;
  private final String subject;

  private ParallelScanRows(
      EngineRun run,
      EngineScan scan,
      EngineNode input,
      List<ColumnType> types,
      HeldBy heldBy,
      String subject,
      int piecesAfterScan) {
    super(run, scan, input, types, piecesAfterScan);
    this.heldBy = requireNonNull(heldBy, "heldBy is null");
    this.subject = requireNonNull(subject, "subject is null");
  }

  /**
   * {@code node}, the node of {@code rel}, read on several threads where {@code rel} is such a
   * pipeline and the run has more than one thread; else {@code node} itself.
   *
   * @param heldBy what the rows are held for, for the memory error of the exchange's buffers
   */
  static EngineNode over(RelNode rel, EngineNode node, HeldBy heldBy, String subject) {
    EngineScan scan = ParallelScanAggregate.scanOf(rel);
    if (scan == null) {
      return node;
    }
    List<ColumnType> types = ((EngineRel) rel).types();
    int after = ParallelScanAggregate.piecesAfterScan(rel);
    return run ->
        run.threads() > 1
            ? new ParallelScanRows(run, scan, node, types, heldBy, subject, after)
            : node.open(run);
  }

  @Override
  Operator open(BucketScanPieces pieces) {
    return pieces.count() == 1
        ? whole(pieces)
        : new Exchange(
            fragment(pieces),
            runs(pieces),
            run().threads(),
            types(),
            run().query(),
            heldBy,
            subject);
  }
}
