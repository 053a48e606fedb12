package dev.bucketsql.jdbc;

import dev.bucketsql.calcite.BucketSchema;
import dev.bucketsql.calcite.catalog.BucketCatalog;
import dev.bucketsql.calcite.catalog.CatalogOptions;
import dev.bucketsql.calcite.engine.BucketPrepare;
import dev.bucketsql.calcite.engine.QueryErrors;
import dev.bucketsql.calcite.meta.CatalogRows;
import dev.bucketsql.calcite.meta.InformationSchema;
import dev.bucketsql.calcite.pushdown.ScanRegistry;
import dev.bucketsql.csv.CsvRejectLog;
import dev.bucketsql.csv.CsvSettings;
import dev.bucketsql.jdbc.meta.BucketMeta;
import dev.bucketsql.jdbc.remote.RemoteDriver;
import dev.bucketsql.storage.StorageException;
import dev.bucketsql.storage.config.S3Settings;
import dev.bucketsql.storage.config.S3SettingsResolver;
import dev.bucketsql.storage.s3.S3ObjectStore;
import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Handler;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.BucketSqlJdbcFactory;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteFactory;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.Driver;

/**
 * The BucketSQL JDBC driver: {@code jdbc:bucketsql:[s3://BUCKET[/PREFIX]][?key=value&...]}.
 *
 * <p>Each connection resolves its S3 settings (connection properties over URL parameters over the
 * named profile, the environment and the default AWS files), checks the endpoint once, and exposes
 * the bucket (or prefix) as the default schema, named after the bucket.
 */
public final class BucketSqlDriver extends Driver {
  static {
    // String literals and VARCHAR columns in UTF-8, not Calcite's default ISO-8859-1, which
    // refuses a literal with an emoji, a CJK character or 'œ'; set before Calcite reads them
    // (a host application's own setting wins)
    for (String key : new String[] {"calcite.default.charset", "calcite.default.nationalcharset"}) {
      if (System.getProperty(key) == null) {
        System.setProperty(key, "UTF-8");
      }
    }
    if (System.getProperty("calcite.default.collation.name") == null) {
      System.setProperty("calcite.default.collation.name", "UTF-8$en_US");
    }
    new BucketSqlDriver().register();
  }

  /** Creates the driver; {@link java.sql.DriverManager} finds it through the service file. */
  public BucketSqlDriver() {
    // engine: plan cache, keyword names, hash joins, short errors (docs/sql.md)
    super(BucketPrepare::new);
  }

  @Override
  protected String getConnectStringPrefix() {
    return BucketSqlUrl.PREFIX;
  }

  @Override
  protected DriverVersion createDriverVersion() {
    return BucketSqlVersion.driverVersion();
  }

  /**
   * Calcite's JDBC objects, with statements and result sets whose {@code getWarnings()} report the
   * CSV rows the last query skipped or read as NULL (docs/csv.md), whose failures are SQLExceptions
   * with a SQLSTATE ({@link QueryErrors}), and whose parameters convert as in pgjdbc ({@link
   * ParameterValues}).
   */
  @Override
  protected AvaticaFactory createFactory() {
    return new BucketSqlJdbcFactory(
        RejectWarnings.INSTANCE, QueryErrors::toSqlException, ParameterValues.INSTANCE);
  }

  @Override
  protected Handler createHandler() {
    return new ClosingHandler(super.createHandler());
  }

  /**
   * Calcite's metadata, with BucketSQL's table and column rows: REMARKS naming the object or folder
   * and its size, plain JDBC type names and column sizes, JDBC column patterns, and a getColumns
   * crawl that leaves out (with a warning) a table whose columns cannot be read.
   */
  @Override
  public Meta createMeta(AvaticaConnection connection) {
    return new BucketMeta(connection);
  }

  @Override
  public boolean acceptsURL(String url) {
    // jdbc:bucketsql:remote: belongs to the remote driver (the constant does not load its class).
    return BucketSqlUrl.accepts(url)
        && !url.regionMatches(true, 0, RemoteDriver.PREFIX, 0, RemoteDriver.PREFIX.length());
  }

