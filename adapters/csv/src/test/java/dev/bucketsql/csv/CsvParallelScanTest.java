package dev.bucketsql.csv;

import static dev.bucketsql.csv.CsvTestFiles.batchRows;
import static dev.bucketsql.csv.CsvTestFiles.count;
import static dev.bucketsql.csv.CsvTestFiles.file;
import static dev.bucketsql.csv.CsvTestFiles.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.FormatException;
import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.storage.IoStats;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Parallel ranged scans: the same rows in the same order as one stream, whatever the split points
 * cut (quoted line breaks, quoted text that looks like records), with errors on their true line.
 */
@ExtendWith(CsvS3.class)
class CsvParallelScanTest {
  private static final CsvOptions PARALLEL =
      CsvOptions.builder().splitSize(64 * 1024).parallelism(3).build();
  private static final CsvOptions SEQUENTIAL = PARALLEL.toBuilder().parallelism(1).build();

  /** Reviews whose quoted text holds line breaks, commas, quotes, and lines shaped like rows. */
  static String reviews(int rows) {
    StringBuilder sb = new StringBuilder("user_id,recipe_id,date,rating,review\r\n");
    for (int i = 0; i < rows; i++) {
      sb.append(i)
          .append(',')
          .append(i % 977)
          .append(",2010-01-1")
          .append(i % 10)
          .append(',')
          .append(i % 6)
          .append(",\"Row ")
          .append(i)
          .append(": tasty, \"\"easy\"\"\n");
      if (i % 7 == 0) {
        // A quoted line that parses as a perfect five-field record when read out of context.
        sb.append("1,2,2010-01-01,3,\"\"x\"\"\n9,9,2011-01-01,1,y\r\n");
      }
      sb.append("would make again\"\r\n");
    }
    return sb.toString();
  }

  @Test
  void parallelRowsEqualOneStreamsRowsInOrder() {
    String text = reviews(12_000);
    assertThat(text.length()).isGreaterThan(10 * 64 * 1024);
    CsvDataFile parallel = file("par.csv", text, PARALLEL);
    CsvDataFile sequential = file("seq.csv", text, SEQUENTIAL);
    List<List<Object>> expected = rows(sequential);
    assertThat(expected).hasSize(12_000);
    IoStats stats = new IoStats();
    assertThat(rows(parallel, new ScanSpec(new int[] {0, 1, 2, 3, 4}, stats))).isEqualTo(expected);
    assertThat(stats.getRequests()).isGreaterThan(5);
    assertThat(rows(parallel, 4, 0)).hasSize(12_000);
    assertThat(count(parallel)).isEqualTo(12_000);
  }

  @Test
  void everySplitSizeGivesTheSameRows() {
    String text = reviews(3_000);
    List<List<Object>> expected = rows(file("seq2.csv", text, SEQUENTIAL));
    for (int size : new int[] {4096, 5000, 9999, 20_000}) {
      CsvOptions o = PARALLEL.toBuilder().splitSize(size).build();
      CsvDataFile f = file("split-" + size + ".csv", text, o);
      assertThat(rows(f)).as("split size %d", size).isEqualTo(expected);
      assertThat(count(f)).as("split size %d", size).isEqualTo(3_000);
      // Column batches, as the fused operators read them, across splits and fallbacks alike.
      assertThat(batchRows(f, new int[] {0, 1, 2, 3, 4}, 1000))
          .as("batches, split size %d", size)
          .isEqualTo(expected);
      assertThat(batchRows(f, new int[0], 1000)).as("batches, split size %d", size).hasSize(3_000);
    }
  }

  @Test
  void anErrorFarIntoTheObjectNamesItsTrueLine() {
    String text = reviews(8_000);
    long lines = text.chars().filter(c -> c == '\n').count();
    CsvDataFile f = file("parerr.csv", text + "1,2,3\n", PARALLEL);
    assertThatThrownBy(() -> rows(f))
        .isInstanceOf(FormatException.class)
        .hasMessageStartingWith(
            "CSV object 'parerr.csv' line " + (lines + 1) + ": record has 3 fields, expected 5");
    assertThatThrownBy(() -> count(f))
        .isInstanceOf(FormatException.class)
        .hasMessageStartingWith("CSV object 'parerr.csv' line " + (lines + 1) + ":");
    assertThatThrownBy(() -> batchRows(f, new int[] {1, 3}, 4096))
        .isInstanceOf(FormatException.class)
        .hasMessageStartingWith(
            "CSV object 'parerr.csv' line " + (lines + 1) + ": record has 3 fields, expected 5");
  }

  @Test
  void aLimitOnALargeObjectFetchesOnlyTheHead() {
    String text = reviews(220_000);
    assertThat(text.length()).isGreaterThan(2 * CsvOptions.DEFAULT_SPLIT_SIZE);
    CsvDataFile f = file("parlimit.csv", text, CsvOptions.defaults());
    f.schema();
    IoStats stats = new IoStats();
    try (RowCursor c = f.scan(ScanSpec.allColumns(f.schema(), stats))) {
      for (int i = 0; i < 10; i++) {
        assertThat(c.moveNext()).isTrue();
      }
    }
    assertThat(stats.getRequests()).isEqualTo(1);
    assertThat(stats.bytesFetched()).isLessThan(1024 * 1024);
  }
}
