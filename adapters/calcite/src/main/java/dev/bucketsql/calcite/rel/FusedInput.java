package dev.bucketsql.calcite.rel;

import dev.bucketsql.calcite.BucketTable;
import dev.bucketsql.calcite.exec.JoinAggregatePlan;
import dev.bucketsql.calcite.exec.Repr;
import dev.bucketsql.format.ColumnBatch.Kind;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.TableSchema;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One input of a fused operator: a {@link BucketTableScan}, possibly under a calc. A scan, or a
 * calc that only picks its columns, is read directly in column batches ({@link #table()} set);
 * under a calc with a condition or computed columns, its rows come from Calcite's code for it.
 *
 * @param name the table's name, for EXPLAIN and errors
 * @param table the table read directly, or null when Calcite computes the rows
 * @param pushed the scan's pushed filter conjuncts
 * @param fileColumns the file columns read (table read directly), one per column of the input
 * @param types the type of each column of the input
 * @param fields the input's fields
 * @param estimatedRows the planner's estimate of the input's rows
 */
record FusedInput(
    String name,
    @Nullable BucketTable table,
    List<RexNode> pushed,
    int[] fileColumns,
    ColumnType[] types,
    List<RelDataTypeField> fields,
    double estimatedRows) {
  /** Columns of the input. */
  int columnCount() {
    return types.length;
  }

  /** Whether column {@code c} has an integral SQL type (TINYINT to BIGINT). */
  boolean isIntegral(int c) {
    return SqlTypeUtil.isIntType(fields.get(c).getType());
  }

  /** This input for the run time, {@code key} its join key column (-1 for none). */
  JoinAggregatePlan.Input input(int key) {
    return new JoinAggregatePlan.Input(name, table, pushed, fileColumns, types, key);
  }

  /** {@code rel} as an input, or null when it is not a scan (under at most one calc). */
  static @Nullable FusedInput of(RelNode rel) {
    BucketTableScan scan;
    int[] columns; // output column -> scan column, or null when Calcite computes the rows
    if (rel instanceof BucketTableScan s) {
      scan = s;
      columns = new int[s.getRowType().getFieldCount()];
      for (int i = 0; i < columns.length; i++) {
        columns[i] = i;
      }
    } else if (rel instanceof EnumerableCalc calc && calc.getInput() instanceof BucketTableScan s) {
      scan = s;
      RexProgram program = calc.getProgram();
      columns = program.getCondition() == null ? new int[program.getProjectList().size()] : null;
      for (int i = 0; columns != null && i < columns.length; i++) {
        RexNode e = program.expandLocalRef(program.getProjectList().get(i));
        if (e instanceof RexInputRef ref) {
          columns[i] = ref.getIndex();
        } else {
          columns = null;
        }
      }
    } else {
      return null;
    }
    BucketTable table = scan.bucketTable();
    String name =
        scan.getTable().getQualifiedName().get(scan.getTable().getQualifiedName().size() - 1);
    List<RelDataTypeField> fields = rel.getRowType().getFieldList();
    ColumnType[] types = new ColumnType[fields.size()];
    if (columns != null) {
      TableSchema schema = table.file().schema();
      int[] fileColumns = new int[columns.length];
      for (int i = 0; i < columns.length; i++) {
        fileColumns[i] = scan.projects().get(columns[i]);
        types[i] = schema.column(fileColumns[i]).type();
        Repr repr = Repr.of(fields.get(i).getType().getSqlTypeName());
        if (repr != null && repr.kind() != Kind.of(types[i])) {
          return null;
        }
      }
      return new FusedInput(
          name, table, scan.pushed(), fileColumns, types, fields, table.estimatedRows());
    }
    for (int i = 0; i < types.length; i++) {
      types[i] = columnType(fields.get(i).getType().getSqlTypeName());
    }
    return new FusedInput(name, null, List.of(), new int[0], types, fields, RowEstimates.rows(rel));
  }

  /** The batch type of a column Calcite computes; VARCHAR holds any object. */
  private static ColumnType columnType(SqlTypeName type) {
    return switch (type) {
      case BOOLEAN -> ColumnType.BOOLEAN;
      case TINYINT -> ColumnType.TINYINT;
      case SMALLINT -> ColumnType.SMALLINT;
      case INTEGER -> ColumnType.INTEGER;
      case BIGINT -> ColumnType.BIGINT;
      case DATE -> ColumnType.DATE;
      case TIME -> ColumnType.TIME;
      case TIMESTAMP -> ColumnType.TIMESTAMP;
      case REAL -> ColumnType.REAL;
      case FLOAT, DOUBLE -> ColumnType.DOUBLE;
      default -> ColumnType.VARCHAR;
    };
  }
}
