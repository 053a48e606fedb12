package dev.bucketsql.calcite.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.SqlStateException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The token passes for DuckDB's samples and slices, the slice function and the names suggested for
 * unknown objects (answers against DuckDB are in testing/sql-tests).
 */
class DialectPassesTest {
  private static String rewrite(String sql) {
    return KeywordNames.rewrite(sql).sql();
  }

  @Test
  void samplesBecomeSubqueriesUnderTheSameAlias() {
    assertThat(rewrite("SELECT COUNT(*) FROM t USING SAMPLE 10 ROWS"))
        .isEqualTo("SELECT COUNT(*) FROM (SELECT * FROM t AS t ORDER BY RAND() LIMIT 10) AS t ");
    assertThat(rewrite("SELECT a FROM t x WHERE a > 1 USING SAMPLE 12.5%"))
        .isEqualTo(
            "SELECT a FROM (SELECT * FROM t AS x WHERE RAND() * 100 < 12.5) AS x WHERE a > 1 ");
    assertThat(
            rewrite(
                "SELECT * FROM s.t AS x TABLESAMPLE reservoir(5 ROWS) JOIN u ON x.a = u.a, v TABLESAMPLE BERNOULLI(1)"))
        .isEqualTo(
            "SELECT * FROM (SELECT * FROM s.t AS x ORDER BY RAND() LIMIT 5) AS x JOIN u ON x.a = u.a,"
                + " (SELECT * FROM v AS v WHERE RAND() * 100 < 1) AS v");
    assertThat(
            rewrite(
                "SELECT n FROM (SELECT a AS n FROM t) USING SAMPLE 3 PERCENT (bernoulli) ORDER BY 1"))
        .isEqualTo(
            "SELECT n FROM (SELECT * FROM (SELECT a AS n FROM t) AS sample WHERE RAND() * 100 < 3) AS sample  ORDER BY 1");
    assertThat(rewrite("SELECT 'USING SAMPLE 5' AS s, sample FROM t"))
        .isEqualTo("SELECT 'USING SAMPLE 5' AS s, sample FROM t");
  }

  @Test
  void samplesThatCannotBeTakenFail() {
    assertThatThrownBy(() -> rewrite("SELECT * FROM a JOIN b ON a.x = b.x USING SAMPLE 5"))
        .isInstanceOfSatisfying(
            SqlStateException.class, e -> assertThat(e.sqlState()).isEqualTo("0A000"));
    assertThatThrownBy(() -> rewrite("SELECT * FROM a USING SAMPLE 5% REPEATABLE (1)"))
        .isInstanceOfSatisfying(
            SqlStateException.class, e -> assertThat(e.sqlState()).isEqualTo("0A000"));
    assertThatThrownBy(() -> rewrite("SELECT * FROM a TABLESAMPLE x"))
        .isInstanceOfSatisfying(
            SqlStateException.class, e -> assertThat(e.sqlState()).isEqualTo("42601"))
        .hasMessageContaining("line 1, column 29");
  }

  @Test
  void slicesBecomeCalls() {
    assertThat(
            rewrite(
                "SELECT l[2:3], l[:2], l[2:], t.l[a:b], f(x)[1:2], [1, 2][1:1], 'ab'[1:1], l[1] FROM t"))
        .isEqualTo(
            "SELECT list_slice(l, 2, 3), list_slice(l, 1, 2), list_slice(l, 2, -1), list_slice(t.l, a, b),"
                + " list_slice(f(x), 1, 2), list_slice(ARRAY[1, 2], 1, 1), list_slice('ab', 1, 1), l[1] FROM t");
    assertThat(rewrite("SELECT x::INT, l[(a):b::INT] FROM t"))
        .isEqualTo("SELECT x::INT, list_slice(l, (a), b::INT) FROM t");
    KeywordNames.Rewritten r = KeywordNames.rewrite("SELECT l[1:2], nope");
    assertThat(r.originalColumn(1, r.sql().indexOf("nope") + 1)).isEqualTo(16);
  }

  @Test
  void sliceFunctionCountsAsDuckDb() {
    List<Integer> l = List.of(1, 2, 3, 4);
    assertThat(ListSliceFunction.slice(l, 2, 3)).isEqualTo(List.of(2, 3));
    assertThat(ListSliceFunction.slice(l, -2, -1)).isEqualTo(List.of(3, 4));
    assertThat(ListSliceFunction.slice(l, 0, 10L)).isEqualTo(l);
    assertThat(ListSliceFunction.slice(l, 3, 2)).isEqualTo(List.of());
    assertThat(ListSliceFunction.slice(Arrays.asList(1, null), 2, 2))
        .isEqualTo(Arrays.asList((Object) null));
    assertThat(ListSliceFunction.slice("a😀bc", 2, 3)).isEqualTo("😀b");
    assertThat(ListSliceFunction.slice("abc", null, 3)).isNull();
  }

  @Test
  void nearestNamesByEditDistance() {
    assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(DidYouMean.nearest("PP_recipe", List.of("RAW_recipes", "PP_recipes", "PP_users")))
        .containsExactly("PP_recipes");
    assertThat(DidYouMean.nearest("pp_RECIPES", List.of("PP_recipes"))).isEmpty();
    assertThat(DidYouMean.nearest("zzzz", List.of("id", "score"))).isEmpty();
    assertThat(DidYouMean.nearest("scor", List.of("score", "scores", "sc0r", "id")))
        .containsExactly("score", "sc0r");
  }
}
