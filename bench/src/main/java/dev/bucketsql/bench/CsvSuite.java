package dev.bucketsql.bench;

import dev.bucketsql.csv.CsvDataFile;
import dev.bucketsql.csv.CsvOptions;
import dev.bucketsql.datagen.SampleData;
import dev.bucketsql.datagen.SampleFile;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.memory.InMemoryObjectStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * CSV at the speed of the link: in one run, the raw download of RAW_interactions.csv, then {@code
 * COUNT(*)}, a one-column aggregate and {@code LIMIT 10} over it (parallel ranged scans, the
 * default), and the same over one stream ({@code csv.parallelism=1}) and forced parallel splits,
 * each with its ratio to the raw download, bytes and requests fetched, and the CPU time the process
 * used meanwhile (the in-process S3 server included: on a small machine, serving the bytes takes
 * CPU from parsing them). The count must equal the generator's. Last, the CSV reader alone over the
 * same bytes in memory: what parsing costs one core.
 */
public final class CsvSuite implements BenchSuite {
  /** Full scans should take at most this many times the raw download. */
  static final double TARGET_RATIO = 1.3;

  @Override
  public String name() {
    return "csv";
  }

  @Override
  public void run(BenchEnvironment env, int repeat) throws Exception {
    PrintStream out = env.out();
    SampleFile file = env.manifest().file(SampleData.RAW_INTERACTIONS);
    long expected = env.manifest().counts().interactions();
    out.printf(
        "%s: %,d bytes, %,d rows; max heap %,d MB%n",
        file.key(), file.size(), expected, Runtime.getRuntime().maxMemory() >> 20);
    long[] raw = bestDownload(env, repeat, env::rawGet, file.key());
    printDownload(out, "raw download (one GET, SDK)", raw, raw[0], file.size());
    long[] storage = bestDownload(env, repeat, env::storageGet, file.key());
    printDownload(
        out, "storage layer read (S3ObjectStore stream, no parsing)", storage, raw[0], file.size());
    long rawNanos = raw[0];
    try (Connection c = env.connect()) {
      BenchEnvironment.Run count = env.time(c, "SELECT COUNT(*) FROM RAW_interactions", repeat);
      print(out, count, rawNanos, file.size());
      long n = ((Number) count.rows().get(0).get(0)).longValue();
      if (n != expected) {
        throw new IllegalStateException(
            "COUNT(*) = " + n + " but the generator wrote " + expected + " rows");
      }
      out.printf("  COUNT(*) = %,d = the generator's count%n", n);
      aggregate(env, c, repeat, rawNanos, file.size());
      print(
          out,
          env.time(c, "SELECT * FROM RAW_interactions LIMIT 10", repeat),
          rawNanos,
          file.size());
    }
    for (String parallelism : new String[] {"1", "3"}) {
      Properties forced = dev.bucketsql.testing.s3.S3TestServer.jdbcKeys();
      forced.setProperty("csv.parallelism", parallelism);
      try (Connection c = DriverManager.getConnection(env.url(), forced)) {
        out.println(
            parallelism.equals("1")
                ? "  one stream (csv.parallelism=1):"
                : "  parallel splits forced (csv.parallelism=" + parallelism + "):");
        print(
            out,
            env.time(c, "SELECT COUNT(*) FROM RAW_interactions", repeat),
            rawNanos,
            file.size());
        aggregate(env, c, repeat, rawNanos, file.size());
      }
    }
    out.println("  parsing alone (the object in memory, no network, one stream):");
    parseOnly(env, repeat, file, rawNanos);
    out.printf("target: full scans within %.1fx of the raw download%n", TARGET_RATIO);
  }

