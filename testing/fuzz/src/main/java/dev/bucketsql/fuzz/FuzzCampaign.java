package dev.bucketsql.fuzz;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs generated queries through {@link Engines}, sorts findings into known differences and new
 * categories, and reduces new ones to a minimal query.
 */
public final class FuzzCampaign {
  /** The outcome of a campaign. */
  public record Result(
      int queries,
      int bothAnswered,
      int bothFailed,
      int skipped,
      int findings,
      Map<String, Integer> known,
      Map<String, Integer> unknown,
      List<String> reports,
      long nanos,
      long bucketSqlNanos,
      long duckDbNanos,
      int reductionRuns) {}

  private final Engines engines;
  private final FuzzSchema schema;
  private final PrintStream out;
  private final int reducePerCategory;
  private final int reductionRuns;
  private final boolean showKnown;

  /**
   * @param reducePerCategory findings reduced and printed per new category
   * @param reductionRuns queries the reducer may run per finding
   */
  private FuzzCampaign(
      Engines engines,
      FuzzSchema schema,
      PrintStream out,
      int reducePerCategory,
      int reductionRuns,
      boolean showKnown) {
    this.engines = engines;
    this.schema = schema;
    this.out = out;
    this.reducePerCategory = reducePerCategory;
    this.reductionRuns = reductionRuns;
    this.showKnown = showKnown;
  }

  /**
   * Runs {@code queries} queries generated from {@code seed} over {@code data}; new findings are
   * reduced ({@code reducePerCategory} per category) and printed to {@code out} as found.
   */
  public static Result run(
      FuzzData data, long seed, int queries, int reducePerCategory, PrintStream out)
      throws Exception {
    return run(data, seed, queries, reducePerCategory, false, out);
  }

  /**
   * As {@link #run(FuzzData, long, int, int, PrintStream)}; with {@code showKnown}, findings of
   * known differences are reduced and printed too ({@code reducePerCategory} per difference).
   */
  public static Result run(
      FuzzData data,
      long seed,
      int queries,
      int reducePerCategory,
      boolean showKnown,
      PrintStream out)
      throws Exception {
    requireNonNull(data, "data is null");
    try (Engines engines = new Engines(data.bucketSql(), data.duckDb())) {
      FuzzSchema schema;
      try (var duck = data.duckDb()) {
        schema = FuzzSchema.describe(duck, data.tables());
      }
      return new FuzzCampaign(engines, schema, out, reducePerCategory, 300, showKnown)
          .run(seed, queries);
    }
  }

  /**
   * Runs each non-blank line of {@code statements} that is not a {@code --} comment as one query on
   * both engines (the same text for both) and prints both answers, or the differences and the known
   * difference they match, if any.
   */
  public static void replay(FuzzData data, List<String> statements, PrintStream out)
      throws Exception {
    requireNonNull(data, "data is null");
    try (Engines engines = new Engines(data.bucketSql(), data.duckDb())) {
      for (String line : statements) {
        String sql = line.strip();
        if (sql.isEmpty() || sql.startsWith("--")) {
          continue;
        }
        sql = sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
        FuzzQuery query = new FuzzQuery(Node.fixed(sql));
        Finding finding = Finding.check(engines, query, null);
        if (finding == null) {
          out.println(
              "same:      " + sql + "\n  both:      " + engines.duckDb(sql).describe() + "\n");
        } else {
          KnownDifferences.Known known = KnownDifferences.match(finding);
          out.println(
              (known == null ? "new finding:\n" : "known difference " + known.id() + ":\n")
                  + finding.report());
        }
        out.flush();
      }
    }
  }

  private Result run(long seed, int queries) {
    long start = System.nanoTime();
    Stats stats = new Stats();
    QueryGenerator generator = new QueryGenerator(schema, seed);
    Reducer reducer = new Reducer(engines, reductionRuns);
    Map<String, Integer> reduced = new HashMap<>();
    List<String> reports = new ArrayList<>();
    for (int i = 0; i < queries; i++) {
      if (i > 0 && i % 5000 == 0) {
        // a campaign stopped before its end still says how far it went
        out.printf(
            java.util.Locale.ROOT,
            "progress: %d queries in %.0f s, %d findings, %d of them unexplained%n",
            i,
            (System.nanoTime() - start) / 1e9,
            stats.findings,
            stats.unknown.values().stream().mapToInt(n -> n).sum());
        out.flush();
      }
      FuzzQuery query = generator.next();
      Finding finding = Finding.check(engines, query, stats);
      if (finding == null) {
        continue;
      }
      stats.findings++;
      KnownDifferences.Known known = KnownDifferences.match(finding);
      if (known != null) {
        stats.known.merge(known.id(), 1, Integer::sum);
        if (showKnown
            && reduced.merge("known " + known.id(), 1, Integer::sum) <= reducePerCategory) {
          out.println(
              "known difference "
                  + known.id()
                  + " (query "
                  + (i + 1)
                  + " of seed "
                  + seed
                  + "):\n"
                  + reducer.reduce(finding).report());
          out.flush();
        }
        continue;
      }
      String category = finding.category();
      stats.unknown.merge(category, 1, Integer::sum);
      if (reduced.merge(category, 1, Integer::sum) <= reducePerCategory) {
        Finding minimal = reducer.reduce(finding);
        String report =
            "finding (query "
                + (i + 1)
                + " of seed "
                + seed
                + "):\n"
                + minimal.report()
                + "  original:  "
                + query.sql()
                + "\n";
        reports.add(report);
        out.println(report);
        out.flush();
      } else {
        out.println(
            "finding (query "
                + (i + 1)
                + ", not reduced): "
                + category
                + "\n  "
                + finding.first().detail()
                + "\n  "
                + query.sql()
                + "\n");
      }
    }
    return new Result(
        stats.queries,
        stats.bothAnswered,
        stats.bothFailed,
        stats.skipped,
        stats.findings,
        stats.known,
        stats.unknown,
        reports,
        System.nanoTime() - start,
        engines.bucketSqlNanos(),
        engines.duckDbNanos(),
        reducer.runs());
  }

  /** The summary of {@code result}, by category. */
  public static String summary(Result result) {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            java.util.Locale.ROOT,
            "%d queries in %.1f s: %d answered by both, %d failed on both, %d skipped, %d findings%n"
                + "time in BucketSQL (3 configurations) %.1f s, in DuckDB %.1f s; %d reduction runs%n",
            result.queries(),
            result.nanos() / 1e9,
            result.bothAnswered(),
            result.bothFailed(),
            result.skipped(),
            result.findings(),
            result.bucketSqlNanos() / 1e9,
            result.duckDbNanos() / 1e9,
            result.reductionRuns()));
    s.append("known differences:\n");
    for (KnownDifferences.Known k : KnownDifferences.ALL) {
      Integer n = result.known().get(k.id());
      if (n != null) {
        s.append(
            String.format(
                java.util.Locale.ROOT,
                "  %6d  %s%s%n",
                n,
                k.id(),
                k.openBug() ? " (open bug)" : ""));
      }
    }
    s.append("new categories:\n");
    result
        .unknown()
        .forEach((k, n) -> s.append(String.format(java.util.Locale.ROOT, "  %6d  %s%n", n, k)));
    return s.toString();
  }
}
