package dev.bucketsql.csv;

import static dev.bucketsql.csv.CsvTestFiles.file;
import static dev.bucketsql.csv.CsvTestFiles.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Dialect sniffing from the object's head: delimiter, line break, byte order mark. */
@ExtendWith(CsvS3.class)
class CsvSniffingTest {
  @ParameterizedTest
  @ValueSource(chars = {',', ';', '\t', '|'})
  void eachCandidateDelimiterIsSniffed(char delimiter) {
    String d = String.valueOf(delimiter);
    // The other candidates appear in the data, inside and outside quotes, to mislead a naive count.
    String content =
        String.join(d, "id", "name", "note")
            + "\n"
            + String.join(d, "1", "\"a,b;c|d\"", "x")
            + "\n"
            + String.join(d, "2", "plain", "\"y\tz\"")
            + "\n";
    CsvDataFile f = file("sniff.csv", content);
    assertThat(f.dialect().delimiter()).isEqualTo(delimiter);
    assertThat(f.dialect().delimiterSniffed()).isTrue();
    assertThat(rows(f)).containsExactly(List.of(1L, "a,b;c|d", "x"), List.of(2L, "plain", "y\tz"));
  }

  @Test
  void aSingleColumnObjectGetsTheCommaAndOneColumn() {
    CsvDataFile f = file("one.csv", "word\nalpha\nbeta\n");
    assertThat(f.dialect().delimiter()).isEqualTo(',');
    assertThat(f.schema().size()).isEqualTo(1);
    assertThat(rows(f)).containsExactly(List.of("alpha"), List.of("beta"));
  }

  @Test
  void aGivenDelimiterIsNotSniffed() {
    CsvOptions options = CsvOptions.builder().delimiter(';').build();
    CsvDataFile f = file("forced.csv", "a,b;c\n1,2;3\n", options);
    assertThat(f.dialect().delimiter()).isEqualTo(';');
    assertThat(f.dialect().delimiterSniffed()).isFalse();
    assertThat(f.schema().columns()).extracting(c -> c.name()).containsExactly("a,b", "c");
  }

  @Test
  void lineSeparatorAndByteOrderMarkAreReported() {
    assertThat(file("lf.csv", "a,b\n1,2\n").dialect().lineSeparator()).isEqualTo("\n");
    assertThat(file("crlf.csv", "a,b\r\n1,2\r\n").dialect().lineSeparator()).isEqualTo("\r\n");
    assertThat(file("nobom.csv", "a,b\n1,2\n").dialect().bomLength()).isZero();
  }

  @Test
  void theConsistentDelimiterWinsOverAFrequentOne() {
    // Commas are more frequent but vary per line; semicolons split every line in two.
    String content = "text;n\nx,y,z;1\nw;2\na,b,c,d,e;3\n";
    CsvDataFile f = file("prose.csv", content);
    assertThat(f.dialect().delimiter()).isEqualTo(';');
    assertThat(rows(f))
        .containsExactly(List.of("x,y,z", 1L), List.of("w", 2L), List.of("a,b,c,d,e", 3L));
  }
}
