package dev.bucketsql.bench;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.engine.PrepareClock;
import dev.bucketsql.tpch.NewStatements;
import dev.bucketsql.tpch.TpchQuery;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The warm part of {@code bench/run tpch}: after every query ran, each is planned again as a
 * statement never seen before ({@link NewStatements#fresh}: a literal changed, so neither the plan
 * cache nor the compiled-plan cache serves it by its text), {@code rounds} times, and the medians
 * of its phases are printed ({@link PrepareClock}), in CPU time of the preparing thread (other
 * processes on a shared machine do not inflate it) beside the wall time. The four single-table
 * statements of {@link NewStatements#SINGLE_TABLE} are also executed, each new text once, with the
 * time to their first row: what a new single-table statement costs before and as it reads data.
 */
final class TpchWarmPlanning {
  /** The steps printed, in {@link PrepareClock.Phases#steps()}'s names and order. */
  private static final List<String> STEPS =
      List.of(
          "rewrite",
          "decorrelate",
          "trim",
          "volcano",
          "calc",
          "rewriter",
          "engine",
          PrepareClock.JAVA_SOURCE,
          PrepareClock.COMPILE);

  private final NewStatements fresh = new NewStatements();

  private TpchWarmPlanning() {}

  /** Prints the table for the queries of {@code queries} and the single-table statements. */
  static void run(Connection c, List<TpchQuery> queries, int rounds, PrintStream out)
      throws SQLException {
    requireNonNull(c, "c is null");
    if (rounds <= 0) {
      return;
    }
    Map<String, String> statements = new LinkedHashMap<>(NewStatements.SINGLE_TABLE);
    for (TpchQuery q : queries) {
      statements.put(q.name(), q.sql());
    }
    TpchWarmPlanning planning = new TpchWarmPlanning();
    out.println();
    out.printf(
        Locale.ROOT,
        "Warm planning of new statements (a literal changed each time), median of %d; CPU ms of the"
            + " preparing thread per phase and step, wall ms beside; load average %.2f%n",
        rounds,
        BenchEnvironment.loadAverage());
    StringBuilder header =
        new StringBuilder("| statement | wall | CPU | parse | validate | convert");
    StringBuilder rule = new StringBuilder("|---|---:|---:|---:|---:|---:");
    header.append(" | optimize");
    rule.append("|---:");
    for (String step : STEPS) {
      header.append(" | ").append(step);
      rule.append("|---:");
    }
    out.println(header.append(" | codegen | first row wall |"));
    out.println(rule.append("|---:|---:|"));
    long maxWall = 0;
    long maxCpu = 0;
    String slowest = "-";
    for (Map.Entry<String, String> statement : statements.entrySet()) {
      boolean single = NewStatements.SINGLE_TABLE.containsKey(statement.getKey());
      List<PrepareClock.Phases> wall = new ArrayList<>();
      List<PrepareClock.Phases> cpu = new ArrayList<>();
      List<Long> firstRows = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        planning.plan(c, statement.getValue(), single, wall, cpu, firstRows);
      }
      long w = median(wall, PrepareClock.Phases::total);
      long t = median(cpu, PrepareClock.Phases::total);
      if (w > maxWall) {
        maxWall = w;
        slowest = statement.getKey();
      }
      maxCpu = Math.max(maxCpu, t);
      StringBuilder line = new StringBuilder("| ").append(statement.getKey());
      line.append(" | ").append(ms(w)).append(" | ").append(ms(t));
      line.append(" | ").append(ms(median(cpu, PrepareClock.Phases::parse)));
      line.append(" | ").append(ms(median(cpu, PrepareClock.Phases::validate)));
      line.append(" | ").append(ms(median(cpu, PrepareClock.Phases::convert)));
      line.append(" | ").append(ms(median(cpu, PrepareClock.Phases::optimize)));
      for (String step : STEPS) {
        line.append(" | ").append(ms(median(cpu, p -> p.step(step))));
      }
      line.append(" | ").append(ms(median(cpu, PrepareClock.Phases::codegen)));
      line.append(" | ").append(firstRows.isEmpty() ? "-" : ms(median(firstRows))).append(" |");
      out.println(line);
    }
    out.printf(
        Locale.ROOT,
        "slowest: %s, %s ms wall; most CPU %s ms; load average %.2f%n",
        slowest,
        ms(maxWall),
        ms(maxCpu),
        BenchEnvironment.loadAverage());
  }

  /**
   * Prepares a new text of {@code sql} under a clock; a single-table statement is also executed,
   * and the wall time from the start of its preparation to its first row added to {@code
   * firstRows}.
   */
  private void plan(
      Connection c,
      String sql,
      boolean execute,
      List<PrepareClock.Phases> wall,
      List<PrepareClock.Phases> cpu,
      List<Long> firstRows)
      throws SQLException {
    String text = fresh.fresh(sql);
    long start = System.nanoTime();
    try (PrepareClock clock = PrepareClock.start();
        PreparedStatement statement = c.prepareStatement(text)) {
      PrepareClock.Phases onCpu = clock.cpuPhases();
      PrepareClock.Phases onWall = clock.phases();
      if (onCpu.reused()) {
        throw new IllegalStateException(
            "the plan cache served a statement meant to be new: " + text);
      }
      wall.add(onWall);
      cpu.add(onCpu);
      if (execute) {
        try (ResultSet rows = statement.executeQuery()) {
          rows.next();
          firstRows.add(System.nanoTime() - start);
          while (rows.next()) {
            rows.getObject(1);
          }
        }
      }
    }
  }

  private static long median(
      List<PrepareClock.Phases> runs, ToLongFunction<PrepareClock.Phases> phase) {
    return median(runs.stream().map(phase::applyAsLong).toList());
  }

  private static long median(List<Long> values) {
    long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
  }
}
