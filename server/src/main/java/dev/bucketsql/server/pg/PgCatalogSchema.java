package dev.bucketsql.server.pg;

import static dev.bucketsql.server.pg.PgCatalogTable.Kind.BOOL;
import static dev.bucketsql.server.pg.PgCatalogTable.Kind.FLOAT4;
import static dev.bucketsql.server.pg.PgCatalogTable.Kind.INT2;
import static dev.bucketsql.server.pg.PgCatalogTable.Kind.INT2_ARRAY;
import static dev.bucketsql.server.pg.PgCatalogTable.Kind.INT4;
import static dev.bucketsql.server.pg.PgCatalogTable.Kind.OID;
import static dev.bucketsql.server.pg.PgCatalogTable.Kind.OID_ARRAY;
import static dev.bucketsql.server.pg.PgCatalogTable.Kind.TEXT;
import static dev.bucketsql.server.pg.PgCatalogTable.Kind.TEXT_ARRAY;
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
 * {@code pg_catalog} as PostgreSQL clients read it, derived from the engine's catalog at each scan
 * ({@link PgObjects}): {@code pg_namespace} (the schemas), {@code pg_class} (the tables, {@code
 * relnatts} counted only for statements that read it), {@code pg_attribute} (their columns), {@code
 * pg_description} (each table's comment: where its data comes from; and its columns' comments, such
 * as a partition column's, unless the statement pins objsubid to 0), {@code pg_type} (the types
 * BucketSQL sends), {@code pg_database}, {@code pg_settings} (the session's settings), {@code
 * pg_roles}/{@code pg_user} (the session's user), {@code pg_am}, {@code pg_proc} (the catalog
 * functions), and the catalogs a bucket has nothing for, empty: {@code pg_index}, {@code
 * pg_indexes}, {@code pg_constraint}, {@code pg_inherits}, {@code pg_attrdef}, {@code pg_enum},
 * {@code pg_depend}, {@code pg_extension}, {@code pg_stat_user_tables}... One instance per
 * PostgreSQL session.
 */
final class PgCatalogSchema extends AbstractSchema {
  /** The schema's name. */
  static final String NAME = "pg_catalog";

  /** {@code pg_class}'s own OID, as {@code 'pg_class'::regclass} gives it. */
  static final long PG_CLASS = 1259;

  /** The OIDs PostgreSQL gives its catalog tables, for {@code 'pg_...'::regclass}. */
  static final Map<String, Long> TABLE_OIDS =
      Map.of(
          "pg_class",
          PG_CLASS,
          "pg_type",
          1247L,
          "pg_attribute",
          1249L,
          "pg_proc",
          1255L,
          "pg_namespace",
          2615L,
          "pg_database",
          1262L,
          "pg_constraint",
          2606L,
          "pg_index",
          2610L,
          "pg_description",
          2609L,
          "pg_authid",
          1260L);

  private static final long DATABASE_OID = 16383;
  private static final long HEAP = 2;

  private final PgSettings settings;
  private final Map<String, Table> tables = new LinkedHashMap<>();

