package dev.bucketsql.calcite.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.SqlStateException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/**
 * The DuckDB functions' failures: one line, naming the argument, with the SQLSTATE the JDBC layer
 * reports (2201B for a bad pattern, 22007 for a text or format strptime cannot read, 22023 for
 * another bad argument). Their values are checked against DuckDB in testing/sql-tests.
 */
class DuckDbFunctionErrorsTest {
  @Test
  void badPatternIs2201BAndNamesThePattern() {
    assertThatThrownBy(() -> DuckDbRegex.matches("abc", "a(b"))
        .isInstanceOfSatisfying(
            SqlStateException.class, e -> assertThat(e.sqlState()).isEqualTo("2201B"))
        .hasMessageStartingWith("regexp_matches: invalid regular expression 'a(b': ")
        .message()
        .doesNotContain("\n");
    assertThatThrownBy(() -> DuckDbRegex.extract("abc", "[a"))
        .isInstanceOfSatisfying(
            SqlStateException.class, e -> assertThat(e.sqlState()).isEqualTo("2201B"))
        .hasMessageStartingWith("regexp_extract: invalid regular expression '[a': ")
        .message()
        .doesNotContain("\n");
  }

  @Test
  void badOptionOrGroupIs22023() {
    assertThatThrownBy(() -> DuckDbRegex.matchesWithOptions("abc", "a", "iq"))
        .isInstanceOfSatisfying(
            SqlStateException.class, e -> assertThat(e.sqlState()).isEqualTo("22023"))
        .hasMessage("regexp_matches: unknown option 'q' in 'iq'; use c, i, s, m, n, p or l");
    assertThatThrownBy(() -> DuckDbRegex.matchesWithOptions("abc", "a", "g"))
        .isInstanceOfSatisfying(
            SqlStateException.class, e -> assertThat(e.sqlState()).isEqualTo("22023"))
        .hasMessageContaining("only for regexp_replace");
    assertThatThrownBy(() -> DuckDbRegex.extractGroup("abc", "(a)(b)", 3))
        .isInstanceOfSatisfying(
            SqlStateException.class, e -> assertThat(e.sqlState()).isEqualTo("22023"))
        .hasMessage(
            "regexp_extract: group 3 does not exist in '(a)(b)', which has 2 group(s); use 0 (the"
                + " whole match) to 2");
  }

  @Test
  void strptimeFailuresAre22007AndNameTextAndFormat() {
    assertThatThrownBy(() -> DateParse.parse("2020-13-01", "%Y-%m-%d"))
        .isInstanceOfSatisfying(
            SqlStateException.class, e -> assertThat(e.sqlState()).isEqualTo("22007"))
        .hasMessageStartingWith("strptime: could not parse '2020-13-01' with format '%Y-%m-%d': ");
    assertThatThrownBy(() -> DateParse.parse("2020", "%Y %Q"))
        .isInstanceOfSatisfying(
            SqlStateException.class, e -> assertThat(e.sqlState()).isEqualTo("22007"))
        .hasMessageStartingWith("strptime: unknown format specifier '%Q' in '%Y %Q'; supported: ");
    assertThatThrownBy(() -> DateParse.parse("2020-01-01", "%Y-%m-%d %H"))
        .isInstanceOfSatisfying(
            SqlStateException.class, e -> assertThat(e.sqlState()).isEqualTo("22007"))
        .hasMessage(
            "strptime: could not parse '2020-01-01' with format '%Y-%m-%d %H': expected an hour at"
                + " position 11");
    assertThatThrownBy(() -> DateParse.parse("1:00 PM", "%I:%M %p %Q"))
        .isInstanceOf(SqlStateException.class)
        .hasMessageContaining("'%Q'");
  }

  @Test
  void strptimeKeepsMillisecondsAndRefusesToCutMicroseconds() {
    assertThat(DateParse.parse("2020-01-02 03:04:05.120", "%Y-%m-%d %H:%M:%S.%f"))
        .isEqualTo(Timestamp.valueOf(LocalDateTime.of(2020, 1, 2, 3, 4, 5, 120_000_000)));
    assertThatThrownBy(() -> DateParse.parse("03:04:05.123456", "%H:%M:%S.%f"))
        .isInstanceOfSatisfying(
            SqlStateException.class, e -> assertThat(e.sqlState()).isEqualTo("22007"))
        .hasMessageContaining("milliseconds");
  }

  @Test
  void nullArgumentsGiveNull() {
    assertThat(DuckDbRegex.matches(null, "(")).isNull();
    assertThat(DuckDbRegex.extractGroup("a", "a", null)).isNull();
    assertThat(DateParse.parse(null, "%Q")).isNull();
    assertThat(DuckDbStrings.len(null)).isNull();
    assertThat(Epoch.timestampOfMillis(null)).isNull();
  }
}
