package dev.bucketsql.cli;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.datagen.SampleData;
import dev.bucketsql.datagen.SampleFile;
import dev.bucketsql.datagen.SampleManifest;
import dev.bucketsql.datagen.SampleScale;
import dev.bucketsql.datagen.SampleSpec;
import dev.bucketsql.demo.s3.LocalS3Server;
import dev.bucketsql.jdbc.BucketSqlConnections;
import dev.bucketsql.server.BucketSqlServer;
import dev.bucketsql.storage.IoStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bucketsql demo}: BucketSQL's main job on an embedded default. A local S3 server on
 * loopback holds the generated sample data set; example queries run through the JDBC driver; the
 * remote server then serves the same bucket to BI tools until Ctrl-C.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Runs BucketSQL on sample data, with no configuration.",
      "",
      "Starts a local S3 server on 127.0.0.1 holding a generated sample of the Food.com"
          + " recipes-and-reviews data set (bucket 'mangetamain'), runs example queries through the"
          + " BucketSQL JDBC driver, starts the remote JDBC (Avatica) server on 127.0.0.1, prints the"
          + " URLs to connect a BI tool, and keeps serving until Ctrl-C."
    })
final class DemoCommand implements Callable<Integer> {
  static final String BUCKET = "mangetamain";

  /** The queries our users run first, as they type them. */
  static final List<Example> EXAMPLES =
      List.of(
          new Example("Recipes in PP_recipes.csv", "SELECT COUNT(*) AS n FROM PP_recipes"),
          new Example(
              "Recipes by calorie level",
              "SELECT calorie_level, COUNT(*) AS n FROM PP_recipes"
                  + " GROUP BY calorie_level ORDER BY calorie_level"),
          new Example(
              "Reviews in RAW_interactions.csv (reviews hold commas, quotes and newlines)",
              "SELECT COUNT(*) AS n FROM RAW_interactions"),
          new Example(
              "Average calories of recipes since 2010, from Parquet",
              "SELECT AVG(calories) AS avg_calories FROM RAW_recipes_clean"
                  + " WHERE \"year\" >= 2010"),
          new Example(
              "Ratings since 2018, from Parquet",
              "SELECT rating, COUNT(*) AS n FROM RAW_interactions_clean"
                  + " WHERE \"date\" >= DATE '2018-01-01' GROUP BY rating ORDER BY rating"));

  @Option(
      names = "--scale",
      paramLabel = "S",
      description =
          "sample size: TINY (300 recipes), SMALL (5,000; default), FULL (231,637 recipes, ~300 MB)")
  SampleScale scale = SampleScale.SMALL;

  @Option(names = "--port", description = "remote server port (default 8765; 0 picks a free port)")
  int port = BucketSqlServer.DEFAULT_PORT;

  @Option(
      names = "--pg-port",
      paramLabel = "PORT",
      description =
          "PostgreSQL protocol port for psql and PostgreSQL drivers (default 5432, or a free port"
              + " when 5432 is taken; 0 picks a free port)")
  int pgPort = BucketSqlServer.DEFAULT_PG_PORT;

  @Option(names = "--no-wait", description = "stop after the example queries and the server start")
  boolean noWait;

  @Spec CommandSpec spec;

  private PrintWriter out;

  /** Called with the running server before waiting; lets tests query it. */
  private ServerListener listener = server -> {};

  /** What a test does with the running demo server. */
  interface ServerListener {
    void started(BucketSqlServer server) throws Exception;
  }

  DemoCommand() {}

