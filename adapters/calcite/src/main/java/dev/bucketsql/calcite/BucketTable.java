package dev.bucketsql.calcite;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.DataFile;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.format.TableSchema;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One data file as a SQL table. Scans read only the projected columns; filters are left to
 * Calcite for now (the format issues push them down).
 */
public final class BucketTable extends AbstractTable implements ProjectableFilterableTable {
  private final ObjectInfo object;
  private final DataFile file;

  BucketTable(ObjectInfo object, DataFile file) {
    this.object = requireNonNull(object, "object is null");
    this.file = requireNonNull(file, "file is null");
  }

  /** The object this table reads. */
  public ObjectInfo object() {
    return object;
  }

  /** The format reader behind this table. */
  public DataFile file() {
    return file;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return ColumnTypes.rowType(typeFactory, file.schema());
  }

  @Override
  public Enumerable<@Nullable Object[]> scan(
      DataContext root, List<RexNode> filters, int @Nullable [] projects) {
    TableSchema schema = file.schema();
    // The store counts every request in its own totals too; the scan's counters are its own.
    IoStats scanStats = new IoStats();
    ScanSpec spec =
        projects == null ? ScanSpec.allColumns(schema, scanStats) : new ScanSpec(projects, scanStats);
    AtomicBoolean cancelFlag = DataContext.Variable.CANCEL_FLAG.get(root);
    Long timeout = DataContext.Variable.TIMEOUT.get(root);
    long timeoutMillis = timeout == null ? 0 : timeout;
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<@Nullable Object[]> enumerator() {
        return new CursorEnumerator(file, spec, cancelFlag, timeoutMillis);
      }
    };
  }
}
