package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Result types BucketSQL sets as DuckDB types them (length is BIGINT, {@code %} of integers the
 * wider type, round of a DECIMAL at the rounded scale), compared with DuckDB's column types for the
 * same query over the same files.
 */
@ExtendWith(S3ServerExtension.class)
class ResultTypesTest {
  private static Connection bucketSql;
  private static Connection duckDb;

  @BeforeAll
  static void connect(S3TestServer server) throws SQLException {
    bucketSql = SqlTestBucket.connect(server);
    duckDb = SqlTestBucket.duckDb(server);
  }

  @AfterAll
  static void close() throws SQLException {
    bucketSql.close();
    duckDb.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT length(name) AS a, char_length(name) AS b, length('a') + 1 AS c FROM RAW_recipes",
        "SELECT CAST(id AS BIGINT) % NULLIF(minutes, 0) AS a, minutes % CAST(id AS BIGINT) AS b, minutes % CAST(2 AS SMALLINT) AS c,"
            + " CAST(n_steps AS SMALLINT) % NULLIF(CAST(id AS INTEGER), 0) AS d, 9223372036854775807 % 1 AS e FROM RAW_recipes",
        "SELECT round(100.00, 1) AS a, round(9999999.99, -2) AS b, round(9999999.99) AS c, round(1.5, 3) AS d,"
            + " round(CAST(minutes AS DECIMAL(9,2)), 1) AS e, round(CAST(minutes AS DECIMAL(18,4)), 0) AS f FROM RAW_recipes"
      })
  void columnTypesAreDuckDbs(String sql) throws SQLException {
    assertThat(types(bucketSql, sql)).as(sql).isEqualTo(types(duckDb, sql));
  }

  private static List<String> types(Connection connection, String sql) throws SQLException {
    List<String> types = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        var rs = statement.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        String name = md.getColumnTypeName(i);
        types.add(
            name.startsWith("DECIMAL")
                ? "DECIMAL(" + md.getPrecision(i) + "," + md.getScale(i) + ")"
                : name);
      }
    }
    return types;
  }
}