  DemoCommand(ServerListener listener) {
    this.listener = requireNonNull(listener, "listener is null");
  }

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    if (port < 0 || port > 65535) {
      throw new Main.UsageException("--port must be a number from 0 to 65535, not " + port);
    }
    Path directory = Files.createTempDirectory("bucketsql-demo");
    LocalS3Server s3 = LocalS3Server.startInMemory();
    BucketSqlServer server = null;
    try {
      out.println("Local S3 server: " + s3.endpoint() + ", region " + LocalS3Server.REGION);
      SampleManifest manifest =
          SampleData.generateAndUpload(SampleSpec.of(scale), directory, s3, BUCKET);
      printFiles(manifest);

      String url = embeddedUrl(s3);
      Properties keys = keys();
      try (Connection connection = DriverManager.getConnection(url, keys)) {
        for (Example example : EXAMPLES) {
          runExample(connection, example);
        }
      }

      server = startServer(url, keys);
      printConnectionHelp(s3, server);
      listener.started(server);
      if (!noWait) {
        waitForCtrlC();
      }
      return 0;
    } finally {
      if (server != null) {
        server.close();
      }
      s3.close();
      deleteRecursively(directory);
    }
  }

  private void printFiles(SampleManifest manifest) {
    out.println();
    out.println("Bucket '" + BUCKET + "' holds the generated sample data set:");
    for (SampleFile file : manifest.files()) {
      out.printf("  %-32s %,14d bytes %,10d rows%n", file.key(), file.size(), file.rows());
    }
  }

  private void runExample(Connection connection, Example example) throws SQLException {
    out.println();
    out.println("-- " + example.title());
    out.println(example.sql() + ";");
    IoStats stats = BucketSqlConnections.ioStats(connection);
    IoStats.Snapshot before = stats.snapshot();
    long start = System.nanoTime();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(example.sql())) {
      ResultTable.print(rows, out);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    IoStats.Snapshot used = stats.snapshot().minus(before);
    out.printf(
        "(%d ms, %,d bytes in %d requests from the bucket)%n",
        millis, used.bytesFetched(), used.requests());
  }

  private void printConnectionHelp(LocalS3Server s3, BucketSqlServer server) {
    out.println();
    out.println("Connect a BI tool (DBeaver: driver class dev.bucketsql.jdbc.BucketSqlDriver,");
    out.println("jar driver/target/bucketsql-driver-*-all.jar) with the embedded driver:");
    out.println("  " + embeddedUrl(s3));
    out.println("  user: " + LocalS3Server.ACCESS_KEY_ID);
    out.println(
        "  password: "
            + LocalS3Server.SECRET_ACCESS_KEY
            + "   (a demo key of the local S3 server)");
    out.println("or remotely through the server, no S3 keys needed on the client (class");
    out.println("dev.bucketsql.jdbc.remote.RemoteDriver, the same jar):");
    out.println("  " + server.remoteDriverUrl());
    out.println(
        "  (Avatica's own driver org.apache.calcite.avatica.remote.Driver also connects: "
            + server.clientUrl()
            + ")");
    out.println(
        "or with psql, or any PostgreSQL driver (no password; pgjdbc: " + server.pgUrl() + "):");
    out.println(
        "  psql \"host=127.0.0.1 port=" + server.pgPort() + " dbname=bucketsql user=demo\"");
    out.println("Status page (running queries, cancel): " + server.httpUrl() + "/status");
    if (noWait) {
      // the servers stop when this returns: a command to reach them would fail
      out.println("--no-wait: the servers stop now; without it they serve until Ctrl-C.");
    } else {
      out.println("SQL shell on the same data: bin/bucketsql sql --server " + server.httpUrl());
    }
  }

  /**
   * Starts the server; when the customary PostgreSQL port is taken (a local PostgreSQL), a free
   * one.
   */
  private BucketSqlServer startServer(String url, Properties keys) throws IOException {
    if (pgPort < 0 || pgPort > 65535) {
      throw new Main.UsageException("--pg-port must be a number from 0 to 65535, not " + pgPort);
    }
    BucketSqlServer first =
        BucketSqlServer.builder(url).properties(keys).port(port).pgPort(pgPort).build();
    try {
      first.start();
      return first;
    } catch (java.net.BindException e) {
      if (pgPort != BucketSqlServer.DEFAULT_PG_PORT) {
        throw e;
      }
      BucketSqlServer second =
          BucketSqlServer.builder(url).properties(keys).port(port).pgPort(0).build();
      second.start();
      return second;
    }
  }

  private void waitForCtrlC() throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "bucketsql-demo-stop"));
    out.println();
    out.println("Serving. Press Ctrl-C to stop.");
    out.flush();
    stopped.await();
  }

  static String embeddedUrl(LocalS3Server s3) {
    return s3.jdbcUrl(BUCKET);
  }

  static Properties keys() {
    return LocalS3Server.jdbcKeys();
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** One example query and what it shows. */
  record Example(String title, String sql) {}
}
