package dev.bucketsql.bench;

import dev.bucketsql.calcite.engine.PlanCache;
import dev.bucketsql.testing.s3.FaultInjectingProxy;
import dev.bucketsql.testing.s3.S3TestServer;
import dev.bucketsql.tpch.TpchAnswers;
import dev.bucketsql.tpch.TpchData;
import dev.bucketsql.tpch.TpchDuckDb;
import dev.bucketsql.tpch.TpchQuery;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench/run tpch [--sf F] [--repeat N] [--query K]... [--timeout S] [--data DIR]
 * [--explain]}: the 22 TPC-H queries on BucketSQL (Parquet objects on a local S3 server, embedded
 * driver) and on DuckDB over the same local files. Per query: the first run (planning included) and
 * the planning time alone, the best warm run (the plan reused), DuckDB's best, their ratio, and
 * whether the answers agree; then the geometric means over the queries both engines answered. The
 * data is generated once per scale factor under {@code DIR/sf<F>} and kept (it is the same bytes
 * every time). Then each query is planned again, warm, as a text never seen before ({@link
 * TpchWarmPlanning}, {@code --plan-rounds}). {@code --explain} prints each query's plan after the
 * tables. {@code --latency MS} puts a proxy between the driver and the S3 server that holds back
 * every answer {@code MS} milliseconds, as the round trip to a remote server would. {@code --warmup
 * R} first runs every selected query R times in turn, before any is timed, so that each query's
 * warm runs find the JIT's code compiled for the whole suite, as in a server that has run the
 * suite's kinds of query before; the first run and planning columns are then the first warm-up
 * round's.
 */
final class TpchBench {
  private static final String BUCKET = "tpch";
  private static final String USAGE =
      "bench/run tpch [--sf F] [--repeat N] [--query K] [--timeout S] [--data DIR] [--explain]"
          + " [--threads N] [--plan-rounds R (warm planning of new texts, median of R; 0: none)]"
          + " [--latency MS (each S3 answer held back MS ms, as by a remote server)]"
          + " [--warmup R (R rounds over all selected queries before timing any)]"
          + " [--analyze (EXPLAIN ANALYZE of each query after its warm runs)]";

  private TpchBench() {}

