package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plain HTTP surface: the health check, wrong methods and oversized bodies. */
class HttpEndpointsTest {
  private static final long MAX_REQUEST_BYTES = 4096;

  private static BucketSqlServer server;
  private static HttpClient http;

  @BeforeAll
  static void start() {
    server = TestServers.start(TestServers.builder().maxRequestBytes(MAX_REQUEST_BYTES));
    http = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void healthAnswersOk() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/health")).GET());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
  }

  @Test
  void healthRefusesPost() throws Exception {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(uri("/health")).POST(HttpRequest.BodyPublishers.ofString("x")));
    assertThat(response.statusCode()).isEqualTo(405);
  }

  @Test
  void avaticaEndpointRefusesGetWithAHint() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/")).GET());
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).contains("POST");
    assertThat(response.body()).contains("jdbc:avatica:remote:");
  }

  @Test
  void oversizedRequestIsRefused() throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/"))
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(new byte[(int) MAX_REQUEST_BYTES + 1])));
    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void garbageBodyGetsAnErrorNotACrash() throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3, 4})));
    assertThat(response.statusCode()).isEqualTo(500);
    // The server keeps serving after a malformed request.
    assertThat(send(HttpRequest.newBuilder(uri("/health")).GET()).statusCode()).isEqualTo(200);
  }

  @Test
  void serverVersionIsNotAdvertised() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/health")).GET());
    assertThat(response.headers().firstValue("Server")).isEmpty();
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
