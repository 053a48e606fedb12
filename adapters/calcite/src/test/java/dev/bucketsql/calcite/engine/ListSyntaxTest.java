package dev.bucketsql.calcite.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.SqlStateException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DuckDB's list syntax in Calcite's spelling, list text read and written as DuckDB does. */
class ListSyntaxTest {
  private static String rewrite(String sql) {
    return KeywordNames.rewrite(sql).sql();
  }

  @Test
  void typeSuffixBecomesArray() {
    assertThat(rewrite("SELECT x::DOUBLE[], CAST(y AS VARCHAR[]), CAST(z AS INTEGER[][]) FROM t"))
        .isEqualTo(
            "SELECT x::DOUBLE ARRAY, CAST(y AS VARCHAR ARRAY), CAST(z AS INTEGER ARRAY ARRAY) FROM t");
    assertThat(rewrite("SELECT CAST(d AS DECIMAL(10, 2)[]) FROM t"))
        .isEqualTo("SELECT CAST(d AS DECIMAL(10, 2) ARRAY) FROM t");
  }

  @Test
  void bracketAfterAValueIsASubscriptElseALiteral() {
    assertThat(
            rewrite(
                "SELECT [1, 2][1], tags[2], f(x)[1], CAST(n AS DOUBLE[])[1] FROM t WHERE x IN ([1])"))
        .isEqualTo(
            "SELECT ARRAY[1, 2][1], tags[2], f(x)[1], CAST(n AS DOUBLE ARRAY)[1] FROM t WHERE x IN (ARRAY[1])");
    assertThat(rewrite("SELECT list_contains(['a', 'b'], x), ARRAY[1], '[1, 2]' FROM t"))
        .isEqualTo("SELECT list_contains(ARRAY['a', 'b'], x), ARRAY[1], '[1, 2]' FROM t");
  }

  @Test
  void unnestOutsideFromAndTwoArgumentTrim() {
    assertThat(rewrite("SELECT unnest(l) FROM t, unnest(t.l) AS u(x) CROSS JOIN UNNEST(m)"))
        .isEqualTo("SELECT \"unnest\"(l) FROM t, unnest(t.l) AS u(x) CROSS JOIN UNNEST(m)");
    assertThat(
            rewrite(
                "SELECT trim(tags, '[]'), trim(' x '), TRIM(BOTH 'x' FROM s), trim(f(a, b)) FROM t"))
        .isEqualTo(
            "SELECT btrim(tags, '[]'), trim(' x '), TRIM(BOTH 'x' FROM s), trim(f(a, b)) FROM t");
  }

  @Test
  void errorPositionsPointAtTheTextAsTyped() {
    KeywordNames.Rewritten r = KeywordNames.rewrite("SELECT [1], x::INT[], nope");
    // "nope" is at column 23 as typed, 23 + 5 (ARRAY) + 4 (" ARRAY" for "[]") after the pass
    assertThat(r.sql().indexOf("nope") + 1).isEqualTo(32);
    assertThat(r.originalColumn(1, 32)).isEqualTo(23);
  }

  @Test
  void listTextReadsAsDuckDbReadsIt() {
    assertThat(ListText.cast("['a, b', \"it's\", a'b'c, 'x' y, , NULL, 'NULL', ' s ']", "VARCHAR"))
        .containsExactly("a, b", "it's", "abc", "x y", "", null, "NULL", " s ");
    assertThat(ListText.cast(" [1, 2.5, -1.5] ", "INTEGER")).containsExactly(1, 3, -2);
    assertThat(ListText.cast("[[1, 2], [], [NULL]]", "BIGINT[]"))
        .containsExactly(List.of(1L, 2L), List.of(), Arrays.asList((Object) null));
    assertThat(ListText.cast("[]", "DOUBLE")).isEmpty();
    assertThat(ListText.cast(List.of(1, 2), "DOUBLE")).containsExactly(1.0, 2.0);
    assertThat(ListText.tryCast("1, 2", "INTEGER")).isNull();
  }

  @Test
  void badListTextNamesTheValue() {
    assertThatThrownBy(() -> ListText.cast("[1, x]", "INTEGER"))
        .isInstanceOf(SqlStateException.class)
        .hasMessageContaining("'x' in '[1, x]'")
        .satisfies(e -> assertThat(((SqlStateException) e).sqlState()).isEqualTo("22P02"));
    for (String bad : new String[] {"1, 2", "[1, 2", "['a]", "[1]]", "[[1]"}) {
      assertThatThrownBy(() -> ListText.cast(bad, "VARCHAR"))
          .as(bad)
          .isInstanceOf(SqlStateException.class)
          .hasMessageContaining(bad);
    }
    assertThatThrownBy(() -> ListText.cast("[2020-01-01]", "DATE"))
        .isInstanceOf(SqlStateException.class)
        .hasMessageContaining("DATE[]");
  }

  @Test
  void listTextIsWrittenAsDuckDbWritesIt() {
    assertThat(ListFormat.text(Arrays.asList("a", "a, b", "it's", "", "NULL", null, " x", "x y")))
        .isEqualTo("[a, 'a, b', 'it\\'s', '', 'NULL', NULL, ' x', x y]");
    assertThat(
            ListFormat.text(
                List.of(List.of(1, 2), List.of(), List.of(1.5, Double.POSITIVE_INFINITY))))
        .isEqualTo("[[1, 2], [], [1.5, inf]]");
  }

  @Test
  void listFunctions() {
    assertThat(ListFunctions.split("a,b,,c", ",")).containsExactly("a", "b", "", "c");
    assertThat(ListFunctions.split("", ",")).containsExactly("");
    assertThat(ListFunctions.split("ab", "")).containsExactly("a", "b");
    assertThat(ListFunctions.extract(List.of(1, 2, 3), -1)).isEqualTo(3);
    assertThat(ListFunctions.extract(List.of(1, 2, 3), 0)).isNull();
    assertThat(ListFunctions.extract(List.of(1, 2, 3), -4)).isNull();
    assertThat(ListFunctions.contains(List.of(1.5, 2.0), 2)).isTrue();
    assertThat(ListFunctions.contains(Arrays.asList(1, null), 3)).isFalse();
    assertThat(ListFunctions.sort(Arrays.asList(3, null, 1.5, 2L)))
        .containsExactly(1.5, 2L, 3, null);
    assertThat(ListFunctions.distinct(Arrays.asList(2, 1, 2, null, 1))).containsExactly(2, 1);
    assertThat(ListFunctions.join(Arrays.asList("a", null, "b"), "-")).isEqualTo("a-b");
    assertThat(ListFunctions.trim("[['a']]", "[]'")).isEqualTo("a");
    assertThat(ListFunctions.len("héllo")).isEqualTo(5L);
    assertThat(ListFunctions.len(List.of(1, 2))).isEqualTo(2L);
  }
}
