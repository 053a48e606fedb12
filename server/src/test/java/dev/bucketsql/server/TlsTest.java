package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * HTTPS with a PKCS12 keystore made by keytool at test time; the client trusts it by truststore.
 */
class TlsTest {
  @TempDir static Path directory;

  @BeforeAll
  static void keystores() throws Exception {
    Keystores.create(directory);
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void clientWithTruststoreQueriesOverHttps(Serialization serialization) throws Exception {
    String token = AuthTest.TOKEN;
    try (BucketSqlServer server =
        TestServers.start(
            TestServers.builder()
                .serialization(serialization)
                .tls(directory.resolve("server.p12"), Keystores.PASSWORD.toCharArray())
                .auth(ClientAuth.of(null, token)))) {
      assertThat(server.clientUrl()).startsWith("jdbc:avatica:remote:url=https://127.0.0.1:");
      String url =
          server.clientUrl()
              + ";truststore="
              + directory.resolve("trust.p12")
              + ";truststore_password="
              + Keystores.PASSWORD
              + ";authentication=BEARER;bearer_token="
              + token;
      try (Connection connection = DriverManager.getConnection(url);
          Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("select name from emps where empid = 100")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("Bill");
      }
      // Without the truststore the client does not trust the self-signed certificate.
      String untrusted = server.clientUrl() + ";authentication=BEARER;bearer_token=" + token;
      assertThatThrownBy(() -> DriverManager.getConnection(untrusted).createStatement())
          .hasStackTraceContaining("SSL");
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void plainHttpToTheTlsPortFailsAtOnceNamingHttps(Serialization serialization) throws Exception {
    try (BucketSqlServer server =
        TestServers.start(
            TestServers.builder()
                .serialization(serialization)
                .tls(directory.resolve("server.p12"), Keystores.PASSWORD.toCharArray())
                .auth(ClientAuth.of(null, AuthTest.TOKEN)))) {
      String plain =
          server.remoteDriverUrl().replace("url=https://", "url=http://")
              + ";authentication=BEARER;bearer_token="
              + AuthTest.TOKEN;
      // The Avatica client used to retry this for ever; now the first answer is the error.
      SQLException e =
          assertTimeoutPreemptively(
              Duration.ofSeconds(20),
              () ->
                  catchThrowableOfType(
                      () -> DriverManager.getConnection(plain).close(), SQLException.class));
      assertThat((Object) e).as("getConnection threw").isNotNull();
      assertThat(e.getSQLState()).isEqualTo("08001");
      assertThat(e.getMessage())
          .contains("This port speaks TLS: use https://")
          .doesNotContain("\n");

      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(server.httpUrl().replace("https://", "http://") + "/health"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(400);
      assertThat(health.body()).startsWith("This port speaks TLS: use https://");
    }
  }

  @Test
  void remoteDriverNamesTheTruststoreWhosePasswordIsMissingOrWrong() throws Exception {
    try (BucketSqlServer server =
        TestServers.start(
            TestServers.builder()
                .tls(directory.resolve("server.p12"), Keystores.PASSWORD.toCharArray()))) {
      Path trust = directory.resolve("trust.p12");
      String url = server.remoteDriverUrl() + ";truststore=" + trust;
      SQLException missing =
          catchThrowableOfType(() -> DriverManager.getConnection(url), SQLException.class);
      assertThat(missing.getSQLState()).isEqualTo("08001");
      assertThat(missing.getMessage())
          .isEqualTo(
              "cannot open the truststore "
                  + trust
                  + ": its password is missing; set truststore_password");
      SQLException wrong =
          catchThrowableOfType(
              () -> DriverManager.getConnection(url + ";truststore_password=not-the-password"),
              SQLException.class);
      assertThat(wrong.getSQLState()).isEqualTo("08001");
      assertThat(wrong.getMessage())
          .isEqualTo(
              "cannot open the truststore "
                  + trust
                  + ": its password is wrong; check truststore_password");
    }
  }

  @Test
  void wrongKeystorePasswordFailsAtBuildWithAHint() {
    assertThatThrownBy(
            () ->
                TestServers.builder()
                    .tls(directory.resolve("server.p12"), "nope".toCharArray())
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keystore password");
  }

  @Test
  void missingKeystoreFailsAtBuild() {
    Path missing = directory.resolve("missing.p12");
    assertThat(Files.exists(missing)).isFalse();
    assertThatThrownBy(() -> TestServers.builder().tls(missing, "x".toCharArray()).build())
        .hasMessageContaining("Cannot read the keystore");
  }
}
