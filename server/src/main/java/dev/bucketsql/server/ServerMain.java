package dev.bucketsql.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link BucketSqlServer} from the command line until the process is told to stop (Ctrl-C or
 * SIGTERM), then stops it gracefully. Run with {@code --help} for the options.
 */
public final class ServerMain {
  private static final Logger LOG = LoggerFactory.getLogger(ServerMain.class);

  /** Exit status for a bad command line or configuration. */
  private static final int USAGE_ERROR = 2;

  /** Exit status when the server cannot start, for instance because the port is taken. */
  private static final int START_ERROR = 1;

  private ServerMain() {}

  /**
   * Parses the arguments, starts the server and waits until the JVM shuts down.
   *
   * @param args the command line; see {@code --help}
   * @throws InterruptedException if the main thread is interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    ServerOptions options;
    BucketSqlServer server;
    try {
      options = ServerOptions.parse(args);
      if (options.help()) {
        System.out.println(ServerOptions.USAGE);
        return;
      }
      server = options.toBuilder().build();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      System.err.println("bucketsql-server: " + e.getMessage());
      System.err.println("Run with --help for the options.");
      System.exit(USAGE_ERROR);
      return;
    }
    try {
      server.start();
    } catch (IOException e) {
      LOG.error("The server did not start", e);
      System.err.println("bucketsql-server: " + e.getMessage());
      System.exit(START_ERROR);
      return;
    }
    // The hook runs on SIGTERM and Ctrl-C; stop() drains requests in flight.
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "bucketsql-server-shutdown"));
    server.join();
  }
}
