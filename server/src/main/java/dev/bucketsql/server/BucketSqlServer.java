package dev.bucketsql.server;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.server.pg.PgServer;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.jdbc.JdbcMeta.ConnectionCacheSettings;
import org.apache.calcite.avatica.jdbc.JdbcMeta.StatementCacheSettings;
import org.apache.calcite.avatica.metrics.MetricsSystem;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.LocalService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Avatica HTTP server that serves one JDBC URL to remote JDBC clients.
 *
 * <p>Each remote connection gets its own connection of the underlying driver, opened with the
 * server's {@link Properties}. Clients connect with {@link #clientUrl()}, for example {@code
 * jdbc:avatica:remote:url=http://127.0.0.1:8765;serialization=protobuf}, or with {@link
 * #remoteDriverUrl()} for BucketSQL's remote driver, whose {@code Statement.cancel()} and query
 * timeouts reach the server ({@code POST /queries/cancel}). The server also answers {@code GET
 * /health}.
 *
 * <p>A server starts once; after {@link #stop()} build a new one. It listens on 127.0.0.1 unless
 * told otherwise. With a {@link ClientAuth} every request but {@code /health} must authenticate;
 * with a keystore it speaks HTTPS only. {@code /status} lists the running queries and cancels them
 * (see {@code docs/server.md}).
 */
public final class BucketSqlServer implements AutoCloseable {
  /** The port used when none is set: Avatica's customary port. */
  public static final int DEFAULT_PORT = 8765;

  /** The address listened on when none is set: loopback only. */
  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

  /** How long an unused client connection stays open: Avatica's default, 10 minutes. */
  public static final Duration DEFAULT_CONNECTION_IDLE_TIMEOUT = Duration.ofMinutes(10);

  /** How long an unused statement stays open: Avatica's default, 5 minutes. */
  public static final Duration DEFAULT_STATEMENT_IDLE_TIMEOUT = Duration.ofMinutes(5);

  /** The most client connections held open at once: Avatica's default. */
  public static final long DEFAULT_MAX_CONNECTIONS = 1000;

  /** The largest request body accepted, in bytes (large enough for big batch inserts). */
  public static final long DEFAULT_MAX_REQUEST_BYTES = 64L * 1024 * 1024;

  /** How long {@link #stop()} waits for requests in flight. */
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

  /** PostgreSQL's customary port, for {@link Builder#pgPort(int)}. */
  public static final int DEFAULT_PG_PORT = 5432;

  /** The most PostgreSQL client connections served at once: PostgreSQL's default. */
  public static final int DEFAULT_PG_MAX_CONNECTIONS = 100;

  private static final Logger LOG = LoggerFactory.getLogger(BucketSqlServer.class);
  private static final Pattern URL_PREFIX = Pattern.compile("^(jdbc:[^:;]+:)");

  private enum State {
    NEW,
    STARTED,
    STOPPED
  }

  private final String jdbcUrl;
  private final Driver driver;
  private final Properties info;
  private final Set<String> allowedClientProperties;
  private final String bindAddress;
  private final int requestedPort;
  private final Serialization serialization;
  private final long maxRequestBytes;
  private final Duration stopTimeout;
  private final ClientAuth auth;
  private final Set<String> admins;
  private final LoginThrottle loginThrottle;
  private final JettyHost.Tls tls;
  private final Duration queryTimeout;
  private final boolean avaticaEnabled;
  private final int requestedPgPort;
  private final int pgMaxConnections;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final QueryRegistry queries = new QueryRegistry();
  private final ClientCancels clientCancels = new ClientCancels(queries);

  private State state = State.NEW;
  private JettyHost http;
  private ServerJdbcMeta meta;
  private InetSocketAddress boundAddress;
  private String urlHost;
  private PgServer pg;
  private InetSocketAddress pgAddress;

  private BucketSqlServer(Builder builder, Driver driver, Properties info) {
    this.jdbcUrl = builder.jdbcUrl;
    this.driver = driver;
    this.info = info;
    this.allowedClientProperties = Set.copyOf(builder.allowedClientProperties);
    this.bindAddress = builder.bindAddress;
    this.requestedPort = builder.port;
    this.serialization = builder.serialization;
    this.maxRequestBytes = builder.maxRequestBytes;
    this.stopTimeout = builder.stopTimeout;
    this.auth = builder.auth;
    this.admins = Set.copyOf(builder.admins);
    this.loginThrottle =
        builder.loginThrottle == null ? new LoginThrottle() : builder.loginThrottle;
    this.tls = builder.tls;
    this.queryTimeout = builder.queryTimeout;
    this.avaticaEnabled = builder.avatica;
    this.requestedPgPort = builder.pgPort;
    this.pgMaxConnections = builder.pgMaxConnections;
  }

  /**
   * Returns a builder for a server of the given JDBC URL.
   *
   * @param jdbcUrl the URL each remote connection opens, such as {@code jdbc:bucketsql:...}
   * @return a new builder with the defaults documented on this class's constants
   */
  public static Builder builder(String jdbcUrl) {
    return new Builder(jdbcUrl);
  }

  /**
   * Starts listening. Returns once the server accepts connections.
   *
   * @throws IOException if the address or port cannot be bound
   * @throws IllegalStateException if the server was started before
   */
  public synchronized void start() throws IOException {
    if (state != State.NEW) {
      throw new IllegalStateException("A server starts only once; build a new one");
    }
    state = State.STOPPED; // until start succeeds; a failed server is not retried
    if (avaticaEnabled) {
      startAvatica();
    }
    if (requestedPgPort >= 0) {
      try {
        startPg();
      } catch (IOException | RuntimeException e) {
        stopAvatica();
        throw e;
      }
    }
    state = State.STARTED;
    InetSocketAddress any = boundAddress != null ? boundAddress : pgAddress;
    if (!any.getAddress().isLoopbackAddress() && (!auth.required() || tls == null)) {
      LOG.warn(
          "Listening on {}, which other machines may reach, {}",
          any.getAddress(),
          !auth.required()
              ? "without authentication: anyone who reaches it can query the bucket"
              : "without TLS: passwords and results cross the network in clear text");
    }
  }

  private void startAvatica() throws IOException {
    MetricsSystem metrics = NoopMetricsSystem.getInstance();
    try {
      meta =
          new ServerJdbcMeta(
              jdbcUrl, driver, info, allowedClientProperties, queries, clientCancels, queryTimeout);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot set up the JDBC layer: " + e.getMessage(), e);
    }
    AvaticaHttpHandler avatica =
        new AvaticaHttpHandler(
            serialization,
            new OwnerCheckingService(new LocalService(meta, metrics), meta),
            metrics);
    // Without authentication every client is the same anonymous user, who sees everything.
    StatusHandler status =
        new StatusHandler(queries, user -> !auth.required() || admins.contains(user));
    JettyHost host =
        new JettyHost(
            avatica,
            status,
            new ClientCancelHandler(clientCancels),
            auth,
            loginThrottle,
            tls,
            bindAddress,
            requestedPort,
            maxRequestBytes,
            stopTimeout);
    try {
      boundAddress = host.start();
    } catch (IOException e) {
      meta.closeAll();
      throw e;
    }
    http = host;
    urlHost = urlHost(boundAddress.getAddress());
    avatica.setServerAddress(urlHost + ":" + boundAddress.getPort());
    LOG.info(
        "Serving {} over Avatica/{} on {}; clients connect with {}; authentication: {}",
        redact(jdbcUrl),
        serialization.urlValue(),
        boundAddress,
        "jdbc:avatica:remote:url="
            + (tls == null ? "http" : "https")
            + "://"
            + urlHost
            + ":"
            + boundAddress.getPort()
            + ";serialization="
            + serialization.urlValue(),
        auth);
  }

  private void startPg() throws IOException {
    // The PostgreSQL endpoint opens its own connections (one per client); the Avatica
    // endpoint's connection cache plays no part in it.
    Properties pgInfo = new Properties();
    for (String name : info.stringPropertyNames()) {
      if (!name.startsWith("avatica.")) {
        pgInfo.setProperty(name, info.getProperty(name));
      }
    }
    // The Avatica endpoint's connection idle timeout applies to PostgreSQL connections too.
    String idle = info.getProperty(ConnectionCacheSettings.EXPIRY_DURATION.key());
    PgBridge bridge =
        new PgBridge(
            jdbcUrl,
            driver,
            pgInfo,
            auth,
            loginThrottle,
            queries,
            queryTimeout,
            idle == null
                ? DEFAULT_CONNECTION_IDLE_TIMEOUT
                : Duration.ofMillis(Long.parseLong(idle)));
    PgServer server =
        new PgServer(
            bridge,
            tls == null ? null : PgTls.context(tls.keystore(), tls.password()),
            pgMaxConnections);
    pgAddress = server.start(bindAddress, requestedPgPort);
    pg = server;
    LOG.info(
        "Serving {} over the PostgreSQL protocol on {}; clients connect with {}; authentication: {}",
        redact(jdbcUrl),
        pgAddress,
        pgUrlFor(pgAddress),
        auth);
  }

  /**
   * Returns the port the server listens on; the real one when port 0 was requested.
   *
   * @return the bound port
   * @throws IllegalStateException if the server is not running
   */
  public synchronized int port() {
    return requireAvatica().getPort();
  }

  /**
   * Returns the socket address the server listens on, as the operating system reports it.
   *
   * @return the bound address and port
   * @throws IllegalStateException if the server is not running
   */
  public synchronized InetSocketAddress boundAddress() {
    return requireAvatica();
  }

  /**
   * Returns the JDBC URL a remote client uses, such as {@code
   * jdbc:avatica:remote:url=http://127.0.0.1:8765;serialization=protobuf}. When the server listens
   * on every interface, the URL names loopback.
   *
   * @return the Avatica client URL
   * @throws IllegalStateException if the server is not running
   */
  public synchronized String clientUrl() {
    requireAvatica();
    return "jdbc:avatica:remote:url=" + httpUrl() + ";serialization=" + serialization.urlValue();
  }

  /**
   * Returns the URL for BucketSQL's remote driver, such as {@code
   * jdbc:bucketsql:remote:url=http://127.0.0.1:8765;serialization=protobuf}: the same server and
   * properties as {@link #clientUrl()}, with a {@code Statement.cancel()} and a query timeout that
   * stop the query on the server.
   *
   * @return the BucketSQL remote driver URL
   * @throws IllegalStateException if the server is not running
   */
  public synchronized String remoteDriverUrl() {
    requireAvatica();
    return "jdbc:bucketsql:remote:url=" + httpUrl() + ";serialization=" + serialization.urlValue();
  }

  /**
   * Returns the server's base HTTP address, such as {@code http://127.0.0.1:8765}; the status page
   * is at {@code /status} under it.
   *
   * @return the base URL, {@code https} when TLS is on
   * @throws IllegalStateException if the server is not running
   */
  public synchronized String httpUrl() {
    InetSocketAddress address = requireAvatica();
    return (tls == null ? "http" : "https") + "://" + urlHost + ":" + address.getPort();
  }

  /**
   * Returns the port of the PostgreSQL endpoint; the real one when port 0 was requested.
   *
   * @return the bound port
   * @throws IllegalStateException if the server is not running or has no PostgreSQL endpoint
   */
  public synchronized int pgPort() {
    return requirePg().getPort();
  }

  /**
   * Returns the pgjdbc URL of the PostgreSQL endpoint, such as {@code
   * jdbc:postgresql://127.0.0.1:5432/bucketsql}; with TLS it adds {@code ?ssl=true}.
   *
   * @return the URL
   * @throws IllegalStateException if the server is not running or has no PostgreSQL endpoint
   */
  public synchronized String pgUrl() {
    return pgUrlFor(requirePg());
  }

  private String pgUrlFor(InetSocketAddress address) {
    return "jdbc:postgresql://"
        + urlHost(address.getAddress())
        + ":"
        + address.getPort()
        + "/bucketsql"
        + (tls == null ? "" : "?ssl=true&sslmode=verify-full");
  }

  /** The running queries; package-private for tests. */
  QueryRegistry queries() {
    return queries;
  }

  /**
   * Returns the wire format this server speaks.
   *
   * @return the serialization
   */
  public Serialization serialization() {
    return serialization;
  }

  /**
   * Stops accepting connections, lets requests in flight finish (up to the stop timeout), then
   * closes every client's JDBC connection. Calling it again does nothing.
   */
  public synchronized void stop() {
    State previous = state;
    state = State.STOPPED;
    stopped.countDown();
    if (previous != State.STARTED) {
      return;
    }
    if (pg != null) {
      pg.stop();
      LOG.info("Stopped the PostgreSQL endpoint on {}", pgAddress);
    }
    stopAvatica();
  }

  private void stopAvatica() {
    if (http == null) {
      return;
    }
    try {
      http.stop();
    } catch (Exception e) {
      LOG.warn("Error while stopping the HTTP server on {}", boundAddress, e);
    } finally {
      long open = meta.openConnectionCount();
      meta.closeAll();
      LOG.info("Stopped the server on {}; closed {} client connection(s)", boundAddress, open);
    }
  }

  /**
   * The first phase of {@link #stop()} on its own: from now on new requests get a "shutting down"
   * error (HTTP 503 for the health check) while requests in flight finish. Package-private so tests
   * can observe the phase that stop() passes through quickly.
   */
  synchronized void drain() {
    requireAvatica();
    http.drain();
  }

  /**
   * Waits until the server has stopped, for a main thread that has nothing else to do.
   *
   * @throws InterruptedException if the waiting thread is interrupted
   * @throws IllegalStateException if the server was never started
   */
  public void join() throws InterruptedException {
    synchronized (this) {
      if (state == State.NEW) {
        throw new IllegalStateException("The server was never started");
      }
    }
    stopped.await();
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /** Describes the server without secrets: the JDBC URL is cut after its subprotocol. */
  @Override
  public synchronized String toString() {
    String where =
        state == State.STARTED
            ? String.valueOf(boundAddress != null ? boundAddress : pgAddress)
            : state.name().toLowerCase(Locale.ROOT);
    return "BucketSqlServer["
        + redact(jdbcUrl)
        + ", "
        + serialization.urlValue()
        + ", "
        + where
        + "]";
  }

  /**
   * Shortens a JDBC URL to {@code jdbc:subprotocol:...}, the only part safe to log: the rest may
   * carry credentials.
   */
  static String redact(String jdbcUrl) {
    Matcher matcher = URL_PREFIX.matcher(jdbcUrl);
    return matcher.find() ? matcher.group(1) + "..." : "jdbc:...";
  }

  private InetSocketAddress requireAvatica() {
    if (state != State.STARTED) {
      throw new IllegalStateException("The server is not running (state " + state + ")");
    }
    if (boundAddress == null) {
      throw new IllegalStateException(
          "The server has no Avatica endpoint (built with avatica(false))");
    }
    return boundAddress;
  }

  private InetSocketAddress requirePg() {
    if (state != State.STARTED) {
      throw new IllegalStateException("The server is not running (state " + state + ")");
    }
    if (pgAddress == null) {
      throw new IllegalStateException("The server has no PostgreSQL endpoint (set Builder.pgPort)");
    }
    return pgAddress;
  }

  private static String urlHost(InetAddress address) {
    if (address.isAnyLocalAddress()) {
      // Listening everywhere; loopback is the one address sure to reach it from here.
      return address instanceof Inet6Address ? "[::1]" : "127.0.0.1";
    }
    String literal = address.getHostAddress();
    return address instanceof Inet6Address ? "[" + literal + "]" : literal;
  }

  /** Configures a {@link BucketSqlServer}; {@link #build()} checks the settings. */
  public static final class Builder {
    private final String jdbcUrl;
    private Properties properties = new Properties();
    private Set<String> allowedClientProperties = Set.of();
    private String bindAddress = DEFAULT_BIND_ADDRESS;
    private int port = DEFAULT_PORT;
    private Serialization serialization = Serialization.PROTOBUF;
    private Duration connectionIdleTimeout = DEFAULT_CONNECTION_IDLE_TIMEOUT;
    private Duration statementIdleTimeout = DEFAULT_STATEMENT_IDLE_TIMEOUT;
    private long maxConnections = DEFAULT_MAX_CONNECTIONS;
    private long maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
    private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
    private ClientAuth auth = ClientAuth.none();
    private Set<String> admins = Set.of();
    private LoginThrottle loginThrottle;
    private JettyHost.Tls tls;
    private Duration queryTimeout = Duration.ZERO;
    private boolean avatica = true;
    private int pgPort = -1;
    private int pgMaxConnections = DEFAULT_PG_MAX_CONNECTIONS;

    private Builder(String jdbcUrl) {
      this.jdbcUrl = requireNonNull(jdbcUrl, "jdbcUrl is null");
    }

    /**
     * Sets the connection properties every client connection is opened with (copied). Keys starting
     * with {@code avatica.} are refused: set those through this builder.
     *
     * @param properties driver properties, such as credentials
     * @return this builder
     */
    public Builder properties(Properties properties) {
      requireNonNull(properties, "properties is null");
      Properties copy = new Properties();
      for (String name : properties.stringPropertyNames()) {
        copy.setProperty(name, properties.getProperty(name));
      }
      this.properties = copy;
      return this;
    }

    /**
     * Names the connection properties a remote client may set for its own connection (they override
     * the server's). By default none: what the server serves is decided by the server alone.
     *
     * @param keys property keys, such as {@code timeZone}
     * @return this builder
     */
    public Builder allowedClientProperties(Set<String> keys) {
      this.allowedClientProperties = Set.copyOf(requireNonNull(keys, "keys is null"));
      return this;
    }

    /**
     * Sets the address to listen on; {@value #DEFAULT_BIND_ADDRESS} by default. Use {@code 0.0.0.0}
     * or {@code ::} only when other machines must connect.
     *
     * @param bindAddress an IP address or host name of this machine
     * @return this builder
     */
    public Builder bindAddress(String bindAddress) {
      requireNonNull(bindAddress, "bindAddress is null");
      if (bindAddress.isBlank()) {
        throw new IllegalArgumentException(
            "bindAddress is blank; use an IP address such as 127.0.0.1");
      }
      this.bindAddress = bindAddress.trim();
      return this;
    }

    /**
     * Sets the port; {@value #DEFAULT_PORT} by default, 0 for any free port.
     *
     * @param port 0 to 65535
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets the wire format; protobuf by default. Clients must name the same one.
     *
     * @param serialization the wire format
     * @return this builder
     */
    public Builder serialization(Serialization serialization) {
      this.serialization = requireNonNull(serialization, "serialization is null");
      return this;
    }

    /**
     * Sets how long a client connection may stay unused before the server closes it; 10 minutes by
     * default. A client that comes back later gets "Connection not found".
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder connectionIdleTimeout(Duration timeout) {
      this.connectionIdleTimeout = positive(timeout, "connectionIdleTimeout");
      return this;
    }

    /**
     * Sets how long a statement may stay unused before the server closes it; 5 minutes by default.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder statementIdleTimeout(Duration timeout) {
      this.statementIdleTimeout = positive(timeout, "statementIdleTimeout");
      return this;
    }

    /**
     * Sets how many client connections may be open at once; 1000 by default. Past the limit the
     * least recently used connection is closed.
     *
     * @param maxConnections at least 1
     * @return this builder
     */
    public Builder maxConnections(long maxConnections) {
      if (maxConnections < 1) {
        throw new IllegalArgumentException(
            "maxConnections must be at least 1, got " + maxConnections);
      }
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * Sets the largest request body accepted; larger requests get HTTP 413.
     *
     * @param maxRequestBytes at least 1
     * @return this builder
     */
    public Builder maxRequestBytes(long maxRequestBytes) {
      if (maxRequestBytes < 1) {
        throw new IllegalArgumentException(
            "maxRequestBytes must be at least 1, got " + maxRequestBytes);
      }
      this.maxRequestBytes = maxRequestBytes;
      return this;
    }

    /**
     * Sets how long {@link BucketSqlServer#stop()} waits for requests in flight.
     *
     * @param timeout zero or more
     * @return this builder
     */
    public Builder stopTimeout(Duration timeout) {
      requireNonNull(timeout, "timeout is null");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("stopTimeout must not be negative, got " + timeout);
      }
      this.stopTimeout = timeout;
      return this;
    }

    /**
     * Sets how clients authenticate; {@link ClientAuth#none()} by default, which is fit only for a
     * server on loopback.
     *
     * @param auth users file and/or bearer token
     * @return this builder
     */
    public Builder auth(ClientAuth auth) {
      this.auth = requireNonNull(auth, "auth is null");
      return this;
    }

    /**
     * Names the administrators: authenticated users who see every user's queries on the status page
     * and {@code /queries} and may cancel any of them there. Other users see and cancel only their
     * own. Nobody, administrators included, may use another user's connection. Checked at {@link
     * #build()}: needs authentication, and every name must be a user of the users file (or {@value
     * ClientAuth#TOKEN_USER} for the bearer token).
     *
     * @param users user names; none by default
     * @return this builder
     */
    public Builder admins(Set<String> users) {
      this.admins = Set.copyOf(requireNonNull(users, "users is null"));
      return this;
    }

    /** Counts failed logins with {@code throttle} (its clock); package-private for tests. */
    Builder loginThrottle(LoginThrottle throttle) {
      this.loginThrottle = requireNonNull(throttle, "throttle is null");
      return this;
    }

    /**
     * Serves HTTPS only, with the certificate and key of a PKCS12 keystore. Checked at {@link
     * #build()}.
     *
     * @param keystore the {@code .p12} file
     * @param password the keystore password (copied)
     * @return this builder
     */
    public Builder tls(Path keystore, char[] password) {
      this.tls =
          new JettyHost.Tls(
              requireNonNull(keystore, "keystore is null"),
              requireNonNull(password, "password is null").clone());
      return this;
    }

    /**
     * Sets the longest a query may run on the server; zero (the default) for no limit. Applied to
     * every server-side statement, in whole seconds rounded up. A client may ask for a shorter one
     * with the connection property {@code queryTimeout=SECONDS}.
     *
     * @param timeout zero or more
     * @return this builder
     */
    public Builder queryTimeout(Duration timeout) {
      requireNonNull(timeout, "timeout is null");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("queryTimeout must not be negative, got " + timeout);
      }
      this.queryTimeout = timeout;
      return this;
    }

    /**
     * Serves the PostgreSQL v3 protocol on {@code port} too (off by default), over the same driver,
     * settings, users, TLS keystore, query registry and query timeout, on the same bind address.
     *
     * @param port 0 to 65535; 0 for any free port, {@value #DEFAULT_PG_PORT} is customary
     * @return this builder
     */
    public Builder pgPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("pgPort must be between 0 and 65535, got " + port);
      }
      this.pgPort = port;
      return this;
    }

    /**
     * Sets how many PostgreSQL client connections are served at once (one thread each); {@value
     * #DEFAULT_PG_MAX_CONNECTIONS} by default. Past it clients get SQLSTATE 53300.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder pgMaxConnections(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("pgMaxConnections must be at least 1, got " + max);
      }
      this.pgMaxConnections = max;
      return this;
    }

    /**
     * Whether to serve Avatica over HTTP (with the health check and status page); true by default.
     * Turning it off needs {@link #pgPort(int)}.
     *
     * @param enabled false to serve the PostgreSQL protocol alone
     * @return this builder
     */
    public Builder avatica(boolean enabled) {
      this.avatica = enabled;
      return this;
    }

    /**
     * Checks the settings and finds the JDBC driver for the URL.
     *
     * @return a server, not yet started
     * @throws IllegalArgumentException if no driver accepts the URL or a setting is invalid
     */
    public BucketSqlServer build() {
      if (!jdbcUrl.startsWith("jdbc:")) {
        throw new IllegalArgumentException(
            "The JDBC URL must start with 'jdbc:', got " + redact(jdbcUrl));
      }
      for (String name : properties.stringPropertyNames()) {
        if (name.startsWith("avatica.")) {
          throw new IllegalArgumentException(
              "Property '"
                  + name
                  + "' is set by the server; use "
                  + "the builder's connectionIdleTimeout, statementIdleTimeout or maxConnections");
        }
      }
      if (!avatica && pgPort < 0) {
        throw new IllegalArgumentException(
            "Nothing to serve: the Avatica endpoint is off and no PostgreSQL"
                + " port is set; set pgPort or leave avatica on");
      }
      if (tls != null) {
        checkKeystore(tls);
      }
      checkAdmins();
      Driver driver;
      try {
        driver = DriverManager.getDriver(jdbcUrl);
      } catch (SQLException e) {
        throw new IllegalArgumentException(
            "No JDBC driver on the classpath accepts "
                + redact(jdbcUrl)
                + "; add the driver's jar (for jdbc:bucketsql: URLs, bucketsql-driver)",
            e);
      }
      return new BucketSqlServer(this, driver, metaProperties());
    }

    /** The driver properties plus the settings JdbcMeta reads for its caches. */
    Properties metaProperties() {
      Properties info = new Properties();
      info.putAll(properties);
      info.setProperty(
          ConnectionCacheSettings.EXPIRY_DURATION.key(),
          Long.toString(connectionIdleTimeout.toMillis()));
      info.setProperty(ConnectionCacheSettings.EXPIRY_UNIT.key(), TimeUnit.MILLISECONDS.name());
      info.setProperty(ConnectionCacheSettings.MAX_CAPACITY.key(), Long.toString(maxConnections));
      info.setProperty(
          StatementCacheSettings.EXPIRY_DURATION.key(),
          Long.toString(statementIdleTimeout.toMillis()));
      info.setProperty(StatementCacheSettings.EXPIRY_UNIT.key(), TimeUnit.MILLISECONDS.name());
      return info;
    }

    private void checkAdmins() {
      if (admins.isEmpty()) {
        return;
      }
      if (!auth.required()) {
        throw new IllegalArgumentException(
            "Administrators "
                + new java.util.TreeSet<>(admins)
                + " need"
                + " authentication (a users file or a bearer token): without it every client sees every query");
      }
      for (String admin : new java.util.TreeSet<>(admins)) {
        if (!auth.knows(admin)) {
          throw new IllegalArgumentException(
              "Administrator '"
                  + admin
                  + "' is not a user of the users file"
                  + (admin.equals(ClientAuth.TOKEN_USER) ? " and no bearer token is set" : "")
                  + "; name a user listed there (or '"
                  + ClientAuth.TOKEN_USER
                  + "' for the bearer token)");
        }
      }
    }

    private static void checkKeystore(JettyHost.Tls tls) {
      Path file = tls.keystore();
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException(
            "Cannot read the keystore "
                + file
                + "; give a PKCS12 (.p12) file, e.g. made with keytool -genkeypair -storetype PKCS12");
      }
      try (var in = Files.newInputStream(file)) {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(in, tls.password());
        boolean hasKey = false;
        for (var aliases = store.aliases(); aliases.hasMoreElements(); ) {
          hasKey |= store.isKeyEntry(aliases.nextElement());
        }
        if (!hasKey) {
          throw new IllegalArgumentException(
              "The keystore "
                  + file
                  + " holds no private key;"
                  + " it needs the server's certificate and key (keytool -genkeypair)");
        }
      } catch (IllegalArgumentException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalArgumentException(
            "Cannot open the keystore "
                + file
                + " ("
                + e.getMessage()
                + "); check that it is PKCS12 and that the keystore password is right",
            e);
      }
    }

    private static Duration positive(Duration timeout, String name) {
      requireNonNull(timeout, name + " is null");
      if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() == 0) {
        throw new IllegalArgumentException(name + " must be at least 1 ms, got " + timeout);
      }
      return timeout;
    }
  }
}
