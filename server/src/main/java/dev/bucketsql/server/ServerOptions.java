package dev.bucketsql.server;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The command line of {@link ServerMain}, parsed. Options take their value as the next argument or
 * after {@code =} ({@code --port 8765} or {@code --port=8765}).
 */
record ServerOptions(
    boolean help,
    String url,
    String bind,
    int port,
    Serialization serialization,
    Optional<Path> propertiesFile) {

  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "Usage: bucketsql-server --url JDBC_URL [options]",
          "",
          "Serves JDBC_URL to remote JDBC clients over Avatica (HTTP).",
          "",
          "  --url JDBC_URL         the URL each client connection opens, e.g. jdbc:bucketsql:...",
          "  --bind ADDRESS         address to listen on (default "
              + BucketSqlServer.DEFAULT_BIND_ADDRESS
              + "; 0.0.0.0 for all interfaces)",
          "  --port PORT            port to listen on (default "
              + BucketSqlServer.DEFAULT_PORT
              + "; 0 for any free port)",
          "  --serialization FMT    protobuf (default) or json; clients must use the same",
          "  --properties FILE      connection properties file (keeps secrets off the command line)",
          "  --help                 show this help",
          "",
          "Clients connect with jdbc:bucketsql:remote:url=http://ADDRESS:PORT;serialization=FMT (BucketSQL's",
          "driver: cancel and query timeouts stop the query on the server) or jdbc:avatica:remote:...",
          "GET /health answers 200 ok. Stop with Ctrl-C or SIGTERM. No authentication or TLS here: this",
          "entry point is for a development server on loopback; 'bucketsql serve' has both.");

  ServerOptions {
    requireNonNull(propertiesFile, "propertiesFile is null");
  }

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException with a message fit for the user
   */
  static ServerOptions parse(String... args) {
    requireNonNull(args, "args is null");
    boolean help = false;
    String url = null;
    String bind = BucketSqlServer.DEFAULT_BIND_ADDRESS;
    int port = BucketSqlServer.DEFAULT_PORT;
    Serialization serialization = Serialization.PROTOBUF;
    Path propertiesFile = null;
    for (int i = 0; i < args.length; i++) {
      String arg = requireNonNull(args[i], "argument is null");
      String name = arg;
      String value = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        name = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      }
      if (name.equals("--help") || name.equals("-h")) {
        help = true;
        continue;
      }
      if (value == null) {
        if (!isValueOption(name)) {
          throw new IllegalArgumentException("Unknown option '" + arg + "'");
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("Option " + name + " needs a value");
        }
        value = args[++i];
      }
      switch (name) {
        case "--url" -> url = value;
        case "--bind" -> bind = value;
        case "--port" -> port = parsePort(value);
        case "--serialization" -> serialization = Serialization.fromName(value);
        case "--properties" -> propertiesFile = Path.of(value);
        default -> throw new IllegalArgumentException("Unknown option '" + name + "'");
      }
    }
    if (!help && (url == null || url.isBlank())) {
      throw new IllegalArgumentException("--url is required, e.g. --url jdbc:bucketsql:...");
    }
    return new ServerOptions(
        help, url, bind, port, serialization, Optional.ofNullable(propertiesFile));
  }

  /** Turns the options into a server builder, reading the properties file if one is named. */
  BucketSqlServer.Builder toBuilder() {
    BucketSqlServer.Builder builder =
        BucketSqlServer.builder(url).bindAddress(bind).port(port).serialization(serialization);
    propertiesFile.ifPresent(file -> builder.properties(load(file)));
    return builder;
  }

  private static boolean isValueOption(String name) {
    return switch (name) {
      case "--url", "--bind", "--port", "--serialization", "--properties" -> true;
      default -> false;
    };
  }

  private static int parsePort(String value) {
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below with the same message as an out-of-range number
    }
    throw new IllegalArgumentException(
        "--port must be a number from 0 to 65535, got '" + value + "'");
  }

  private static Properties load(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the properties file " + file + ": " + e.getMessage(), e);
    }
    return properties;
  }
}
