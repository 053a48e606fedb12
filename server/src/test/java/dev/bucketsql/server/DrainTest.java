package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * While the server drains before stopping, new Avatica requests get an error at once: a plain HTTP
 * 503 would make Avatica clients retry without end.
 */
// The timeout only turns the endless retry this test guards against into a failure.
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class DrainTest {

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void requestsDuringDrainGetAShuttingDownError(Serialization serialization) throws Exception {
    try (BucketSqlServer server =
        TestServers.start(TestServers.builder().serialization(serialization))) {
      Connection connection = DriverManager.getConnection(server.clientUrl());
      Statement statement = connection.createStatement();

      server.drain();

      assertThatThrownBy(() -> statement.executeQuery("select count(*) from emps"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("The BucketSQL server is shutting down");
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.port() + "/health"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(503);
    }
  }
}
