package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Closing a connection closes its object store and HTTP connection pool: opening and closing many
 * connections leaves no more client threads and no more open connections to the S3 server behind.
 *
 * <p>The S3 server runs in this JVM, so its own worker threads and its half of each socket are left
 * out of the counts: threads named {@code S3Proxy-*} are not counted, and sockets are counted as
 * established TCP connections whose remote port is the server's (the client halves). A pool left
 * open keeps its keep-alive connection established, so a leak of one pool per connection shows as
 * about fifty more. Where {@code /proc/net/tcp} does not exist, the JVM's open file descriptor
 * count (both halves, closing asynchronously) stands in with a wider margin.
 */
@ExtendWith(S3ServerExtension.class)
class CloseReleasesTest {
  private static final int CONNECTIONS = 50;
  private static final int THREAD_SLACK = 5;
  private static final int SOCKET_SLACK = 3;
  private static final int DESCRIPTOR_SLACK = 30;

  private static S3TestServer server;

  @BeforeAll
  static void sample(S3TestServer shared) {
    server = shared;
    SampleBucket.ensure(server);
  }

  @Test
  void closingConnectionsReleasesThreadsAndSockets() throws Exception {
    // Warm up: class loading and any threads the SDK shares between clients.
    for (int i = 0; i < 3; i++) {
      openQueryClose();
    }
    int threadsBefore = clientThreads();
    long socketsBefore = clientSocketsToServer();
    long descriptorsBefore = openDescriptors();

    for (int i = 0; i < CONNECTIONS; i++) {
      openQueryClose();
    }

    assertThat(clientThreads())
        .as("threads outside the S3 server before %d connections: %d", CONNECTIONS, threadsBefore)
        .isLessThanOrEqualTo(threadsBefore + THREAD_SLACK);
    if (socketsBefore >= 0) {
      assertThat(clientSocketsToServer())
          .as(
              "established connections to the S3 server before %d connections: %d",
              CONNECTIONS, socketsBefore)
          .isLessThanOrEqualTo(socketsBefore + SOCKET_SLACK);
    } else if (descriptorsBefore >= 0) {
      assertThat(openDescriptors())
          .as("open file descriptors before %d connections: %d", CONNECTIONS, descriptorsBefore)
          .isLessThanOrEqualTo(descriptorsBefore + DESCRIPTOR_SLACK);
    }
  }

  @Test
  void closeIsIdempotentAndTheConnectionSaysItIsClosed() throws SQLException {
    Connection c = SampleBucket.connect(server);
    c.close();
    c.close();
    assertThat(c.isClosed()).isTrue();
  }

  private static void openQueryClose() throws SQLException {
    try (Connection c = SampleBucket.connect(server);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM PP_users")) {
      assertThat(rs.next()).isTrue();
    }
  }

  private static int clientThreads() {
    return (int)
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !t.getName().startsWith("S3Proxy"))
            .count();
  }

  /**
   * Established TCP connections whose remote port is the S3 server's, from /proc/net/tcp and tcp6;
   * -1 where those files do not exist.
   */
  private static long clientSocketsToServer() throws IOException {
    String port = ":" + String.format(Locale.ROOT, "%04X", server.port());
    long n = 0;
    boolean found = false;
    for (Path table : List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"))) {
      if (!Files.isReadable(table)) {
        continue;
      }
      found = true;
      for (String line : Files.readAllLines(table)) {
        String[] f = line.trim().split("\\s+");
        // sl local_address rem_address st ...; st 01 is ESTABLISHED
        if (f.length > 3 && f[2].endsWith(port) && f[3].equals("01")) {
          n++;
        }
      }
    }
    return found ? n : -1;
  }

  /** Open file descriptors of this JVM, or -1 where the JVM cannot say. */
  private static long openDescriptors() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : -1;
  }
}