  PgCatalogSchema(PgSettings settings) {
    this.settings = requireNonNull(settings, "settings is null");
    table(
        "pg_namespace",
        new PgCatalogTable.Columns()
            .add(OID, "oid")
            .add(TEXT, "nspname")
            .add(OID, "nspowner")
            .add(TEXT_ARRAY, "nspacl"),
        this::namespaces);
    tables.put("pg_class", new PgLazyCatalogTable(CLASS, this::classes));
    table("pg_attribute", ATTRIBUTE, this::attributes);
    tables.put("pg_description", new PgLazyCatalogTable(DESCRIPTION, this::descriptions));
    table("pg_type", PgCatalogTypes.COLUMNS, root -> PgCatalogTypes.rows());
    table("pg_database", DATABASE, this::databases);
    table(
        "pg_settings",
        new PgCatalogTable.Columns()
            .add(
                TEXT,
                "name",
                "setting",
                "unit",
                "category",
                "short_desc",
                "extra_desc",
                "context",
                "vartype",
                "source",
                "min_val",
                "max_val")
            .add(TEXT_ARRAY, "enumvals")
            .add(TEXT, "boot_val", "reset_val", "sourcefile")
            .add(INT4, "sourceline")
            .add(BOOL, "pending_restart"),
        this::settings);
    PgCatalogTable.Columns roles =
        new PgCatalogTable.Columns()
            .add(TEXT, "rolname")
            .add(
                BOOL,
                "rolsuper",
                "rolinherit",
                "rolcreaterole",
                "rolcreatedb",
                "rolcanlogin",
                "rolreplication")
            .add(INT4, "rolconnlimit")
            .add(TEXT, "rolpassword", "rolvaliduntil")
            .add(BOOL, "rolbypassrls")
            .add(TEXT_ARRAY, "rolconfig")
            .add(OID, "oid");
    table(
        "pg_roles",
        roles,
        root ->
            List.<Object[]>of(
                new Object[] {
                  settings.get("session_authorization"),
                  false,
                  true,
                  false,
                  false,
                  true,
                  false,
                  -1,
                  "********",
                  null,
                  false,
                  null,
                  PgObjects.OWNER
                }));
    table(
        "pg_user",
        new PgCatalogTable.Columns()
            .add(TEXT, "usename")
            .add(OID, "usesysid")
            .add(BOOL, "usecreatedb", "usesuper", "userepl", "usebypassrls")
            .add(TEXT, "passwd", "valuntil")
            .add(TEXT_ARRAY, "useconfig"),
        root ->
            List.<Object[]>of(
                new Object[] {
                  settings.get("session_authorization"),
                  PgObjects.OWNER,
                  false,
                  false,
                  false,
                  false,
                  "********",
                  null,
                  null
                }));
    table(
        "pg_am",
        new PgCatalogTable.Columns().add(OID, "oid").add(TEXT, "amname", "amhandler", "amtype"),
        root ->
            List.of(
                new Object[] {HEAP, "heap", "heap_tableam_handler", "t"},
                new Object[] {403L, "btree", "bthandler", "i"}));
    table(
        "pg_proc",
        new PgCatalogTable.Columns()
            .add(OID, "oid")
            .add(TEXT, "proname")
            .add(OID, "pronamespace", "proowner", "prolang")
            .add(TEXT, "prokind")
            .add(BOOL, "proretset")
            .add(INT2, "pronargs")
            .add(OID, "prorettype")
            .add(OID_ARRAY, "proargtypes")
            .add(TEXT, "prosrc"),
        root -> PgCatalog.procs());
    table(
        "pg_tablespace",
        new PgCatalogTable.Columns().add(OID, "oid").add(TEXT, "spcname").add(OID, "spcowner"),
        root -> List.<Object[]>of(new Object[] {1663L, "pg_default", PgObjects.OWNER}));
    table(
        "pg_collation",
        new PgCatalogTable.Columns()
            .add(OID, "oid")
            .add(TEXT, "collname")
            .add(OID, "collnamespace"),
        root ->
            List.of(
                new Object[] {100L, "default", PgObjects.CATALOG_NAMESPACE},
                new Object[] {950L, "C", PgObjects.CATALOG_NAMESPACE}));
    empty(
        "pg_index",
        new PgCatalogTable.Columns()
            .add(OID, "indexrelid", "indrelid")
            .add(INT2, "indnatts", "indnkeyatts")
            .add(
                BOOL,
                "indisunique",
                "indnullsnotdistinct",
                "indisprimary",
                "indisexclusion",
                "indimmediate",
                "indisclustered",
                "indisvalid",
                "indcheckxmin",
                "indisready",
                "indislive",
                "indisreplident")
            .add(INT2_ARRAY, "indkey")
            .add(OID_ARRAY, "indcollation", "indclass")
            .add(INT2_ARRAY, "indoption")
            .add(TEXT, "indexprs", "indpred"));
    // the view tools list a table's indexes from: empty, as pg_index, objects in a bucket having
    // none
    empty(
        "pg_indexes",
        new PgCatalogTable.Columns()
            .add(TEXT, "schemaname", "tablename", "indexname", "tablespace", "indexdef"));
    empty(
        "pg_constraint",
        new PgCatalogTable.Columns()
            .add(OID, "oid")
            .add(TEXT, "conname")
            .add(OID, "connamespace")
            .add(TEXT, "contype")
            .add(BOOL, "condeferrable", "condeferred", "convalidated")
            .add(OID, "conrelid", "contypid", "conindid", "conparentid", "confrelid")
            .add(TEXT, "confupdtype", "confdeltype", "confmatchtype")
            .add(BOOL, "conislocal")
            .add(INT2, "coninhcount")
            .add(BOOL, "connoinherit")
            .add(INT2_ARRAY, "conkey", "confkey")
            .add(OID_ARRAY, "conpfeqop", "conppeqop", "conffeqop", "conexclop")
            .add(TEXT, "conbin"));
    empty(
        "pg_inherits",
        new PgCatalogTable.Columns()
            .add(OID, "inhrelid", "inhparent")
            .add(INT4, "inhseqno")
            .add(BOOL, "inhdetachpending"));
    empty(
        "pg_attrdef",
        new PgCatalogTable.Columns()
            .add(OID, "oid", "adrelid")
            .add(INT2, "adnum")
            .add(TEXT, "adbin"));
    empty(
        "pg_enum",
        new PgCatalogTable.Columns()
            .add(OID, "oid", "enumtypid")
            .add(FLOAT4, "enumsortorder")
            .add(TEXT, "enumlabel"));
    empty(
        "pg_stat_user_tables",
        new PgCatalogTable.Columns()
            .add(OID, "relid")
            .add(TEXT, "schemaname", "relname")
            .add(OID, "seq_scan", "n_live_tup", "n_dead_tup"));
    empty(
        "pg_policy",
        new PgCatalogTable.Columns()
            .add(OID, "oid")
            .add(TEXT, "polname")
            .add(OID, "polrelid")
            .add(TEXT, "polcmd")
            .add(BOOL, "polpermissive")
            .add(OID_ARRAY, "polroles")
            .add(TEXT, "polqual", "polwithcheck"));
    empty(
        "pg_statistic_ext",
        new PgCatalogTable.Columns()
            .add(OID, "oid", "stxrelid")
            .add(TEXT, "stxname")
            .add(OID, "stxnamespace", "stxowner")
            .add(INT4, "stxstattarget")
            .add(INT2_ARRAY, "stxkeys")
            .add(TEXT_ARRAY, "stxkind")
            .add(TEXT, "stxexprs"));
    empty(
        "pg_publication",
        new PgCatalogTable.Columns()
            .add(OID, "oid")
            .add(TEXT, "pubname")
            .add(OID, "pubowner")
            .add(
                BOOL,
                "puballtables",
                "pubinsert",
                "pubupdate",
                "pubdelete",
                "pubtruncate",
                "pubviaroot"));
    empty(
        "pg_publication_rel",
        new PgCatalogTable.Columns()
            .add(OID, "oid", "prpubid", "prrelid")
            .add(TEXT, "prqual")
            .add(INT2_ARRAY, "prattrs"));
    empty(
        "pg_publication_namespace",
        new PgCatalogTable.Columns().add(OID, "oid", "pnpubid", "pnnspid"));
    empty(
        "pg_trigger",
        new PgCatalogTable.Columns()
            .add(OID, "oid", "tgrelid", "tgparentid")
            .add(TEXT, "tgname")
            .add(OID, "tgfoid")
            .add(INT2, "tgtype")
            .add(TEXT, "tgenabled")
            .add(BOOL, "tgisinternal"));
    empty(
        "pg_sequence",
        new PgCatalogTable.Columns()
            .add(
                OID,
                "seqrelid",
                "seqtypid",
                "seqstart",
                "seqincrement",
                "seqmax",
                "seqmin",
                "seqcache")
            .add(BOOL, "seqcycle"));
    empty(
        "pg_matviews",
        new PgCatalogTable.Columns()
            .add(TEXT, "schemaname", "matviewname", "matviewowner", "definition"));
    empty(
        "pg_depend",
        new PgCatalogTable.Columns()
            .add(OID, "classid", "objid")
            .add(INT4, "objsubid")
            .add(OID, "refclassid", "refobjid")
            .add(INT4, "refobjsubid")
            .add(TEXT, "deptype"));
    empty(
        "pg_extension",
        new PgCatalogTable.Columns()
            .add(OID, "oid")
            .add(TEXT, "extname")
            .add(OID, "extowner", "extnamespace")
            .add(BOOL, "extrelocatable")
            .add(TEXT, "extversion")
            .add(OID_ARRAY, "extconfig")
            .add(TEXT_ARRAY, "extcondition"));
    empty(
        "pg_views",
        new PgCatalogTable.Columns()
            .add(TEXT, "schemaname", "viewname", "viewowner", "definition"));
  }

