package dev.bucketsql.tpch;

import dev.bucketsql.calcite.engine.PrepareClock;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Not a test but the planning benchmark: prepares each of the 22 TPC-H queries and a few
 * single-table queries, each time with text never seen before (a literal changed, so neither the
 * plan cache nor a cache of generated code keyed by its source serves it), in a warm JVM, and
 * writes the median CPU time of this thread per phase ({@link PrepareClock#cpuPhases()}) to {@code
 * target/planning-times.md}. CPU time, not wall time: other processes on a shared machine do not
 * inflate it. It asserts nothing and runs only when asked:
 *
 * <pre>
 * mvn -o -B -pl testing/tpch -am test -Dtest=PlanningTimeBench -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbucketsql.planning.rounds=9
 * </pre>
 */
@ExtendWith(S3ServerExtension.class)
@EnabledIfSystemProperty(named = "bucketsql.planning.rounds", matches = "\\d+")
class PlanningTimeBench {
  private static final String BUCKET = "tpchplanning";

  private final NewStatements fresh = new NewStatements();

  @Test
  void planEveryQuery(S3TestServer server) throws IOException, SQLException {
    int rounds = Integer.getInteger("bucketsql.planning.rounds");
    int warmup = Integer.getInteger("bucketsql.planning.warmup", 5);
    Path directory = Files.createTempDirectory("bucketsql-tpch-planning");
    TpchData.upload(server, BUCKET, TpchData.write(0.01, directory));
    Map<String, String> statements = new LinkedHashMap<>();
    for (String name : List.of("point", "filter", "group", "top")) {
      statements.put(name, NewStatements.SINGLE_TABLE.get(name));
    }
    for (TpchQuery query : TpchQuery.all(0.01)) {
      statements.put(query.name(), query.sql());
    }
    try (Connection connection =
        DriverManager.getConnection(server.jdbcUrl(BUCKET), S3TestServer.jdbcKeys())) {
      // the first round: each statement's shape new to this JVM
      Map<String, List<PrepareClock.Phases[]>> first = new LinkedHashMap<>();
      for (Map.Entry<String, String> statement : statements.entrySet()) {
        first.put(
            statement.getKey(),
            List.<PrepareClock.Phases[]>of(prepare(connection, fresh(statement.getValue()))));
      }
      for (int i = 1; i < warmup; i++) {
        for (String sql : statements.values()) {
          prepare(connection, fresh(sql));
        }
      }
      Map<String, List<PrepareClock.Phases[]>> measured = new LinkedHashMap<>();
      Map<String, String> last = new LinkedHashMap<>();
      for (int i = 0; i < rounds; i++) {
        for (Map.Entry<String, String> statement : statements.entrySet()) {
          String sql = fresh(statement.getValue());
          last.put(statement.getKey(), sql);
          measured
              .computeIfAbsent(statement.getKey(), k -> new ArrayList<>())
              .add(prepare(connection, sql));
        }
      }
      // the texts of the last round again on another connection: its plan cache is empty
      Map<String, List<PrepareClock.Phases[]>> again = new LinkedHashMap<>();
      try (Connection other =
          DriverManager.getConnection(server.jdbcUrl(BUCKET), S3TestServer.jdbcKeys())) {
        for (Map.Entry<String, String> statement : last.entrySet()) {
          again.put(
              statement.getKey(),
              List.<PrepareClock.Phases[]>of(prepare(other, statement.getValue())));
        }
      }
      String report =
          report(
                  "CPU time of the first round (each statement's first time in this JVM), ms",
                  first,
                  1)
              + report(
                  String.format(
                      Locale.ROOT,
                      "CPU time, median of %d runs after %d warm-up rounds, ms",
                      rounds,
                      warmup),
                  measured,
                  1)
              + report(
                  String.format(Locale.ROOT, "Wall time, median of the same %d runs, ms", rounds),
                  measured,
                  0)
              + report(
                  "CPU time of the last round's texts on a new connection (one run), ms", again, 1);
      Path out = Path.of("target", "planning-times.md");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report, StandardCharsets.UTF_8);
      System.out.println(report);
    }
  }

  /** {@code sql} with a literal no earlier run used. */
  private String fresh(String sql) {
    return fresh.fresh(sql);
  }

  /** The phases of preparing {@code sql}: on the wall clock, then in CPU time. */
  private static PrepareClock.Phases[] prepare(Connection connection, String sql)
      throws SQLException {
    try (PrepareClock clock = PrepareClock.start();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      PrepareClock.Phases cpu = clock.cpuPhases();
      PrepareClock.Phases wall = clock.phases();
      if (cpu.reused()) {
        throw new IllegalStateException(
            "the plan cache served a statement meant to be new: " + sql);
      }
      return new PrepareClock.Phases[] {wall, cpu};
    }
  }

  private static String report(
      String title, Map<String, List<PrepareClock.Phases[]>> measured, int clock) {
    StringBuilder out = new StringBuilder();
    out.append(title).append("\n\n");
    out.append("| statement | parse | validate | convert | optimize | codegen | total |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|\n");
    List<Long> totals = new ArrayList<>();
    for (Map.Entry<String, List<PrepareClock.Phases[]>> e : measured.entrySet()) {
      List<PrepareClock.Phases> runs = e.getValue().stream().map(p -> p[clock]).toList();
      long total = median(runs, PrepareClock.Phases::total);
      totals.add(total);
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s | %s |%n",
              e.getKey(),
              ms(median(runs, PrepareClock.Phases::parse)),
              ms(median(runs, PrepareClock.Phases::validate)),
              ms(median(runs, PrepareClock.Phases::convert)),
              ms(median(runs, PrepareClock.Phases::optimize)),
              ms(median(runs, PrepareClock.Phases::codegen)),
              ms(total)));
    }
    long sum = totals.stream().mapToLong(Long::longValue).sum();
    out.append(String.format(Locale.ROOT, "%nsum: %s ms%n%n", ms(sum)));
    return out.toString();
  }

  private static long median(
      List<PrepareClock.Phases> runs,
      java.util.function.ToLongFunction<PrepareClock.Phases> phase) {
    long[] values = runs.stream().mapToLong(phase).toArray();
    Arrays.sort(values);
    return values[values.length / 2];
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
  }
}
