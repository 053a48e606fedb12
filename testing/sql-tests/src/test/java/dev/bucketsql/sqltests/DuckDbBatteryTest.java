package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The battery of DuckDB-habit queries: the queries written the way DuckDB's documentation writes
 * them (its functions, lists, lambdas, PIVOT, file references, struct subscripts, GROUP BY ALL,
 * COLUMNS, ...), each run through BucketSQL and DuckDB over the same files by {@link
 * DifferentialTest}. This test keeps the count and the share that DuckDB runs as typed in step with
 * docs/sql.md, and that the page names every query DuckDB had to be given in other words.
 */
class DuckDbBatteryTest {
  /** The lists the battery is made of. */
  static List<SqlCase> battery() {
    return Stream.of(
            DialectQueries.ALL,
            ListQueries.ALL,
            LambdaQueries.ALL,
            PivotQueries.ALL,
            FunctionQueries.FUNCTIONS,
            FileTableQueries.ALL,
            ByAllQueries.ALL,
            NestedQueries.ALL,
            DuckSurfaceQueries.ALL)
        .flatMap(List::stream)
        .toList();
  }

  @Test
  void everyQueryOfTheBatteryIsComparedWithDuckDb() {
    assertThat(battery()).hasSizeGreaterThanOrEqualTo(150);
    assertThat(Queries.all()).containsAll(battery());
  }

  @Test
  void docsStateTheCountAndNameEveryQueryDuckDbRunsInOtherWords() throws IOException {
    String docs = Files.readString(Path.of("..", "..", "docs", "sql.md"), StandardCharsets.UTF_8);
    List<SqlCase> battery = battery();
    List<SqlCase> reworded = battery.stream().filter(c -> !asTyped(c)).toList();
    int unchanged = battery.size() - reworded.size();
    assertThat(unchanged * 100 / battery.size())
        .as("share run by DuckDB as typed, in percent")
        .isGreaterThanOrEqualTo(95);
    assertThat(docs)
        .contains(String.format(Locale.ROOT, "%d queries", battery.size()))
        .contains(
            String.format(
                Locale.ROOT, "%d of them (%.1f%%)", unchanged, unchanged * 100.0 / battery.size()));
    for (SqlCase c : reworded) {
      assertThat(docs)
          .as("docs/sql.md names the reworded query %s", c.name())
          .contains("`" + c.name() + "`");
    }
  }

  /** Whether DuckDB is given the same text, but for where the files are. */
  private static boolean asTyped(SqlCase c) {
    return files(c.sql()).equals(files(c.duckSql()));
  }

  private static String files(String sql) {
    return sql.replace("'$DIR/", "'").replace("'s3://sqltests/", "'");
  }
}
