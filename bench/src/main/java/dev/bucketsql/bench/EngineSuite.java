package dev.bucketsql.bench;

import dev.bucketsql.calcite.engine.PlanCache;
import dev.bucketsql.datagen.SampleFile;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The six dashboard queries of issue #8, warm (best of the repeats), each beside the raw GET of the
 * objects it reads, measured in the same run (best of as many GETs, each taken just before a warm
 * run; the median of the ratios of those pairs is shown too, since it moves less with the machine's
 * speed during the run), and beside DuckDB over local copies of the same files. Every answer is
 * checked against DuckDB's. The first run of each query, which plans it, is shown too; the warm
 * runs reuse the connection's cached plan. The CPU time of the whole process (the in-process S3
 * server included) is shown for the warm run and the raw GET: on a 2-core machine it bounds how
 * close to the raw GET a scan can come.
 */
public final class EngineSuite implements BenchSuite {
  private static final String RAW_INTERACTIONS = "RAW_interactions.csv";
  private static final String RAW_RECIPES = "RAW_recipes.csv";
  private static final String PP_RECIPES = "PP_recipes.csv";
  private static final String RECIPES_PARQUET = "RAW_recipes_clean.parquet";
  private static final String INTERACTIONS_PARQUET = "RAW_interactions_clean.parquet";

  private static final List<Query> QUERIES =
      List.of(
          new Query(
              "Q1",
              "SELECT COUNT(*) AS n FROM RAW_interactions",
              Target.ratio(1.5),
              RAW_INTERACTIONS),
          new Query(
              "Q2",
              "SELECT calorie_level, COUNT(*) AS n FROM PP_recipes GROUP BY 1 ORDER BY 2 DESC",
              Target.ratio(1.5),
              PP_RECIPES),
          new Query(
              "Q3",
              "SELECT AVG(calories) AS avg_calories FROM RAW_recipes_clean WHERE year >= 2010",
              Target.millis(30),
              RECIPES_PARQUET),
          new Query(
              "Q4",
              "SELECT COUNT(*) AS n, AVG(rating) AS avg_rating FROM RAW_interactions_clean"
                  + " WHERE \"date\" >= DATE '2018-01-01'",
              Target.millis(30),
              INTERACTIONS_PARQUET),
          new Query(
              "Q5",
              "SELECT r.year, COUNT(*) AS n, AVG(i.rating) AS avg_rating FROM RAW_interactions_clean i"
                  + " JOIN RAW_recipes_clean r ON i.recipe_id = r.id GROUP BY r.year ORDER BY r.year",
              Target.millis(250),
              INTERACTIONS_PARQUET,
              RECIPES_PARQUET),
          new Query(
              "Q6",
              "SELECT year(r.submitted) AS year, COUNT(*) AS n, AVG(i.rating) AS avg_rating"
                  + " FROM RAW_interactions i JOIN RAW_recipes r ON i.recipe_id = r.id"
                  + " GROUP BY 1 ORDER BY 1",
              Target.ratio(1.4),
              RAW_INTERACTIONS,
              RAW_RECIPES));

  @Override
  public String name() {
    return "engine";
  }

