package dev.bucketsql.csv;

import static dev.bucketsql.csv.CsvTestFiles.file;
import static dev.bucketsql.csv.CsvTestFiles.rows;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.FormatException;
import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link RowCursor#nextBatch} of CSV scans against the row-by-row path over the same object on a
 * real S3 server: values written unboxed (INTEGER, BIGINT, DATE, DOUBLE) and converted (text,
 * BOOLEAN, TIMESTAMP, values with spaces, quotes or exponents), NULLs and the null string, batches
 * that end mid-object, repeated columns, counts, lenient mode and the other-charset path.
 */
@ExtendWith(CsvS3.class)
class CsvBatchScanTest {
  private static final String HEADER = "i,l,d,x,s,b,t\n";

  @Test
  void batchesHoldTheSameValuesAsRows() {
    String text = HEADER + randomRows(new Random(3), 5_000);
    CsvOptions options =
        CsvOptions.builder()
            .columnType("i", ColumnType.INTEGER)
            .columnType("l", ColumnType.BIGINT)
            .columnType("d", ColumnType.DATE)
            .columnType("x", ColumnType.DOUBLE)
            .columnType("b", ColumnType.BOOLEAN)
            .columnType("t", ColumnType.TIMESTAMP)
            .build();
    CsvDataFile f = file("batch/typed.csv", text, options);
    // Parallel splits put their rows into batches on workers; the row path reads them back.
    CsvDataFile split =
        file("batch/typed.csv", text, options.toBuilder().splitSize(8192).parallelism(3).build());
    int[][] projections = {{0, 1, 2, 3, 4, 5, 6}, {3, 0, 3}, {6}, {}};
    for (int[] projection : projections) {
      List<List<Object>> expected = normalized(f, projection, rows(f, projection));
      assertThat(expected).hasSize(5_000);
      for (int capacity : new int[] {1, 97, 4096}) {
        assertThat(batchRows(f, projection, capacity))
            .as("projection %s, batches of %d", Arrays.toString(projection), capacity)
            .isEqualTo(expected);
        assertThat(batchRows(split, projection, capacity))
            .as(
                "parallel splits, projection %s, batches of %d",
                Arrays.toString(projection), capacity)
            .isEqualTo(expected);
      }
      assertThat(normalized(split, projection, rows(split, projection)))
          .as("parallel splits row by row, projection %s", Arrays.toString(projection))
          .isEqualTo(expected);
    }
  }

  @Test
  void theNullStringAndOtherCharsetsGiveTheRowValues() {
    String text = "i,x,s\n1,2.5,a\nNA,NA,NA\n3,-0.125,\"c\"\"d\"\n";
    CsvOptions nulls = CsvOptions.builder().nullString("NA").build();
    CsvDataFile f = file("batch/nulls.csv", text, nulls);
    assertThat(batchRows(f, new int[] {0, 1, 2}, 2))
        .containsExactly(
            List.of(1L, 2.5, "a"), Arrays.asList(null, null, null), List.of(3L, -0.125, "c\"d"));
    CsvOptions latin = CsvOptions.builder().charset(ISO_8859_1).build();
    byte[] bytes = "i,x,s\n1,2.5,caf\u00e9\n2,,\n".getBytes(ISO_8859_1);
    CsvS3.server().putObject(CsvS3.BUCKET, "batch/latin.csv", bytes);
    ObjectInfo info = CsvS3.store().head("batch/latin.csv");
    CsvDataFile l = new CsvDataFile(CsvS3.store(), info, latin);
    assertThat(batchRows(l, new int[] {0, 1, 2}, 10))
        .containsExactly(List.of(1L, 2.5, "caf\u00e9"), Arrays.asList(2L, null, null));
  }

  @Test
  void aMisfitFailsTheBatchWithItsLineUnlessLenient() {
    StringBuilder text = new StringBuilder("id,rating\n");
    for (int i = 1; i <= 300; i++) {
      text.append(i).append(',').append(i == 250 ? "five" : Integer.toString(i % 5)).append('\n');
    }
    CsvOptions strict = CsvOptions.builder().sampleBytes(200).build();
    CsvDataFile f = file("batch/misfit.csv", text.toString(), strict);
    assertThatThrownBy(() -> batchRows(f, new int[] {1}, 100))
        .isInstanceOf(FormatException.class)
        .hasMessageStartingWith(
            "CSV object 'batch/misfit.csv' line 251, column 'rating': value 'five' is not a"
                + " valid BIGINT");
    CsvRejectLog log = new CsvRejectLog();
    CsvOptions lenient = CsvOptions.builder().sampleBytes(200).lenient(true).build();
    CsvS3.server().putObject(CsvS3.BUCKET, "batch/misfit.csv", text.toString().getBytes(UTF_8));
    ObjectInfo info = CsvS3.store().head("batch/misfit.csv");
    CsvDataFile l = new CsvDataFile(CsvS3.store(), info, lenient, log);
    List<List<Object>> read = batchRows(l, new int[] {1}, 100);
    assertThat(read).hasSize(300);
    assertThat(read.get(249)).containsExactly((Object) null);
    assertThat(read.get(248)).containsExactly(4L);
    assertThat(log.nulled()).isEqualTo(1);
  }