  private static final PgCatalogTable.Columns CLASS =
      new PgCatalogTable.Columns()
          .add(OID, "oid")
          .add(TEXT, "relname")
          .add(
              OID,
              "relnamespace",
              "reltype",
              "reloftype",
              "relowner",
              "relam",
              "relfilenode",
              "reltablespace")
          .add(INT4, "relpages")
          .add(FLOAT4, "reltuples")
          .add(INT4, "relallvisible")
          .add(OID, "reltoastrelid")
          .add(BOOL, "relhasindex", "relisshared")
          .add(TEXT, "relpersistence", "relkind")
          .add(INT2, "relnatts", "relchecks")
          .add(
              BOOL,
              "relhasrules",
              "relhastriggers",
              "relhassubclass",
              "relrowsecurity",
              "relforcerowsecurity",
              "relispopulated")
          .add(TEXT, "relreplident")
          .add(BOOL, "relispartition")
          .add(OID, "relrewrite")
          .add(TEXT_ARRAY, "relacl", "reloptions")
          .add(TEXT, "relpartbound");

  private static final PgCatalogTable.Columns DESCRIPTION =
      new PgCatalogTable.Columns()
          .add(OID, "objoid", "classoid")
          .add(INT4, "objsubid")
          .add(TEXT, "description");

