package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of ServerMain. */
class ServerOptionsTest {

  @Test
  void defaultsNeedOnlyTheUrl() {
    ServerOptions options = ServerOptions.parse("--url", "jdbc:calcite:");
    assertThat(options)
        .isEqualTo(
            new ServerOptions(
                false,
                "jdbc:calcite:",
                "127.0.0.1",
                8765,
                Serialization.PROTOBUF,
                Optional.empty()));
  }

  @Test
  void everyOptionInBothSpellings() {
    ServerOptions options =
        ServerOptions.parse(
            "--url=jdbc:calcite:",
            "--bind",
            "0.0.0.0",
            "--port=0",
            "--serialization",
            "JSON",
            "--properties=/tmp/x.properties");
    assertThat(options)
        .isEqualTo(
            new ServerOptions(
                false,
                "jdbc:calcite:",
                "0.0.0.0",
                0,
                Serialization.JSON,
                Optional.of(Path.of("/tmp/x.properties"))));
  }

  @Test
  void helpNeedsNoUrl() {
    assertThat(ServerOptions.parse("--help").help()).isTrue();
    assertThat(ServerOptions.USAGE)
        .contains("--url", "--bind", "--port", "--serialization", "--help");
  }

  @Test
  void mistakesAreExplained() {
    assertThatThrownBy(ServerOptions::parse).hasMessageContaining("--url is required");
    assertThatThrownBy(() -> ServerOptions.parse("--url"))
        .hasMessageContaining("--url needs a value");
    assertThatThrownBy(() -> ServerOptions.parse("--url", "jdbc:x:", "--port", "http"))
        .hasMessageContaining("--port must be a number from 0 to 65535, got 'http'");
    assertThatThrownBy(() -> ServerOptions.parse("--url", "jdbc:x:", "--port", "70000"))
        .hasMessageContaining("--port must be a number from 0 to 65535");
    assertThatThrownBy(() -> ServerOptions.parse("--url", "jdbc:x:", "--verbose"))
        .hasMessageContaining("Unknown option '--verbose'");
    assertThatThrownBy(() -> ServerOptions.parse("--url", "jdbc:x:", "--serialization", "xml"))
        .hasMessageContaining("Unknown serialization 'xml'");
  }

  @Test
  void propertiesFileFeedsTheServer(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("server.properties");
    Files.writeString(
        file,
        "schemaFactory=" + HrSchemaFactory.class.getName() + "\nschema=hr\n",
        StandardCharsets.UTF_8);
    BucketSqlServer.Builder builder =
        ServerOptions.parse("--url", "jdbc:calcite:", "--properties", file.toString()).toBuilder();
    assertThat(builder.metaProperties().getProperty("schema")).isEqualTo("hr");
  }

  @Test
  void missingPropertiesFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("missing.properties");
    ServerOptions options =
        ServerOptions.parse("--url", "jdbc:calcite:", "--properties", missing.toString());
    assertThatThrownBy(options::toBuilder)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("Cannot read the properties file " + missing);
  }
}
