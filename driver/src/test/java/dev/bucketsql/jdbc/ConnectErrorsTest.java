package dev.bucketsql.jdbc;

import static dev.bucketsql.jdbc.ProfileFilesForTest.urlValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way a JDBC connection can be misconfigured fails at connect time with an {@link
 * SQLNonTransientConnectionException} (SQLState 08001), or an {@link
 * SQLInvalidAuthorizationSpecException} (28000) when the server refuses the key, whose message says
 * what to fix, and neither the message nor anything in the cause chain (nor a printed stack trace)
 * holds the secret.
 */
@ExtendWith(S3ServerExtension.class)
class ConnectErrorsTest {
  private static final String WRONG_SECRET = "wrong-Secret-4d3c2b1a0f9e";
  private static final String UNKNOWN_KEY_ID = "GKunknownkey0123456";

  private static S3TestServer server;

  @TempDir Path dir;

  @BeforeAll
  static void sample(S3TestServer shared) {
    server = shared;
    SampleBucket.ensure(server);
  }

  @Test
  void wrongSecret() {
    SQLException e =
        connectFailure(SampleBucket.url(server), S3TestServer.ACCESS_KEY_ID, WRONG_SECRET);
    assertThat(e.getSQLState()).isEqualTo("28000");
    assertThat(e.getMessage())
        .contains("the secret access key does not match key id GKte\u2026")
        .contains("check secretAccessKey (or password)");
    assertThat(e.getMessage()).doesNotContain(S3TestServer.SECRET_ACCESS_KEY);
  }

  @Test
  void unknownKeyIdShowsOnlyItsFirstCharacters() {
    SQLException e = connectFailure(SampleBucket.url(server), UNKNOWN_KEY_ID, WRONG_SECRET);
    assertThat(e.getSQLState()).isEqualTo("28000");
    assertThat(e.getMessage())
        .contains("does not know access key id GKun\u2026")
        .contains("check accessKeyId (or user)");
    assertThat(e.getMessage()).doesNotContain(UNKNOWN_KEY_ID);
  }