  private static final PgCatalogTable.Columns ATTRIBUTE =
      new PgCatalogTable.Columns()
          .add(OID, "attrelid")
          .add(TEXT, "attname")
          .add(OID, "atttypid")
          .add(INT2, "attlen", "attnum")
          .add(INT4, "atttypmod")
          .add(INT2, "attndims")
          .add(BOOL, "attbyval")
          .add(TEXT, "attalign", "attstorage", "attcompression")
          .add(BOOL, "attnotnull", "atthasdef", "atthasmissing")
          .add(TEXT, "attidentity", "attgenerated")
          .add(BOOL, "attisdropped", "attislocal")
          .add(INT2, "attinhcount", "attstattarget")
          .add(OID, "attcollation")
          .add(TEXT_ARRAY, "attacl", "attoptions", "attfdwoptions");

  private static final PgCatalogTable.Columns DATABASE =
      new PgCatalogTable.Columns()
          .add(OID, "oid")
          .add(TEXT, "datname")
          .add(OID, "datdba")
          .add(INT4, "encoding")
          .add(TEXT, "datlocprovider")
          .add(BOOL, "datistemplate", "datallowconn")
          .add(INT4, "datconnlimit")
          .add(OID, "dattablespace")
          .add(TEXT, "datcollate", "datctype", "daticulocale", "daticurules", "datcollversion")
          .add(TEXT_ARRAY, "datacl");

  private void table(
      String name, PgCatalogTable.Columns columns, Function<DataContext, List<Object[]>> rows) {
    tables.put(name, new PgCatalogTable(columns, rows));
  }

  private void empty(String name, PgCatalogTable.Columns columns) {
    table(name, columns, root -> List.of());
  }

  /** The tables by name, for installing them at the root as well. */
  Map<String, Table> tableMap() {
    return tables;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }

  private static PgObjects objects(DataContext root) {
    return PgObjects.of(requireNonNull(root.getRootSchema(), "root schema"));
  }

  private List<Object[]> namespaces(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    for (PgObjects.Namespace n : objects(root).namespaces()) {
      rows.add(new Object[] {n.oid(), n.name(), PgObjects.OWNER, null});
    }
    return rows;
  }

  private List<Object[]> classes(DataContext root, PgLazyCatalogTable.Need need) {
    List<Object[]> rows = new ArrayList<>();
    for (PgObjects.Relation r : objects(root).relations()) {
      Object[] row = new Object[CLASS.size()];
      row[CLASS.index("oid")] = r.oid();
      row[CLASS.index("relname")] = r.name();
      row[CLASS.index("relnamespace")] = r.namespace().oid();
      for (String zero :
          List.of(
              "reltype",
              "reloftype",
              "relfilenode",
              "reltablespace",
              "reltoastrelid",
              "relrewrite")) {
        row[CLASS.index(zero)] = 0L;
      }
      row[CLASS.index("relowner")] = PgObjects.OWNER;
      row[CLASS.index("relam")] = HEAP;
      row[CLASS.index("relpages")] = 0;
      row[CLASS.index("reltuples")] =
          -1f; // never counted, as PostgreSQL says of a table never analyzed
      row[CLASS.index("relallvisible")] = 0;
      for (String no :
          List.of(
              "relhasindex",
              "relisshared",
              "relhasrules",
              "relhastriggers",
              "relhassubclass",
              "relrowsecurity",
              "relforcerowsecurity",
              "relispartition")) {
        row[CLASS.index(no)] = false;
      }
      row[CLASS.index("relispopulated")] = true;
      row[CLASS.index("relpersistence")] = "p";
      row[CLASS.index("relkind")] = "r";
      // Counting columns reads the table's header: only for statements that read relnatts,
      // and only for the tables their filters let through, so listing tables reads no object.
      if (need.reads("relnatts")
          && need.admits("oid", r.oid())
          && need.admits("relname", r.name())
          && need.admits("relnamespace", r.namespace().oid())) {
        row[CLASS.index("relnatts")] =
            (short) PgObjects.attributes(r, root.getTypeFactory()).size();
      }
      row[CLASS.index("relchecks")] = (short) 0;
      row[CLASS.index("relreplident")] = "n";
      rows.add(row);
    }
    return rows;
  }

