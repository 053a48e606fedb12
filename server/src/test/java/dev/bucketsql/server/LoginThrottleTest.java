package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed logins per client address: free ones, then HTTP 429 with a Retry-After that doubles, while
 * other addresses log in as usual. Time is a test clock, never the wall clock.
 */
class LoginThrottleTest {
  private static final long SECOND = 1_000_000_000L;

  @TempDir Path directory;

  @Test
  void delaysDoubleUpToTheMaximumAndAreForgottenLater() {
    AtomicLong clock = new AtomicLong(-5 * SECOND); // nanoTime may be negative
    LoginThrottle throttle = new LoginThrottle(clock::get);
    for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
      throttle.failed("10.0.0.1");
      assertThat(throttle.retryAfterSeconds("10.0.0.1")).as("failure %d is free", i + 1).isZero();
    }
    throttle.failed("10.0.0.1");
    assertThat(throttle.retryAfterSeconds("10.0.0.1")).isEqualTo(1);
    assertThat(throttle.retryAfterSeconds("10.0.0.2")).as("another address").isZero();
    throttle.failed("10.0.0.1");
    assertThat(throttle.retryAfterSeconds("10.0.0.1")).isEqualTo(2);
    throttle.failed("10.0.0.1");
    assertThat(throttle.retryAfterSeconds("10.0.0.1")).isEqualTo(4);
    clock.addAndGet(4 * SECOND);
    assertThat(throttle.retryAfterSeconds("10.0.0.1")).isZero();
    for (int i = 0; i < 20; i++) {
      throttle.failed("10.0.0.1");
    }
    assertThat(throttle.retryAfterSeconds("10.0.0.1"))
        .isEqualTo(LoginThrottle.MAX_DELAY.toSeconds());
    clock.addAndGet(LoginThrottle.FORGET_AFTER.toNanos());
    assertThat(throttle.retryAfterSeconds("10.0.0.1")).isZero();
    throttle.failed("10.0.0.1");
    assertThat(throttle.retryAfterSeconds("10.0.0.1")).as("starts afresh").isZero();
  }

  @Test
  void memoryIsBoundedWhateverTheNumberOfAddresses() {
    LoginThrottle throttle = new LoginThrottle(() -> 0L);
    for (int i = 0; i < LoginThrottle.MAX_ADDRESSES + 500; i++) {
      throttle.failed("10.1." + (i >> 8) + "." + (i & 255));
    }
    assertThat(throttle.trackedAddresses()).isEqualTo(LoginThrottle.MAX_ADDRESSES);
  }

  @Test
  void serverAnswers429ToTheGuessingAddressOnly() throws Exception {
    Path users = directory.resolve("users");
    Files.writeString(
        users, UsersFile.hashLine("alice", "alice-password".toCharArray(), 1000) + "\n");
    AtomicLong clock = new AtomicLong();
    try (BucketSqlServer server =
        TestServers.start(
            TestServers.builder()
                .auth(ClientAuth.of(UsersFile.read(users), null))
                .loginThrottle(new LoginThrottle(clock::get)))) {
      InetAddress guesser = InetAddress.getByName("127.0.0.1");
      for (int i = 0; i <= LoginThrottle.FREE_FAILURES; i++) {
        assertThat(get(server, guesser, "alice", "guess-" + i)).startsWith("HTTP/1.1 401");
      }
      // Refused before the password is checked: the right one gets the same answer.
      String refused = get(server, guesser, "alice", "alice-password");
      assertThat(refused)
          .startsWith("HTTP/1.1 429")
          .containsIgnoringCase("Retry-After: 1\r\n")
          .contains("Too many failed logins");
      // Another client address logs in as usual.
      assertThat(get(server, InetAddress.getByName("127.0.0.2"), "alice", "alice-password"))
          .startsWith("HTTP/1.1 200");
      // The remote driver says what happened, with a SQLSTATE.
      String url =
          server.remoteDriverUrl()
              + ";authentication=BASIC;avatica_user=alice;avatica_password=alice-password";
      assertThatThrownBy(() -> DriverManager.getConnection(url).close())
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08004"))
          .hasMessageContaining("repeated failed logins");
      clock.addAndGet(Duration.ofSeconds(1).toNanos());
      assertThat(get(server, guesser, "alice", "alice-password")).startsWith("HTTP/1.1 200");
    }
  }

  /** GET /queries from a chosen loopback address (java.net.http cannot choose one on Java 17). */
  private static String get(BucketSqlServer server, InetAddress from, String user, String password)
      throws Exception {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(server.boundAddress(), 5000);
      socket.setSoTimeout(10_000);
      String credentials =
          Base64.getEncoder()
              .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /queries HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic "
                  + credentials
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      return all.toString(StandardCharsets.UTF_8);
    }
  }
}
