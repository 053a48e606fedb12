package dev.bucketsql.calcite.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which literals and calls the statement pass turns into file references, and how. */
class FileTableRefsTest {
  private static String rewrite(String sql) {
    return KeywordNames.rewrite(sql).sql();
  }

  @Test
  void literalInTablePositionBecomesAName() {
    assertThat(rewrite("SELECT COUNT(*) FROM 's3://b/full/PP_recipes.csv'"))
        .isEqualTo("SELECT COUNT(*) FROM \"'s3://b/full/PP_recipes.csv'\" AS \"PP_recipes\"");
    assertThat(rewrite("SELECT * FROM 'a.csv' x JOIN 'b.parquet' AS y ON x.id = y.id, 'c.csv'"))
        .isEqualTo(
            "SELECT * FROM \"'a.csv'\" x JOIN \"'b.parquet'\" AS y ON x.id = y.id, \"'c.csv'\" AS \"c\"");
    assertThat(rewrite("SELECT * FROM 'dir/*.csv' WHERE x = 'a.csv'"))
        .isEqualTo("SELECT * FROM \"'dir/*.csv'\" WHERE x = 'a.csv'");
  }

  @Test
  void fromInsideAnExpressionIsNoTable() {
    for (String sql :
        new String[] {
          "SELECT 'x' IS DISTINCT FROM 'y' FROM t",
          "SELECT a IS NOT DISTINCT FROM 'y' FROM t",
          "SELECT TRIM('x' FROM 'xax'), SUBSTRING('abc' FROM 2) FROM t",
          "SELECT EXTRACT(YEAR FROM '2020-01-01'::DATE) FROM t"
        }) {
      assertThat(rewrite(sql)).as(sql).isEqualTo(sql);
    }
    // a subquery's FROM still takes a file
    assertThat(rewrite("SELECT * FROM (SELECT * FROM 'a.csv') s"))
        .isEqualTo("SELECT * FROM (SELECT * FROM \"'a.csv'\" AS \"a\") s");
  }

  @Test
  void readerCallsBecomeOneName() {
    assertThat(
            rewrite(
                "SELECT * FROM read_csv('a.csv', header = true, types = {'id': 'INTEGER'}) WHERE id > 1"))
        .isEqualTo(
            "SELECT * FROM \"read_csv('a.csv', header = true, types = {'id': 'INTEGER'})\" AS \"read_csv\" WHERE id > 1");
    assertThat(rewrite("SELECT * FROM (SELECT * FROM read_parquet(['a.parquet', 'b.parquet'])) t"))
        .isEqualTo(
            "SELECT * FROM (SELECT * FROM \"read_parquet(['a.parquet', 'b.parquet'])\" AS \"read_parquet\") t");
    assertThat(rewrite("SELECT read_csv('x') FROM t")).isEqualTo("SELECT read_csv('x') FROM t");
  }

  @Test
  void aCallOverSeveralLinesKeepsWhatFollowsInPlace() {
    String sql = "SELECT COUNT(*)\nFROM read_csv('nulls.csv',\n  header = true) t WHERE nope = 1";
    String out = rewrite(sql);
    assertThat(out.split("\n")).hasSize(3);
    assertThat(out.split("\n")[2].indexOf("nope")).isEqualTo(sql.split("\n")[2].indexOf("nope"));
  }
}
