package dev.bucketsql.datagen;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the sample data set to a directory, for benchmarks and demos.
 *
 * <p>Usage: {@code GenerateMain DIRECTORY [TINY|SMALL|FULL|RECIPES:INTERACTIONS] [SEED]}; the scale
 * defaults to FULL and the seed to {@link SampleSpec#DEFAULT_SEED}. Prints the manifest's summary.
 */
public final class GenerateMain {
  private GenerateMain() {}

  /** Entry point; see the class description for the arguments. */
  public static void main(String[] args) {
    if (args.length < 1 || args.length > 3) {
      System.err.println(
          "usage: GenerateMain DIRECTORY [TINY|SMALL|FULL|RECIPES:INTERACTIONS] [SEED]");
      System.exit(2);
    }
    long seed = args.length > 2 ? Long.parseLong(args[2]) : SampleSpec.DEFAULT_SEED;
    SampleSpec spec = parseScale(args.length > 1 ? args[1] : "FULL", seed);
    SampleManifest manifest = SampleData.generate(spec, Path.of(args[0]));
    System.out.print(manifest.describe());
  }

  /** A preset name, or {@code RECIPES:INTERACTIONS} for custom counts. */
  static SampleSpec parseScale(String scale, long seed) {
    int colon = scale.indexOf(':');
    if (colon >= 0) {
      return new SampleSpec(
          seed,
          Integer.parseInt(scale.substring(0, colon)),
          Integer.parseInt(scale.substring(colon + 1)));
    }
    try {
      return SampleSpec.of(SampleScale.valueOf(scale.toUpperCase(Locale.ROOT)), seed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown scale " + scale + ": use TINY, SMALL, FULL or RECIPES:INTERACTIONS", e);
    }
  }
}
