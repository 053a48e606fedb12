package dev.bucketsql.jdbc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a CSV object's shape becomes in SQL, over the real S3 server: integer columns are BIGINT (as
 * DuckDB reads them) unless declared INTEGER, objects with CR-only line ends read whole, and header
 * names differing only in case stay apart so that {@code SELECT *} works.
 */
@ExtendWith(S3ServerExtension.class)
class CsvShapesSqlTest {
  private static final String BUCKET = "csv-shapes";
  private static S3TestServer server;

  @BeforeAll
  static void upload(S3TestServer shared) {
    server = shared;
    server.createBucket(BUCKET);
    server.putObject(
        BUCKET,
        "recipes.csv",
        "id,minutes,contributor_id\n1,2147483647,2002284508\n2,1,2002284508\n".getBytes(UTF_8));
    server.putObject(
        BUCKET,
        "mac.csv",
        "id,review,rating\r1,\"good\ragain\",5\r2,plain,4\r\r3,\"x, y\",3\r".getBytes(UTF_8));
    server.putObject(BUCKET, "names.csv", "Name,name,,NAME\na,b,c,d\ne,f,g,h\n".getBytes(UTF_8));
  }

  private static Connection connect(String query) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(BUCKET) + query, S3TestServer.jdbcKeys());
  }

  private static List<String> query(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getObject(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  private static List<String> columns(Connection c, String sql) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        columns.add(md.getColumnLabel(i) + " " + md.getColumnType(i));
      }
    }
    return columns;
  }

  @Test
  void integerColumnsAreBigintAndArithmeticDoesNotWrap() throws SQLException {
    try (Connection c = connect("")) {
      assertThat(columns(c, "SELECT * FROM recipes"))
          .containsExactly(
              "id " + Types.BIGINT, "minutes " + Types.BIGINT, "contributor_id " + Types.BIGINT);
      assertThat(query(c, "SELECT minutes + 1, contributor_id * 2 FROM recipes WHERE id = 1"))
          .containsExactly("2147483648|4004569016");
      assertThat(query(c, "SELECT SUM(minutes), SUM(contributor_id) FROM recipes"))
          .containsExactly("2147483648|4004569016");
    }
  }

  @Test
  void aColumnDeclaredIntegerIsInteger() throws SQLException {
    try (Connection c = connect("&csv.table.recipes.types=ID:INTEGER")) {
      assertThat(columns(c, "SELECT id, minutes FROM recipes"))
          .containsExactly("id " + Types.INTEGER, "minutes " + Types.BIGINT);
      assertThat(query(c, "SELECT id FROM recipes ORDER BY id")).containsExactly("1", "2");
    }
  }

  @Test
  void crOnlyLineEndsReadEveryRow() throws SQLException {
    try (Connection c = connect("")) {
      assertThat(columns(c, "SELECT * FROM mac"))
          .containsExactly(
              "id " + Types.BIGINT, "review " + Types.VARCHAR, "rating " + Types.BIGINT);
      assertThat(query(c, "SELECT id, review, rating FROM mac ORDER BY id"))
          .containsExactly("1|good\ragain|5", "2|plain|4", "3|x, y|3");
      assertThat(query(c, "SELECT COUNT(*), SUM(rating) FROM mac")).containsExactly("3|12");
    }
  }

  @Test
  void namesDifferingInCaseAreRenamedSoSelectStarWorks() throws SQLException {
    try (Connection c = connect("")) {
      assertThat(columns(c, "SELECT * FROM names"))
          .containsExactly(
              "Name " + Types.VARCHAR,
              "name_1 " + Types.VARCHAR,
              "column2 " + Types.VARCHAR,
              "NAME_2 " + Types.VARCHAR);
      assertThat(query(c, "SELECT * FROM names ORDER BY 1")).containsExactly("a|b|c|d", "e|f|g|h");
      assertThat(query(c, "SELECT name, name_1, name_2 FROM names WHERE column2 = 'g'"))
          .containsExactly("e|f|h");
    }
  }
}
