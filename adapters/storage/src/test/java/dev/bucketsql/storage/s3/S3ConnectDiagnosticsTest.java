package dev.bucketsql.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bucketsql.storage.StorageException;
import dev.bucketsql.storage.config.S3Settings;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Each way a connection can be misconfigured gives a message that names the cause and the fix.
 * Every case also checks that neither the secret nor the full key id leaks.
 */
@ExtendWith(S3ServerExtension.class)
class S3ConnectDiagnosticsTest {
  private static final Logger LOG = LoggerFactory.getLogger(S3ConnectDiagnosticsTest.class);

  /** Secrets used by the failing settings, looked for in every message of the cause chain. */
  private static final String WRONG_SECRET = "wrong-Secret-9f8e7d6c5b4a";

  private static final String UNKNOWN_KEY = "GKunknownkey0123456";

  @Test
  void wrongSecret(S3TestServer server) {
    String bucket = S3Fixtures.newBucket(server, "diag");
    S3Settings s =
        S3Fixtures.settings(server.endpoint(), bucket)
            .credentials(S3TestServer.ACCESS_KEY_ID, WRONG_SECRET, null)
            .build();
    StorageException e = connectFailure(s);
    assertThat(e).hasMessageContaining("the secret access key does not match key id GKte\u2026");
  }

  @Test
  void unknownKeyId(S3TestServer server) {
    String bucket = S3Fixtures.newBucket(server, "diag");
    S3Settings s =
        S3Fixtures.settings(server.endpoint(), bucket)
            .credentials(UNKNOWN_KEY, WRONG_SECRET, null)
            .build();
    StorageException e = connectFailure(s);
    assertThat(e)
        .hasMessageContaining("does not know access key id GKun\u2026")
        .hasMessageContaining("accessKeyId");
  }

  @Test
  void nothingListening() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    StorageException e = connectFailure(failing(URI.create("http://127.0.0.1:" + port)));
    assertThat(e)
        .hasMessageContaining("nothing is listening at 127.0.0.1:" + port)
        .hasMessageContaining("check the endpoint URL and port");
  }

  @Test
  void unresolvableHost() {
    // The test JVM resolves names from src/test/hosts only, so this lookup stays local.
    StorageException e =
        connectFailure(failing(URI.create("http://bucketsql-nowhere.invalid:3900")));
    assertThat(e)
        .hasMessageContaining("cannot resolve host bucketsql-nowhere.invalid")
        .hasMessageContaining("check DNS or /etc/hosts");
  }

  @Test
  void serverThatNeverAnswersTimesOut() throws Exception {
    // A listening socket whose connections nobody reads: the TCP connect succeeds, no answer comes.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      S3Settings s =
          failing(URI.create("http://127.0.0.1:" + silent.getLocalPort())).toBuilder()
              .socketTimeout(Duration.ofMillis(200))
              .maxAttempts(2)
              .build();
      StorageException e = connectFailure(s);
      assertThat(e)
          .hasMessageContaining("sent no answer within socketTimeout=200 ms")
          .hasMessageContaining("raise socketTimeout");
    }
  }

  @Test
  void endpointThatAcceptsNoConnectionFailsAfterOneConnectTimeout() throws Exception {
    // A listener that never accepts, with its backlog filled: the kernel drops further SYNs,
    // so the connect times out, as for a firewalled host, without leaving loopback.
    List<Socket> fillers = new ArrayList<>();
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      for (int i = 0; i < 8; i++) {
        Socket s = new Socket();
        try {
          s.connect(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 100);
          fillers.add(s);
        } catch (IOException e) {
          s.close();
          break;
        }
      }
      S3Settings s =
          failing(URI.create("http://127.0.0.1:" + full.getLocalPort())).toBuilder()
              .connectTimeout(Duration.ofMillis(300))
              .build();
      StorageException e = connectFailure(s);
      assertThat(e)
          .hasMessageContaining(
              "no TCP connection to 127.0.0.1:"
                  + full.getLocalPort()
                  + " within connectTimeout=300 ms");
    } finally {
      for (Socket s : fillers) {
        s.close();
      }
    }
  }

  @Test
  void noSuchBucketListsTheBucketsTheKeyCanSee(S3TestServer server) {
    String existing = S3Fixtures.newBucket(server, "diag-existing");
    S3Settings s = S3Fixtures.settings(server.endpoint(), "no-such-bucket-here").build();
    StorageException e = connectFailure(s);
    assertThat(e)
        .hasMessageContaining("bucket 'no-such-bucket-here' does not exist")
        .hasMessageContaining("can see: ")
        .hasMessageContaining(existing);
  }

  @Test
  void wrongRegionNamesTheRegionSentAndTheRegionExpected(S3TestServer server) throws Exception {
    String bucket = S3Fixtures.newBucket(server, "diag");
    try (FaultProxy front = new FaultProxy(server.port())) {
      front.requireRegion(S3TestServer.REGION);
      try (S3ObjectStore ok =
          S3ObjectStore.connect(S3Fixtures.settings(front.endpoint(), bucket).build())) {
        assertThat(ok.list("")).isEmpty();
      }
      S3Settings s = S3Fixtures.settings(front.endpoint(), bucket).region("us-east-1").build();
      StorageException e = connectFailure(s);
      assertThat(e)
          .hasMessageContaining("region 'us-east-1'")
          .hasMessageContaining("expects region 'garage-fast'")
          .hasMessageContaining("set region=garage-fast");
    }
  }

  /** Servers whose answer names no region still get a message that says which key to set. */
  @Test
  void wrongRegionWithoutAHintStillSaysWhatToSet() {
    S3Settings s = failing(URI.create("http://127.0.0.1:1"));
    S3Errors errors = new S3Errors(s);
    S3Exception answer =
        (S3Exception)
            S3Exception.builder()
                .statusCode(400)
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("AuthorizationHeaderMalformed")
                        .errorMessage("the authorization header is malformed")
                        .build())
                .build();
    assertThat(errors.translate(answer, "checking s3://b/"))
        .hasMessageContaining("rejected region 'us-east-1'")
        .hasMessageContaining("set region=");
  }

  private static S3Settings failing(URI endpoint) {
    return S3Settings.builder()
        .endpoint(endpoint)
        .bucket("any")
        .credentials(S3TestServer.ACCESS_KEY_ID, WRONG_SECRET, null)
        .connectTimeout(Duration.ofSeconds(2))
        .retryBaseDelay(Duration.ofMillis(1))
        .build();
  }

  private static StorageException connectFailure(S3Settings s) {
    StorageException e =
        catchThrowableOfType(StorageException.class, () -> S3ObjectStore.connect(s).close());
    assertThat(e).as("connect to %s should fail", s).isNotNull();
    LOG.info("connect failure message: {}", e.getMessage());
    assertThat(e.getMessage()).doesNotContain(s.accessKeyId());
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(s.secretAccessKey());
      assertThat(t.toString()).doesNotContain(s.secretAccessKey());
    }
    return e;
  }
}
