package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The embedded driver and BucketSQL's remote driver (over a BucketSQL server on loopback, both wire
 * formats) give one answer to the metadata Avatica's protocol does not carry: identifier casing,
 * and {@code getFunctions}.
 */
@ExtendWith(S3ServerExtension.class)
class MetadataParityTest {
  private static final String BUCKET = "parity";
  private static final Map<Serialization, BucketSqlServer> SERVERS =
      new EnumMap<>(Serialization.class);
  private static String embeddedUrl;

  @BeforeAll
  static void start(S3TestServer s3) throws Exception {
    s3.createBucket(BUCKET);
    s3.putObject(BUCKET, "t.csv", "a,MixedCase\n1,x\n".getBytes(StandardCharsets.UTF_8));
    s3.putObject(BUCKET, "sub/u.csv", "b\n2\n".getBytes(StandardCharsets.UTF_8));
    s3.putObject(BUCKET, "other/v.csv", "c\n3\n".getBytes(StandardCharsets.UTF_8));
    // a folder with one kind of data file is a table; with something else beside, a schema
    s3.putObject(BUCKET, "sub/readme.txt", "x".getBytes(StandardCharsets.UTF_8));
    s3.putObject(BUCKET, "other/readme.txt", "x".getBytes(StandardCharsets.UTF_8));
    embeddedUrl = s3.jdbcUrl(BUCKET);
    for (Serialization serialization : Serialization.values()) {
      BucketSqlServer server =
          BucketSqlServer.builder(embeddedUrl)
              .properties(S3TestServer.jdbcKeys())
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

  private static Connection embedded() throws SQLException {
    return DriverManager.getConnection(embeddedUrl, S3TestServer.jdbcKeys());
  }

  private static Connection remote(Serialization serialization) throws SQLException {
    return DriverManager.getConnection(SERVERS.get(serialization).remoteDriverUrl());
  }

  /** Every casing answer, in one line, so a difference shows which one. */
  private static String casing(DatabaseMetaData md) throws SQLException {
    return "supportsMixedCase="
        + md.supportsMixedCaseIdentifiers()
        + " storesUpper="
        + md.storesUpperCaseIdentifiers()
        + " storesLower="
        + md.storesLowerCaseIdentifiers()
        + " storesMixed="
        + md.storesMixedCaseIdentifiers()
        + " supportsMixedCaseQuoted="
        + md.supportsMixedCaseQuotedIdentifiers()
        + " storesUpperQuoted="
        + md.storesUpperCaseQuotedIdentifiers()
        + " storesLowerQuoted="
        + md.storesLowerCaseQuotedIdentifiers()
        + " storesMixedQuoted="
        + md.storesMixedCaseQuotedIdentifiers()
        + " quote="
        + md.getIdentifierQuoteString();
  }

  private static List<String> functions(
      DatabaseMetaData md, String schemaPattern, String namePattern) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = md.getFunctions(null, schemaPattern, namePattern)) {
      while (rs.next()) {
        rows.add(
            rs.getString("FUNCTION_CAT")
                + "|"
                + rs.getString("FUNCTION_SCHEM")
                + "|"
                + rs.getString("FUNCTION_NAME")
                + "|"
                + rs.getString("REMARKS")
                + "|"
                + rs.getShort("FUNCTION_TYPE")
                + "|"
                + rs.getString("SPECIFIC_NAME"));
      }
    }
    return rows;
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void casingIsOneAnswerAndTrue(Serialization serialization) throws SQLException {
    try (Connection e = embedded();
        Connection r = remote(serialization)) {
      assertThat(casing(r.getMetaData())).isEqualTo(casing(e.getMetaData()));
      DatabaseMetaData md = r.getMetaData();
      // names are matched without regard to case, quoted or not, and kept as written
      assertThat(md.supportsMixedCaseQuotedIdentifiers()).isFalse();
      assertThat(md.supportsMixedCaseIdentifiers()).isFalse();
      assertThat(md.storesMixedCaseIdentifiers()).isTrue();
      assertThat(md.storesUpperCaseIdentifiers()).isFalse();
      for (Connection c : List.of(e, r)) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT \"mixedcase\", MIXEDCASE, \"A\" FROM \"T\"")) {
          assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("MIXEDCASE");
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("x");
          assertThat(rs.getString(2)).isEqualTo("x");
          assertThat(rs.getInt(3)).isEqualTo(1);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void getFunctionsIsOneAnswer(Serialization serialization) throws SQLException {
    try (Connection e = embedded();
        Connection r = remote(serialization)) {
      List<String> all = functions(e.getMetaData(), null, "%");
      assertThat(all)
          .containsExactly(
              "null|other|files|null|0|files",
              "null|parity|files|null|0|files",
              "null|sub|files|null|0|files");
      assertThat(functions(r.getMetaData(), null, "%")).isEqualTo(all);
      assertThat(functions(r.getMetaData(), null, null))
          .isEqualTo(functions(e.getMetaData(), null, null));
      assertThat(functions(r.getMetaData(), "su%", "fil_s"))
          .isEqualTo(functions(e.getMetaData(), "su%", "fil_s"))
          .containsExactly("null|sub|files|null|0|files");
      assertThat(functions(r.getMetaData(), null, "strptime"))
          .isEqualTo(functions(e.getMetaData(), null, "strptime"))
          .isEmpty();
      // each function listed can be called, on both connections
      for (Connection c : List.of(e, r)) {
        for (String row : all) {
          String schema = row.split("\\|")[1];
          try (Statement s = c.createStatement();
              ResultSet rs =
                  s.executeQuery("SELECT COUNT(*) FROM TABLE(\"" + schema + "\".files('*.csv'))")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).as(schema).isEqualTo(1);
          }
        }
      }
      // the rows are read as any result set: column types and labels match
      try (ResultSet re = e.getMetaData().getFunctions(null, null, "%");
          ResultSet rr = r.getMetaData().getFunctions(null, null, "%")) {
        assertThat(rr.getMetaData().getColumnCount()).isEqualTo(re.getMetaData().getColumnCount());
        for (int i = 1; i <= re.getMetaData().getColumnCount(); i++) {
          assertThat(rr.getMetaData().getColumnLabel(i))
              .isEqualTo(re.getMetaData().getColumnLabel(i));
          assertThat(rr.getMetaData().getColumnType(i))
              .isEqualTo(re.getMetaData().getColumnType(i));
        }
      }
    }
  }
}
