package dev.bucketsql.calcite.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.SqlStateException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * DuckDB's substr, upper and lower and the DECIMAL round, against answers DuckDB gave for the same
 * arguments, and the casts of text to BOOLEAN.
 */
class DuckDbStringsTest {
  @Test
  void substrCountsANegativeStartFromTheEnd() {
    assertThat(DuckDbStrings.substring("hello", 0L, 2L)).isEqualTo("h");
    assertThat(DuckDbStrings.substring("hello", -2L, 1L)).isEqualTo("l");
    assertThat(DuckDbStrings.substring("hello", -10L, 7L)).isEqualTo("he");
    assertThat(DuckDbStrings.substring("hello", 2L, -1L)).isEqualTo("h");
    assertThat(DuckDbStrings.substring("hello", -1L, -10L)).isEqualTo("hell");
    assertThat(DuckDbStrings.substring("hello", 3L, -2L)).isEqualTo("he");
    assertThat(DuckDbStrings.substring("hello", -6L, 2L)).isEqualTo("h");
    assertThat(DuckDbStrings.substring("hello", 7L, -3L)).isEqualTo("lo");
    assertThat(DuckDbStrings.substring("hello", 100L, -98L)).isEqualTo("ello");
    assertThat(DuckDbStrings.substring("hello", -7L, 3L)).isEqualTo("h");
    assertThat(DuckDbStrings.substring("hello", -5L, -1L)).isEmpty();
    assertThat(DuckDbStrings.substring("a😀bc", 2L, 2L)).isEqualTo("😀b");
    assertThat(DuckDbStrings.substringFrom("hello", -2L)).isEqualTo("lo");
    assertThat(DuckDbStrings.substringFrom("hello", 0L)).isEqualTo("hello");
    assertThat(DuckDbStrings.substringFrom("hello", -10L)).isEqualTo("hello");
    assertThat(DuckDbStrings.substringFrom("hello", 6L)).isEmpty();
    assertThat(DuckDbStrings.substring(null, 1L, 1L)).isNull();
    assertThat(DuckDbStrings.substring("abc", 1L, null)).isNull();
  }

  @Test
  void substrBeyondThirtyTwoBitsFails() {
    assertThat(DuckDbStrings.substring("hello", 4294967295L, 1L)).isEmpty();
    assertThat(DuckDbStrings.substring("hello", -4294967296L, 1L)).isEmpty();
    assertThatThrownBy(() -> DuckDbStrings.substring("hello", 4294967296L, 1L))
        .isInstanceOfSatisfying(
            SqlStateException.class, e -> assertThat(e.sqlState()).isEqualTo("22003"))
        .hasMessageContaining("offset 4294967296");
    assertThatThrownBy(() -> DuckDbStrings.substring("hello", 1L, -4294967297L))
        .hasMessageContaining("length -4294967297");
  }

  @Test
  void caseMapsOneCodePointAtATime() {
    assertThat(DuckDbStrings.upper("ﬀ straße")).isEqualTo("ﬀ STRAẞE");
    assertThat(DuckDbStrings.lower("ǅ İ Σ")).isEqualTo("ǆ i σ");
    assertThat(DuckDbStrings.upper("a😀b")).isEqualTo("A😀B");
  }

  @Test
  void roundOfADecimalTakesTheRoundedScale() {
    assertThat(DuckResultTypes.round(new BigDecimal("9999999.99"), 1))
        .isEqualTo(new BigDecimal("10000000.0"));
    assertThat(DuckResultTypes.round(new BigDecimal("9999999.99"), -2))
        .isEqualTo(new BigDecimal("10000000"));
    assertThat(DuckResultTypes.round(new BigDecimal("149.50"), -2))
        .isEqualTo(new BigDecimal("100"));
    assertThat(DuckResultTypes.round(new BigDecimal("-12.345"), 2))
        .isEqualTo(new BigDecimal("-12.35"));
  }

  @Test
  void textReadsAsABooleanWithDuckDbsWords() {
    for (String yes : new String[] {"true", "T", "yes", "Y", "1"}) {
      assertThat(TextCasts.toBoolean(yes)).as(yes).isTrue();
    }
    for (String no : new String[] {"FALSE", "f", "No", "n", "0"}) {
      assertThat(TextCasts.toBoolean(no)).as(no).isFalse();
    }
    assertThat(TextCasts.tryToBoolean("on")).isNull();
    assertThatThrownBy(() -> TextCasts.toBoolean(" true "))
        .isInstanceOfSatisfying(
            SqlStateException.class, e -> assertThat(e.sqlState()).isEqualTo("22P02"))
        .hasMessageContaining("invalid boolean ' true '")
        .hasMessageContaining("BOOLEAN");
  }
}
