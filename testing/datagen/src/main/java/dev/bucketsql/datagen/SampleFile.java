package dev.bucketsql.datagen;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * One generated file.
 *
 * @param key the object key it is uploaded under, which is also its file name
 * @param path where it was written
 * @param size its size in bytes
 * @param rows number of data rows (CSV: records after the header; Parquet: rows)
 * @param lines CSV: number of physical lines, counting newlines inside quoted fields; more than
 *     {@code rows + 1} when fields hold line breaks. Parquet: 0
 * @param rowGroups Parquet: number of row groups; CSV: 0
 */
public record SampleFile(String key, Path path, long size, long rows, long lines, int rowGroups) {
  /** Checks the arguments. */
  public SampleFile {
    requireNonNull(key, "key is null");
    requireNonNull(path, "path is null");
  }
}
