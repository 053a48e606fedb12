package dev.bucketsql.jdbc;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.BucketSchema;
import dev.bucketsql.storage.IoStats;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;

/** What a BucketSQL connection offers beyond plain JDBC. */
public final class BucketSqlConnections {
  private BucketSqlConnections() {}

  /**
   * The requests and bytes fetched from the bucket by {@code connection} since it was opened:
   * take a snapshot before and after a query and subtract to see what the query fetched.
   *
   * @throws SQLException if {@code connection} is not a BucketSQL connection
   */
  public static IoStats ioStats(Connection connection) throws SQLException {
    return bucketSchema(connection).stats();
  }

  /**
   * Forgets the bucket listing of {@code connection}, so the next statement sees objects added
   * or removed since.
   */
  public static void refresh(Connection connection) throws SQLException {
    bucketSchema(connection).refresh();
  }

  private static BucketSchema bucketSchema(Connection connection) throws SQLException {
    requireNonNull(connection, "connection is null");
    CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
    String name = calcite.getSchema();
    SchemaPlus schema = name == null ? null : calcite.getRootSchema().subSchemas().get(name);
    BucketSchema bucket = schema == null ? null : schema.unwrap(BucketSchema.class);
    if (bucket == null) {
      throw new SQLException("not a BucketSQL connection: its default schema is not a bucket");
    }
    return bucket;
  }
}
