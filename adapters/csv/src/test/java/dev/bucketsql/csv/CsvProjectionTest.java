package dev.bucketsql.csv;

import static dev.bucketsql.csv.CsvTestFiles.count;
import static dev.bucketsql.csv.CsvTestFiles.file;
import static dev.bucketsql.csv.CsvTestFiles.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Projections produce the asked columns in order; empty projections count records. */
@ExtendWith(CsvS3.class)
class CsvProjectionTest {
  private static final String REVIEWS =
      "user,recipe,review,rating\n"
          + "1,10,\"fine, really\",5\n"
          + "2,11,\"line one\nline two\n\nline four\",4\r\n"
          + "3,12,\"\"\"quoted\"\"\r\nand more\",x\n"
          + "4,13,,3\n";

  @Test
  void projectionReturnsColumnsInTheAskedOrder() {
    CsvDataFile f = file("r.csv", REVIEWS);
    assertThat(rows(f, 3, 0))
        .containsExactly(List.of("5", 1L), List.of("4", 2L), List.of("x", 3L), List.of("3", 4L));
    assertThat(rows(f, 2, 2).get(1))
        .containsExactly("line one\nline two\n\nline four", "line one\nline two\n\nline four");
  }

  @Test
  void onlyProjectedColumnsAreConverted() {
    // "x" does not fit rating once rating is declared INTEGER, but a scan not reading rating
    // succeeds.
    CsvOptions options =
        CsvOptions.builder().columnType("rating", dev.bucketsql.format.ColumnType.INTEGER).build();
    CsvDataFile f = file("r.csv", REVIEWS, options);
    assertThat(rows(f, 0)).containsExactly(List.of(1L), List.of(2L), List.of(3L), List.of(4L));
  }

  @Test
  void countCountsRecordsWithQuotedLineBreaksOnce() {
    CsvDataFile f = file("r.csv", REVIEWS);
    assertThat(count(f)).isEqualTo(4);
    assertThat(rows(f)).hasSize(4);
  }

  @Test
  void countAndFullScanAgreeOnGeneratedData() {
    Random random = new Random(42);
    StringBuilder csv = new StringBuilder("id,text,n\n");
    int rows = 2_000;
    for (int i = 0; i < rows; i++) {
      csv.append(i).append(',').append(randomField(random)).append(',').append(random.nextInt(100));
      csv.append(random.nextBoolean() ? "\n" : "\r\n");
    }
    CsvDataFile f = file("gen.csv", csv.toString(), CsvOptions.builder().sampleBytes(4096).build());
    List<List<Object>> all = rows(f);
    assertThat(all).hasSize(rows);
    assertThat(count(f)).isEqualTo(rows);
    for (int i = 0; i < rows; i++) {
      assertThat(all.get(i).get(0)).isEqualTo((long) i);
    }
  }

  private static String randomField(Random random) {
    String[] parts = {"a", ",", "\"\"", "\n", "\r\n", " ", "é", "|", ";", "\t"};
    if (random.nextInt(4) == 0) {
      return "plain" + random.nextInt(1000);
    }
    StringBuilder sb = new StringBuilder("\"");
    int n = random.nextInt(8);
    for (int i = 0; i < n; i++) {
      sb.append(parts[random.nextInt(parts.length)]);
    }
    return sb.append('"').toString();
  }

  @Test
  void rowsAreFreshArrays() {
    CsvDataFile f = file("r.csv", "a\n1\n2\n");
    List<List<Object>> all = rows(f);
    assertThat(all).containsExactly(Arrays.asList((Object) 1L), Arrays.asList((Object) 2L));
  }
}
