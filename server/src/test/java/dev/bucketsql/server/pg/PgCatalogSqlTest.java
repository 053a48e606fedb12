package dev.bucketsql.server.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The text rewrites that turn clients' PostgreSQL catalog queries into the engine's SQL: each
 * applies outside quotes and comments only, and leaves other SQL as it is. (The rewritten queries
 * run against the real clients in {@code PgCatalogTest}.)
 */
class PgCatalogSqlTest {
  private final PgCatalogSql sql =
      new PgCatalogSql(null, new PgSettings("alice", Map.of("database", "db"), "bucket", 42));

  @Test
  void operatorAndCollateGo() {
    assertThat(
            sql.rewrite(
                "WHERE c.relname OPERATOR(pg_catalog.~) '^(x)$' COLLATE pg_catalog.default"
                    + " AND n.nspname OPERATOR(pg_catalog.!~) 'y' COLLATE \"C\""))
        .isEqualTo("WHERE c.relname  ~  '^(x)$' AND n.nspname  !~  'y'");
  }

  @Test
  void quotesAndCommentsAreLeftAlone() {
    String text =
        "SELECT 'OPERATOR(pg_catalog.~) current_database()', \"current_user\" -- current_schema()\n"
            + "FROM t /* 'pg_class'::regclass */";
    assertThat(sql.rewrite(text)).isEqualTo(text);
    assertThat(sql.rewrite("SELECT a AS current_schema FROM t"))
        .isEqualTo("SELECT a AS current_schema FROM t");
  }

  @Test
  void sessionFunctionsBecomeLiterals() {
    assertThat(
            sql.rewrite(
                "SELECT pg_catalog.current_database(), current_schema(), current_user,"
                    + " (pg_catalog.current_schemas(true))[1]"))
        .isEqualTo(
            "SELECT CAST('db' AS VARCHAR), CAST('bucket' AS VARCHAR), CAST('alice' AS VARCHAR),"
                + " (ARRAY[CAST('pg_catalog' AS VARCHAR), CAST('bucket' AS VARCHAR)])[1]");
  }

  @Test
  void regclassOfCatalogTablesAndUnknownNames() {
    assertThat(
            sql.rewrite(
                "d.classoid = 'pg_class'::regclass AND t = 'pg_catalog.pg_type'::pg_catalog.regclass"))
        .isEqualTo("d.classoid = 1259 AND t = 1247");
    assertThatThrownBy(() -> sql.rewrite("SELECT 'no_such'::regclass"))
        .isInstanceOf(PgProtocolException.class)
        .hasMessageContaining("relation \"no_such\" does not exist")
        .satisfies(e -> assertThat(((PgProtocolException) e).sqlState()).isEqualTo("42P01"));
    assertThat(sql.rewrite("typinput = 'pg_catalog.array_in'::regproc"))
        .isEqualTo("typinput = 'array_in'");
  }

  @Test
  void descriptionsAndVisibilityBecomeSubqueries() {
    assertThat(sql.rewrite("SELECT obj_description(c.oid, 'pg_class') FROM pg_class c"))
        .isEqualTo(
            "SELECT (SELECT MAX(bucketsql_pg1.description) FROM pg_catalog.pg_description bucketsql_pg1"
                + " WHERE bucketsql_pg1.objoid = (c.oid) AND bucketsql_pg1.objsubid = 0"
                + " AND ('pg_class') = 'pg_class') FROM pg_class c");
    // Without an engine catalog no schema is visible: the condition is false, never true.
    assertThat(sql.rewrite("WHERE pg_catalog.pg_table_is_visible(c.oid)"))
        .isEqualTo(
            "WHERE ((c.oid) IN (SELECT"
                + " bucketsql_pg2.oid FROM pg_catalog.pg_class bucketsql_pg2 WHERE bucketsql_pg2.relnamespace = -1))");
  }

  @Test
  void generateSeriesInFromBecomesATableFunction() {
    assertThat(sql.rewrite("FROM pg_catalog.pg_class c, generate_series(1, 32) pos(n), x"))
        .isEqualTo("FROM pg_catalog.pg_class c, TABLE(generate_series(1, 32)) AS pos(n), x");
    assertThat(
            sql.rewrite("FROM pg_catalog.generate_series(0, array_upper(a, 1)) s,\n t WHERE s > 0"))
        .isEqualTo("FROM TABLE(generate_series(0, array_upper(a, 1))) AS s(s),\n t WHERE s > 0");
    assertThat(sql.rewrite("SELECT * FROM generate_series(1, 3) WHERE true"))
        .isEqualTo(
            "SELECT * FROM TABLE(generate_series(1, 3)) AS generate_series(generate_series) WHERE true");
  }

  @Test
  void castsAfterCallsInCatalogQueries() {
    assertThat(
            sql.rewrite(
                "SELECT 1 FROM pg_catalog.pg_class WHERE a AND s = pg_catalog.f(x, y)::regclass::oid"))
        .isEqualTo(
            "SELECT 1 FROM pg_catalog.pg_class WHERE a AND s = CAST(_pg_regclass(f(x, y),"
                + " CAST('bucket' AS VARCHAR)) AS oid)");
  }

  @Test
  void regclassOfAComputedNameAndColDescriptionBecomeCatalogLookups() {
    assertThat(
            sql.rewrite(
                "SELECT COL_DESCRIPTION(CAST(CAST(FORMAT('%I.%I', CAST(s AS TEXT), t) AS REGCLASS)"
                    + " AS OID), \"c\".\"n\") FROM x"))
        .isEqualTo(
            "SELECT _pg_col_description(CAST(_pg_regclass(FORMAT('%I.%I', CAST(s AS TEXT), t),"
                + " CAST('bucket' AS VARCHAR)) AS OID), \"c\".\"n\") FROM x");
    assertThat(sql.rewrite("SELECT CAST(a AS text), 'CAST(b AS regclass)' FROM t"))
        .isEqualTo("SELECT CAST(a AS text), 'CAST(b AS regclass)' FROM t");
  }

  @Test
  void literalCastsBindToTheLiteral() {
    assertThat(
            sql.rewrite(
                "SELECT 1 FROM t WHERE a AND c.contype = 'f'::char AND d = 'x'''::pg_catalog.text"))
        .isEqualTo(
            "SELECT 1 FROM t WHERE a AND c.contype = CAST('f' AS char) AND d = CAST('x''' AS"
                + " pg_catalog.text)");
    String kept = "SELECT '{1,2}'::int[], 'a'::character varying, '-- ''q''::int'";
    assertThat(sql.rewrite(kept)).isEqualTo(kept);
  }

  @Test
  void ordinaryQueriesAreUnchanged() {
    String query = "SELECT name, COUNT(*) FROM \"PP_recipes\" WHERE name ~ '^a' GROUP BY name";
    assertThat(sql.rewrite(query)).isSameAs(query);
  }
}
