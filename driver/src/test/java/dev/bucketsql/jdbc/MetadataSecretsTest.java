package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a connection shows about itself (URL, toString, client info, user name) never holds the
 * secret, even when the secret came in the URL; and it names itself BucketSQL.
 */
@ExtendWith(S3ServerExtension.class)
class MetadataSecretsTest {
  private static S3TestServer server;

  @BeforeAll
  static void sample(S3TestServer shared) {
    server = shared;
    SampleBucket.ensure(server);
  }

  @Test
  void secretInTheUrlIsNotShown() throws SQLException {
    String url =
        SampleBucket.url(server)
            + "&accessKeyId="
            + S3TestServer.ACCESS_KEY_ID
            + "&secretAccessKey="
            + S3TestServer.SECRET_ACCESS_KEY;
    try (Connection c = DriverManager.getConnection(url)) {
      assertNoSecret(c);
      assertThat(c.getMetaData().getURL())
          .startsWith("jdbc:bucketsql:s3://" + SampleBucket.BUCKET)
          .contains("secretAccessKey=***");
    }
  }

  @Test
  void passwordAliasInTheUrlIsNotShown() throws SQLException {
    String url =
        SampleBucket.url(server)
            + "&user="
            + S3TestServer.ACCESS_KEY_ID
            + "&password="
            + S3TestServer.SECRET_ACCESS_KEY;
    try (Connection c = DriverManager.getConnection(url)) {
      assertNoSecret(c);
    }
  }

  @Test
  void secretInPropertiesIsNotShown() throws SQLException {
    try (Connection c = SampleBucket.connect(server)) {
      assertNoSecret(c);
      assertThat(c.getMetaData().getURL()).isEqualTo(SampleBucket.url(server));
    }
  }

  @Test
  void namesItselfBucketSql() throws SQLException {
    try (Connection c = SampleBucket.connect(server)) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(md.getDatabaseProductName()).isEqualTo("BucketSQL");
      assertThat(md.getDriverName()).isEqualTo("BucketSQL JDBC Driver");
      assertThat(md.getDriverVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
      assertThat(md.getDatabaseProductVersion()).isEqualTo(md.getDriverVersion());
      assertThat(md.getDriverVersion())
          .startsWith(md.getDriverMajorVersion() + "." + md.getDriverMinorVersion() + ".");
      assertThat(md.getJDBCMajorVersion()).isGreaterThanOrEqualTo(4);
      BucketSqlDriver driver = (BucketSqlDriver) DriverManager.getDriver(SampleBucket.url(server));
      assertThat(driver.getMajorVersion()).isEqualTo(md.getDriverMajorVersion());
      assertThat(driver.getMinorVersion()).isEqualTo(md.getDriverMinorVersion());
    }
  }

  private static void assertNoSecret(Connection c) throws SQLException {
    String secret = S3TestServer.SECRET_ACCESS_KEY;
    DatabaseMetaData md = c.getMetaData();
    assertThat(md.getURL()).doesNotContain(secret);
    assertThat(String.valueOf(md.getUserName())).doesNotContain(secret);
    assertThat(c.toString()).doesNotContain(secret);
    assertThat(md.toString()).doesNotContain(secret);
    Properties info = c.getClientInfo();
    assertThat(info.toString()).doesNotContain(secret);
    for (String name : info.stringPropertyNames()) {
      assertThat(c.getClientInfo(name)).as(name).doesNotContain(secret);
    }
    assertThat(String.valueOf(c.getCatalog())).doesNotContain(secret);
    assertThat(c.getSchema()).isEqualTo(SampleBucket.BUCKET);
  }
}
