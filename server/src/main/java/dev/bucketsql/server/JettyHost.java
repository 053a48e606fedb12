package dev.bucketsql.server;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty 12 side of the server: one plain-HTTP connector and the handler tree. New
 * endpoints (status, cancel) and later authentication or TLS are added here.
 *
 * <pre>
 * DrainingHandler -> SizeLimitHandler -> PathMappingsHandler
 *                                          /health -> HealthHandler
 *                                          /       -> AvaticaHttpHandler
 * </pre>
 */
final class JettyHost {
    static final String HEALTH_PATH = "/health";

    private static final Logger LOG = LoggerFactory.getLogger(JettyHost.class);

    private final Server server;
    private final ServerConnector connector;
    private final DrainingHandler draining;

    JettyHost(AvaticaHttpHandler avatica, String bindAddress, int port, long maxRequestBytes, Duration stopTimeout) {
        requireNonNull(avatica, "avatica is null");
        requireNonNull(bindAddress, "bindAddress is null");
        requireNonNull(stopTimeout, "stopTimeout is null");

        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("bucketsql-http");
        server = new Server(threads);
        server.setStopTimeout(stopTimeout.toMillis());
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(bindAddress);
        connector.setPort(port);
        server.addConnector(connector);

        PathMappingsHandler routes = new PathMappingsHandler();
        routes.addMapping(PathSpec.from(HEALTH_PATH), new HealthHandler());
        // "/" is the default mapping: Avatica clients POST to whatever path their URL names.
        routes.addMapping(PathSpec.from("/"), avatica);
        SizeLimitHandler sizeLimit = new SizeLimitHandler(maxRequestBytes, -1);
        sizeLimit.setHandler(routes);
        draining = new DrainingHandler(sizeLimit, avatica, HEALTH_PATH);
        server.setHandler(draining);
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
            throw new IOException("Cannot listen on " + connector.getHost() + ":" + connector.getPort()
                    + " (" + rootMessage(e) + "); choose another address or port, or stop the process using it", e);
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
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
