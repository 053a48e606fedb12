package dev.bucketsql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where a script is cut into statements, and where it must not be. */
class StatementSplitterTest {
  @Test
  void cutsAtSemicolonsOutsideQuotesAndComments() {
    String script =
        """
        SELECT 'a;b', "x;y" FROM t; -- a comment; still a comment
        SELECT 1 /* ; */ + 2;
        -- only a comment;
        SELECT 'it''s;' AS s
        """;
    assertThat(StatementSplitter.split(script))
        .containsExactly(
            "SELECT 'a;b', \"x;y\" FROM t",
            "-- a comment; still a comment\nSELECT 1 /* ; */ + 2",
            "-- only a comment;\nSELECT 'it''s;' AS s");
  }

  @Test
  void aDotCommandIsAStatementEndedByItsLine() {
    assertThat(StatementSplitter.split(".mode csv\nSELECT 1;\n  .tables\nSELECT\n  2\n"))
        .containsExactly(".mode csv", "SELECT 1", ".tables", "SELECT\n  2");
  }

  @Test
  void blankAndCommentOnlyScriptsHaveNoStatements() {
    assertThat(StatementSplitter.split(" ;\n -- nothing\n/* here */;")).isEmpty();
  }
}
