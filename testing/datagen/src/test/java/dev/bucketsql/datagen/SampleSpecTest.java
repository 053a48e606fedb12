package dev.bucketsql.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleSpecTest {
  @Test
  void presetsCarryTheirCountsAndTheDefaultSeed() {
    SampleSpec full = SampleSpec.of(SampleScale.FULL);

    assertThat(full.recipes()).isEqualTo(231_637);
    assertThat(full.interactions()).isEqualTo(1_132_367);
    assertThat(full.seed()).isEqualTo(SampleSpec.DEFAULT_SEED);
    assertThat(SampleSpec.of(SampleScale.TINY, 5).withSeed(9))
        .isEqualTo(new SampleSpec(9, 300, 2_000));
  }

  @Test
  void rejectsCountsTooSmallToHoldTheDataSet() {
    assertThatThrownBy(() -> new SampleSpec(1, 9, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recipes must be at least 10");
    assertThatThrownBy(() -> new SampleSpec(1, 10, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interactions must be at least 1");
  }

  @Test
  void rowGroupsAreAboutAnEighthOfAFileWithAFloor() {
    assertThat(SampleSpec.rowGroupRows(2_000)).isEqualTo(250);
    assertThat(SampleSpec.rowGroupRows(100)).isEqualTo(32);
    assertThat(SampleSpec.rowGroupRows(1_132_367)).isEqualTo(141_546);
  }

  @Test
  void mainParsesPresetsAndCustomCounts() {
    assertThat(GenerateMain.parseScale("small", 3)).isEqualTo(SampleSpec.of(SampleScale.SMALL, 3));
    assertThat(GenerateMain.parseScale("500:4000", 3)).isEqualTo(new SampleSpec(3, 500, 4000));
    assertThatThrownBy(() -> GenerateMain.parseScale("huge", 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown scale huge");
  }

  @Test
  void theSmallestSpecStillWritesEveryFile(@TempDir Path dir) {
    SampleManifest manifest = SampleData.generate(new SampleSpec(1, 10, 1), dir);

    assertThat(manifest.files()).hasSize(9).allMatch(f -> f.size() > 0);
    assertThat(manifest.counts().recipes()).isEqualTo(10);
    assertThat(manifest.counts().interactions()).isEqualTo(1);
    assertThat(manifest.file(SampleData.RAW_INTERACTIONS_PARQUET).rowGroups()).isEqualTo(1);
    assertThat(manifest.counts().ratings().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(1);
  }
}
