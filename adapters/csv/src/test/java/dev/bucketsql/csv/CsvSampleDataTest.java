package dev.bucketsql.csv;

import static dev.bucketsql.csv.CsvTestFiles.count;
import static dev.bucketsql.csv.CsvTestFiles.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.datagen.SampleData;
import dev.bucketsql.datagen.SampleManifest;
import dev.bucketsql.datagen.SampleScale;
import dev.bucketsql.datagen.SampleSpec;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.storage.ObjectInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated Food.com RAW_interactions.csv (reviews with commas, quotes, LF and CR LF inside
 * quotes) read from the real S3 server: the row count is the generator's own, in one stream and in
 * parallel splits, and the columns get the types DuckDB gives them.
 */
@ExtendWith(CsvS3.class)
class CsvSampleDataTest {
  @Test
  void rawInteractionsCountsExactlyTheGeneratorsRows(@TempDir Path dir) {
    SampleManifest manifest = SampleData.generate(SampleSpec.of(SampleScale.SMALL), dir);
    String key = "sample/" + SampleData.RAW_INTERACTIONS;
    CsvS3.server().putObject(CsvS3.BUCKET, key, manifest.file(SampleData.RAW_INTERACTIONS).path());
    ObjectInfo info = CsvS3.store().head(key);
    long expected = manifest.counts().interactions();
    assertThat(manifest.counts().reviewsWithNewline()).isPositive();

    CsvDataFile stream =
        new CsvDataFile(CsvS3.store(), info, CsvOptions.builder().parallelism(1).build());
    assertThat(stream.schema().columns())
        .extracting(c -> c.name() + " " + c.type())
        .containsExactly(
            "user_id BIGINT", "recipe_id BIGINT", "date DATE", "rating BIGINT", "review VARCHAR");
    assertThat(count(stream)).isEqualTo(expected);

    CsvOptions split = CsvOptions.builder().splitSize(256 * 1024).parallelism(3).build();
    assertThat(info.size()).isGreaterThan(4 * 256 * 1024);
    CsvDataFile parallel = new CsvDataFile(CsvS3.store(), info, split);
    assertThat(count(parallel)).isEqualTo(expected);
    List<List<Object>> ratings = rows(parallel, 3);
    assertThat(ratings).hasSize((int) expected);
    long fives = ratings.stream().filter(r -> Objects.equals(r.get(0), 5L)).count();
    assertThat(fives).isEqualTo(manifest.counts().ratings().get(5));
    assertThat(parallel.schema().column(2).type()).isEqualTo(ColumnType.DATE);
  }
}
