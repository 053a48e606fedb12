package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Where the server listens, and the client URL it hands out. */
class BindAddressTest {

  @Test
  void bindsLoopbackByDefault() throws IOException {
    try (BucketSqlServer server = TestServers.start(TestServers.builder())) {
      InetSocketAddress bound = server.boundAddress();
      assertThat(bound.getAddress()).isEqualTo(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
      assertThat(bound.getPort()).isEqualTo(server.port()).isPositive();
    }
  }

  @Test
  void clientUrlNamesAddressPortAndSerialization() {
    try (BucketSqlServer protobuf = TestServers.start(TestServers.builder());
        BucketSqlServer json =
            TestServers.start(TestServers.builder().serialization(Serialization.JSON))) {
      assertThat(protobuf.clientUrl())
          .isEqualTo(
              "jdbc:avatica:remote:url=http://127.0.0.1:"
                  + protobuf.port()
                  + ";serialization=protobuf");
      assertThat(json.clientUrl())
          .isEqualTo(
              "jdbc:avatica:remote:url=http://127.0.0.1:" + json.port() + ";serialization=json");
    }
  }

  @Test
  void portInUseIsAClearError() {
    try (BucketSqlServer first = TestServers.start(TestServers.builder())) {
      BucketSqlServer second = TestServers.builder().port(first.port()).build();
      assertThatThrownBy(second::start)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("Cannot listen on 127.0.0.1:" + first.port())
          .hasMessageContaining("choose another address or port");
    }
  }

  @Test
  void addressIsOnlyKnownWhileRunning() {
    BucketSqlServer server = TestServers.builder().build();
    assertThatThrownBy(server::port)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not running");
    assertThatThrownBy(server::clientUrl).isInstanceOf(IllegalStateException.class);
  }
}
