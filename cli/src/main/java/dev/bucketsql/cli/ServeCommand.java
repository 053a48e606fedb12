package dev.bucketsql.cli;

import dev.bucketsql.server.BucketSqlServer;
import dev.bucketsql.server.ClientAuth;
import dev.bucketsql.server.Serialization;
import dev.bucketsql.server.UsersFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bucketsql serve}: the Avatica HTTP server over the embedded driver, for BI tools and other
 * remote JDBC clients. The bucket settings (and the S3 secret) stay on the server.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Serves the bucket to BI tools and remote JDBC clients (Avatica over HTTP).",
      "",
      "Clients such as DBeaver connect with jdbc:avatica:remote:url=http://HOST:PORT;serialization=protobuf"
          + " and never see the S3 keys. GET /health answers 200 ok; /status lists running queries and"
          + " cancels them. With --pg-port it also speaks the PostgreSQL protocol (psql, pgjdbc, psycopg, Metabase)."
          + " Stops gracefully on Ctrl-C or SIGTERM."
    },
    footer = {
      "",
      "Secrets come from files or the environment, never the command line:",
      "  BUCKETSQL_TOKEN (instead of --token-file), BUCKETSQL_KEYSTORE_PASSWORD (instead of",
      "  --keystore-password-file). Make users-file lines with 'bucketsql hash-password USER'."
    })