  static void main(String[] args, PrintStream out) throws Exception {
    double sf = 1;
    int repeat = 3;
    int timeoutSeconds = 300;
    boolean explain = false;
    boolean analyze = false;
    String threads = null;
    int planRounds = 5;
    int latencyMillis = 0;
    int warmup = 0;
    Path data = Path.of("bench", "target", "tpch");
    List<Integer> only = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sf" -> sf = Double.parseDouble(args[++i]);
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        case "--timeout" -> timeoutSeconds = Integer.parseInt(args[++i]);
        case "--data" -> data = Path.of(args[++i]);
        case "--explain" -> explain = true;
        case "--analyze" -> analyze = true;
        case "--threads" -> threads = args[++i];
        case "--query" -> only.add(Integer.parseInt(args[++i].replaceFirst("^[qQ]", "")));
        case "--plan-rounds" -> planRounds = Integer.parseInt(args[++i]);
        case "--latency" -> latencyMillis = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--help" -> {
          out.println(USAGE);
          return;
        }
        default -> {
          System.err.println("unknown option '" + args[i] + "'; " + USAGE);
          System.exit(2);
        }
      }
    }
    Path dir = data.resolve("sf" + sf);
    long t0 = System.nanoTime();
    List<Path> files = TpchData.write(sf, dir);
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
    }
    out.printf(
        Locale.ROOT,
        "TPC-H SF %s: %d Parquet files, %,d bytes in %s (%.1f s to generate or find); best of %d,"
            + " %d cores, Java %s, load average %.2f%s%n",
        sf,
        files.size(),
        bytes,
        dir,
        (System.nanoTime() - t0) / 1e9,
        repeat,
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        BenchEnvironment.loadAverage(),
        warmup > 0 ? "; " + warmup + " warm-up round(s) over all selected queries first" : "");
    Path store = Files.createTempDirectory(data, "s3-");
    try (S3TestServer server = S3TestServer.startOnDisk(store);
        FaultInjectingProxy proxy = new FaultInjectingProxy(server.port())) {
      TpchData.upload(server, BUCKET, files);
      String url = server.jdbcUrl(BUCKET);
      if (latencyMillis > 0) {
        // every answer held back, as a remote server's round trip: the driver talks to the proxy
        proxy.stallFor(Duration.ofMillis(latencyMillis));
        proxy.randomFaults(1, 1.0, EnumSet.of(FaultInjectingProxy.Fault.STALL));
        url =
            "jdbc:bucketsql:s3://"
                + BUCKET
                + "?endpoint="
                + proxy.endpoint()
                + "&region="
                + S3TestServer.REGION;
        out.printf("every S3 answer held back %d ms by a proxy%n", latencyMillis);
      }
      java.util.Properties props = S3TestServer.jdbcKeys();
      if (threads != null) {
        // the most threads one pipeline runs on (the connection setting; default the cores)
        props.setProperty("threads", threads);
        out.printf("connection setting threads=%s%n", threads);
      }
      try (Connection c = DriverManager.getConnection(url, props);
          Connection duck = TpchDuckDb.connect(files)) {
        Map<Integer, long[]> firstRuns = warmUp(c, sf, warmup, timeoutSeconds, only);
        run(c, duck, sf, repeat, timeoutSeconds, only, firstRuns, out);
        List<TpchQuery> selected = new ArrayList<>();
        for (TpchQuery q : TpchQuery.all(sf)) {
          if (only.isEmpty() || only.contains(q.number())) {
            selected.add(q);
          }
        }
        TpchWarmPlanning.run(c, selected, planRounds, out);
        if (explain) {
          explain(c, sf, only, out, "EXPLAIN PLAN FOR ");
        }
        if (analyze) {
          explain(c, sf, only, out, "EXPLAIN ANALYZE ");
        }
      }
    } finally {
      delete(store);
    }
  }

  /**
   * Runs every selected query {@code rounds} times in turn, answers dropped, and returns the first
   * round's wall and planning nanoseconds by query number; a query that fails is left out, so the
   * timed loop runs it first and reports its failure.
   */
  private static Map<Integer, long[]> warmUp(
      Connection c, double sf, int rounds, int timeoutSeconds, List<Integer> only) {
    Map<Integer, long[]> firstRuns = new HashMap<>();
    Set<Integer> failed = new HashSet<>();
    for (int round = 0; round < rounds; round++) {
      for (TpchQuery q : TpchQuery.all(sf)) {
        if ((!only.isEmpty() && !only.contains(q.number())) || failed.contains(q.number())) {
          continue;
        }
        try {
          long plannedBefore = PlanCache.of(c).stats().planningNanos();
          long t = System.nanoTime();
          query(c, q.sql(), timeoutSeconds);
          long wall = System.nanoTime() - t;
          long planning = PlanCache.of(c).stats().planningNanos() - plannedBefore;
          firstRuns.putIfAbsent(q.number(), new long[] {wall, planning});
        } catch (SQLException | RuntimeException e) {
          failed.add(q.number());
          firstRuns.remove(q.number());
        }
      }
    }
    return firstRuns;
  }

  private static void run(
      Connection c,
      Connection duck,
      double sf,
      int repeat,
      int timeoutSeconds,
      List<Integer> only,
      Map<Integer, long[]> firstRuns,
      PrintStream out) {
    out.println(
        "| query | BucketSQL warm ms | CPU ms | first run ms | planning ms | DuckDB ms | ratio |"
            + " answer | peak RSS MB |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---|---:|");
    double logOurs = 0;
    double logDuck = 0;
    int timed = 0;
    int agree = 0;
    int total = 0;
    for (TpchQuery q : TpchQuery.all(sf)) {
      if (!only.isEmpty() && !only.contains(q.number())) {
        continue;
      }
      total++;
      long duckBest = Long.MAX_VALUE;
      List<List<Object>> expected = null;
      String failure = null;
      try {
        for (int i = 0; i <= repeat; i++) { // one more: the first run warms DuckDB's caches
          long t = System.nanoTime();
          expected = TpchAnswers.query(duck, q.sql());
          if (i > 0 || repeat == 0) {
            duckBest = Math.min(duckBest, System.nanoTime() - t);
          }
        }
      } catch (SQLException e) {
        failure = "DuckDB failed: " + e.getMessage();
      }
      long first = -1;
      long planning = -1;
      long warm = Long.MAX_VALUE;
      long warmCpu = -1;
      List<List<Object>> actual = null;
      if (failure == null) {
        try {
          long[] warmedUp = firstRuns.get(q.number());
          if (warmedUp != null) {
            first = warmedUp[0];
            planning = warmedUp[1];
          } else {
            long plannedBefore = PlanCache.of(c).stats().planningNanos();
            long t = System.nanoTime();
            actual = query(c, q.sql(), timeoutSeconds);
            first = System.nanoTime() - t;
            planning = PlanCache.of(c).stats().planningNanos() - plannedBefore;
          }
          for (int i = 0; i < repeat; i++) {
            long cpu = BenchEnvironment.cpuNanos();
            long t = System.nanoTime();
            List<List<Object>> rows = query(c, q.sql(), timeoutSeconds);
            if (actual == null) {
              actual = rows;
            }
            long wall = System.nanoTime() - t;
            if (wall < warm) {
              warm = wall;
              // the process's CPU over the fastest run: every thread of the query, and the GC
              warmCpu = BenchEnvironment.cpuNanos() - cpu;
            }
          }
          if (repeat == 0) {
            warm = first;
          }
          if (actual == null) {
            // warmed up, no timed run: the answer to compare comes from one more run
            actual = query(c, q.sql(), timeoutSeconds);
          }
        } catch (SQLException | RuntimeException e) {
          failure =
              "BucketSQL failed"
                  + (first < 0 ? "" : " on a warm run")
                  + ": "
                  + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        }
      }
      String answer;
      if (failure != null) {
        answer = failure;
      } else {
        String difference = TpchAnswers.difference(actual, expected, q.ordered());
        answer =
            difference == null ? "same (" + actual.size() + " rows)" : "DIFFERS: " + difference;
        if (difference == null) {
          agree++;
        }
        logOurs += Math.log(warm / 1e6);
        logDuck += Math.log(duckBest / 1e6);
        timed++;
      }
      out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s | %s | %s | %s | %s | %d |%n",
          q.name(),
          warm == Long.MAX_VALUE ? "-" : String.format(Locale.ROOT, "%.0f", warm / 1e6),
          warmCpu < 0 ? "-" : String.format(Locale.ROOT, "%.0f", warmCpu / 1e6),
          first < 0 ? "-" : String.format(Locale.ROOT, "%.0f", first / 1e6),
          planning < 0 ? "-" : String.format(Locale.ROOT, "%.0f", planning / 1e6),
          duckBest == Long.MAX_VALUE ? "-" : String.format(Locale.ROOT, "%.0f", duckBest / 1e6),
          warm == Long.MAX_VALUE || duckBest == Long.MAX_VALUE
              ? "-"
              : String.format(Locale.ROOT, "%.1f", (double) warm / duckBest),
          answer,
          peakRssMegabytes());
    }
    if (timed > 0) {
      double ours = Math.exp(logOurs / timed);
      double theirs = Math.exp(logDuck / timed);
      out.printf(
          Locale.ROOT,
          "geometric mean over %d of %d queries: BucketSQL %.0f ms, DuckDB %.0f ms, ratio %.1f;"
              + " %d of %d answers agree; load average %.2f%n",
          timed,
          total,
          ours,
          theirs,
          ours / theirs,
          agree,
          total,
          BenchEnvironment.loadAverage());
    }
  }

  private static void explain(
      Connection c, double sf, List<Integer> only, PrintStream out, String prefix)
      throws SQLException {
    out.println();
    out.println("Plans (" + prefix + "each query, after its warm runs):");
    for (TpchQuery q : TpchQuery.all(sf)) {
      if (only.isEmpty() || only.contains(q.number())) {
        out.println(q.name() + ":");
        for (List<Object> row : TpchAnswers.query(c, prefix + q.sql())) {
          out.println(
              String.valueOf(row.get(row.size() - 1)).stripTrailing().indent(2).stripTrailing());
        }
      }
    }
  }

  private static List<List<Object>> query(Connection c, String sql, int timeoutSeconds)
      throws SQLException {
    // the statement's timeout: a runaway plan stops instead of the whole run
    return TpchAnswers.query(c, sql, timeoutSeconds);
  }

  /** The process's peak resident set (VmHWM) in MB, or -1 where /proc does not tell. */
  private static long peakRssMegabytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no figure
    }
    return -1;
  }

  private static void delete(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
