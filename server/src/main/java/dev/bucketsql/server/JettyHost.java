package dev.bucketsql.server;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.storage.Causes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.DetectorConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty 12 side of the server: one connector (plain HTTP, or HTTPS when a keystore is given)
 * and the handler tree.
 *
 * <pre>
 * [PlainHttpOnTlsHandler, with TLS: answers plain-HTTP requests] ->
 * DrainingHandler -> SizeLimitHandler -> AuthHandler (all but /health) -> PathMappingsHandler
 *                                          /health           -> HealthHandler
 *                                          /status, /queries -> StatusHandler
 *                                          /queries/ID/cancel-> StatusHandler
 *                                          [/PATH]/queries/cancel -> ClientCancelHandler
 *                                          /                 -> AvaticaHttpHandler
 * </pre>
 */
final class JettyHost {
  static final String HEALTH_PATH = "/health";

  private static final Logger LOG = LoggerFactory.getLogger(JettyHost.class);

  private final Server server;
  private final ServerConnector connector;
  private final DrainingHandler draining;

  JettyHost(
      AvaticaHttpHandler avatica,
      StatusHandler status,
      ClientCancelHandler clientCancel,
      ClientAuth auth,
      LoginThrottle throttle,
      Tls tls,
      String bindAddress,
      int port,
      long maxRequestBytes,
      Duration stopTimeout) {
    requireNonNull(avatica, "avatica is null");
    requireNonNull(status, "status is null");
    requireNonNull(clientCancel, "clientCancel is null");
    requireNonNull(auth, "auth is null");
    requireNonNull(bindAddress, "bindAddress is null");
    requireNonNull(stopTimeout, "stopTimeout is null");

    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("bucketsql-http");
    server = new Server(threads);
    server.setStopTimeout(stopTimeout.toMillis());
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    if (tls == null) {
      connector = new ServerConnector(server, new HttpConnectionFactory(http));
    } else {
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStorePath(tls.keystore().toAbsolutePath().toString());
      ssl.setKeyStoreType("PKCS12");
      ssl.setKeyStorePassword(new String(tls.password()));
      http.setSecureScheme("https");
      SecureRequestCustomizer secure = new SecureRequestCustomizer();
      // Clients connecting by IP address send no SNI host name; do not refuse them.
      secure.setSniHostCheck(false);
      http.addCustomizer(secure);
      // The detector hands plain-HTTP connections to the HTTP factory instead of failing
      // their TLS handshake; PlainHttpOnTlsHandler then answers them with an error that
      // names https (a failed handshake sent Avatica's client into an endless retry).
      SslConnectionFactory tlsFactory = new SslConnectionFactory(ssl, "http/1.1");
      connector =
          new ServerConnector(
              server, new DetectorConnectionFactory(tlsFactory), new HttpConnectionFactory(http));
    }
    connector.setHost(bindAddress);
    connector.setPort(port);
    server.addConnector(connector);

    PathMappingsHandler routes = new PathMappingsHandler();
    routes.addMapping(PathSpec.from(HEALTH_PATH), new HealthHandler());
    routes.addMapping(PathSpec.from(StatusHandler.STATUS_PATH), status);
    routes.addMapping(PathSpec.from(StatusHandler.QUERIES_PATH), status);
    routes.addMapping(PathSpec.from(StatusHandler.QUERIES_PATH + "/*"), status);
    // Exact beats the prefix above; the regular expression serves Avatica URLs with a path.
    routes.addMapping(PathSpec.from(ClientCancelHandler.PATH), clientCancel);
    routes.addMapping(PathSpec.from(ClientCancelHandler.PREFIXED_PATH_REGEX), clientCancel);
    // "/" is the default mapping: Avatica clients POST to whatever path their URL names.
    routes.addMapping(PathSpec.from("/"), avatica);
    AuthHandler authHandler = new AuthHandler(routes, auth, Set.of(HEALTH_PATH), throttle);
    SizeLimitHandler sizeLimit = new SizeLimitHandler(maxRequestBytes, -1);
    sizeLimit.setHandler(authHandler);
    draining = new DrainingHandler(sizeLimit, avatica, HEALTH_PATH);
    server.setHandler(tls == null ? draining : new PlainHttpOnTlsHandler(draining, avatica));
  }

  /**
   * A PKCS12 keystore holding the server's certificate and private key.
   *
   * @param keystore the {@code .p12} file
   * @param password its password (also the key's password, as keytool makes them)
   */
  record Tls(Path keystore, char[] password) {
    Tls {
      requireNonNull(keystore, "keystore is null");
      requireNonNull(password, "password is null");
    }

    @Override
    public String toString() {
      return "Tls[" + keystore + "]";
    }
  }

  /**
   * Binds and starts; on failure everything started is stopped again.
   *
   * @return the address the operating system bound
   */
  InetSocketAddress start() throws IOException {
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly();
      throw new IOException(
          "Cannot listen on "
              + connector.getHost()
              + ":"
              + connector.getPort()
              + " ("
              + rootMessage(e)
              + "); choose another address or port, or stop the process using it",
          e);
    }
    return (InetSocketAddress) ((ServerSocketChannel) connector.getTransport()).getLocalAddress();
  }

  /** Starts refusing new requests while those in flight finish; see {@link DrainingHandler}. */
  void drain() {
    draining.shutdown();
  }

  /** Drains (up to the stop timeout), then closes the connector and the threads. */
  void stop() throws Exception {
    server.stop();
  }

  void join() throws InterruptedException {
    server.join();
  }

  private void stopQuietly() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.debug("Error while cleaning up a server that failed to start", e);
    }
  }

  private static String rootMessage(Throwable e) {
    return Causes.rootMessage(e);
  }
}
