package dev.bucketsql.jdbc.remote;

import dev.bucketsql.jdbc.SharedMetadata;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;
import org.apache.calcite.avatica.InternalProperty;
import org.apache.calcite.config.CalciteConnectionConfig;

/**
 * Avatica's metadata, answering as the embedded driver does when the server is BucketSQL's.
 * Avatica's protocol carries neither a connection's identifier casing (its client assumes
 * case-sensitive, upper-casing SQL) nor {@code getFunctions} (its client answers no rows); for a
 * BucketSQL server both come from {@link SharedMetadata}, the function rows built over the server's
 * own schema list. Against any other Avatica server it is Avatica's metadata.
 */
final class RemoteDatabaseMetaData extends AvaticaDatabaseMetaData {
  private final RemoteConnection connection;
  private Boolean bucketSql;

  RemoteDatabaseMetaData(RemoteConnection connection) {
    super(connection);
    this.connection = connection;
  }

  /** Whether the server is BucketSQL's; asked once, then its casing is this connection's. */
  private synchronized boolean bucketSql() throws SQLException {
    if (bucketSql == null) {
      bucketSql = SharedMetadata.isBucketSql(getDatabaseProductName());
      if (bucketSql) {
        // Avatica's casing answers read these properties, as Calcite's embedded connection
        // fills them from its configuration
        CalciteConnectionConfig lexing = SharedMetadata.lexing();
        connection.properties.put(InternalProperty.CASE_SENSITIVE, lexing.caseSensitive());
        connection.properties.put(InternalProperty.UNQUOTED_CASING, lexing.unquotedCasing());
        connection.properties.put(InternalProperty.QUOTED_CASING, lexing.quotedCasing());
        connection.properties.put(InternalProperty.QUOTING, lexing.quoting());
      }
    }
    return bucketSql;
  }

  @Override
  public boolean supportsMixedCaseIdentifiers() throws SQLException {
    bucketSql();
    return super.supportsMixedCaseIdentifiers();
  }

  @Override
  public boolean storesUpperCaseIdentifiers() throws SQLException {
    bucketSql();
    return super.storesUpperCaseIdentifiers();
  }

  @Override
  public boolean storesLowerCaseIdentifiers() throws SQLException {
    bucketSql();
    return super.storesLowerCaseIdentifiers();
  }

  @Override
  public boolean storesMixedCaseIdentifiers() throws SQLException {
    bucketSql();
    return super.storesMixedCaseIdentifiers();
  }

  @Override
  public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException {
    bucketSql();
    return super.supportsMixedCaseQuotedIdentifiers();
  }

  @Override
  public boolean storesUpperCaseQuotedIdentifiers() throws SQLException {
    bucketSql();
    return super.storesUpperCaseQuotedIdentifiers();
  }

  @Override
  public boolean storesLowerCaseQuotedIdentifiers() throws SQLException {
    bucketSql();
    return super.storesLowerCaseQuotedIdentifiers();
  }

  @Override
  public boolean storesMixedCaseQuotedIdentifiers() throws SQLException {
    bucketSql();
    return super.storesMixedCaseQuotedIdentifiers();
  }

  @Override
  public String getIdentifierQuoteString() throws SQLException {
    bucketSql();
    return super.getIdentifierQuoteString();
  }

  /**
   * For a BucketSQL server, one row per bucket schema (of the server's schema list) for its {@code
   * files} table function, as the embedded driver lists them; else Avatica's answer (no rows).
   */
  @Override
  public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern)
      throws SQLException {
    if (!bucketSql()) {
      return super.getFunctions(catalog, schemaPattern, functionNamePattern);
    }
    List<String> schemas = new ArrayList<>();
    try (ResultSet rs = getSchemas(catalog, schemaPattern)) {
      while (rs.next()) {
        schemas.add(rs.getString("TABLE_SCHEM"));
      }
    }
    List<Object[]> rows = SharedMetadata.functionRows(catalog, schemas, functionNamePattern);
    return connection.functionRows(rows);
  }
}
