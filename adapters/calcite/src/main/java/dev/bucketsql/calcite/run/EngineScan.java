package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.BucketBatchScan;
import dev.bucketsql.calcite.BucketScanPieces;
import dev.bucketsql.calcite.BucketTable;
import dev.bucketsql.calcite.rel.BucketTableScan;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.join.KeyFiltered;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.TableSchema;
import dev.bucketsql.format.predicate.RuntimeKeyFilter;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A {@link BucketTableScan} read by the engine in column batches ({@code BucketTable.scanBatches}):
 * the same pushed filter, pruning, cancel checks and scan report. As the scan it stands for, it
 * leaves the filter above it to check every row. A calc above the scan that only picks columns is
 * folded in: the scan reads just those.
 */
public final class EngineScan extends AbstractRelNode implements EngineRel {
  private final BucketTableScan scan;
  private final int[] fileColumns;
  private final List<ColumnType> types;
  private final RelDataType rowType;
  private final EnumerableRel original;

  private EngineScan(
      BucketTableScan scan,
      int[] fileColumns,
      List<ColumnType> types,
      RelDataType rowType,
      EnumerableRel original) {
    super(scan.getCluster(), original.getTraitSet());
    this.scan = scan;
    this.fileColumns = fileColumns.clone();
    this.types = List.copyOf(types);
    this.rowType = rowType;
    this.original = original;
  }

  /**
   * The engine scan of {@code scan}, or null when a column's file type is not the representation of
   * its SQL type, or the scan reads no column.
   */
  static @Nullable EngineScan of(BucketTableScan scan) {
    int[] all = new int[scan.getRowType().getFieldCount()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return of(scan, all, scan.getRowType(), scan);
  }

  /**
   * The engine scan of columns {@code columns} of {@code scan} (a calc picking them, {@code
   * original}, folded in), or null as above.
   */
  static @Nullable EngineScan of(
      BucketTableScan scan, int[] columns, RelDataType rowType, EnumerableRel original) {
    List<ColumnType> types = EngineTypes.of(rowType.getFieldList());
    if (types == null || types.isEmpty()) {
      return null;
    }
    TableSchema schema = scan.bucketTable().file().schema();
    int[] fileColumns = new int[columns.length];
    for (int i = 0; i < columns.length; i++) {
      fileColumns[i] = scan.projects().get(columns[i]);
      if (schema.column(fileColumns[i]).type() != types.get(i)) {
        return null;
      }
    }
    return new EngineScan(scan, fileColumns, types, rowType, original);
  }

  /** The scan read. */
  BucketTableScan scan() {
    return scan;
  }

  /** The scan's columns this engine scan reads, by their position in the scan's row. */
  int[] scanColumns() {
    int[] columns = new int[fileColumns.length];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = scan.projects().indexOf(fileColumns[i]);
    }
    return columns;
  }

  @Override
  public EngineNode node(List<RelNode> fallbacks) {
    BucketTable table = scan.bucketTable();
    List<RexNode> pushed = scan.pushed();
    int[] projects = fileColumns.clone();
    List<ColumnType> t = types;
    return run -> {
      BucketBatchScan piece = run.pieceScan();
      return new ScanOperator(
          piece != null ? piece : table.scanBatches(run.root(), pushed, projects, List.of()),
          t,
          run.query());
    };
  }

  /**
   * This scan's node with the keys of joins above ({@code pending}, by column of this scan's
   * output) leaving rows out: inside the scan when its format can ({@link #filtersInScan}), else by
   * a {@link KeyFiltered} right above it.
   */
  EngineNode filteredNode(List<ScanKeyFilters.Pending> pending) {
    BucketTable table = scan.bucketTable();
    List<RexNode> pushed = scan.pushed();
    int[] projects = fileColumns.clone();
    List<ColumnType> t = types;
    boolean inScan = filtersInScan();
    List<ScanKeyFilters.Pending> keys = List.copyOf(pending);
    return run -> {
      List<Object> attachments = new ArrayList<>();
      if (inScan) {
        for (ScanKeyFilters.Pending p : keys) {
          attachments.add(new RuntimeKeyFilter(projects[p.column()], run.keyFilter(p.token())));
        }
      }
      BucketBatchScan piece = run.pieceScan(attachments);
      Operator op =
          new ScanOperator(
              piece != null ? piece : table.scanBatches(run.root(), pushed, projects, attachments),
              t,
              run.query());
      if (!inScan) {
        for (ScanKeyFilters.Pending p : keys) {
          op = new KeyFiltered(op, p.column(), run.keyFilter(p.token()), run.query());
        }
      }
      return op;
    };
  }

  /**
   * Whether the scanned file leaves out the rows runtime keys rule out itself (Parquet, with its
   * late filter on), for this scan's columns: a Parquet scan reading a nested column reads without
   * its late filter, where the keys are applied.
   */
  boolean filtersInScan() {
    for (ColumnType t : types) {
      if (t.isNested()) {
        return false;
      }
    }
    return scan.bucketTable().file().filtersRuntimeKeys();
  }

  /** The pieces of one scan of this node, for the workers of a parallel pipeline. */
  BucketScanPieces pieces(EngineRun run) {
    return scan.bucketTable().scanPieces(run.root(), scan.pushed(), fileColumns.clone());
  }

  @Override
  public List<ColumnType> types() {
    return types;
  }

  @Override
  public EnumerableRel original() {
    return original;
  }

  @Override
  protected RelDataType deriveRowType() {
    return rowType;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return this;
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    List<RelDataTypeField> fields = scan.getTable().getRowType().getFieldList();
    List<String> names = new ArrayList<>();
    for (int c : fileColumns) {
      names.add(fields.get(c).getName());
    }
    return super.explainTerms(pw)
        .item("table", scan.getTable().getQualifiedName())
        .item("columns", names)
        .itemIf("pushed", scan.pushedText(), !scan.pushed().isEmpty());
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
