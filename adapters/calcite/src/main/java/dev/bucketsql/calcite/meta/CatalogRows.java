package dev.bucketsql.calcite.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schemas and tables of a connection's root, read the way {@code information_schema} and {@code
 * SHOW} need them. A table whose columns cannot be read (files that disagree on a type, an empty
 * CSV object) is still listed, with no columns and the reason; a BI tool's sync then goes on with
 * the other tables, as {@code DatabaseMetaData.getColumns} does.
 */
public final class CatalogRows {
  /** The schema this package adds, which lists itself in schemata only. */
  public static final String INFORMATION_SCHEMA = "information_schema";

  private static final Logger LOG = LoggerFactory.getLogger(CatalogRows.class);

  private CatalogRows() {}

  /** Schema names under {@code root}, sorted. */
  public static List<String> schemas(SchemaPlus root) {
    return List.copyOf(new TreeSet<>(root.subSchemas().getNames(LikePattern.any())));
  }

  /** Every table of every schema but information_schema, in schema and name order. */
  public static List<TableRow> tables(SchemaPlus root) {
    List<TableRow> rows = new ArrayList<>();
    for (String schemaName : schemas(root)) {
      if (schemaName.equalsIgnoreCase(INFORMATION_SCHEMA)) {
        continue;
      }
      SchemaPlus schema = root.subSchemas().get(schemaName);
      if (schema == null) {
        continue;
      }
      for (String tableName : new TreeSet<>(schema.tables().getNames(LikePattern.any()))) {
        Table table = schema.tables().get(tableName);
        if (table != null) {
          rows.add(new TableRow(schemaName, tableName, table));
        }
      }
    }
    return rows;
  }

  /** One table. */
  public record TableRow(String schema, String name, Table table) {
    /** The table's columns, or null when they cannot be read (logged). */
    public RelDataType rowType(RelDataTypeFactory typeFactory) {
      try {
        return table.getRowType(typeFactory);
      } catch (RuntimeException e) {
        LOG.warn("columns of table {}.{} left out: {}", schema, name, e.getMessage());
        return null;
      }
    }
  }
}