  private List<Object[]> attributes(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    for (PgObjects.Relation r : objects(root).relations()) {
      for (PgObjects.Attribute a : PgObjects.attributes(r, root.getTypeFactory())) {
        Object[] row = new Object[ATTRIBUTE.size()];
        row[ATTRIBUTE.index("attrelid")] = r.oid();
        row[ATTRIBUTE.index("attname")] = a.name();
        row[ATTRIBUTE.index("atttypid")] = a.typeOid();
        row[ATTRIBUTE.index("attlen")] = (short) (a.array() ? -1 : a.type().size());
        row[ATTRIBUTE.index("attnum")] = (short) a.number();
        row[ATTRIBUTE.index("atttypmod")] = a.typmod();
        row[ATTRIBUTE.index("attndims")] = (short) (a.array() ? 1 : 0);
        row[ATTRIBUTE.index("attbyval")] =
            !a.array() && a.type().size() > 0 && a.type().size() <= 8;
        row[ATTRIBUTE.index("attalign")] = "i";
        row[ATTRIBUTE.index("attstorage")] = a.type().size() > 0 && !a.array() ? "p" : "x";
        row[ATTRIBUTE.index("attcompression")] = "";
        row[ATTRIBUTE.index("attnotnull")] = a.notNull();
        row[ATTRIBUTE.index("atthasdef")] = false;
        row[ATTRIBUTE.index("atthasmissing")] = false;
        row[ATTRIBUTE.index("attidentity")] = "";
        row[ATTRIBUTE.index("attgenerated")] = "";
        row[ATTRIBUTE.index("attisdropped")] = false;
        row[ATTRIBUTE.index("attislocal")] = true;
        row[ATTRIBUTE.index("attinhcount")] = (short) 0;
        row[ATTRIBUTE.index("attstattarget")] = (short) -1;
        row[ATTRIBUTE.index("attcollation")] =
            a.type() == PgType.TEXT || a.type() == PgType.VARCHAR ? 100L : 0L;
        rows.add(row);
      }
    }
    return rows;
  }

  /**
   * Each table's comment (objsubid 0), then its columns' comments (objsubid = attnum), which cost
   * reading the table's header: left out when the statement's filters pin objsubid to 0 (the table
   * lists of psql, pgjdbc, Metabase and DBeaver do) or the table's OID elsewhere.
   */
  private List<Object[]> descriptions(DataContext root, PgLazyCatalogTable.Need need) {
    List<Object[]> rows = new ArrayList<>();
    boolean columns =
        need.pinned("objsubid")
            .map(v -> !(v instanceof Number n && n.longValue() == 0))
            .orElse(true);
    for (PgObjects.Relation r : objects(root).relations()) {
      if (!need.admits("objoid", r.oid())) {
        continue;
      }
      String description = r.description();
      if (description != null) {
        rows.add(new Object[] {r.oid(), PG_CLASS, 0, description});
      }
      if (columns) {
        for (PgObjects.Attribute a : PgObjects.attributes(r, root.getTypeFactory())) {
          if (a.description() != null) {
            rows.add(new Object[] {r.oid(), PG_CLASS, a.number(), a.description()});
          }
        }
      }
    }
    return rows;
  }

  private List<Object[]> databases(DataContext root) {
    return List.<Object[]>of(
        new Object[] {
          DATABASE_OID,
          settings.database(),
          PgObjects.OWNER,
          6,
          "c",
          false,
          true,
          -1,
          1663L,
          "C",
          "C",
          null,
          null,
          null,
          null
        });
  }

  private List<Object[]> settings(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    settings
        .all()
        .forEach(
            (name, value) ->
                rows.add(
                    new Object[] {
                      name,
                      value,
                      null,
                      "BucketSQL",
                      "",
                      null,
                      "user",
                      "string",
                      "session",
                      null,
                      null,
                      null,
                      value,
                      value,
                      null,
                      null,
                      false
                    }));
    rows.add(
        new Object[] {
          "max_index_keys",
          "32",
          null,
          "Preset Options",
          "",
          null,
          "internal",
          "integer",
          "default",
          "32",
          "32",
          null,
          "32",
          "32",
          null,
          null,
          false
        });
    rows.add(
        new Object[] {
          "max_identifier_length",
          "63",
          null,
          "Preset Options",
          "",
          null,
          "internal",
          "integer",
          "default",
          "63",
          "63",
          null,
          "63",
          "63",
          null,
          null,
          false
        });
    return rows;
  }
}
