package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/** The HTTP stack is Jetty 12, with avatica-server's Jetty 9.4 and javax.servlet kept out. */
class TransportTest {

  @Test
  void jettyIsTwelve() {
    assertThat(Server.getVersion()).startsWith("12.");
  }

  @Test
  void noServletApiOrJettyNineOnTheClasspath() {
    assertThatThrownBy(() -> Class.forName("javax.servlet.Servlet"))
        .isInstanceOf(ClassNotFoundException.class);
    // A Jetty 9 class with no Jetty 12 counterpart of the same name.
    assertThatThrownBy(() -> Class.forName("org.eclipse.jetty.server.handler.HandlerWrapper"))
        .isInstanceOf(ClassNotFoundException.class);
  }
}
