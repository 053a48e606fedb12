package dev.bucketsql.bench;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.datagen.SampleData;
import dev.bucketsql.datagen.SampleManifest;
import dev.bucketsql.datagen.SampleSpec;
import dev.bucketsql.jdbc.BucketSqlConnections;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.ObjectInput;
import dev.bucketsql.storage.config.S3Settings;
import dev.bucketsql.storage.s3.S3ObjectStore;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * What every benchmark suite runs against: a local S3 server on 127.0.0.1 holding the generated
 * data set, a BucketSQL connection to it, and the raw download of the same objects to compare with,
 * measured in the same run.
 */
public final class BenchEnvironment implements AutoCloseable {
  /** The bucket the data set is uploaded to. */
  public static final String BUCKET = "mangetamain";

  private final S3TestServer server;
  private final SampleManifest manifest;
  private final S3Client client;
  private final PrintStream out;
  private final Properties settings = new Properties();
  private long lastRawGetCpuNanos;

  private BenchEnvironment(
      S3TestServer server, SampleManifest manifest, S3Client client, PrintStream out) {
    this.server = server;
    this.manifest = manifest;
    this.client = client;
    this.out = out;
  }

  /**
   * Starts a local S3 server and uploads the data set of {@code spec}, generated afresh into a
   * directory of this run's own under {@code dataDir}, deleted by {@link #close()} (the generator
   * is deterministic: the same spec gives the same bytes).
   */
  public static BenchEnvironment start(SampleSpec spec, Path dataDir, PrintStream out)
      throws IOException {
    requireNonNull(spec, "spec is null");
    // A directory of this run's own: two runs at once must not rewrite each other's files.
    Path dir =
        dataDir
            .resolve(spec.seed() + "-" + spec.recipes() + "-" + spec.interactions())
            .resolve("run-" + ProcessHandle.current().pid());
    Files.createDirectories(dir);
    long t0 = System.nanoTime();
    SampleManifest manifest = SampleData.generate(spec, dir);
    out.printf("generated data set in %s (%.1f s)%n", dir, seconds(System.nanoTime() - t0));
    S3TestServer server = S3TestServer.startInMemory();
    SampleData.upload(manifest, server, BUCKET);
    return new BenchEnvironment(server, manifest, server.newClient(), out);
  }

  /** The generated data set and the generator's own counts. */
  public SampleManifest manifest() {
    return manifest;
  }

  /** The port of the local S3 server, for a proxy in front of it. */
  public int s3Port() {
    return server.port();
  }

  /** Where results are printed. */
  public PrintStream out() {
    return out;
  }

  /** The JDBC URL of the bucket. */
  public String url() {
    return server.jdbcUrl(BUCKET);
  }

  /** A new BucketSQL connection to the bucket, with the settings given by {@link #set}. */
  public Connection connect() throws SQLException {
    Properties properties = S3TestServer.jdbcKeys();
    properties.putAll(settings);
    return DriverManager.getConnection(url(), properties);
  }

  /**
   * Adds a connection property ({@code bench/run ... --set csv.parallelism=1}) to every connection.
   */
  public void set(String key, String value) {
    settings.setProperty(key, value);
  }

  /**
   * Downloads {@code key} whole with one GET through the SDK, discarding the bytes: the raw
   * transfer every query is compared with.
   *
   * @return nanoseconds taken
   */
  public long rawGet(String key) throws IOException {
    byte[] buffer = new byte[1 << 20];
    long cpu = cpuNanos();
    long start = System.nanoTime();
    try (ResponseInputStream<GetObjectResponse> in =
        client.getObject(b -> b.bucket(BUCKET).key(key))) {
      drain(in, buffer);
    }
    long nanos = System.nanoTime() - start;
    lastRawGetCpuNanos = cpuNanos() - cpu;
    return nanos;
  }

  /**
   * CPU time of this whole process (the S3 server in it included) during the last {@link #rawGet}:
   * what serving and receiving the bytes cost, before any parsing.
   */
  public long lastRawGetCpuNanos() {
    return lastRawGetCpuNanos;
  }

