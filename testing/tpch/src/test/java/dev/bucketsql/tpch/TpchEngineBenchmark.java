package dev.bucketsql.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.jdbc.BucketSqlConnections;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 22 TPC-H queries with the execution engine on and off, in one run over the same objects: wall
 * time, the CPU time of the thread running them (the engine's operators run on it) and of the whole
 * process (scan read-ahead and the in-process S3 server included), best of {@code
 * bucketsql.tpch.runs} runs (default 2) after a warm-up run of each. Off by default; run with
 * {@code -Dbucketsql.tpch.bench=0.1} (the scale factor), and the answers of both must agree.
 * Results go to the log, one line per query. With {@code -Dbucketsql.tpch.bench.sql=FILE} the
 * statements of that file (one a line) run instead of the 22 queries, numbered in order as the
 * queries are.
 */
@ExtendWith(S3ServerExtension.class)
@EnabledIfSystemProperty(named = "bucketsql.tpch.bench", matches = "[0-9.]+")
class TpchEngineBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(TpchEngineBenchmark.class);

  @Test
  void engineOnAndOff(S3TestServer server) throws IOException, SQLException {
    double scale = Double.parseDouble(System.getProperty("bucketsql.tpch.bench"));
    int runs = Integer.getInteger("bucketsql.tpch.runs", 2);
    Path directory = Files.createTempDirectory("bucketsql-tpch-bench");
    TpchData.upload(server, "tpchbench", TpchData.write(scale, directory));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] totals = new long[6];
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (Connection c =
        DriverManager.getConnection(server.jdbcUrl("tpchbench"), S3TestServer.jdbcKeys())) {
      for (TpchQuery query : queries(scale)) {
        long[] best = new long[6];
        java.util.Arrays.fill(best, Long.MAX_VALUE);
        List<List<Object>> on = null;
        List<List<Object>> off = null;
        for (int run = 0; run <= runs; run++) {
          for (int engine = 0; engine < 2; engine++) {
            BucketSqlConnections.setEngine(c, engine == 0);
            long wall = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            long process = os.getProcessCpuTime();
            List<List<Object>> rows = TpchAnswers.query(c, query.sql(), 600);
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            process = os.getProcessCpuTime() - process;
            wall = System.nanoTime() - wall;
            if (engine == 0) {
              on = rows;
            } else {
              off = rows;
            }
            if (run > 0) {
              best[engine * 3] = Math.min(best[engine * 3], wall);
              best[engine * 3 + 1] = Math.min(best[engine * 3 + 1], cpu);
              best[engine * 3 + 2] = Math.min(best[engine * 3 + 2], process);
            }
          }
        }
        assertThat(TpchAnswers.difference(on, off, query.ordered()))
            .as("%s engine on vs off", query)
            .isNull();
        for (int i = 0; i < totals.length; i++) {
          totals[i] += best[i];
        }
        LOG.info(line(query.toString(), best));
        if (System.getProperty("bucketsql.tpch.bench.sql") != null) {
          BucketSqlConnections.setEngine(c, true);
          LOG.info("{} plan, engine on:\n{}", query, explain(c, query.sql()));
        }
      }
    }
    LOG.info(line("total", totals));
    LOG.info(
        "load average at the end: {}",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static String explain(Connection c, String sql) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      while (rs.next()) {
        plan.append(rs.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }

  private static List<TpchQuery> queries(double scale) throws IOException {
    String file = System.getProperty("bucketsql.tpch.bench.sql");
    if (file == null) {
      return TpchQuery.all(scale);
    }
    List<TpchQuery> queries = new java.util.ArrayList<>();
    for (String sql : Files.readAllLines(Path.of(file))) {
      if (!sql.isBlank()) {
        queries.add(new TpchQuery(queries.size() + 1, sql.strip(), false));
      }
    }
    return queries;
  }

  private static String line(String name, long[] nanos) {
    return String.format(
        Locale.ROOT,
        "BENCH %-6s engine on: wall %6.0f ms, thread cpu %5.0f ms, process cpu %6.0f ms"
            + " | off: wall %6.0f ms, thread cpu %5.0f ms, process cpu %6.0f ms",
        name,
        nanos[0] / 1e6,
        nanos[1] / 1e6,
        nanos[2] / 1e6,
        nanos[3] / 1e6,
        nanos[4] / 1e6,
        nanos[5] / 1e6);
  }
}