  /**
   * The CSV reader alone: the same object from memory ({@code InMemoryObjectStore}), scanned
   * through {@code CsvDataFile} in column batches as the fused aggregates read it, with no column
   * (a count) and with the typed {@code rating} column. What parsing costs a core, apart from
   * serving and receiving the bytes; the count must again equal the generator's.
   */
  private static void parseOnly(BenchEnvironment env, int repeat, SampleFile file, long raw)
      throws IOException {
    byte[] data = Files.readAllBytes(env.manifest().directory().resolve(file.key()));
    InMemoryObjectStore store = new InMemoryObjectStore("memory");
    ObjectInfo info = store.put(file.key(), data);
    CsvDataFile csv = new CsvDataFile(store, info, CsvOptions.builder().parallelism(1).build());
    int rating = csv.schema().indexOf("rating");
    for (int[] projection : new int[][] {{}, {rating}}) {
      ColumnType[] types = new ColumnType[projection.length];
      for (int i = 0; i < projection.length; i++) {
        types[i] = csv.schema().column(projection[i]).type();
      }
      long best = Long.MAX_VALUE;
      long bestCpu = 0;
      long rows = 0;
      long sum = 0;
      for (int i = 0; i < Math.max(1, repeat); i++) {
        long cpu = BenchEnvironment.cpuNanos();
        long start = System.nanoTime();
        rows = 0;
        sum = 0;
        try (RowCursor cursor = csv.scan(new ScanSpec(projection, new IoStats()))) {
          ColumnBatch batch = new ColumnBatch(types, ColumnBatch.DEFAULT_CAPACITY);
          for (int n; (n = cursor.nextBatch(batch)) > 0; ) {
            rows += n;
            if (projection.length > 0) {
              long[] values = batch.longs(0);
              boolean[] nulls = batch.nulls(0);
              for (int r = 0; r < n; r++) {
                sum += nulls[r] ? 0 : values[r];
              }
            }
          }
        }
        long nanos = System.nanoTime() - start;
        if (nanos < best) {
          best = nanos;
          bestCpu = BenchEnvironment.cpuNanos() - cpu;
        }
      }
      if (rows != env.manifest().counts().interactions()) {
        throw new IllegalStateException(
            "the in-memory scan read "
                + rows
                + " rows but the generator wrote "
                + env.manifest().counts().interactions());
      }
      env.out()
          .printf(
              "%-52s %8.3f s  %5.2fx  %,13d B  %4s      %6.0f MB/s  %6.3f s CPU%n",
              projection.length == 0
                  ? "count records"
                  : "rating in column batches (sum " + sum + ")",
              BenchEnvironment.seconds(best),
              (double) best / raw,
              data.length,
              "-",
              data.length / 1e6 / BenchEnvironment.seconds(best),
              BenchEnvironment.seconds(bestCpu));
    }
  }

  /** A whole download of {@code key}, returning its nanoseconds. */
  private interface Download {
    long run(String key) throws IOException;
  }

  /** The fastest of {@code repeat} downloads: {wall nanoseconds, process CPU nanoseconds}. */
  private static long[] bestDownload(
      BenchEnvironment env, int repeat, Download download, String key) throws IOException {
    long[] best = {Long.MAX_VALUE, 0};
    for (int i = 0; i < repeat; i++) {
      long t = download.run(key);
      if (t < best[0]) {
        best[0] = t;
        best[1] = env.lastRawGetCpuNanos();
      }
    }
    return best;
  }

  private static void printDownload(PrintStream out, String what, long[] run, long raw, long size) {
    out.printf(
        "%-52s %8.3f s  %5.2fx  %,13d B  %4d req  %6.0f MB/s  %6.3f s CPU%n",
        what,
        BenchEnvironment.seconds(run[0]),
        (double) run[0] / raw,
        size,
        1,
        size / 1e6 / BenchEnvironment.seconds(run[0]),
        BenchEnvironment.seconds(run[1]));
  }

  /**
   * {@code AVG(rating)}; if the SQL layer cannot run a one-column scan, says so and times a
   * two-column aggregate instead, so the run still measures a typed full scan.
   */
  private static void aggregate(BenchEnvironment env, Connection c, int repeat, long raw, long size)
      throws SQLException {
    try {
      print(env.out(), env.time(c, "SELECT AVG(rating) FROM RAW_interactions", repeat), raw, size);
    } catch (SQLException e) {
      env.out().println("  SELECT AVG(rating) failed in the SQL layer: " + e.getMessage());
      print(
          env.out(),
          env.time(c, "SELECT AVG(rating), MAX(user_id) FROM RAW_interactions", repeat),
          raw,
          size);
    }
  }

  private static void print(PrintStream out, BenchEnvironment.Run run, long raw, long size)
      throws SQLException {
    double ratio = (double) run.nanos() / raw;
    out.printf(
        "%-52s %8.3f s  %5.2fx  %,13d B  %4d req  %6.0f MB/s  %6.3f s CPU%n",
        run.sql(),
        BenchEnvironment.seconds(run.nanos()),
        ratio,
        run.fetched().bytesFetched(),
        run.fetched().requests(),
        size / 1e6 / BenchEnvironment.seconds(run.nanos()),
        BenchEnvironment.seconds(run.cpuNanos()));
  }
}
