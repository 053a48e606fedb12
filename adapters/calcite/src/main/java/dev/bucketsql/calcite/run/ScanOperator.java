package dev.bucketsql.calcite.run;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.BucketBatchScan;
import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.List;

/**
 * A table scan as an engine operator: the batches of a {@link BucketBatchScan}, which applies the
 * pushed filter, prunes, checks the statement's cancel flag and deadline and reports what it read.
 */
final class ScanOperator implements Operator {
  private final BucketBatchScan scan;
  private final List<ColumnType> types;
  private final ExecContext context;
  private ColumnBatch batch;

  ScanOperator(BucketBatchScan scan, List<ColumnType> types, ExecContext context) {
    this.scan = requireNonNull(scan, "scan is null");
    this.types = List.copyOf(types);
    this.context = requireNonNull(context, "context is null");
  }

  @Override
  public List<ColumnType> types() {
    return types;
  }

  @Override
  public ColumnBatch next() {
    context.checkCancelled();
    if (batch == null) {
      batch = scan.newBatch();
    }
    return scan.next(batch) > 0 ? batch : null;
  }

  @Override
  public void close() {
    scan.close();
  }
}
