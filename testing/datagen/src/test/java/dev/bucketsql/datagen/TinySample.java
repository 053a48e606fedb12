package dev.bucketsql.datagen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One TINY data set generated per test run and shared by the read-only tests, so each test class
 * does not pay for generating it again.
 */
final class TinySample {
  private static SampleManifest manifest;

  private TinySample() {}

  static synchronized SampleManifest manifest() {
    if (manifest == null) {
      try {
        Path dir = Files.createTempDirectory("bucketsql-datagen-test-");
        dir.toFile().deleteOnExit();
        manifest = SampleData.generate(SampleSpec.of(SampleScale.TINY), dir);
        for (SampleFile f : manifest.files()) {
          f.path().toFile().deleteOnExit();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return manifest;
  }
}
