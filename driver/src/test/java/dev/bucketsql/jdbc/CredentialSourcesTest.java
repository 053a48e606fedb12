package dev.bucketsql.jdbc;

import static dev.bucketsql.jdbc.ProfileFilesForTest.PROFILE;
import static dev.bucketsql.jdbc.ProfileFilesForTest.urlValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bucketsql.datagen.SampleCounts;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way our users hand over their keys reaches the bucket through JDBC: the data team's INI
 * credentials file alone, the AWS CLI credentials plus config pair, URL parameters, properties over
 * URL parameters, and the {@code user}/{@code password} aliases, including the empty login fields a
 * BI tool sends.
 */
@ExtendWith(S3ServerExtension.class)
class CredentialSourcesTest {
  private static final String WRONG_SECRET = "wrong-secret-for-override-test";

  private static S3TestServer server;
  private static SampleCounts counts;

  @TempDir Path dir;

  @BeforeAll
  static void sample(S3TestServer shared) {
    server = shared;
    counts = SampleBucket.ensure(server).counts();
  }

  @Test
  void credentialsFileAloneIsEnough() throws SQLException {
    Path credentials = ProfileFilesForTest.completeCredentials(dir, server);
    String url = "jdbc:bucketsql:?credentialsFile=" + urlValue(credentials) + "&profile=" + PROFILE;
    try (Connection c = DriverManager.getConnection(url)) {
      assertThat(countPpRecipes(c)).isEqualTo(counts.ppRecipes());
      assertThat(c.getSchema()).isEqualTo(SampleBucket.BUCKET);
    }
  }

  @Test
  void awsCliCredentialsAndConfigFiles() throws SQLException {
    Path credentials = ProfileFilesForTest.keysOnlyCredentials(dir);
    Path config = ProfileFilesForTest.cliConfig(dir, server);
    String url =
        "jdbc:bucketsql:s3://"
            + SampleBucket.BUCKET
            + "?credentialsFile="
            + urlValue(credentials)
            + "&configFile="
            + urlValue(config)
            + "&profile="
            + PROFILE;
    try (Connection c = DriverManager.getConnection(url)) {
      assertThat(countPpRecipes(c)).isEqualTo(counts.ppRecipes());
    }
  }

  @Test
  void keysInTheUrl() throws SQLException {
    String url =
        SampleBucket.url(server)
            + "&accessKeyId="
            + S3TestServer.ACCESS_KEY_ID
            + "&secretAccessKey="
            + S3TestServer.SECRET_ACCESS_KEY;
    try (Connection c = DriverManager.getConnection(url)) {
      assertThat(countPpRecipes(c)).isEqualTo(counts.ppRecipes());
    }
  }

  @Test
  void propertiesOverrideUrlParameters() throws SQLException {
    String url =
        SampleBucket.url(server)
            + "&accessKeyId="
            + S3TestServer.ACCESS_KEY_ID
            + "&secretAccessKey="
            + WRONG_SECRET;
    Properties right = new Properties();
    right.setProperty("secretAccessKey", S3TestServer.SECRET_ACCESS_KEY);
    try (Connection c = DriverManager.getConnection(url, right)) {
      assertThat(countPpRecipes(c)).isEqualTo(counts.ppRecipes());
    }
    // The alias overrides too.
    Properties rightAlias = new Properties();
    rightAlias.setProperty("password", S3TestServer.SECRET_ACCESS_KEY);
    try (Connection c = DriverManager.getConnection(url, rightAlias)) {
      assertThat(countPpRecipes(c)).isEqualTo(counts.ppRecipes());
    }
  }

  @Test
  void propertiesOverrideUrlParametersTheOtherWayRoundToo() {
    String url =
        SampleBucket.url(server)
            + "&accessKeyId="
            + S3TestServer.ACCESS_KEY_ID
            + "&secretAccessKey="
            + S3TestServer.SECRET_ACCESS_KEY;
    Properties wrong = new Properties();
    wrong.setProperty("secretAccessKey", WRONG_SECRET);
    SQLException e =
        catchThrowableOfType(
            SQLInvalidAuthorizationSpecException.class,
            () -> DriverManager.getConnection(url, wrong).close());
    assertThat((Throwable) e).isNotNull();
    assertThat(e.getSQLState()).isEqualTo("28000");
    assertThat(e.getMessage()).contains("secret access key does not match");
    assertThat(e.getMessage()).doesNotContain(WRONG_SECRET);
  }

  @Test
  void userAndPasswordAreAliasesOfTheKeys() throws SQLException {
    try (Connection c =
        DriverManager.getConnection(
            SampleBucket.url(server), S3TestServer.ACCESS_KEY_ID, S3TestServer.SECRET_ACCESS_KEY)) {
      assertThat(countPpRecipes(c)).isEqualTo(counts.ppRecipes());
    }
    String url =
        SampleBucket.url(server)
            + "&user="
            + S3TestServer.ACCESS_KEY_ID
            + "&password="
            + S3TestServer.SECRET_ACCESS_KEY;
    try (Connection c = DriverManager.getConnection(url)) {
      assertThat(countPpRecipes(c)).isEqualTo(counts.ppRecipes());
    }
  }

  @Test
  void emptyLoginFieldsFallBackToTheProfile() throws SQLException {
    Path credentials = ProfileFilesForTest.completeCredentials(dir, server);
    String url = "jdbc:bucketsql:?credentialsFile=" + urlValue(credentials) + "&profile=" + PROFILE;
    // What a BI tool sends when its user and password fields are left empty.
    try (Connection c = DriverManager.getConnection(url, "", "")) {
      assertThat(countPpRecipes(c)).isEqualTo(counts.ppRecipes());
    }
    Properties blank = new Properties();
    blank.setProperty("user", " ");
    blank.setProperty("password", "");
    try (Connection c = DriverManager.getConnection(url, blank)) {
      assertThat(countPpRecipes(c)).isEqualTo(counts.ppRecipes());
    }
  }

  private static long countPpRecipes(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM PP_recipes")) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }
}
