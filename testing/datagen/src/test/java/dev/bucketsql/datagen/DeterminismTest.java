package dev.bucketsql.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {
  private static final SampleSpec SPEC = new SampleSpec(42, 120, 700);

  @Test
  void sameSeedGivesByteIdenticalFiles(@TempDir Path first, @TempDir Path second)
      throws IOException {
    SampleManifest a = SampleData.generate(SPEC, first);
    SampleManifest b = SampleData.generate(SPEC, second);

    assertThat(a.files()).hasSize(9);
    for (SampleFile file : a.files()) {
      Path other = b.file(file.key()).path();
      assertThat(Files.mismatch(file.path(), other)).as(file.key()).isEqualTo(-1L);
    }
    assertThat(b.counts()).isEqualTo(a.counts());
  }

  @Test
  void anotherSeedGivesOtherData(@TempDir Path first, @TempDir Path second) throws IOException {
    SampleManifest a = SampleData.generate(SPEC, first);
    SampleManifest b = SampleData.generate(SPEC.withSeed(43), second);

    for (String key :
        new String[] {
          SampleData.RAW_RECIPES, SampleData.RAW_INTERACTIONS, SampleData.RAW_INTERACTIONS_PARQUET
        }) {
      assertThat(Files.mismatch(a.file(key).path(), b.file(key).path())).as(key).isNotEqualTo(-1L);
    }
  }

  @Test
  void regeneratingIntoTheSameDirectoryReplacesTheFiles(@TempDir Path dir) throws IOException {
    SampleManifest first = SampleData.generate(SPEC, dir);
    byte[] parquet = Files.readAllBytes(first.file(SampleData.RAW_RECIPES_PARQUET).path());

    SampleManifest again = SampleData.generate(SPEC, dir);

    assertThat(Files.readAllBytes(again.file(SampleData.RAW_RECIPES_PARQUET).path()))
        .isEqualTo(parquet);
    assertThat(again.file(SampleData.RAW_RECIPES).size())
        .isEqualTo(Files.size(dir.resolve(SampleData.RAW_RECIPES)));
  }
}
