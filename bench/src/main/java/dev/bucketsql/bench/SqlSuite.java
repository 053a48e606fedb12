package dev.bucketsql.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * Times statements given on the command line ({@code bench/run sql --query "SELECT ..."}, the
 * option repeated for several), warm, with their plan, bytes and requests: a developer's probe of
 * one path, over the same data set and server as the other suites.
 */
final class SqlSuite implements BenchSuite {
  private final List<String> queries;

  SqlSuite(List<String> queries) {
    this.queries = queries; // filled while the command line is read
  }

  @Override
  public String name() {
    return "sql";
  }

  @Override
  public void run(BenchEnvironment env, int repeat) throws Exception {
    PrintStream out = env.out();
    if (queries.isEmpty()) {
      out.println("no statement given: bench/run sql --query \"SELECT ...\"");
      return;
    }
    try (Connection c = env.connect()) {
      for (String sql : queries) {
        out.println(sql);
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
          while (rs.next()) {
            out.println(rs.getString(1).stripTrailing().indent(2).stripTrailing());
          }
        }
        long start = System.nanoTime();
        env.time(c, sql, 1);
        long first = System.nanoTime() - start;
        BenchEnvironment.Run warm = env.time(c, sql, repeat);
        out.printf(
            Locale.ROOT,
            "  first %.0f ms, warm %.0f ms, %,d bytes in %d requests; rows: %s%n",
            first / 1e6,
            warm.nanos() / 1e6,
            warm.fetched().bytesFetched(),
            warm.fetched().requests(),
            warm.rows());
      }
    }
  }
}
