package dev.bucketsql.server.pg;

import static dev.bucketsql.server.pg.PgCatalogTable.Kind.INT4;
import static dev.bucketsql.server.pg.PgCatalogTable.Kind.TEXT;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.calcite.DataContext;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * {@code information_schema} as PostgreSQL serves it, for the PostgreSQL endpoint: PostgreSQL's
 * column names and values ({@code data_type} {@code bigint}, {@code udt_name} {@code int8}, {@code
 * is_nullable}/{@code is_identity} as {@code YES}/{@code NO} text...), which BI tools' PostgreSQL
 * drivers read to sync columns (Metabase's field sync joins {@code columns} with {@code
 * table_constraints} and {@code key_column_usage}). It lists the same schemas, tables and columns,
 * with the same types, as {@code pg_namespace}, {@code pg_class} and {@code pg_attribute} ({@link
 * PgObjects}), so both catalogs agree; a bucket has no views and no constraints, whose tables are
 * present and empty. It replaces, in the PostgreSQL session's engine connection only, the engine's
 * own {@code information_schema} (DuckDB's columns).
 */
final class PgInformationSchema extends AbstractSchema {
  /** The schema's name. */
  static final String NAME = "information_schema";

  private static final PgCatalogTable.Columns SCHEMATA =
      new PgCatalogTable.Columns()
          .add(
              TEXT,
              "catalog_name",
              "schema_name",
              "schema_owner",
              "default_character_set_catalog",
              "default_character_set_schema",
              "default_character_set_name",
              "sql_path");
  private static final PgCatalogTable.Columns TABLES =
      new PgCatalogTable.Columns()
          .add(
              TEXT,
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
              "commit_action");
  static final PgCatalogTable.Columns COLUMNS =
      new PgCatalogTable.Columns()
          .add(TEXT, "table_catalog", "table_schema", "table_name", "column_name")
          .add(INT4, "ordinal_position")
          .add(TEXT, "column_default", "is_nullable", "data_type")
          .add(
              INT4,
              "character_maximum_length",
              "character_octet_length",
              "numeric_precision",
              "numeric_precision_radix",
              "numeric_scale",
              "datetime_precision")
          .add(TEXT, "interval_type")
          .add(INT4, "interval_precision")
          .add(
              TEXT,
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
              "scope_name")
          .add(INT4, "maximum_cardinality")
          .add(
              TEXT,
              "dtd_identifier",
              "is_self_referencing",
              "is_identity",
              "identity_generation",
              "identity_start",
              "identity_increment",
              "identity_maximum",
              "identity_minimum",
              "identity_cycle",
              "is_generated",
              "generation_expression",
              "is_updatable");
  private static final PgCatalogTable.Columns VIEWS =
      new PgCatalogTable.Columns()
          .add(
              TEXT,
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
  private static final PgCatalogTable.Columns TABLE_CONSTRAINTS =
      new PgCatalogTable.Columns()
          .add(
              TEXT,
              "constraint_catalog",
              "constraint_schema",
              "constraint_name",
              "table_catalog",
              "table_schema",
              "table_name",
              "constraint_type",
              "is_deferrable",
              "initially_deferred",
              "enforced",
              "nulls_distinct");
  private static final PgCatalogTable.Columns KEY_COLUMN_USAGE =
      new PgCatalogTable.Columns()
          .add(
              TEXT,
              "constraint_catalog",
              "constraint_schema",
              "constraint_name",
              "table_catalog",
              "table_schema",
              "table_name",
              "column_name")
          .add(INT4, "ordinal_position", "position_in_unique_constraint");
  private static final PgCatalogTable.Columns REFERENTIAL_CONSTRAINTS =
      new PgCatalogTable.Columns()
          .add(
              TEXT,
              "constraint_catalog",
              "constraint_schema",
              "constraint_name",
              "unique_constraint_catalog",
              "unique_constraint_schema",
              "unique_constraint_name",
              "match_option",
              "update_rule",
              "delete_rule");
  private static final PgCatalogTable.Columns CONSTRAINT_COLUMN_USAGE =
      new PgCatalogTable.Columns()
          .add(
              TEXT,
              "table_catalog",
              "table_schema",
              "table_name",
              "column_name",
              "constraint_catalog",
              "constraint_schema",
              "constraint_name");

  private final PgSettings settings;
  private final Map<String, Table> tables = new LinkedHashMap<>();

  PgInformationSchema(PgSettings settings) {
    this.settings = requireNonNull(settings, "settings is null");
    table("schemata", SCHEMATA, this::schemata);
    table("tables", TABLES, this::tables);
    table("columns", COLUMNS, this::columns);
    table("views", VIEWS, root -> List.of());
    table("table_constraints", TABLE_CONSTRAINTS, root -> List.of());
    table("key_column_usage", KEY_COLUMN_USAGE, root -> List.of());
    table("referential_constraints", REFERENTIAL_CONSTRAINTS, root -> List.of());
    table("constraint_column_usage", CONSTRAINT_COLUMN_USAGE, root -> List.of());
  }

  private void table(
      String name, PgCatalogTable.Columns columns, Function<DataContext, List<Object[]>> rows) {
    tables.put(name, new PgCatalogTable(columns, rows));
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }

  private static PgObjects objects(DataContext root) {
    return PgObjects.of(requireNonNull(root.getRootSchema(), "root schema"));
  }

  private List<Object[]> schemata(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    for (PgObjects.Namespace n : objects(root).namespaces()) {
      rows.add(
          new Object[] {
            settings.database(), n.name(), PgObjects.OWNER_NAME, null, null, "UTF8", null
          });
    }
    return rows;
  }

  private List<Object[]> tables(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    for (PgObjects.Relation r : objects(root).relations()) {
      rows.add(
          new Object[] {
            settings.database(),
            r.namespace().name(),
            r.name(),
            "BASE TABLE",
            null,
            null,
            null,
            null,
            null,
            "NO",
            "NO",
            null
          });
    }
    return rows;
  }

  private List<Object[]> columns(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    for (PgObjects.Relation r : objects(root).relations()) {
      for (PgObjects.Attribute a : PgObjects.attributes(r, root.getTypeFactory())) {
        rows.add(column(a));
      }
    }
    return rows;
  }

  private Object[] column(PgObjects.Attribute a) {
    Object[] row = new Object[COLUMNS.size()];
    PgObjects.Relation r = a.relation();
    row[COLUMNS.index("table_catalog")] = settings.database();
    row[COLUMNS.index("table_schema")] = r.namespace().name();
    row[COLUMNS.index("table_name")] = r.name();
    row[COLUMNS.index("column_name")] = a.name();
    row[COLUMNS.index("ordinal_position")] = a.number();
    row[COLUMNS.index("is_nullable")] = a.notNull() ? "NO" : "YES";
    row[COLUMNS.index("data_type")] =
        a.array() ? "ARRAY" : PgCatalogFunctions.formatType((long) a.type().oid(), -1);
    boolean text = a.type() == PgType.TEXT || a.type() == PgType.VARCHAR;
    if (!a.array()) {
      int mod = a.typmod();
      if (text && mod > 4) {
        row[COLUMNS.index("character_maximum_length")] = mod - 4;
        row[COLUMNS.index("character_octet_length")] = (mod - 4) * 4;
      } else if (text) {
        row[COLUMNS.index("character_octet_length")] =
            1_073_741_824; // PostgreSQL's for unbounded text
      }
      numeric(row, a.type(), mod);
      Integer datetime =
          switch (a.type()) {
            case DATE -> 0;
            case TIME, TIMESTAMP, TIMESTAMPTZ -> 6;
            default -> null;
          };
      row[COLUMNS.index("datetime_precision")] = datetime;
    }
    if (text && !a.array()) {
      row[COLUMNS.index("collation_catalog")] = settings.database();
      row[COLUMNS.index("collation_schema")] = PgCatalogSchema.NAME;
      row[COLUMNS.index("collation_name")] = "default";
    }
    row[COLUMNS.index("udt_catalog")] = settings.database();
    row[COLUMNS.index("udt_schema")] = PgCatalogSchema.NAME;
    row[COLUMNS.index("udt_name")] = (a.array() ? "_" : "") + a.type().typeName();
    row[COLUMNS.index("dtd_identifier")] = Integer.toString(a.number());
    row[COLUMNS.index("is_self_referencing")] = "NO";
    row[COLUMNS.index("is_identity")] = "NO";
    row[COLUMNS.index("identity_cycle")] = "NO";
    row[COLUMNS.index("is_generated")] = "NEVER";
    row[COLUMNS.index("is_updatable")] = "NO";
    return row;
  }

  /** numeric_precision, numeric_precision_radix and numeric_scale as PostgreSQL gives them. */
  private static void numeric(Object[] row, PgType type, int typmod) {
    Integer[] values =
        switch (type) {
          case INT2 -> new Integer[] {16, 2, 0};
          case INT4 -> new Integer[] {32, 2, 0};
          case INT8 -> new Integer[] {64, 2, 0};
          case FLOAT4 -> new Integer[] {24, 2, null};
          case FLOAT8 -> new Integer[] {53, 2, null};
          case NUMERIC ->
              typmod > 4
                  ? new Integer[] {(typmod - 4) >> 16, 10, (typmod - 4) & 0xffff}
                  : new Integer[] {null, 10, null};
          default -> new Integer[] {null, null, null};
        };
    row[COLUMNS.index("numeric_precision")] = values[0];
    row[COLUMNS.index("numeric_precision_radix")] = values[1];
    row[COLUMNS.index("numeric_scale")] = values[2];
  }
}
