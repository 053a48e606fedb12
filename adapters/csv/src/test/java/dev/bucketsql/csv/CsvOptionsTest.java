package dev.bucketsql.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.ColumnType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The options' defaults, checks and copies. */
@ExtendWith(CsvS3.class)
class CsvOptionsTest {
  @Test
  void defaults() {
    CsvOptions o = CsvOptions.defaults();
    assertThat(o.delimiter()).isEmpty();
    assertThat(o.quote()).isEmpty();
    assertThat(o.escape()).isEmpty();
    assertThat(o.header()).isEmpty();
    assertThat(o.lenient()).isFalse();
    assertThat(o.skipMalformed()).isFalse();
    assertThat(o.compression()).isEqualTo(CsvCompression.AUTO);
    assertThat(o.splitSize()).isEqualTo(8 * 1024 * 1024);
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
            .columnDecimal("b", 10, 2)
            .lenient(true)
            .skipMalformed(true)
            .compression(CsvCompression.GZIP)
            .parallelism(3)
            .splitSize(65536)
            .build();
    assertThat(o.toBuilder().build()).usingRecursiveComparison().isEqualTo(o);
    assertThat(o.toBuilder().sniffDelimiter().build().delimiter()).isEmpty();
  }

  @Test
  void everyCharsetJavaKnowsIsAcceptedAndAnUnknownNameFailsWithTheFix() {
    for (String name :
        new String[] {"UTF-16", "UTF-16LE", "UTF-32", "Shift_JIS", "GBK", "Big5", "IBM037"}) {
      java.nio.charset.Charset charset = java.nio.charset.Charset.forName(name);
      assertThat(CsvOptions.builder().charset(charset).build().charset()).isEqualTo(charset);
      assertThat(
              CsvSettings.parse(java.util.Map.of("csv.charset", name))
                  .connectionOptions()
                  .charset())
          .isEqualTo(charset);
    }
    assertThatThrownBy(() -> CsvSettings.parse(java.util.Map.of("csv.charset", "UTF-17")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "CSV setting csv.charset='UTF-17' is not valid: no charset of that name in this Java"
                + " runtime; give a Java charset name, for example UTF-8, ISO-8859-1,"
                + " windows-1252, UTF-16, Shift_JIS or GB18030");
  }

  @Test
  void badValuesAreRefusedAtOnce() {
    assertThatThrownBy(() -> CsvOptions.builder().delimiter('\n'))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line break");
    assertThatThrownBy(() -> CsvOptions.builder().delimiter('"').build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must differ");
    assertThatThrownBy(() -> CsvOptions.builder().delimiter('§'))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be an ASCII character");
    assertThatThrownBy(() -> CsvOptions.builder().quote('«'))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be an ASCII character");
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
