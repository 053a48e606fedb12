package dev.bucketsql.calcite.run;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.BucketScanPieces;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.parallel.Exchange;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The rows of a pipeline of filters, projections and hash-join probes over one table scan, read on
 * the connection's {@code threads} for an operator that reads them all before its first row (the
 * build side of a hash join, a sort, a window): each worker decodes, filters and probes whole
 * pieces of the scan ({@link Exchange}), and the rows come back in piece order, the order of one
 * thread, so the operator above builds the same table, sorts ties the same way and numbers rows the
 * same. With one piece, or one thread, the pipeline runs as one thread would.
 */
final class ParallelScanRows implements Operator {
  private final EngineRun run;
  private final EngineScan scan;
  private final EngineNode input;
  private final List<ColumnType> types;
  private final HeldBy heldBy;
  private final String subject;
  private final SharedBuilds builds = new SharedBuilds();
  private @Nullable Operator delegate;
  private boolean closed;

  private ParallelScanRows(
      EngineRun run,
      EngineScan scan,
      EngineNode input,
      List<ColumnType> types,
      HeldBy heldBy,
      String subject) {
    this.run = requireNonNull(run, "run is null");
    this.scan = requireNonNull(scan, "scan is null");
    this.input = requireNonNull(input, "input is null");
    this.types = List.copyOf(types);
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
    return run ->
        run.threads() > 1
            ? new ParallelScanRows(run, scan, node, types, heldBy, subject)
            : node.open(run);
  }

  @Override
  public List<ColumnType> types() {
    return types;
  }

  @Override
  public @Nullable ColumnBatch next() {
    if (closed) {
      return null;
    }
    if (delegate == null) {
      BucketScanPieces pieces = scan.pieces(run);
      delegate =
          pieces.count() == 1
              ? input.open(run.forPiece(pieces, 0, () -> false, null))
              : new Exchange(
                  (piece, stopped) -> input.open(run.forPiece(pieces, piece, stopped, builds)),
                  pieces.count(),
                  run.threads(),
                  types,
                  run.query(),
                  heldBy,
                  subject);
    }
    return delegate.next();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        if (delegate != null) {
          delegate.close();
        }
      } finally {
        // the workers have stopped: the tables they probed can go
        builds.close();
      }
    }
  }
}
