package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.datagen.SampleCounts;
import dev.bucketsql.datagen.SampleData;
import dev.bucketsql.datagen.SampleScale;
import dev.bucketsql.datagen.SampleSpec;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The BucketSQL driver served to remote JDBC clients: the server holds the S3 keys (in its
 * properties), a client connects with the plain Avatica URL and sends none, and queries, prepared
 * statements and metadata come back over both wire formats, checked against the generator's counts
 * of the sample it uploaded to the test S3 server.
 */
@ExtendWith(S3ServerExtension.class)
class BucketSqlRemoteTest {
  private static final String BUCKET = "mangetamain";

  private static final Map<Serialization, BucketSqlServer> SERVERS =
      new EnumMap<>(Serialization.class);
  private static SampleCounts counts;
  private static String driverUrl;

  @TempDir static Path sampleDir;

  @BeforeAll
  static void start(S3TestServer s3) throws IOException {
    counts =
        SampleData.generateAndUpload(SampleSpec.of(SampleScale.TINY), sampleDir, s3, BUCKET)
            .counts();
    driverUrl = s3.jdbcUrl(BUCKET);
    Properties keys = S3TestServer.jdbcKeys();
    for (Serialization serialization : Serialization.values()) {
      BucketSqlServer server =
          BucketSqlServer.builder(driverUrl)
              .properties(keys)
              .port(0)
              .serialization(serialization)
              .build();
      server.start();
      SERVERS.put(serialization, server);
    }
  }

  @AfterAll
  static void stop() {
    SERVERS.values().forEach(BucketSqlServer::close);
  }

  /** A client connection that sends no properties at all: no keys leave the client. */
  private static Connection connect(Serialization serialization) throws SQLException {
    String url = SERVERS.get(serialization).clientUrl();
    assertThat(url).startsWith("jdbc:avatica:remote:url=http://127.0.0.1:");
    return DriverManager.getConnection(url);
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void countsRecipes(Serialization serialization) throws SQLException {
    try (Connection c = connect(serialization);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM PP_recipes")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(counts.ppRecipes());
      assertThat(rs.next()).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void groupsByCalorieLevel(Serialization serialization) throws SQLException {
    Map<Integer, Long> actual = new TreeMap<>();
    try (Connection c = connect(serialization);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT calorie_level, COUNT(*) AS n FROM PP_recipes GROUP BY calorie_level")) {
      assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("n");
      while (rs.next()) {
        actual.put(rs.getInt("calorie_level"), rs.getLong("n"));
      }
    }
    assertThat(actual).isEqualTo(counts.calorieLevels());
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void preparedStatementBindsAParameter(Serialization serialization) throws SQLException {
    try (Connection c = connect(serialization);
        PreparedStatement ps =
            c.prepareStatement("SELECT COUNT(*) FROM PP_recipes WHERE calorie_level = ?")) {
      // Re-executed with each value: none may reuse the previous one.
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

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void preparedStatementBindsADate(Serialization serialization) throws SQLException {
    try (Connection c = connect(serialization);
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
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void listsTheSampleTables(Serialization serialization) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection c = connect(serialization);
        ResultSet rs = c.getMetaData().getTables(null, BUCKET, "%", null)) {
      while (rs.next()) {
        tables.add(rs.getString("TABLE_NAME"));
      }
    }
    assertThat(tables)
        .containsExactlyInAnyOrder(
            "RAW_recipes",
            "RAW_interactions",
            "PP_recipes",
            "PP_users",
            "interactions_train",
            "interactions_test",
            "interactions_validation",
            "RAW_recipes_clean",
            "RAW_interactions_clean");
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void remoteMetadataNeverShowsTheSecret(Serialization serialization) throws SQLException {
    String secret = S3TestServer.SECRET_ACCESS_KEY;
    try (Connection c = connect(serialization)) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(md.getURL()).doesNotContain(secret);
      assertThat(String.valueOf(md.getUserName())).doesNotContain(secret);
      assertThat(c.getClientInfo().toString()).doesNotContain(secret);
      assertThat(c.toString()).doesNotContain(secret);
      // Not checked: getDatabaseProductName() is the Avatica client's own name
      // ("Avatica"), taken from the client driver, not asked of the server.
    }
    assertThat(SERVERS.get(serialization).toString())
        .doesNotContain(secret)
        .doesNotContain("endpoint=");
  }
}
