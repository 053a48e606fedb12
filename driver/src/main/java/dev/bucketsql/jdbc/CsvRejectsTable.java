package dev.bucketsql.jdbc;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.csv.CsvReject;
import dev.bucketsql.csv.CsvRejectLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code bucketsql.csv_rejects}: what lenient ({@code csv.lenient}) and skipping ({@code
 * csv.skipMalformed}) CSV scans of this connection stepped over, oldest first, the most recent
 * {@value CsvRejectLog#DEFAULT_CAPACITY} of them: object key, line, what was done ({@code SKIPPED}
 * or {@code NULLED}), the column of a nulled value, and the reason as the strict mode would have
 * said it.
 */
final class CsvRejectsTable extends AbstractTable implements ScannableTable {
  /** The schema holding the table. */
  static final String SCHEMA = "bucketsql";

  /** The table name. */
  static final String NAME = "csv_rejects";

  private final CsvRejectLog log;

  CsvRejectsTable(CsvRejectLog log) {
    this.log = requireNonNull(log, "log is null");
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory types) {
    return types
        .builder()
        .add("object_key", SqlTypeName.VARCHAR)
        .add("line", SqlTypeName.BIGINT)
        .add("action", SqlTypeName.VARCHAR)
        .add("column_name", SqlTypeName.VARCHAR)
        .nullable(true)
        .add("reason", SqlTypeName.VARCHAR)
        .build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    for (CsvReject r : log.recent()) {
      rows.add(new Object[] {r.key(), r.line(), r.kind().name(), r.column(), r.reason()});
    }
    return Linq4j.asEnumerable(rows);
  }

  /** The {@code bucketsql} schema with its one table. */
  static final class Schema extends AbstractSchema {
    private final Map<String, Table> tables;

    Schema(CsvRejectLog log) {
      this.tables = Map.of(NAME, new CsvRejectsTable(log));
    }

    @Override
    protected Map<String, Table> getTableMap() {
      return tables;
    }
  }
}
