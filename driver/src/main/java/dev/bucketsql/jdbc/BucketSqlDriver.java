package dev.bucketsql.jdbc;

import dev.bucketsql.calcite.BucketSchema;
import dev.bucketsql.calcite.Formats;
import dev.bucketsql.storage.StorageException;
import dev.bucketsql.storage.config.S3Settings;
import dev.bucketsql.storage.config.S3SettingsResolver;
import dev.bucketsql.storage.s3.S3ObjectStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Handler;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.schema.SchemaPlus;

/**
 * The BucketSQL JDBC driver: {@code jdbc:bucketsql:[s3://BUCKET[/PREFIX]][?key=value&...]}.
 *
 * <p>Each connection resolves its S3 settings (connection properties over URL parameters over
 * the named profile, the environment and the default AWS files), checks the endpoint once,
 * and exposes the bucket (or prefix) as the default schema, named after the bucket.
 */
public final class BucketSqlDriver extends Driver {
  static {
    new BucketSqlDriver().register();
  }

  /** Creates the driver; {@link java.sql.DriverManager} finds it through the service file. */
  public BucketSqlDriver() {
    super();
  }

  @Override
  protected String getConnectStringPrefix() {
    return BucketSqlUrl.PREFIX;
  }

  @Override
  protected DriverVersion createDriverVersion() {
    return BucketSqlVersion.driverVersion();
  }

  @Override
  protected Handler createHandler() {
    return new ClosingHandler(super.createHandler());
  }

  @Override
  public boolean acceptsURL(String url) {
    return BucketSqlUrl.accepts(url);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    BucketSqlUrl parsed;
    Map<String, String> settings;
    try {
      parsed = BucketSqlUrl.parse(url);
      settings = ConnectionSettings.merge(parsed, info == null ? new Properties() : info);
    } catch (IllegalArgumentException e) {
      throw new SQLNonTransientConnectionException(e.getMessage(), "08001");
    }
    S3Settings s3;
    S3ObjectStore store;
    try {
      s3 = S3SettingsResolver.fromSystem().resolve(settings);
      store = S3ObjectStore.connect(s3);
    } catch (StorageException e) {
      // The storage layer keeps secrets out of every message in the chain, so the cause can go.
      throw new SQLNonTransientConnectionException(e.getMessage(), "08001", e);
    }
    try {
      AvaticaConnection connection =
          factory.newConnection(this, factory, parsed.redacted(), CalciteSettings.properties());
      handler.onConnectionInit(connection);
      ((ClosingHandler) handler).closeWith(connection, store);
      CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
      SchemaPlus root = calcite.getRootSchema();
      // The store is rooted at bucket/prefix, so the schema sees keys relative to the prefix.
      root.add(s3.bucket(), new BucketSchema(store, "", Formats.DEFAULT));
      calcite.setSchema(s3.bucket());
      return connection;
    } catch (SQLException | RuntimeException e) {
      store.close();
      throw e;
    }
  }
}
