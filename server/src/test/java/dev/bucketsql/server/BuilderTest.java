package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Settings are checked when the server is built, and errors say what to fix without secrets. */
class BuilderTest {
  private static final String SECRET = "hunter2-secret";

  @Test
  void urlWithoutDriverIsAClearErrorWithoutSecrets() {
    assertThatThrownBy(
            () -> BucketSqlServer.builder("jdbc:nosuchdriver:bucket=b;password=" + SECRET).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No JDBC driver on the classpath accepts jdbc:nosuchdriver:")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void nonJdbcUrlIsRefused() {
    assertThatThrownBy(() -> BucketSqlServer.builder("http://example/" + SECRET).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must start with 'jdbc:'")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void toStringHidesUrlParametersAndProperties() {
    Properties properties = TestServers.hrProperties();
    properties.setProperty("password", SECRET);
    BucketSqlServer server =
        BucketSqlServer.builder("jdbc:calcite:password=" + SECRET).properties(properties).build();
    assertThat(server.toString()).contains("jdbc:calcite:").doesNotContain(SECRET);
  }

  @Test
  void redactKeepsOnlyTheSubprotocol() {
    assertThat(BucketSqlServer.redact("jdbc:bucketsql:s3://bucket?secretKey=" + SECRET))
        .isEqualTo("jdbc:bucketsql:...");
    assertThat(BucketSqlServer.redact("jdbc:" + SECRET)).isEqualTo("jdbc:...");
  }

  @Test
  void avaticaPropertiesMustGoThroughTheBuilder() {
    Properties properties = new Properties();
    properties.setProperty("avatica.connectioncache.expiryduration", "1");
    assertThatThrownBy(
            () -> BucketSqlServer.builder(TestServers.URL).properties(properties).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("avatica.connectioncache.expiryduration")
        .hasMessageContaining("connectionIdleTimeout");
  }

  @Test
  void outOfRangeSettingsAreRefused() {
    BucketSqlServer.Builder builder = BucketSqlServer.builder(TestServers.URL);
    assertThatThrownBy(() -> builder.port(-1)).hasMessageContaining("between 0 and 65535");
    assertThatThrownBy(() -> builder.port(65536)).hasMessageContaining("between 0 and 65535");
    assertThatThrownBy(() -> builder.bindAddress(" ")).hasMessageContaining("blank");
    assertThatThrownBy(() -> builder.connectionIdleTimeout(Duration.ZERO))
        .hasMessageContaining("at least 1 ms");
    assertThatThrownBy(() -> builder.maxConnections(0)).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> builder.stopTimeout(Duration.ofSeconds(-1)))
        .hasMessageContaining("negative");
  }

  @Test
  void laterChangesToThePropertiesDoNotReachTheServer() {
    Properties properties = TestServers.hrProperties();
    BucketSqlServer.Builder builder =
        BucketSqlServer.builder(TestServers.URL).properties(properties);
    properties.setProperty("schema", "other");
    assertThat(builder.metaProperties().getProperty("schema")).isEqualTo("hr");
  }

  @Test
  void serializationNamesParse() {
    assertThat(Serialization.fromName("JSON")).isEqualTo(Serialization.JSON);
    assertThat(Serialization.fromName(" protobuf ")).isEqualTo(Serialization.PROTOBUF);
    assertThatThrownBy(() -> Serialization.fromName("xml"))
        .hasMessageContaining("Unknown serialization 'xml'; use one of protobuf, json");
  }
}
