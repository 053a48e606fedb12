package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The columns of PIVOT and UNPIVOT, named and typed as DuckDB names and types them for the same
 * statement over the same files (values are compared in {@link DifferentialTest}), and what
 * BucketSQL says about the forms it does not take.
 */
@ExtendWith(S3ServerExtension.class)
class PivotTest {
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

  static List<SqlCase> queries() {
    return PivotQueries.ALL;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void columnsAreNamedAndTypedAsDuckDbs(SqlCase query) throws SQLException {
    String dir = SqlTestBucket.file("").toAbsolutePath().toString().replace("'", "''");
    assertThat(columns(bucketSql, query.sql()))
        .as(query.sql())
        .isEqualTo(columns(duckDb, query.duckSql().replace("$DIR", dir)));
  }

  @Test
  void pivotWithoutOnOrUsingSaysWhatItNeeds() {
    assertThatThrownBy(() -> columns(bucketSql, "PIVOT nulls GROUP BY label"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42601"))
        .hasMessage(
            "PIVOT needs ON and the column whose values become columns, e.g. PIVOT t ON k USING sum(x) GROUP BY g");
  }

  @Test
  void pivotOnTooManyValuesSaysHowToListThem() throws SQLException {
    String distinct = "SELECT COUNT(DISTINCT review) FROM RAW_interactions";
    try (Statement s = duckDb.createStatement();
        ResultSet rs = s.executeQuery(distinct)) {
      rs.next();
      assertThat(rs.getLong(1))
          .as("the sample has more reviews than a PIVOT makes columns")
          .isGreaterThan(1000);
    }
    assertThatThrownBy(
            () ->
                columns(
                    bucketSql, "PIVOT RAW_interactions ON review USING count(*) GROUP BY rating"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("54011"))
        .hasMessageStartingWith("PIVOT on review would make more than 1000 columns (")
        .hasMessageEndingWith(
            "list the values you need with ON review IN ('a', 'b'), or filter the rows first");
  }

  @Test
  void pivotUsingAnExpressionOfNoneOrSeveralAggregatesIsRefused() {
    assertThatThrownBy(() -> columns(bucketSql, "PIVOT nulls ON label USING sum(score) + max(id)"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"))
        .hasMessageContaining(
            "PIVOT ... USING takes expressions of exactly one aggregate call, such as sum(x * 2) or"
                + " count(*) + 1, not 'sum(score) + max(id)' (2 calls)");
    assertThatThrownBy(() -> columns(bucketSql, "PIVOT nulls ON label USING id + 1 GROUP BY id"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"))
        .hasMessageContaining("not 'id + 1' (0 calls)");
  }

  @Test
  void pivotWithNeitherValuesNorGroupsSaysSo() {
    assertThatThrownBy(
            () ->
                columns(bucketSql, "PIVOT (SELECT label FROM nulls WHERE label IS NULL) ON label"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22023"))
        .hasMessageContaining("PIVOT has no column to return: ON found no value that is not NULL");
  }

  @Test
  void unpivotWithoutOnSaysWhatItNeeds() {
    assertThatThrownBy(() -> columns(bucketSql, "UNPIVOT nulls INTO NAME n VALUE v"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42601"))
        .hasMessageContaining("UNPIVOT needs ON and the columns to unpivot");
  }

  /** Each column's label and type; DuckDB's HUGEINT (a sum of integers) is our DECIMAL(38,0). */
  private static List<String> columns(Connection connection, String sql) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        String type = md.getColumnTypeName(i);
        type =
            type.equals("HUGEINT")
                ? "DECIMAL(38,0)"
                : type.startsWith("DECIMAL")
                    ? "DECIMAL(" + md.getPrecision(i) + "," + md.getScale(i) + ")"
                    : type;
        columns.add(md.getColumnLabel(i) + " " + type);
      }
    }
    return columns;
  }
}
