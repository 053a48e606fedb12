package dev.bucketsql.bench;

import dev.bucketsql.jdbc.BucketSqlConnections;
import java.io.PrintStream;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Window functions over the sample data's reviews ({@code RAW_interactions_clean}, Parquet), with
 * the engine on and off on one connection (warm, best of the repeats, the runs of both alternating
 * so that a drift of the machine's speed touches both), beside DuckDB over a local copy of the same
 * file. Answers are compared with DuckDB's as multisets (the order of a window's rows is not
 * defined); the load average is printed before and after, since the machine is shared.
 */
public final class WindowSuite implements BenchSuite {
  private static final List<String[]> QUERIES =
      List.of(
          new String[] {
            "W1 latest review per user",
            "SELECT * FROM (SELECT user_id, recipe_id, \"date\", rating, ROW_NUMBER() OVER"
                + " (PARTITION BY user_id ORDER BY \"date\" DESC) AS rn FROM RAW_interactions_clean)"
                + " WHERE rn = 1"
          },
          new String[] {
            "W2 rank and running count per recipe",
            "SELECT COUNT(*) AS n, SUM(rk) AS rks, SUM(c) AS cs FROM (SELECT RANK() OVER"
                + " (PARTITION BY recipe_id ORDER BY rating DESC) AS rk, COUNT(*) OVER (PARTITION BY"
                + " recipe_id ORDER BY \"date\") AS c FROM RAW_interactions_clean)"
          },
          new String[] {
            "W3 moving sum and max, previous and next rating",
            "SELECT COUNT(*) AS n, SUM(s) AS ss, SUM(hi) AS his, SUM(p) AS ps, SUM(nx) AS nxs FROM"
                + " (SELECT SUM(rating) OVER (PARTITION BY user_id ORDER BY \"date\", recipe_id ROWS"
                + " BETWEEN 3 PRECEDING AND 3 FOLLOWING) AS s, MAX(rating) OVER (PARTITION BY"
                + " recipe_id ORDER BY \"date\", user_id ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)"
                + " AS hi, LAG(rating, 1, 0) OVER (PARTITION BY user_id ORDER BY \"date\","
                + " recipe_id) AS p, LEAD(rating, 2) OVER (ORDER BY \"date\", user_id, recipe_id)"
                + " AS nx FROM RAW_interactions_clean)"
          });

  @Override
  public String name() {
    return "window";
  }

  @Override
  public void run(BenchEnvironment env, int repeat) throws Exception {
    PrintStream out = env.out();
    out.printf(Locale.ROOT, "load average before: %.2f%n", BenchEnvironment.loadAverage());
    try (Connection c = env.connect();
        Connection duck = EngineSuite.duckDb(env.manifest().directory())) {
      out.println(
          "| query | engine on: warm ms (process CPU ms) | engine off: warm ms (process CPU ms)"
              + " | DuckDB local ms | rows | answer |");
      out.println("|---|---:|---:|---:|---:|---|");
      for (String[] q : QUERIES) {
        String sql = q[1];
        BenchEnvironment.Run on = null;
        BenchEnvironment.Run off = null;
        for (int i = 0; i < Math.max(1, repeat) + 1; i++) {
          // the first round warms both paths (planning, code generation, JIT) and is not kept
          BucketSqlConnections.setEngine(c, true);
          BenchEnvironment.Run a = env.time(c, sql, 1);
          BucketSqlConnections.setEngine(c, false);
          BenchEnvironment.Run b = env.time(c, sql, 1);
          if (i > 0) {
            on = on == null || a.nanos() < on.nanos() ? a : on;
            off = off == null || b.nanos() < off.nanos() ? b : off;
          }
        }
        BucketSqlConnections.setEngine(c, true);
        long duckBest = Long.MAX_VALUE;
        List<List<Object>> expected = null;
        for (int i = 0; i < Math.max(1, repeat); i++) {
          long t = System.nanoTime();
          expected = EngineSuite.rows(duck, sql);
          duckBest = Math.min(duckBest, System.nanoTime() - t);
        }
        String check = compare(EngineSuite.rows(c, sql), expected);
        out.printf(
            Locale.ROOT,
            "| %s | %.0f (%.0f) | %.0f (%.0f) | %.0f | %d | %s |%n",
            q[0],
            on.nanos() / 1e6,
            on.cpuNanos() / 1e6,
            off.nanos() / 1e6,
            off.cpuNanos() / 1e6,
            duckBest / 1e6,
            expected.size(),
            check);
      }
      out.printf(Locale.ROOT, "load average after: %.2f%n", BenchEnvironment.loadAverage());
      out.println("Plans (EXPLAIN PLAN FOR each query, engine on):");
      BenchEnvironment.printPlans(c, QUERIES, out);
    }
  }

  private static String compare(List<List<Object>> actual, List<List<Object>> expected) {
    List<String> a = new ArrayList<>();
    List<String> e = new ArrayList<>();
    actual.forEach(r -> a.add(EngineSuite.text(r)));
    expected.forEach(r -> e.add(EngineSuite.text(r)));
    a.sort(null);
    e.sort(null);
    return a.equals(e) ? "same as DuckDB" : "DIFFERS (" + a.size() + " vs " + e.size() + " rows)";
  }
}
