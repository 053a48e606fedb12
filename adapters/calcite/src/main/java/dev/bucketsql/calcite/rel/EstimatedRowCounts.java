package dev.bucketsql.calcite.rel;

import java.util.List;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.ChainedRelMetadataProvider;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.MetadataDef;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * Calcite's row-count metadata answered by {@link RowEstimates} for table scans, filters, calcs,
 * joins and aggregates, so that the planner's join ordering and costs see the same figures as the
 * choice of a hash join's build side: a join of a filtered dimension with its fact is no longer
 * taken as the product of both times 0.15, nor a CSV table as 100 rows. Every other question goes
 * to Calcite's own handlers ({@link #PROVIDER}).
 *
 * <p>Public only because Calcite's generated metadata code calls these methods.
 */
public final class EstimatedRowCounts implements MetadataHandler<BuiltInMetadata.RowCount> {
  /** These row counts, then Calcite's default metadata. */
  public static final RelMetadataProvider PROVIDER =
      ChainedRelMetadataProvider.of(
          List.of(
              ReflectiveRelMetadataProvider.reflectiveSource(
                  new EstimatedRowCounts(), BuiltInMetadata.RowCount.Handler.class),
              DefaultRelMetadataProvider.INSTANCE));

  private EstimatedRowCounts() {}

  @Override
  public MetadataDef<BuiltInMetadata.RowCount> getDef() {
    return BuiltInMetadata.RowCount.DEF;
  }

  /** The table's estimate for a BucketSQL scan; else Calcite's. */
  public Double getRowCount(TableScan rel, RelMetadataQuery mq) {
    return rel instanceof BucketTableScan ? RowEstimates.rows(rel) : rel.estimateRowCount(mq);
  }

  /** The input's rows times the condition's selectivity. */
  public Double getRowCount(Filter rel, RelMetadataQuery mq) {
    return RowEstimates.rows(rel);
  }

  /** The input's rows times the condition's selectivity. */
  public Double getRowCount(Calc rel, RelMetadataQuery mq) {
    return RowEstimates.rows(rel);
  }

  /** By the key columns' tables (see {@link RowEstimates}). */
  public Double getRowCount(Join rel, RelMetadataQuery mq) {
    return RowEstimates.rows(rel);
  }

  /** One row, or a tenth of the input. */
  public Double getRowCount(Aggregate rel, RelMetadataQuery mq) {
    return RowEstimates.rows(rel);
  }
}
