package dev.bucketsql.csv;

import static dev.bucketsql.csv.CsvTestFiles.file;
import static dev.bucketsql.csv.CsvTestFiles.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.storage.IoStats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How a scan chooses between one stream and parallel splits: by itself unless {@code parallelism}
 * is set (splits only with enough cores to parse beside the download), forced either way when it
 * is; every choice gives the same rows.
 */
@ExtendWith(CsvS3.class)
class CsvSplitChoiceTest {
  private static final int SPLIT = 64 * 1024;

  @Test
  void parallelismIsChosenByTheScanUnlessSet() {
    assertThat(CsvOptions.defaults().parallelismAuto()).isTrue();
    assertThat(CsvOptions.defaults().parallelism()).isEqualTo(CsvOptions.DEFAULT_PARALLELISM);
    assertThat(CsvOptions.builder().parallelism(1).build().parallelismAuto()).isFalse();
    CsvOptions three = CsvOptions.builder().parallelism(3).build();
    assertThat(three.parallelism()).isEqualTo(3);
    assertThat(three.toBuilder().build().parallelismAuto()).isFalse();
    assertThat(three.toBuilder().autoParallelism().build().parallelismAuto()).isTrue();
    assertThat(
            CsvSettings.parse(Map.of("csv.parallelism", "auto"))
                .connectionOptions()
                .parallelismAuto())
        .isTrue();
    assertThat(CsvSettings.parse(Map.of("csv.parallelism", "4")).connectionOptions().parallelism())
        .isEqualTo(4);
    assertThat(CsvOptions.defaults().toString()).contains("parallelism=auto");
  }

  @Test
  void theAutomaticChoiceSplitsOnlyWithCoresToSpare() {
    String text = CsvParallelScanTest.reviews(6_000);
    assertThat(text.length()).isGreaterThan(4 * SPLIT);
    CsvOptions auto = CsvOptions.builder().splitSize(SPLIT).build();
    List<List<Object>> expected =
        rows(file("choice-one.csv", text, auto.toBuilder().parallelism(1).build()));
    IoStats stats = new IoStats();
    CsvDataFile f = file("choice-auto.csv", text, auto);
    f.schema();
    assertThat(rows(f, new ScanSpec(new int[] {0, 1, 2, 3, 4}, stats))).isEqualTo(expected);
    boolean spare = Runtime.getRuntime().availableProcessors() >= CsvOptions.AUTO_SPLIT_MIN_CORES;
    if (spare) {
      assertThat(stats.getRequests()).isGreaterThan(2);
    } else {
      assertThat(stats.getRequests()).isEqualTo(1);
    }
  }

  @Test
  void aSetParallelismForcesEitherWay() {
    String text = CsvParallelScanTest.reviews(6_000);
    CsvOptions base = CsvOptions.builder().splitSize(SPLIT).build();
    IoStats one = new IoStats();
    IoStats split = new IoStats();
    CsvDataFile oneFile = file("force-one.csv", text, base.toBuilder().parallelism(1).build());
    CsvDataFile splitFile = file("force-split.csv", text, base.toBuilder().parallelism(2).build());
    oneFile.schema();
    splitFile.schema();
    List<List<Object>> oneRows = rows(oneFile, new ScanSpec(new int[] {4, 0}, one));
    List<List<Object>> splitRows = rows(splitFile, new ScanSpec(new int[] {4, 0}, split));
    assertThat(splitRows).hasSize(6_000).isEqualTo(oneRows);
    assertThat(one.getRequests()).isEqualTo(1);
    assertThat(split.getRequests()).isGreaterThan(2);
  }
}
