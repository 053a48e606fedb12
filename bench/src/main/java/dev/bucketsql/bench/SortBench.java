package dev.bucketsql.bench;

import dev.bucketsql.testing.s3.S3TestServer;
import dev.bucketsql.tpch.TpchData;
import dev.bucketsql.tpch.TpchDuckDb;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code bench/run sort [--sf F] [--repeat N] [--data DIR] [--explain]}: ORDER BY over every row of
 * TPC-H's lineitem (Parquet objects on a local S3 server, embedded driver) by a VARCHAR key, a
 * DECIMAL key and mixed keys, beside the same columns unsorted (what reading and returning the rows
 * costs alone) and beside DuckDB over the same local files. Per query: BucketSQL's best warm wall
 * time and the process CPU of that run, DuckDB's, and whether the rows came in the same order as
 * DuckDB's (an order-sensitive hash of every row's text; the unsorted query compares the rows as a
 * multiset). Every ORDER BY ends with unique keys, so that the order is one.
 *
 * <p>To compare two builds of the engine, run this twice with the engine jar of the other build
 * first on the class path ({@code BENCH_CLASSPATH_PREFIX=path/to/bucketsql-engine.jar bench/run
 * sort}); the first line says which sort the engine in use has.
 */
final class SortBench {
  private static final String BUCKET = "tpch";

  private static final List<String[]> QUERIES =
      List.of(
          new String[] {
            "S0 the same columns, no ORDER BY",
            "SELECT l_comment, l_orderkey, l_linenumber FROM lineitem",
            "unordered"
          },
          new String[] {
            "S1 ORDER BY a VARCHAR",
            "SELECT l_comment, l_orderkey, l_linenumber FROM lineitem"
                + " ORDER BY l_comment, l_orderkey, l_linenumber",
            "ordered"
          },
          new String[] {
            "S2 ORDER BY a DECIMAL",
            "SELECT CAST(l_extendedprice AS DECIMAL(15, 2)) AS price, l_orderkey, l_linenumber"
                + " FROM lineitem ORDER BY price DESC, l_orderkey, l_linenumber",
            "ordered"
          },
          new String[] {
            "S3 ORDER BY VARCHAR, DECIMAL, BIGINT",
            "SELECT l_shipmode, CAST(l_discount AS DECIMAL(4, 2)) AS discount, l_orderkey,"
                + " l_linenumber FROM lineitem"
                + " ORDER BY l_shipmode DESC, discount, l_orderkey, l_linenumber",
            "ordered"
          });

  private SortBench() {}

  static void main(String[] args, PrintStream out) throws Exception {
    double sf = 0.5;
    int repeat = 3;
    boolean explain = false;
    Path data = Path.of("bench", "target", "tpch");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sf" -> sf = Double.parseDouble(args[++i]);
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        case "--data" -> data = Path.of(args[++i]);
        case "--explain" -> explain = true;
        default -> {
          System.err.println(
              "unknown option '"
                  + args[i]
                  + "'; bench/run sort [--sf F] [--repeat N] [--data DIR] [--explain]");
          System.exit(2);
        }
      }
    }
    List<Path> files = TpchData.write(sf, data.resolve("sf" + sf));
    out.printf(
        Locale.ROOT,
        "ORDER BY over TPC-H SF %s lineitem; engine sort keys: %s; best of %d, %d cores, Java %s,"
            + " load average %.2f%n",
        sf,
        sortKeys(),
        repeat,
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        BenchEnvironment.loadAverage());
    Path store = Files.createTempDirectory(data, "s3-");
    try (S3TestServer server = S3TestServer.startOnDisk(store)) {
      TpchData.upload(server, BUCKET, files);
      try (Connection c =
              DriverManager.getConnection(server.jdbcUrl(BUCKET), S3TestServer.jdbcKeys());
          Connection duck = TpchDuckDb.connect(files)) {
        out.println(
            "| query | BucketSQL warm ms (CPU ms) | DuckDB ms (CPU ms) | ratio | rows | answer |");
        out.println("|---|---:|---:|---:|---:|---|");
        for (String[] q : QUERIES) {
          boolean ordered = q[2].equals("ordered");
          Run ours = best(c, q[1], repeat, ordered);
          Run theirs = best(duck, q[1], repeat, ordered);
          out.printf(
              Locale.ROOT,
              "| %s | %.0f (%.0f) | %.0f (%.0f) | %.1f | %d | %s |%n",
              q[0],
              ours.nanos / 1e6,
              ours.cpuNanos / 1e6,
              theirs.nanos / 1e6,
              theirs.cpuNanos / 1e6,
              (double) ours.nanos / theirs.nanos,
              ours.rows,
              ours.hash == theirs.hash && ours.rows == theirs.rows
                  ? "same as DuckDB"
                  : "DIFFERS (" + ours.rows + " vs " + theirs.rows + " rows)");
        }
        out.printf(Locale.ROOT, "load average after: %.2f%n", BenchEnvironment.loadAverage());
        if (explain) {
          BenchEnvironment.printPlans(c, QUERIES, out);
        }
      }
    } finally {
      try (var paths = Files.walk(store)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        out.println("could not delete " + store + ": " + e.getMessage());
      }
    }
  }

  /** One timed run: wall and process CPU time, the rows and a hash of them. */
  private record Run(long nanos, long cpuNanos, long rows, long hash) {}

  /** The fastest of {@code repeat} runs after one that warms up (planning, JIT, caches). */
  private static Run best(Connection c, String sql, int repeat, boolean ordered)
      throws SQLException {
    Run best = null;
    for (int i = 0; i <= Math.max(1, repeat); i++) {
      Run run = run(c, sql, ordered);
      if (i > 0 && (best == null || run.nanos < best.nanos)) {
        best = run;
      }
    }
    return best;
  }

  private static Run run(Connection c, String sql, boolean ordered) throws SQLException {
    long t = System.nanoTime();
    long cpu = BenchEnvironment.cpuNanos();
    long rows = 0;
    long hash = 0;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        long h = 1;
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          // 0.10 and 0.1 are one value whichever scale a driver gives it
          String text =
              v instanceof BigDecimal d
                  ? d.stripTrailingZeros().toPlainString()
                  : Objects.toString(v);
          h = h * 31 + text.hashCode();
        }
        // in order, each row's hash weighs by its place; unordered, the sum of the rows' hashes
        hash = ordered ? hash * 1_000_003 + h : hash + h * 0x9E3779B97F4A7C15L;
        rows++;
      }
    }
    return new Run(System.nanoTime() - t, BenchEnvironment.cpuNanos() - cpu, rows, hash);
  }

  /**
   * Which engine build runs: the jar the engine's sort came from, and whether that build's sort
   * normalizes string and decimal keys (its {@code KeySort.of} takes the column types).
   */
  private static String sortKeys() {
    try {
      Class<?> keySort = Class.forName("dev.bucketsql.engine.sort.KeySort");
      boolean typed = false;
      for (java.lang.reflect.Method m : keySort.getDeclaredMethods()) {
        typed |= m.getName().equals("of") && m.getParameterCount() == 3;
      }
      return (typed
              ? "integers, floating point, DECIMAL and VARCHAR"
              : "integers and floating point only (DECIMAL and VARCHAR by comparison)")
          + " (from "
          + keySort.getProtectionDomain().getCodeSource().getLocation().getPath()
          + ")";
    } catch (ClassNotFoundException | SecurityException e) {
      return "unknown (" + e + ")";
    }
  }
}