  @Override
  public void run(BenchEnvironment env, int repeat) throws Exception {
    PrintStream out = env.out();
    try (Connection c = env.connect();
        Connection duck = duckDb(env.manifest().directory())) {
      out.printf(
          "| query | BucketSQL warm ms | first run ms | raw GET ms | ratio | median paired ratio | target"
              + " | met | DuckDB local ms | CPU ms (query / raw GET) | answer |%n");
      out.printf("|---|---:|---:|---:|---:|---:|---|---|---:|---:|---|%n");
      for (Query q : QUERIES) {
        long plansBefore = PlanCache.of(c).stats().plans();
        long start = System.nanoTime();
        List<List<Object>> answer = rows(c, q.sql);
        long first = System.nanoTime() - start;
        boolean planned = PlanCache.of(c).stats().plans() > plansBefore;
        // Raw GETs and warm runs alternate, so a drift of the machine's speed during the run
        // touches both; each pair also gives a ratio of its own.
        int runs = Math.max(1, repeat);
        long raw = Long.MAX_VALUE;
        long rawCpu = 0;
        BenchEnvironment.Run warm = null;
        double[] paired = new double[runs];
        for (int i = 0; i < runs; i++) {
          long sum = 0;
          long cpu = 0;
          for (String key : q.keys) {
            sum += env.rawGet(key);
            cpu += env.lastRawGetCpuNanos();
          }
          if (sum < raw) {
            raw = sum;
            rawCpu = cpu;
          }
          BenchEnvironment.Run run = env.time(c, q.sql, 1);
          if (warm == null || run.nanos() < warm.nanos()) {
            warm = run;
          }
          paired[i] = (double) run.nanos() / sum;
        }
        Arrays.sort(paired);
        double medianPaired =
            runs % 2 == 1 ? paired[runs / 2] : (paired[runs / 2 - 1] + paired[runs / 2]) / 2;
        long duckBest = Long.MAX_VALUE;
        List<List<Object>> expected = null;
        for (int i = 0; i < Math.max(1, repeat); i++) {
          long t = System.nanoTime();
          expected = rows(duck, q.sql);
          duckBest = Math.min(duckBest, System.nanoTime() - t);
        }
        String check = compare(answer, expected, q.name.equals("Q2"));
        double ms = warm.nanos() / 1e6;
        double ratio = (double) warm.nanos() / raw;
        boolean met = q.target.met(ms, ratio);
        out.printf(
            Locale.ROOT,
            "| %s | %.0f | %.0f%s | %.0f | %.2f | %.2f | %s | %s | %.0f | %.0f / %.0f | %s |%n",
            q.name,
            ms,
            first / 1e6,
            planned ? "" : " (plan reused)",
            raw / 1e6,
            ratio,
            medianPaired,
            q.target,
            met ? "yes" : "no",
            duckBest / 1e6,
            warm.cpuNanos() / 1e6,
            rawCpu / 1e6,
            check);
      }
      out.println();
      out.println("Plans (EXPLAIN PLAN FOR each query):");
      for (Query q : QUERIES) {
        out.println(q.name + ":");
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + q.sql)) {
          while (rs.next()) {
            out.println(rs.getString(1).stripTrailing().indent(2).stripTrailing());
          }
        }
      }
      PlanCache.Stats stats = PlanCache.of(c).stats();
      out.printf(
          Locale.ROOT,
          "plan cache: %d plans (%.0f ms planning in all, %.0f ms each on average), %d reuses%n",
          stats.plans(),
          stats.planningNanos() / 1e6,
          stats.plans() == 0 ? 0 : stats.planningNanos() / 1e6 / stats.plans(),
          stats.hits());
      for (String key :
          List.of(
              RAW_INTERACTIONS, RAW_RECIPES, PP_RECIPES, RECIPES_PARQUET, INTERACTIONS_PARQUET)) {
        SampleFile f = env.manifest().file(key);
        out.printf(Locale.ROOT, "  %s: %,d bytes%n", key, f.size());
      }
    }
  }

  /** DuckDB in memory, with one view per local file, named like BucketSQL's tables. */
  static Connection duckDb(Path dir) throws SQLException {
    Connection duck = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = duck.createStatement()) {
      for (String key :
          List.of(
              RAW_INTERACTIONS, RAW_RECIPES, PP_RECIPES, RECIPES_PARQUET, INTERACTIONS_PARQUET)) {
        String path = dir.resolve(key).toAbsolutePath().toString().replace("'", "''");
        String table = key.substring(0, key.lastIndexOf('.'));
        String source =
            key.endsWith(".parquet")
                ? "read_parquet('" + path + "')"
                : "read_csv('"
                    + path
                    + "', header = true, delim = ',', quote = '\"', escape = '\"')";
        s.execute("CREATE VIEW \"" + table + "\" AS SELECT * FROM " + source);
      }
    }
    return duck;
  }

  static List<List<Object>> rows(Connection c, String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static String compare(
      List<List<Object>> actual, List<List<Object>> expected, boolean unordered) {
    List<String> a = new ArrayList<>();
    List<String> e = new ArrayList<>();
    actual.forEach(r -> a.add(text(r)));
    expected.forEach(r -> e.add(text(r)));
    if (unordered) {
      a.sort(null);
      e.sort(null);
    }
    return a.equals(e) ? "same as DuckDB (" + a.size() + " rows)" : "DIFFERS: " + a + " vs " + e;
  }

  static String text(List<Object> row) {
    List<String> cells = new ArrayList<>();
    for (Object v : row) {
      if (v instanceof Double || v instanceof Float) {
        cells.add(String.format(Locale.ROOT, "%.9g", ((Number) v).doubleValue()));
      } else if (v instanceof BigDecimal d && d.scale() > 0) {
        cells.add(String.format(Locale.ROOT, "%.9g", d.doubleValue()));
      } else {
        cells.add(Objects.toString(v));
      }
    }
    return String.join(",", cells);
  }

  private record Query(String name, String sql, Target target, String... keys) {}

  /** A target: at most so many milliseconds, or at most so many times the raw GET. */
  private record Target(double millis, double ratio) {
    static Target millis(double ms) {
      return new Target(ms, 0);
    }

    static Target ratio(double r) {
      return new Target(0, r);
    }

    boolean met(double ms, double measuredRatio) {
      return millis > 0 ? ms <= millis : measuredRatio <= ratio;
    }

    @Override
    public String toString() {
      return millis > 0
          ? String.format(Locale.ROOT, "<= %.0f ms", millis)
          : String.format(Locale.ROOT, "<= %.1fx raw GET", ratio);
    }
  }
}