  /**
   * Downloads {@code key} whole through BucketSQL's storage layer ({@code S3ObjectStore}, the
   * stream every CSV scan reads), discarding the bytes; {@link #lastRawGetCpuNanos()} then tells
   * its CPU time. Beside {@link #rawGet} it shows what the storage layer adds to the SDK.
   *
   * @return nanoseconds taken
   */
  public long storageGet(String key) throws IOException {
    byte[] buffer = new byte[1 << 20];
    S3Settings settings =
        S3Settings.builder()
            .endpoint(server.endpoint())
            .region(S3TestServer.REGION)
            .bucket(BUCKET)
            .credentials(S3TestServer.ACCESS_KEY_ID, S3TestServer.SECRET_ACCESS_KEY, null)
            .build();
    try (S3ObjectStore store = S3ObjectStore.create(settings)) {
      ObjectInfo info = store.head(key);
      long cpu = cpuNanos();
      long start = System.nanoTime();
      try (ObjectInput input = store.open(info, new IoStats());
          InputStream in = input.openStream(0)) {
        drain(in, buffer);
      }
      long nanos = System.nanoTime() - start;
      lastRawGetCpuNanos = cpuNanos() - cpu;
      return nanos;
    }
  }

  /** CPU time used by this process so far, all threads, or 0 where the JVM cannot tell. */
  static long cpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.max(0, os.getProcessCpuTime());
    }
    return 0;
  }

  private static void drain(InputStream in, byte[] buffer) throws IOException {
    while (in.read(buffer) >= 0) {
      // discard
    }
  }

  /**
   * Runs {@code sql} on {@code connection} {@code repeat} times, reading every row, and returns the
   * fastest run with what it fetched.
   */
  public Run time(Connection connection, String sql, int repeat) throws SQLException {
    Run best = null;
    for (int i = 0; i < repeat; i++) {
      IoStats stats = BucketSqlConnections.ioStats(connection);
      IoStats.Snapshot before = stats.snapshot();
      long cpu = cpuNanos();
      long start = System.nanoTime();
      List<List<Object>> rows = new ArrayList<>();
      try (Statement s = connection.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<Object> row = new ArrayList<>(n);
          for (int c = 1; c <= n; c++) {
            row.add(rs.getObject(c));
          }
          if (rows.size() < 20) {
            rows.add(row);
          }
        }
      }
      long nanos = System.nanoTime() - start;
      Run run = new Run(sql, nanos, cpuNanos() - cpu, stats.snapshot().minus(before), rows);
      if (best == null || run.nanos() < best.nanos()) {
        best = run;
      }
    }
    return best;
  }

  /** The system's load average over the last minute, printed beside every figure. */
  static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** Prints the plan of each query {@code {name, sql, ...}}, indented under its name. */
  static void printPlans(java.sql.Connection c, List<String[]> queries, PrintStream out)
      throws java.sql.SQLException {
    for (String[] q : queries) {
      out.println(q[0] + ":");
      try (java.sql.Statement s = c.createStatement();
          java.sql.ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + q[1])) {
        while (rs.next()) {
          out.println(rs.getString(1).stripTrailing().indent(2).stripTrailing());
        }
      }
    }
  }

  /** Seconds in {@code nanos}. */
  public static double seconds(long nanos) {
    return nanos / 1e9;
  }

  @Override
  public void close() {
    client.close();
    server.close();
    deleteQuietly(manifest.directory());
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover directory under bench/target is harmless
    }
  }

  /**
   * One timed query.
   *
   * @param sql the statement
   * @param nanos wall time, first row to last, planning included
   * @param cpuNanos CPU time of the whole process meanwhile (the S3 server in it included)
   * @param fetched requests and bytes it fetched
   * @param rows its first rows, to check and print
   */
  public record Run(
      String sql, long nanos, long cpuNanos, IoStats.Snapshot fetched, List<List<Object>> rows) {}
}
