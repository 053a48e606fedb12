package dev.bucketsql.datagen;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@link SampleData#generate} wrote: the spec, the directory, each file with its key and size,
 * and the generator's own counts of the rows.
 *
 * @param spec what was generated
 * @param directory where the files are
 * @param files the files, in the order written
 * @param counts the generator's counts, computed from the rows it wrote
 */
public record SampleManifest(
    SampleSpec spec, Path directory, List<SampleFile> files, SampleCounts counts) {

  /** Checks the arguments and copies the file list. */
  public SampleManifest {
    requireNonNull(spec, "spec is null");
    requireNonNull(directory, "directory is null");
    requireNonNull(counts, "counts is null");
    files = List.copyOf(requireNonNull(files, "files is null"));
  }

  /** The file stored under {@code key}, for instance {@link SampleData#RAW_INTERACTIONS}. */
  public SampleFile file(String key) {
    requireNonNull(key, "key is null");
    return files.stream()
        .filter(f -> f.key().equals(key))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no generated file has the key " + key));
  }

  /** A human-readable summary: one line per file, then the main counts. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "seed %d, %d recipes, %d interactions, in %s%n",
            spec.seed(),
            spec.recipes(),
            spec.interactions(),
            directory));
    for (SampleFile f : files) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-32s %,15d bytes %,10d rows%s%n",
              f.key(),
              f.size(),
              f.rows(),
              f.rowGroups() > 0
                  ? String.format(Locale.ROOT, " %d row groups", f.rowGroups())
                  : String.format(Locale.ROOT, " %,d lines", f.lines())));
    }
    out.append(String.format(Locale.ROOT, "  %s%n", counts));
    return out.toString();
  }
}
