package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How much of the differential suite runs on the execution engine: every query of {@link Queries}
 * is explained, and each plan that keeps one of Calcite's enumerable operators (other than the leaf
 * calc and scan of a plan without an engine node, a plain scan the engine gains nothing on) counts
 * as a fallback. docs/engine.md states the count and the operators; a change that makes a query
 * fall back fails here until the page says so.
 */
@ExtendWith(S3ServerExtension.class)
class EngineCoverageTest {
  private static final Pattern ENUMERABLE = Pattern.compile("\\b(Enumerable\\w+)\\(");

  @Test
  void docsStateHowManyDifferentialQueriesFallBack(S3TestServer server)
      throws SQLException, IOException {
    Map<String, Integer> byOperator = new TreeMap<>();
    List<String> fallbacks = new ArrayList<>();
    int explained = 0;
    int onTheEngine = 0;
    try (Connection c = SqlTestBucket.connect(server)) {
      for (SqlCase q : Queries.all()) {
        String sql = q.sql().strip();
        if (!sql.regionMatches(true, 0, "SELECT", 0, 6)
            && !sql.regionMatches(true, 0, "WITH", 0, 4)) {
          continue; // DESCRIBE, SUMMARIZE, PIVOT, FROM-first: no plan of their own to explain
        }
        String plan;
        try {
          plan = ExplainPlanTest.explain(c, sql);
        } catch (SQLException e) {
          continue; // a query the suite expects to fail
        }
        explained++;
        if (!plan.contains("Engine")) {
          continue; // a scan, filter or projection alone stays Calcite's by design
        }
        onTheEngine++;
        Matcher m = ENUMERABLE.matcher(plan);
        List<String> operators = new ArrayList<>();
        while (m.find()) {
          if (!operators.contains(m.group(1))) {
            operators.add(m.group(1));
          }
        }
        if (!operators.isEmpty()) {
          fallbacks.add(q.name() + ": " + operators);
          operators.forEach(o -> byOperator.merge(o, 1, Integer::sum));
        }
      }
    }
    String docs =
        Files.readString(Path.of("..", "..", "docs", "engine.md"), StandardCharsets.UTF_8);
    String stated =
        String.format(
            Locale.ROOT,
            "%d of the %d differential queries whose plans use the engine (of %d explained) keep",
            fallbacks.size(),
            onTheEngine,
            explained);
    assertThat(docs)
        .as("%s%n%s%n%s", stated, byOperator, String.join("\n", fallbacks))
        .contains(stated);
  }
}
