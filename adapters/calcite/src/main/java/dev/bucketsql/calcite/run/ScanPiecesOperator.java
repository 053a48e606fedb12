package dev.bucketsql.calcite.run;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.BucketScanPieces;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.parallel.Fragment;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An operator over a pipeline of filters, projections and hash-join probes on one table scan that
 * runs it piece by piece ({@link ParallelScanAggregate}, {@link ParallelScanRows}): the scan's
 * pieces are divided when the first batch is asked for (nothing is read before, as with any scan),
 * and the subclass makes the operators over them. The tables the pieces' join probes share are
 * closed after those operators.
 */
abstract class ScanPiecesOperator implements Operator {
  private final EngineRun run;
  private final EngineScan scan;
  private final EngineNode input;
  private final List<ColumnType> types;
  private final int piecesAfterScan;
  private final SharedBuilds builds = new SharedBuilds();
  private @Nullable Operator delegate;
  private boolean closed;

  /**
   * @param piecesAfterScan pieces the fragment has after the scan's: one for the rows a join that
   *     tracks its matches owes after every probe, else none
   */
  ScanPiecesOperator(
      EngineRun run,
      EngineScan scan,
      EngineNode input,
      List<ColumnType> types,
      int piecesAfterScan) {
    this.run = requireNonNull(run, "run is null");
    this.piecesAfterScan = piecesAfterScan;
    this.scan = requireNonNull(scan, "scan is null");
    this.input = requireNonNull(input, "input is null");
    this.types = List.copyOf(types);
  }

  /** The operator giving this one's rows, over the scan divided into {@code pieces}. */
  abstract Operator open(BucketScanPieces pieces);

  /** The run this operator reads in. */
  final EngineRun run() {
    return run;
  }

  /**
   * How many pieces {@link #fragment} runs over: the scan's, then those after it (the rows a join
   * owes once every piece has probed its table).
   */
  final int runs(BucketScanPieces pieces) {
    return pieces.count() + piecesAfterScan;
  }

  /** The pipeline over the only piece, on this thread, as one thread would run it. */
  final Operator whole(BucketScanPieces pieces) {
    return input.open(run.forPiece(pieces, 0, () -> false, null));
  }

  /** The pipeline over one piece at a time, for workers; their join probes share one table. */
  final Fragment fragment(BucketScanPieces pieces) {
    return (piece, stopped) -> input.open(run.forPiece(pieces, piece, stopped, builds));
  }

  @Override
  public final List<ColumnType> types() {
    return types;
  }

  @Override
  public final @Nullable ColumnBatch next() {
    if (closed) {
      return null;
    }
    if (delegate == null) {
      delegate = open(scan.pieces(run));
    }
    return delegate.next();
  }

  @Override
  public final void close() {
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
