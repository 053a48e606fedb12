/**
 * The PostgreSQL v3 wire protocol over the server's JDBC connections, so that psql, pgjdbc, psycopg
 * and the BI tools that speak PostgreSQL connect with the driver they already have.
 *
 * <p>{@link dev.bucketsql.server.pg.PgServer} listens and runs one blocking thread per client
 * connection (from a bounded pool); {@link dev.bucketsql.server.pg.PgBackend} is what it needs from
 * the rest of the server: connections of the embedded driver, the users and the login throttle, the
 * query registry and the query timeout.
 *
 * <p>{@code PgCatalog} serves {@code pg_catalog} and a PostgreSQL-shaped {@code information_schema}
 * ({@code PgInformationSchema}) to each session's engine connection from the engine's own catalog
 * ({@code PgObjects} gives schemas and tables their OIDs); {@code PgCatalogSql} rewrites the
 * PostgreSQL-only parts of clients' catalog queries. Structs are sent as {@code json} ({@code
 * PgJson}). See {@code docs/postgres.md}.
 */
package dev.bucketsql.server.pg;
