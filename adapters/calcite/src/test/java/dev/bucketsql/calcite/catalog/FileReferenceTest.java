package dev.bucketsql.calcite.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DuckDB's argument syntax, as file references carry it. */
class FileReferenceTest {
  @Test
  void literalIsOnePath() {
    FileReference r = FileReference.parse("'s3://b/it''s.csv'").orElseThrow();
    assertThat(r.function()).isEmpty();
    assertThat(r.paths()).containsExactly("s3://b/it's.csv");
  }

  @Test
  void callTakesAListAndNamedOptionsInEverySpelling() {
    FileReference r =
        FileReference.parse(
                "READ_CSV(['a.csv', 'b.csv'], header := true, delim = ';', sample_size => -1,"
                    + " types = {'id': 'BIGINT', n: 'DECIMAL(10,2)'}, nullstr = ['NA'], compression = gzip)")
            .orElseThrow();
    assertThat(r.function()).isEqualTo("read_csv");
    assertThat(r.paths()).containsExactly("a.csv", "b.csv");
    assertThat(r.options())
        .containsEntry("header", true)
        .containsEntry("delim", ";")
        .containsEntry("sample_size", -1L)
        .containsEntry("types", Map.of("id", "BIGINT", "n", "DECIMAL(10,2)"))
        .containsEntry("nullstr", List.of("NA"))
        .containsEntry("compression", "gzip");
  }

  @Test
  void otherNamesAreNotReferences() {
    assertThat(FileReference.parse("PP_recipes.csv")).isEmpty();
    assertThat(FileReference.parse("read_json('a.json')")).isEmpty();
    assertThat(FileReference.looksLikeOne("read_parquet ('a')")).isTrue();
  }

  @Test
  void malformedArgumentsSayWhatWasExpected() {
    assertThatThrownBy(() -> FileReference.parse("read_csv(header = true)"))
        .hasMessageContaining("the first argument must be a path or a list of paths");
    assertThatThrownBy(() -> FileReference.parse("read_csv('a.csv', true)"))
        .hasMessageContaining("expected name = value after the path");
    assertThatThrownBy(() -> FileReference.parse("read_csv('a.csv)"))
        .hasMessageContaining("unclosed string literal");
  }
}