  @Test
  void nothingListening() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url =
        "jdbc:bucketsql:s3://"
            + SampleBucket.BUCKET
            + "?endpoint=http://127.0.0.1:"
            + port
            + "&region="
            + S3TestServer.REGION;
    SQLException e = connectFailure(url, S3TestServer.ACCESS_KEY_ID, WRONG_SECRET);
    assertThat(e.getMessage())
        .contains("nothing is listening at 127.0.0.1:" + port)
        .contains("check the endpoint URL and port");
  }

  @Test
  void noSuchBucketListsTheBucketsThatExist() {
    String url = server.jdbcUrl("no-such-bucket-here");
    SQLException e =
        connectFailure(url, S3TestServer.ACCESS_KEY_ID, S3TestServer.SECRET_ACCESS_KEY);
    assertThat(e.getMessage())
        .contains("bucket 'no-such-bucket-here' does not exist")
        .contains("can see: ")
        .contains(SampleBucket.BUCKET)
        .contains("fix the bucket setting");
  }

  @Test
  void unknownUrlKeyListsTheKnownKeys() {
    String url = SampleBucket.url(server) + "&regoin=garage-fast";
    SQLException e =
        connectFailure(url, S3TestServer.ACCESS_KEY_ID, S3TestServer.SECRET_ACCESS_KEY);
    assertThat(e.getMessage())
        .contains("unknown setting 'regoin'")
        .contains("known settings: ")
        .contains("endpoint")
        .contains("region")
        .contains("credentialsFile")
        .contains("secretAccessKey");
  }

  @Test
  void unknownUrlKeyIsReportedEvenWhenASecretIsInTheUrl() {
    String url =
        SampleBucket.url(server)
            + "&secretAccessKey="
            + S3TestServer.SECRET_ACCESS_KEY
            + "&accesKeyId="
            + S3TestServer.ACCESS_KEY_ID;
    SQLException e = connectFailure(url, null, null);
    assertThat(e.getMessage()).contains("unknown setting 'accesKeyId'");
  }

  /**
   * Parameters written the way other drivers separate them ({@code ;}) or glued on without {@code
   * ?} are refused before anything is sent, and the error does not quote them: they would otherwise
   * become part of the bucket or prefix, which messages and getURL() show.
   */
  @Test
  void parametersWithoutQuestionMarkAreRefusedWithoutQuotingThem() {
    String secret = S3TestServer.SECRET_ACCESS_KEY;
    for (String url :
        new String[] {
          "jdbc:bucketsql:s3://" + SampleBucket.BUCKET + ";password=" + secret,
          "jdbc:bucketsql:s3://" + SampleBucket.BUCKET + "&secretAccessKey=" + secret,
          "jdbc:bucketsql:s3://" + SampleBucket.BUCKET + "/clean&secretAccessKey=" + secret,
          "jdbc:bucketsql:s3://" + SampleBucket.BUCKET + "/clean;user=GKx;password=" + secret,
        }) {
      // Endpoint and keys in the properties, so only the URL's shape can stop the connection.
      Properties props = new Properties();
      props.setProperty("endpoint", server.endpoint().toString());
      props.setProperty("region", S3TestServer.REGION);
      props.setProperty("user", S3TestServer.ACCESS_KEY_ID);
      props.setProperty("password", secret);
      SQLException e = connectFailure(url, props);
      assertThat(e.getMessage())
          .as(url)
          .contains("followed by parameters without '?'")
          .contains("s3://BUCKET[/PREFIX]?key=value");
    }
    SQLException e =
        connectFailure("jdbc:bucketsql:" + SampleBucket.BUCKET + ";password=" + secret, null, null);
    assertThat(e.getMessage())
        .contains("expected s3://BUCKET[/PREFIX]")
        .contains("found '" + SampleBucket.BUCKET + "\u2026'");
  }

  @Test
  void missingProfileListsTheProfilesFound() {
    Path credentials = ProfileFilesForTest.completeCredentials(dir, server);
    Path config = ProfileFilesForTest.cliConfig(dir, server);
    String url =
        "jdbc:bucketsql:?credentialsFile="
            + urlValue(credentials)
            + "&configFile="
            + urlValue(config)
            + "&profile=s3slow";
    SQLException e = connectFailure(url, null, null);
    assertThat(e.getMessage())
        .contains("profile 's3slow'")
        .contains("profiles found: default, other, s3fast")
        .contains("fix the profile name");
  }

  @Test
  void missingCredentialsFileIsNamed() {
    Path missing = dir.resolve("no-such-credentials");
    String url = "jdbc:bucketsql:?credentialsFile=" + urlValue(missing) + "&profile=s3fast";
    SQLException e = connectFailure(url, null, null);
    assertThat(e.getMessage()).contains("credentialsFile").contains("does not exist");
  }

  /**
   * Connects and returns the failure, having checked its type, SQLState, and that no secret (the
   * one given, or the test server's) shows anywhere in it.
   */
  private static SQLException connectFailure(String url, String user, String password) {
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    return connectFailure(url, props);
  }

  private static SQLException connectFailure(String url, Properties props) {
    String password = props.getProperty("password");
    Throwable thrown = catchThrowable(() -> DriverManager.getConnection(url, props).close());
    assertThat(thrown)
        .as("connecting to %s should fail", url)
        .isInstanceOfAny(
            SQLNonTransientConnectionException.class, SQLInvalidAuthorizationSpecException.class);
    SQLException e = (SQLException) thrown;
    assertThat(e.getSQLState())
        .isEqualTo(thrown instanceof SQLInvalidAuthorizationSpecException ? "28000" : "08001");
    for (String secret : new String[] {password, S3TestServer.SECRET_ACCESS_KEY}) {
      if (secret == null) {
        continue;
      }
      for (Throwable t = e; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
        assertThat(t.toString()).doesNotContain(secret);
      }
      for (SQLException next = e.getNextException(); next != null; next = next.getNextException()) {
        assertThat(next.toString()).doesNotContain(secret);
      }
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      assertThat(trace.toString()).doesNotContain(secret);
    }
    return e;
  }
}
