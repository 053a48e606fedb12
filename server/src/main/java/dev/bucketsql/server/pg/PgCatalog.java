package dev.bucketsql.server.pg;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.schema.impl.TableFunctionImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a PostgreSQL session's engine connection answer PostgreSQL's catalog: adds {@code
 * pg_catalog} ({@link PgCatalogSchema}) to the connection's root, its tables and functions at the
 * root too (PostgreSQL always searches {@code pg_catalog}, so clients name them unqualified), and
 * PostgreSQL's type names ({@code text}, {@code oid}, {@code int4}...) for casts. The catalog is
 * the engine's own: the schemas and tables {@code information_schema} lists, with OIDs ({@link
 * PgObjects}).
 */
final class PgCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(PgCatalog.class);

  /** PostgreSQL type names and the engine type each is cast to. */
  private static final Map<String, SqlTypeName> TYPE_NAMES =
      Map.ofEntries(
          Map.entry("text", SqlTypeName.VARCHAR),
          Map.entry("name", SqlTypeName.VARCHAR),
          Map.entry("bpchar", SqlTypeName.VARCHAR),
          Map.entry("char", SqlTypeName.VARCHAR),
          Map.entry("oid", SqlTypeName.BIGINT),
          Map.entry("regproc", SqlTypeName.BIGINT),
          Map.entry("regclass", SqlTypeName.BIGINT),
          Map.entry("regtype", SqlTypeName.BIGINT),
          Map.entry("regnamespace", SqlTypeName.BIGINT),
          Map.entry("int2", SqlTypeName.SMALLINT),
          Map.entry("int4", SqlTypeName.INTEGER),
          Map.entry("int8", SqlTypeName.BIGINT),
          Map.entry("float4", SqlTypeName.REAL),
          Map.entry("float8", SqlTypeName.DOUBLE),
          Map.entry("bool", SqlTypeName.BOOLEAN));

  /** SQL function name, Java method name in {@link PgCatalogFunctions}. */
  private static final Map<String, String> FUNCTIONS =
      Map.ofEntries(
          Map.entry("pg_get_userbyid", "pgGetUserbyid"),
          Map.entry("pg_encoding_to_char", "pgEncodingToChar"),
          Map.entry("format_type", "formatType"),
          Map.entry("pg_get_expr", "pgGetExpr"),
          Map.entry("pg_get_indexdef", "pgGetIndexdef"),
          Map.entry("pg_get_constraintdef", "pgGetConstraintdef"),
          Map.entry("pg_get_partkeydef", "pgGetPartkeydef"),
          Map.entry("shobj_description", "shobjDescription"),
          Map.entry("pg_type_is_visible", "pgTypeIsVisible"),
          Map.entry("json_build_object", "jsonBuildObject"),
          Map.entry("pg_get_serial_sequence", "pgGetSerialSequence"),
          Map.entry("array_upper", "arrayUpper"),
          Map.entry("_pg_expandarray", "pgExpandarray"),
          Map.entry("_pg_expandarray_x", "pgExpandarrayX"),
          Map.entry("_pg_expandarray_n", "pgExpandarrayN"),
          Map.entry("pg_relation_is_publishable", "pgRelationIsPublishable"),
          Map.entry("pg_get_statisticsobjdef_columns", "pgGetStatisticsobjdefColumns"),
          Map.entry("has_table_privilege", "hasPrivilege"),
          Map.entry("has_schema_privilege", "hasPrivilege"),
          Map.entry("has_database_privilege", "hasPrivilege"),
          Map.entry("has_column_privilege", "hasPrivilege"),
          Map.entry("has_any_column_privilege", "hasPrivilege"),
          Map.entry("has_function_privilege", "hasPrivilege"),
          Map.entry("has_sequence_privilege", "hasPrivilege"),
          Map.entry("format", "format"));

  /**
   * SQL function name, method of {@link PgCatalogLookups} (functions that read the statement's
   * catalog).
   */
  static final Map<String, String> LOOKUPS =
      Map.of(
          PgCatalogSql.REGCLASS_FUNCTION,
          "regclass",
          PgCatalogSql.COL_DESCRIPTION_FUNCTION,
          "colDescription");

  private final SchemaPlus root;

  private PgCatalog(SchemaPlus root) {
    this.root = requireNonNull(root, "root is null");
  }

  /**
   * Installs the catalog in {@code connection}, when it is an engine connection.
   *
   * @return the catalog, or null for a connection of another driver (its queries then fail as they
   *     would without it)
   */
  static PgCatalog install(Connection connection, PgSettings settings) {
    SchemaPlus root;
    try {
      root =
          connection.isWrapperFor(CalciteConnection.class)
              ? connection.unwrap(CalciteConnection.class).getRootSchema()
              : null;
    } catch (SQLException e) {
      root = null;
    }
    if (root == null) {
      LOG.debug("Not an engine connection: no pg_catalog");
      return null;
    }
    PgCatalogSchema schema = new PgCatalogSchema(settings);
    SchemaPlus catalog = root.add(PgCatalogSchema.NAME, schema);
    for (Map.Entry<String, Table> table : schema.tableMap().entrySet()) {
      if (root.tables().get(table.getKey()) == null) {
        root.add(table.getKey(), table.getValue());
      }
    }
    for (Map.Entry<String, SqlTypeName> type : TYPE_NAMES.entrySet()) {
      RelProtoDataType proto = factory -> factory.createSqlType(type.getValue());
      root.add(type.getKey(), proto);
      catalog.add(type.getKey(), proto);
    }
    for (Map.Entry<String, String> function : FUNCTIONS.entrySet()) {
      for (Method method : PgCatalogFunctions.class.getMethods()) {
        if (method.getName().equals(function.getValue())
            && Modifier.isStatic(method.getModifiers())) {
          root.add(function.getKey(), ScalarFunctionImpl.create(method));
          catalog.add(function.getKey(), ScalarFunctionImpl.create(method));
        }
      }
    }
    for (Map.Entry<String, String> lookup : LOOKUPS.entrySet()) {
      PgRootFunction function = PgRootFunction.of(PgCatalogLookups.class, lookup.getValue());
      root.add(lookup.getKey(), function);
      catalog.add(lookup.getKey(), function);
    }
    // PostgreSQL's information_schema in place of the engine's (DuckDB's columns), for this session
    // only
    root.add(PgInformationSchema.NAME, new PgInformationSchema(settings));
    for (Method method : PgSeries.class.getMethods()) {
      if (method.getName().equals("generateSeries")) {
        root.add("generate_series", TableFunctionImpl.create(method));
      }
    }
    return new PgCatalog(root);
  }

  /** The catalog now, with OIDs. */
  PgObjects objects() {
    return PgObjects.of(root);
  }

  /** {@code pg_proc}: the functions above, one row per name. */
  static List<Object[]> procs() {
    List<Object[]> rows = new ArrayList<>();
    long oid = 9000;
    for (String name : new java.util.TreeSet<>(FUNCTIONS.keySet())) {
      rows.add(
          new Object[] {
            oid++,
            name,
            PgObjects.CATALOG_NAMESPACE,
            PgObjects.OWNER,
            12L,
            "f",
            false,
            (short) 0,
            (long) PgType.TEXT.oid(),
            null,
            name
          });
    }
    return rows;
  }
}