  /**
   * BucketSQL's connection keys with descriptions, choices and defaults (the S3, catalog and CSV
   * settings of docs/), not Calcite's internal ones, which every connection fixes.
   */
  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return DriverProperties.describe(url, info);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    BucketSqlUrl parsed;
    Map<String, String> settings;
    CsvSettings csv;
    try {
      parsed = BucketSqlUrl.parse(url);
      settings = ConnectionSettings.merge(parsed, info == null ? new Properties() : info);
      csv = CsvSettings.parse(settings);
    } catch (IllegalArgumentException e) {
      throw new SQLNonTransientConnectionException(e.getMessage(), "08001");
    }
    CatalogOptions catalogOptions;
    Optional<Boolean> pushdown;
    Optional<Boolean> fused;
    Optional<Boolean> engine;
    Optional<dev.bucketsql.engine.spill.SpillSettings> spill;
    Optional<Long> queryMemory;
    Optional<Long> joinMemory;
    Optional<Integer> threads;
    try {
      catalogOptions = CatalogKeys.options(settings);
      pushdown = CatalogKeys.pushdown(settings);
      fused = CatalogKeys.fused(settings);
      engine = CatalogKeys.engine(settings);
      spill = CatalogKeys.spill(settings);
      queryMemory = CatalogKeys.queryMemory(settings);
      joinMemory = CatalogKeys.joinMemory(settings);
      threads = CatalogKeys.threads(settings);
    } catch (IllegalArgumentException e) {
      throw new SQLNonTransientConnectionException(e.getMessage(), "08001");
    }
    S3Settings s3;
    S3ObjectStore store;
    try {
      s3 = S3SettingsResolver.fromSystem().resolve(settings);
      store = S3ObjectStore.connectShared(s3);
    } catch (StorageException | IllegalArgumentException e) {
      // The storage layer keeps secrets out of every message in the chain, so the cause can go.
      throw QueryErrors.connectFailure(e);
    }
    SharedCatalogs.Lease lease = null;
    try {
      // The store is rooted at bucket/prefix, so the catalog sees keys relative to the prefix.
      // The catalog (listing, tables, schemas) is shared by the connections of equal settings;
      // the reject log is this connection's, and reaches its scans through the scan registry.
      CsvRejectLog rejects = new CsvRejectLog();
      lease = SharedCatalogs.acquire(store, s3, settings, csv, catalogOptions);
      BucketCatalog catalog = lease.catalog();
      // A root that is not cached by Calcite: its schemas and tables follow the catalog's
      // listing (TTL, refresh), and the URL root and every folder schema show in getSchemas.
      CalciteSchema root =
          CalciteSchema.createRootSchema(false, false, "", BucketSchema.root(s3.bucket(), catalog));
      AvaticaConnection connection =
          ((CalciteFactory) factory)
              .newConnection(
                  this, factory, parsed.redacted(), CalciteSettings.properties(), root, null);
      handler.onConnectionInit(connection);
      SharedCatalogs.Lease held = lease;
      ((ClosingHandler) handler)
          .closeWith(
              connection,
              () -> {
                try {
                  held.close();
                } finally {
                  store.close();
                }
              });
      CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
      ScanRegistry.of(calcite).setRejects(rejects);
      // What lenient and skipping CSV scans of this connection stepped over, readable in SQL.
      calcite.getRootSchema().add(CsvRejectsTable.SCHEMA, new CsvRejectsTable.Schema(rejects));
      // DuckDB's information_schema (schemata, tables, columns, views), read by BI tools' syncs
      calcite
          .getRootSchema()
          .add(CatalogRows.INFORMATION_SCHEMA, new InformationSchema(s3.bucket()));
      calcite.setSchema(s3.bucket());
      RejectWarnings.register(connection, rejects);
      if (pushdown.isPresent()) {
        BucketSqlConnections.setPushdown(connection, pushdown.get());
      }
      if (fused.isPresent()) {
        BucketSqlConnections.setFused(connection, fused.get());
      }
      if (engine.isPresent()) {
        BucketSqlConnections.setEngine(connection, engine.get());
      }
      if (spill.isPresent()) {
        BucketSqlConnections.setSpill(connection, spill.get());
      }
      if (queryMemory.isPresent()) {
        BucketSqlConnections.setQueryMemory(connection, queryMemory.get());
      }
      if (joinMemory.isPresent()) {
        BucketSqlConnections.setJoinMemory(connection, joinMemory.get());
      }
      if (threads.isPresent()) {
        BucketSqlConnections.setThreads(connection, threads.get());
      }
      return connection;
    } catch (SQLException | RuntimeException | Error e) {
      // the first listing happens here: a storage failure is a failure to connect
      if (lease != null) {
        lease.close();
      }
      store.close();
      throw QueryErrors.connectFailure(e);
    }
  }
}