final class ServeCommand implements Callable<Integer> {
  @Mixin BucketOptions bucket;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description = "address to listen on (default 127.0.0.1)")
  String bind = BucketSqlServer.DEFAULT_BIND_ADDRESS;

  @Option(names = "--port", description = "port to listen on (default 8765; 0 = any free port)")
  int port = BucketSqlServer.DEFAULT_PORT;

  @Option(
      names = "--pg-port",
      paramLabel = "PORT",
      description =
          "also serve the PostgreSQL protocol on PORT (5432 is customary; 0 = any free port) for psql,"
              + " pgjdbc, psycopg and BI tools' PostgreSQL drivers")
  Integer pgPort;

  @Option(
      names = "--no-avatica",
      description =
          "serve the PostgreSQL protocol alone (needs --pg-port): no Avatica,"
              + " health check or status page")
  boolean noAvatica;

  @Option(
      names = "--serialization",
      paramLabel = "protobuf|json",
      description = "wire format; clients must name the same (default protobuf)")
  String serialization = "protobuf";

  @Option(
      names = "--users-file",
      paramLabel = "FILE",
      description = "users for HTTP BASIC, lines from 'bucketsql hash-password'")
  Path usersFile;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "file holding a bearer token clients may send instead (or BUCKETSQL_TOKEN)")
  Path tokenFile;

  @Option(
      names = "--admin",
      paramLabel = "USER",
      description =
          "a user (of --users-file, or 'token' for the bearer token) who sees and cancels every user's"
              + " queries on the status page; repeatable. Others see only their own")
  List<String> admins = new java.util.ArrayList<>();

  @Option(
      names = "--allow-anonymous",
      description = "serve a non-loopback --bind without authentication (not recommended)")
  boolean allowAnonymous;

  @Option(
      names = "--keystore",
      paramLabel = "FILE",
      description = "PKCS12 keystore with the server's certificate and key: serve HTTPS")
  Path keystore;

  @Option(
      names = "--keystore-password-file",
      paramLabel = "FILE",
      description = "file holding the keystore password (or BUCKETSQL_KEYSTORE_PASSWORD)")
  Path keystorePasswordFile;

  @Option(
      names = "--query-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "longest a query may run, e.g. 10m; 0 = no limit (default)")
  Duration queryTimeout = Duration.ZERO;

  @Option(
      names = "--connection-idle-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "close client connections unused this long (default 10m)")
  Duration connectionIdleTimeout = BucketSqlServer.DEFAULT_CONNECTION_IDLE_TIMEOUT;

  @Option(
      names = "--statement-idle-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "close statements unused this long (default 5m)")
  Duration statementIdleTimeout = BucketSqlServer.DEFAULT_STATEMENT_IDLE_TIMEOUT;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    BucketSqlServer server = start();
    PrintWriter out = spec.commandLine().getOut();
    // The hook runs on SIGTERM and Ctrl-C; stop() lets requests in flight finish.
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "bucketsql-serve-stop"));
    out.println("Serving. Stop with Ctrl-C or SIGTERM.");
    out.flush();
    server.join();
    return 0;
  }

  /** Checks the settings, opens the bucket once, starts the server and prints how to connect. */
  BucketSqlServer start() throws IOException, SQLException {
    PrintWriter out = spec.commandLine().getOut();
    String url = bucket.jdbcUrl();
    Properties properties = bucket.properties();
    ClientAuth auth = auth();
    if (!auth.required() && !isLoopback(bind) && !allowAnonymous) {
      throw new Main.UsageException(
          "--bind "
              + bind
              + " lets other machines connect, but no authentication is"
              + " configured: give --users-file and/or --token-file (or --allow-anonymous to serve anyway)");
    }
    // Fail here, with the driver's message, rather than at the first client's connection.
    try (Connection check = DriverManager.getConnection(url, properties)) {
      out.println("Bucket settings work: " + check.getSchema() + " is reachable.");
    }
    BucketSqlServer.Builder builder =
        BucketSqlServer.builder(url)
            .properties(properties)
            .bindAddress(bind)
            .port(port)
            .serialization(serialization())
            .auth(auth)
            .admins(java.util.Set.copyOf(admins))
            .queryTimeout(queryTimeout)
            .connectionIdleTimeout(connectionIdleTimeout)
            .statementIdleTimeout(statementIdleTimeout)
            .avatica(!noAvatica);
    if (pgPort != null) {
      builder.pgPort(pgPort);
    } else if (noAvatica) {
      throw new Main.UsageException("--no-avatica leaves nothing to serve: add --pg-port PORT");
    }
    if (keystore != null) {
      String password =
          BucketOptions.secretFrom(
              keystorePasswordFile, "--keystore-password-file", "BUCKETSQL_KEYSTORE_PASSWORD");
      if (password == null) {
        throw new Main.UsageException(
            "--keystore needs its password: --keystore-password-file FILE or BUCKETSQL_KEYSTORE_PASSWORD");
      }
      builder.tls(keystore, password.toCharArray());
    }
    BucketSqlServer server;
    try {
      server = builder.build();
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException(e.getMessage());
    }
    server.start();
    if (!noAvatica) {
      printAvatica(out, server, auth);
    }
    if (pgPort != null) {
      printPg(out, server, auth);
    }
    out.flush();
    return server;
  }

  private void printPg(PrintWriter out, BucketSqlServer server, ClientAuth auth) {
    String url = server.pgUrl();
    String hostAndPort =
        url.substring(
            "jdbc:postgresql://".length(), url.indexOf('/', "jdbc:postgresql://".length()));
    String host =
        hostAndPort.substring(0, hostAndPort.lastIndexOf(':')).replace("[", "").replace("]", "");
    String user = auth.required() ? "USER" : "bucketsql";
    out.println(
        "PostgreSQL:       psql \"host="
            + host
            + " port="
            + server.pgPort()
            + " dbname=bucketsql user="
            + user
            + (keystore != null ? " sslmode=require" : "")
            + "\"");
    out.println(
        "PostgreSQL JDBC:  "
            + server.pgUrl()
            + " (org.postgresql.Driver"
            + (auth.required()
                ? "; SCRAM-SHA-256 with a user of the users file"
                : "; any user name, no password")
            + ")");
  }

  private void printAvatica(PrintWriter out, BucketSqlServer server, ClientAuth auth) {
    out.println("Remote JDBC URL:  " + server.remoteDriverUrl());
    out.println(
        "Driver class:     dev.bucketsql.jdbc.remote.RemoteDriver (bucketsql-driver-*-all.jar;"
            + " cancel and query timeouts stop the query on the server)");
    out.println(
        "Avatica's driver: "
            + server.clientUrl()
            + " (org.apache.calcite.avatica.remote.Driver, avatica-1.28.0.jar + slf4j-api)");
    if (auth.required()) {
      out.println("Authentication:   " + authHelp(auth));
      out.println(
          "Administrators:   "
              + (admins.isEmpty()
                  ? "none (each user sees only their own queries)"
                  : String.join(", ", new java.util.TreeSet<>(admins))));
    }
    out.println("Health:           " + server.httpUrl() + "/health");
    out.println("Status page:      " + server.httpUrl() + "/status");
  }

  private ClientAuth auth() throws IOException {
    UsersFile users = null;
    if (usersFile != null) {
      try {
        users = UsersFile.read(usersFile);
      } catch (IllegalArgumentException e) {
        throw new Main.UsageException(e.getMessage());
      }
    }
    String token = BucketOptions.secretFrom(tokenFile, "--token-file", "BUCKETSQL_TOKEN");
    if (users == null && token == null) {
      return ClientAuth.none();
    }
    try {
      return ClientAuth.of(users, token);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException(e.getMessage());
    }
  }

  private Serialization serialization() {
    try {
      return Serialization.fromName(serialization.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException(
          "--serialization must be protobuf or json, not '" + serialization + "'");
    }
  }

  private static String authHelp(ClientAuth auth) {
    List<String> ways = new java.util.ArrayList<>();
    String text = auth.toString();
    if (text.contains("basic")) {
      ways.add(
          "add ;authentication=BASIC to the URL and log in with a user of the users file: BucketSQL's"
              + " driver takes the JDBC user and password (DBeaver's User and Password fields); Avatica's"
              + " driver needs ;authentication=BASIC;avatica_user=USER;avatica_password=PASSWORD");
    }
    if (text.contains("bearer")) {
      ways.add("or ;authentication=BEARER;bearer_token=TOKEN");
    }
    return String.join(" ", ways);
  }

  private static boolean isLoopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
