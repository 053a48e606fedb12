package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.BucketTable;
import dev.bucketsql.calcite.rel.BucketTableScan;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.TableSchema;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A {@link BucketTableScan} read by the engine in column batches ({@code
 * BucketTable.scanBatches}): the same pushed filter, pruning, cancel checks and scan report. As
 * the scan it stands for, it leaves the filter above it to check every row.
 */
public final class EngineScan extends AbstractRelNode implements EngineRel {
  private final BucketTableScan scan;
  private final List<ColumnType> types;

  private EngineScan(BucketTableScan scan, List<ColumnType> types) {
    super(scan.getCluster(), scan.getTraitSet());
    this.scan = scan;
    this.types = List.copyOf(types);
  }

  /**
   * The engine scan of {@code scan}, or null when a column's file type is not the representation
   * of its SQL type, or the scan reads no column.
   */
  static @Nullable EngineScan of(BucketTableScan scan) {
    List<ColumnType> types = EngineTypes.of(scan.getRowType().getFieldList());
    if (types == null || types.isEmpty()) {
      return null;
    }
    TableSchema schema = scan.bucketTable().file().schema();
    for (int i = 0; i < types.size(); i++) {
      if (schema.column(scan.projects().get(i)).type() != types.get(i)) {
        return null;
      }
    }
    return new EngineScan(scan, types);
  }

  @Override
  public EngineNode node(List<RelNode> fallbacks) {
    BucketTable table = scan.bucketTable();
    List<RexNode> pushed = scan.pushed();
    int[] projects = scan.projects().toIntArray();
    List<ColumnType> t = types;
    return run -> new ScanOperator(table.scanBatches(run.root(), pushed, projects), t, run.query());
  }

  @Override
  public List<ColumnType> types() {
    return types;
  }

  @Override
  public EnumerableRel original() {
    return scan;
  }

  @Override
  protected RelDataType deriveRowType() {
    return scan.getRowType();
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return this;
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    // the scan's own terms: table, columns, pushed
    return scan.explainTerms(pw);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return scan.estimateRowCount(mq);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    return EngineImplementor.implement(this, implementor);
  }
}
