package dev.bucketsql.calcite.meta;

import static java.util.Objects.requireNonNull;
import static org.apache.calcite.sql.type.SqlTypeName.BIGINT;
import static org.apache.calcite.sql.type.SqlTypeName.BOOLEAN;
import static org.apache.calcite.sql.type.SqlTypeName.INTEGER;
import static org.apache.calcite.sql.type.SqlTypeName.VARCHAR;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code information_schema} with DuckDB's column names and type names: {@code schemata}, {@code
 * tables}, {@code columns} and {@code views} (always empty: a bucket has no views), the rows a BI
 * tool's sync reads. Rows are read from the statement's root schema when scanned, so they follow
 * the bucket's listing. The catalog columns hold the bucket's name.
 */
public final class InformationSchema extends AbstractSchema {
  private static final List<String> SCHEMATA =
      List.of(
          "catalog_name",
          "schema_name",
          "schema_owner",
          "default_character_set_catalog",
          "default_character_set_schema",
          "default_character_set_name",
          "sql_path");
  private static final List<String> TABLES =
      List.of(
          "table_catalog",
          "table_schema",
          "table_name",
          "table_type",
          "self_referencing_column_name",
          "reference_generation",
          "user_defined_type_catalog",
          "user_defined_type_schema",
          "user_defined_type_name",
          "is_insertable_into",
          "is_typed",
          "commit_action",
          "TABLE_COMMENT");
  private static final List<String> VIEWS =
      List.of(
          "table_catalog",
          "table_schema",
          "table_name",
          "view_definition",
          "check_option",
          "is_updatable",
          "is_insertable_into",
          "is_trigger_updatable",
          "is_trigger_deletable",
          "is_trigger_insertable_into");
  private static final Map<String, SqlTypeName> COLUMNS = columns();

  private final String catalog;

  /** The schema for a connection to bucket {@code catalog}. */
  public InformationSchema(String catalog) {
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  private static Map<String, SqlTypeName> columns() {
    Map<String, SqlTypeName> c = new LinkedHashMap<>();
    for (String n : List.of("table_catalog", "table_schema", "table_name", "column_name")) {
      c.put(n, VARCHAR);
    }
    c.put("ordinal_position", INTEGER);
    c.put("column_default", VARCHAR);
    c.put("is_nullable", VARCHAR);
    c.put("data_type", VARCHAR);
    for (String n :
        List.of(
            "character_maximum_length",
            "character_octet_length",
            "numeric_precision",
            "numeric_precision_radix",
            "numeric_scale",
            "datetime_precision")) {
      c.put(n, INTEGER);
    }
    c.put("interval_type", VARCHAR);
    c.put("interval_precision", INTEGER);
    for (String n :
        List.of(
            "character_set_catalog",
            "character_set_schema",
            "character_set_name",
            "collation_catalog",
            "collation_schema",
            "collation_name",
            "domain_catalog",
            "domain_schema",
            "domain_name",
            "udt_catalog",
            "udt_schema",
            "udt_name",
            "scope_catalog",
            "scope_schema",
            "scope_name")) {
      c.put(n, VARCHAR);
    }
    c.put("maximum_cardinality", BIGINT);
    c.put("dtd_identifier", VARCHAR);
    c.put("is_self_referencing", BOOLEAN);
    c.put("is_identity", BOOLEAN);
    for (String n :
        List.of(
            "identity_generation",
            "identity_start",
            "identity_increment",
            "identity_maximum",
            "identity_minimum")) {
      c.put(n, VARCHAR);
    }
    c.put("identity_cycle", BOOLEAN);
    c.put("is_generated", VARCHAR);
    c.put("generation_expression", VARCHAR);
    c.put("is_updatable", BOOLEAN);
    c.put("COLUMN_COMMENT", VARCHAR);
    return Collections.unmodifiableMap(c);
  }

  @Override
  protected Map<String, Table> getTableMap() {
    Map<String, Table> tables = new LinkedHashMap<>();
    tables.put(
        "schemata",
        new RowsTable(SCHEMATA, Collections.nCopies(SCHEMATA.size(), VARCHAR), this::schemata));
    tables.put(
        "tables", new RowsTable(TABLES, Collections.nCopies(TABLES.size(), VARCHAR), this::tables));
    tables.put(
        "columns",
        new RowsTable(List.copyOf(COLUMNS.keySet()), List.copyOf(COLUMNS.values()), this::columns));
    tables.put(
        "views",
        new RowsTable(VIEWS, Collections.nCopies(VIEWS.size(), VARCHAR), root -> List.of()));
    return tables;
  }

  private List<@Nullable Object[]> schemata(DataContext root) {
    List<@Nullable Object[]> rows = new ArrayList<>();
    for (String schema : CatalogRows.schemas(rootOf(root))) {
      rows.add(new Object[] {catalog, schema, "bucketsql", null, null, null, null});
    }
    return rows;
  }

  private List<@Nullable Object[]> tables(DataContext root) {
    List<@Nullable Object[]> rows = new ArrayList<>();
    for (CatalogRows.TableRow t : CatalogRows.tables(rootOf(root))) {
      rows.add(
          new Object[] {
            catalog,
            t.schema(),
            t.name(),
            "BASE TABLE",
            null,
            null,
            null,
            null,
            null,
            "NO",
            "NO",
            null,
            null
          });
    }
    return rows;
  }

  private List<@Nullable Object[]> columns(DataContext root) {
    List<@Nullable Object[]> rows = new ArrayList<>();
    for (CatalogRows.TableRow t : CatalogRows.tables(rootOf(root))) {
      RelDataType rowType = t.rowType(root.getTypeFactory());
      if (rowType == null) {
        continue;
      }
      for (RelDataTypeField f : rowType.getFieldList()) {
        Object[] row = new Object[COLUMNS.size()];
        RelDataType type = f.getType();
        row[0] = catalog;
        row[1] = t.schema();
        row[2] = t.name();
        row[3] = f.getName();
        row[4] = f.getIndex() + 1;
        row[6] = type.isNullable() ? "YES" : "NO";
        row[7] = DuckTypes.name(type);
        Integer[] numeric = numeric(type);
        row[10] = numeric[0];
        row[11] = numeric[1];
        row[12] = numeric[2];
        row[COLUMNS.size() - 3] = "NEVER";
        rows.add(row);
      }
    }
    return rows;
  }

  /** numeric_precision, numeric_precision_radix, numeric_scale as DuckDB gives them. */
  private static Integer[] numeric(RelDataType type) {
    return switch (type.getSqlTypeName()) {
      case TINYINT -> new Integer[] {8, 2, 0};
      case SMALLINT -> new Integer[] {16, 2, 0};
      case INTEGER -> new Integer[] {32, 2, 0};
      case BIGINT -> new Integer[] {64, 2, 0};
      case REAL, FLOAT -> new Integer[] {24, 2, 0};
      case DOUBLE -> new Integer[] {53, 2, 0};
      case DECIMAL -> new Integer[] {type.getPrecision(), 10, type.getScale()};
      default -> new Integer[] {null, null, null};
    };
  }

  private static SchemaPlus rootOf(DataContext root) {
    return requireNonNull(root.getRootSchema(), "root schema");
  }
}
