package dev.bucketsql.jdbc.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.jdbc.BucketSqlDriver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * What the remote driver can show without a server (the server module's RemoteDriverCancelTest runs
 * it against one): which URLs it takes, that the embedded driver leaves them alone, and where its
 * cancels go.
 */
class RemoteDriverTest {
  @Test
  void takesItsPrefixAndTheEmbeddedDriverLeavesIt() throws SQLException {
    String url = "jdbc:bucketsql:remote:url=http://127.0.0.1:1;serialization=json";
    assertThat(new RemoteDriver().acceptsURL(url)).isTrue();
    assertThat(new BucketSqlDriver().acceptsURL(url)).isFalse();
    assertThat(new BucketSqlDriver().acceptsURL("jdbc:bucketsql:s3://bucket")).isTrue();
    assertThat(new RemoteDriver().acceptsURL("jdbc:bucketsql:s3://bucket")).isFalse();
    assertThat(new RemoteDriver().acceptsURL("jdbc:avatica:remote:url=http://127.0.0.1:1"))
        .isFalse();
    assertThat(DriverManager.getDriver(url)).isInstanceOf(RemoteDriver.class);
  }

  @Test
  void aServerThatIsDownIsReportedAsSuch() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Properties properties = new Properties();
    properties.setProperty("avatica_password", "secret-password");
    properties.setProperty("http_connection_timeout", "2000");
    String url = "jdbc:bucketsql:remote:url=http://127.0.0.1:" + port + ";serialization=json";
    // Through DriverManager, as tools connect.
    assertThatThrownBy(() -> DriverManager.getConnection(url, properties))
        .hasStackTraceContaining("Connection refused")
        .hasStackTraceContaining("127.0.0.1:" + port)
        .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("secret-password"));
  }

  @Test
  void cancelsGoBesideTheAvaticaUrl() throws Exception {
    assertThat(CancelClient.cancelUrl(new URI("http://127.0.0.1:8765")))
        .hasToString("http://127.0.0.1:8765/queries/cancel");
    assertThat(CancelClient.cancelUrl(new URI("http://127.0.0.1:8765/")))
        .hasToString("http://127.0.0.1:8765/queries/cancel");
    assertThat(CancelClient.cancelUrl(new URI("https://bi.internal/bucketsql/")))
        .hasToString("https://bi.internal/bucketsql/queries/cancel");
    assertThatThrownBy(() -> CancelClient.cancelUrl(new URI("localhost:8765")))
        .hasMessageContaining("http(s)://HOST:PORT");
  }

  @Test
  void reportsItsOwnName() throws SQLException {
    RemoteDriver driver = new RemoteDriver();
    assertThat(driver.getDriverVersion().name).isEqualTo("BucketSQL Remote JDBC Driver");
    assertThat(driver.getPropertyInfo("jdbc:bucketsql:remote:", new Properties()))
        .anySatisfy(p -> assertThat(p.name).isEqualTo("avatica_user"));
  }

  private static String stackTrace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
