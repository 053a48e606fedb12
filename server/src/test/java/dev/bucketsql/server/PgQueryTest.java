package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.datagen.SampleCounts;
import dev.bucketsql.datagen.SampleData;
import dev.bucketsql.datagen.SampleScale;
import dev.bucketsql.datagen.SampleSpec;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/**
 * pgjdbc, a real PostgreSQL client, against the PostgreSQL endpoint over the sample bucket on the
 * test S3 server: logging in with SCRAM-SHA-256, simple and prepared queries, fetch-size streaming
 * and errors with their SQLSTATE; answers checked against the generator's counts and the embedded
 * driver's answers to the same queries.
 */
@ExtendWith(S3ServerExtension.class)
class PgQueryTest {
  static final String BUCKET = "mangetamain";
  static final String USER = "alice";
  static final String PASSWORD = "alice-pg-password";

  private static BucketSqlServer server;
  private static SampleCounts counts;
  private static String embeddedUrl;
  private static Properties embeddedProperties;

  @TempDir static Path dir;

  @BeforeAll
  static void start(S3TestServer s3) throws IOException {
    counts =
        SampleData.generateAndUpload(
                SampleSpec.of(SampleScale.TINY), dir.resolve("sample"), s3, BUCKET)
            .counts();
    embeddedUrl = s3.jdbcUrl(BUCKET);
    embeddedProperties = S3TestServer.jdbcKeys();
    Path users = dir.resolve("users.txt");
    Files.writeString(users, UsersFile.hashLine(USER, PASSWORD.toCharArray(), 4096) + "\n");
    server =
        BucketSqlServer.builder(embeddedUrl)
            .properties(embeddedProperties)
            .avatica(false)
            .pgPort(0)
            .auth(ClientAuth.of(UsersFile.read(users), null))
            .build();
    server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static Connection connect() throws SQLException {
    return DriverManager.getConnection(server.pgUrl(), USER, PASSWORD);
  }

  @Test
  void countsAndGroupsOverTheSimpleProtocol() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM PP_recipes")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(counts.ppRecipes());
        assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("int8");
      }
      Map<Integer, Long> levels = new TreeMap<>();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT calorie_level, COUNT(*) AS n FROM PP_recipes GROUP BY calorie_level")) {
        assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("n");
        while (rs.next()) {
          levels.put(rs.getInt("calorie_level"), rs.getLong("n"));
        }
      }
      assertThat(levels).isEqualTo(counts.calorieLevels());
    }
  }

  @Test
  void preparedStatementsRebindAndGoBinaryOnceNamed() throws SQLException {
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement("SELECT COUNT(*) FROM PP_recipes WHERE calorie_level = ?")) {
      // pgjdbc names the statement on the server from the 5th execution and then asks for
      // binary results: both paths must agree with the generator.
      for (int round = 0; round < 3; round++) {
        for (Map.Entry<Integer, Long> level : counts.calorieLevels().entrySet()) {
          ps.setInt(1, level.getKey());
          try (ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1))
                .as("calorie_level %d", level.getKey())
                .isEqualTo(level.getValue());
          }
        }
      }
    }
  }

  @Test
  void preparedStatementBindsADateAndAString() throws SQLException {
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT COUNT(*), SUM(rating) FROM RAW_interactions_clean WHERE \"date\" >= ?")) {
      ps.setDate(1, java.sql.Date.valueOf("2018-01-01"));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(counts.interactionsSince2018());
        assertThat(rs.getLong(2)).isEqualTo(counts.ratingSumSince2018());
      }
    }
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT CAST(? AS VARCHAR) || '!' AS s, CAST(? AS INTEGER) + 1 AS i")) {
      ps.setString(1, "it's");
      ps.setString(2, "41");
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("s")).isEqualTo("it's!");
        assertThat(rs.getInt("i")).isEqualTo(42);
      }
    }
  }

  @Test
  void fetchSizeStreamsThroughPortalSuspended() throws SQLException {
    try (Connection c = connect()) {
      c.setAutoCommit(false); // pgjdbc fetches in pieces only inside a transaction
      try (Statement s = c.createStatement()) {
        s.setFetchSize(7);
        long rows = 0;
        long sum = 0;
        try (ResultSet rs = s.executeQuery("SELECT rating FROM RAW_interactions_clean")) {
          while (rs.next()) {
            rows++;
            sum += rs.getLong(1);
          }
        }
        assertThat(rows).isEqualTo(counts.interactions());
        assertThat(sum)
            .isEqualTo(
                counts.ratings().entrySet().stream()
                    .mapToLong(e -> (long) e.getKey() * e.getValue())
                    .sum());
        // The registry forgets each query once its last row was read.
        assertThat(server.queries().list()).isEmpty();
      }
      c.commit();
    }
  }

  @Test
  void everyTypeMatchesTheEmbeddedDriver() throws SQLException {
    String sql =
        "SELECT CAST(7 AS SMALLINT) AS si, CAST(-8 AS INTEGER) AS i, CAST(9000000000 AS BIGINT) AS bi,"
            + " CAST(1.5 AS DOUBLE) AS d, CAST(0.25 AS REAL) AS r, CAST(-12.3450 AS DECIMAL(10,4)) AS dec,"
            + " CAST('naïve ☃' AS VARCHAR) AS v, TRUE AS b, DATE '2019-02-28' AS dt,"
            + " TIMESTAMP '2019-02-28 13:14:15.250' AS ts, CAST(NULL AS INTEGER) AS n, ARRAY[1, 2, 3] AS a";
    List<String> embedded = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(embeddedUrl, embeddedProperties);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      embedded = values(rs);
    }
    // Simple protocol (text), then prepared and named (binary): the same values.
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      assertThat(values(rs)).isEqualTo(embedded);
      ResultSetMetaData md = rs.getMetaData();
      assertThat(md.getColumnTypeName(1)).isEqualTo("int2");
      assertThat(md.getColumnTypeName(4)).isEqualTo("float8");
      assertThat(md.getColumnTypeName(6)).isEqualTo("numeric");
      assertThat(md.getColumnTypeName(9)).isEqualTo("date");
      assertThat(md.getColumnTypeName(10)).isEqualTo("timestamp");
      assertThat(md.getColumnTypeName(12)).isEqualTo("_int4");
    }
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(1);
      for (int i = 0; i < 3; i++) {
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(values(rs)).as("execution %d", i).isEqualTo(embedded);
        }
      }
    }
  }

  @Test
  void datesTimesAndIntegersAtTheirEdgesPrintAsPostgresPrintsThem() throws SQLException {
    // the text format writes these from the engine's numbers, without the driver's text
    String sql =
        "SELECT DATE '0001-01-01' AS d1, DATE '1582-10-04' AS d2, DATE '1969-12-31' AS d3,"
            + " DATE '9999-12-31' AS d4, TIMESTAMP '1969-12-31 23:59:59.999' AS t1,"
            + " TIMESTAMP '0001-01-01 00:00:00' AS t2, TIMESTAMP '2019-02-28 13:14:15.250' AS t3,"
            + " TIME '23:59:59.999' AS h1, TIME '00:00:00' AS h2,"
            + " CAST(-9223372036854775808 AS BIGINT) AS l1, CAST(-7 AS INTEGER) AS l2,"
            + " CAST(0 AS BIGINT) AS l3, CAST(9223372036854775807 AS BIGINT) AS l4,"
            + " CAST('naïve ☃' AS VARCHAR) AS v1, CAST('' AS VARCHAR) AS v2";
    List<String> expected =
        List.of(
            "0001-01-01",
            "1582-10-04",
            "1969-12-31",
            "9999-12-31",
            "1969-12-31 23:59:59.999",
            "0001-01-01 00:00:00",
            "2019-02-28 13:14:15.25",
            "23:59:59.999",
            "00:00:00",
            "-9223372036854775808",
            "-7",
            "0",
            "9223372036854775807",
            "naïve ☃",
            "");
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      List<String> texts = new ArrayList<>();
      for (int i = 1; i <= expected.size(); i++) {
        texts.add(rs.getString(i));
      }
      assertThat(texts).isEqualTo(expected);
    }
  }

  /** Each column in a form both drivers agree on for its type. */
  private static List<String> values(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    out.add(rs.getShort("si") + "");
    out.add(rs.getInt("i") + "");
    out.add(rs.getLong("bi") + "");
    out.add(rs.getDouble("d") + "");
    out.add(rs.getFloat("r") + "");
    out.add(rs.getBigDecimal("dec").toPlainString());
    out.add(rs.getString("v"));
    out.add(rs.getBoolean("b") + "");
    out.add(rs.getDate("dt").toLocalDate() + "");
    out.add(rs.getTimestamp("ts").toLocalDateTime() + "");
    out.add(rs.getObject("n") + "/" + rs.getInt("n") + "/" + rs.wasNull());
    Object[] array = (Object[]) rs.getArray("a").getArray();
    out.add(java.util.Arrays.toString(array));
    return out;
  }

  @Test
  void errorsCarryTheEngineSqlState() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT * FROM no_such_table"))
          .isInstanceOf(PSQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"))
          .hasMessageContaining("no_such_table");
      // The connection stays usable after an error.
      try (ResultSet rs = s.executeQuery("SELECT 1")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
    }
  }

  @Test
  void sessionCommandsAnswerAsAReadOnlyServer() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("SET application_name = 'pg-test'");
      try (ResultSet rs = s.executeQuery("SHOW application_name")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("pg-test");
      }
      s.execute("BEGIN");
      s.execute("COMMIT");
      s.execute("RESET ALL");
      try (ResultSet rs = s.executeQuery("SHOW application_name")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEmpty();
      }
      s.execute("DISCARD ALL");
      assertThatThrownBy(() -> s.execute("SET client_encoding = 'LATIN1'"))
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
      assertThat(c.getMetaData().getDatabaseProductVersion()).startsWith("16.0");
      // What SQLAlchemy and DBeaver ask right after connecting.
      try (ResultSet rs = s.executeQuery("select pg_catalog.version()")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).startsWith("PostgreSQL 16.0 (BucketSQL)");
      }
      try (ResultSet rs = s.executeQuery("SELECT current_schema()")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("current_schema")).isEqualTo(BUCKET);
      }
      assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
    }
  }
}
