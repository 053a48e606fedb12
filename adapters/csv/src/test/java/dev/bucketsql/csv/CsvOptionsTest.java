package dev.bucketsql.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.ColumnType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The options' defaults, checks and copies. */
class CsvOptionsTest {
  @Test
  void defaults() {
    CsvOptions o = CsvOptions.defaults();
    assertThat(o.delimiter()).isEmpty();
    assertThat(o.quote()).isEqualTo('"');
    assertThat(o.escape()).isEqualTo('"');
    assertThat(o.header()).isTrue();
    assertThat(o.charset()).isEqualTo(StandardCharsets.UTF_8);
    assertThat(o.nullString()).isEmpty();
    assertThat(o.sampleBytes()).isEqualTo(256 * 1024);
    assertThat(o.maxCharsPerColumn()).isEqualTo(1_000_000);
    assertThat(o.columnTypes()).isEmpty();
  }

  @Test
  void toBuilderCopiesEveryOption() {
    CsvOptions o =
        CsvOptions.builder()
            .delimiter('|')
            .quote('\'')
            .escape('\\')
            .header(false)
            .charset(StandardCharsets.ISO_8859_1)
            .nullString("\\N")
            .sampleBytes(1000)
            .maxCharsPerColumn(50)
            .maxColumns(7)
            .columnType("a", ColumnType.DATE)
            .build();
    assertThat(o.toBuilder().build()).usingRecursiveComparison().isEqualTo(o);
    assertThat(o.toBuilder().sniffDelimiter().build().delimiter()).isEmpty();
  }

  @Test
  void badValuesAreRefusedAtOnce() {
    assertThatThrownBy(() -> CsvOptions.builder().delimiter('\n'))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line break");
    assertThatThrownBy(() -> CsvOptions.builder().delimiter('"').build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must differ");
    assertThatThrownBy(() -> CsvOptions.builder().sampleBytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sampleBytes");
    assertThatThrownBy(() -> CsvOptions.builder().columnType("a", ColumnType.VARBINARY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("VARBINARY");
    assertThatThrownBy(() -> CsvOptions.builder().nullString(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("nullString is null");
  }
}