  /**
   * Every row of a batch scan, numbers as long or double, the rest as the row path gives it: read
   * from the batch's arrays directly, not through {@link ColumnBatch#value} (which {@link
   * CsvTestFiles#batchRows} uses), so the two check each other.
   */
  private static List<List<Object>> batchRows(CsvDataFile f, int[] projection, int capacity) {
    ColumnType[] types = new ColumnType[projection.length];
    for (int i = 0; i < projection.length; i++) {
      types[i] = f.schema().column(projection[i]).type();
    }
    List<List<Object>> rows = new ArrayList<>();
    try (RowCursor cursor = f.scan(new ScanSpec(projection, new IoStats()))) {
      ColumnBatch batch = new ColumnBatch(types, capacity);
      int n;
      while ((n = cursor.nextBatch(batch)) > 0) {
        assertThat(n).isLessThanOrEqualTo(capacity);
        for (int r = 0; r < n; r++) {
          Object[] row = new Object[projection.length];
          for (int c = 0; c < row.length; c++) {
            if (!batch.nulls(c)[r]) {
              row[c] =
                  switch (batch.kind(c)) {
                    case LONG -> batch.longs(c)[r];
                    case DOUBLE -> batch.doubles(c)[r];
                    default -> batch.objects(c)[r];
                  };
            }
          }
          rows.add(Arrays.asList(row));
        }
      }
      assertThat(cursor.nextBatch(batch)).isZero();
    }
    return rows;
  }

  /** The row path's values in the batch's representation. */
  private static List<List<Object>> normalized(
      CsvDataFile f, int[] projection, List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>();
    for (List<Object> row : rows) {
      Object[] values = new Object[projection.length];
      for (int c = 0; c < values.length; c++) {
        Object v = row.get(c);
        ColumnType type = f.schema().column(projection[c]).type();
        values[c] =
            v == null
                ? null
                : switch (ColumnBatch.Kind.of(type)) {
                  case LONG -> v instanceof Boolean b ? (b ? 1L : 0L) : ((Number) v).longValue();
                  case DOUBLE -> ((Number) v).doubleValue();
                  default -> v;
                };
      }
      out.add(Arrays.asList(values));
    }
    return out;
  }

  /** Rows whose fields mix plain values with ones only the text path reads, and NULLs. */
  private static String randomRows(Random random, int count) {
    StringBuilder sb = new StringBuilder();
    for (int n = 0; n < count; n++) {
      int k = random.nextInt(10);
      String i = k == 0 ? "" : k == 1 ? " " + n + " " : k == 2 ? "\"" + n + "\"" : "-" + n;
      String l = k == 3 ? "" : Long.toString(random.nextLong() / (k == 4 ? 1 : 1000));
      String d =
          k == 5
              ? ""
              : String.format(
                  "%04d-%02d-%02d",
                  1990 + random.nextInt(40), 1 + random.nextInt(12), 1 + random.nextInt(28));
      String x =
          switch (k) {
            case 6 -> "";
            case 7 -> random.nextInt(100) + "e-3";
            case 8 -> Double.toString(random.nextGaussian());
            default -> String.format(Locale.ROOT, "%.2f", random.nextDouble() * 100 - 50);
          };
      String s = k == 9 ? "\"a, \"\"quoted\"\"\nvalue\"" : "t" + random.nextInt(1000);
      String b = k == 0 ? "" : random.nextBoolean() ? "true" : "FALSE";
      String t =
          k == 1
              ? ""
              : String.format(
                  "2020-01-%02d %02d:%02d:%02d",
                  1 + random.nextInt(28),
                  random.nextInt(24),
                  random.nextInt(60),
                  random.nextInt(60));
      sb.append(String.join(",", i, l, d, x, s, b, t)).append('\n');
    }
    return sb.toString();
  }
}
