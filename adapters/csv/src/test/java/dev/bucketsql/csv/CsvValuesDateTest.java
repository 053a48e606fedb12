package dev.bucketsql.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.format.ColumnType;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written DATE parser accepts exactly what the regular expression + ISO parser did. */
class CsvValuesDateTest {
  @Test
  void handParsedDatesMatchTheIsoParser() {
    Random random = new Random(10);
    String alphabet = "0123456789-x ";
    int fits = 0;
    for (int i = 0; i < 200_000; i++) {
      String text;
      if (random.nextBoolean()) {
        // Months and days of one digit too half the time (2024-1-2), as DuckDB reads them.
        String form = random.nextBoolean() ? "%04d-%02d-%02d" : "%04d-%d-%d";
        text = String.format(form, random.nextInt(10_000), random.nextInt(14), random.nextInt(33));
      } else {
        StringBuilder s = new StringBuilder();
        int n = 8 + random.nextInt(4);
        for (int k = 0; k < n; k++) {
          s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        text = s.toString();
      }
      Object fast = CsvValues.parse(text, ColumnType.DATE);
      Object slow = CsvValues.parseDateSlow(text);
      assertThat(fast).as(text).isEqualTo(slow);
      if (fast != CsvValues.NO_FIT) {
        fits++;
      }
    }
    assertThat(fits).isGreaterThan(10_000);
    assertThat(CsvValues.parse("2024-02-29", ColumnType.DATE)).isEqualTo(19782);
    assertThat(CsvValues.parse("2023-02-29", ColumnType.DATE)).isSameAs(CsvValues.NO_FIT);
    assertThat(CsvValues.parse("2024-2-29", ColumnType.DATE)).isEqualTo(19782);
    assertThat(CsvValues.parse("2024-02-9", ColumnType.DATE)).isEqualTo(19762);
    assertThat(CsvValues.parse("2024-002-09", ColumnType.DATE)).isSameAs(CsvValues.NO_FIT);
    assertThat(CsvValues.parse("2024--2-09", ColumnType.DATE)).isSameAs(CsvValues.NO_FIT);
  }
}
