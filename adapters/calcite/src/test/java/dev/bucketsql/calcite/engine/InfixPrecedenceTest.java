package dev.bucketsql.calcite.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.SqlStateException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InfixPrecedenceTest {
  private static String check(String expression) {
    return InfixPrecedence.check(KeywordNames.rewrite("SELECT " + expression + " FROM t"))
        .substring("SELECT ".length());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2 * x ^ 2",
        "x ^ 2 * 3",
        "a + b ^ 2",
        "a - b ^ 2",
        "x ^ 2 // 3",
        "4 + x & 3",
        "x & 3 + 4",
        "x << 1 + 2",
        "'a' || x + 1",
        "x - 1 || 'a'",
        "'a' || x * 2",
        "a & b || c",
        "a ** 2 * 3",
        "f(a) + b ^ 2",
        "CASE WHEN a > 0 THEN 2 * x ^ 2 END",
        "'a' || 'c' + 1"
      })
  void refusesGroupingsTheTwoParsersReadOtherwise(String expression) {
    assertThatThrownBy(() -> check(expression))
        .isInstanceOf(SqlStateException.class)
        .hasMessageContaining("without parentheses")
        .satisfies(e -> assertThat(((SqlStateException) e).sqlState()).isEqualTo("42601"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "x ^ 2",
        "x ^ 2 + 1",
        "x ^ 2 - y",
        "(2 * x) ^ 2",
        "2 * (x ^ 2)",
        "f(a + b) ^ 2",
        "-x ^ 2",
        "x ^ -2",
        "2.5e-3 ^ x",
        "2 ^ 3 ^ 2",
        "a || ' ' || b",
        "k * 2 || 'x'",
        "a & b * c",
        "a * b & c",
        "x ^ 2 = y + 1",
        "a + 1 <= b ^ 2",
        "CASE WHEN a + 1 > 0 THEN x ^ 2 ELSE y - 1 END",
        "'a ^ b' || 'c'",
        "a[1] ^ 2 + b[2 + 1]",
        "x ^ 2, y + 1",
        "x + 1 -- ^ 2 * 3"
      })
  void keepsGroupingsBothParsersReadAlike(String expression) {
    assertThat(check(expression)).isEqualTo(expression + " FROM t");
  }

  @ParameterizedTest
  @ValueSource(strings = {"x ** 2", "2 ** x ** 3"})
  void writesDuckDbsDoubleStarAsTheCaretOfTheSameLength(String expression) {
    assertThat(check(expression)).isEqualTo(expression.replace("**", "^ ") + " FROM t");
  }
}
