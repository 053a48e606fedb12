package dev.bucketsql.calcite;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.csv.CsvDataFile;
import dev.bucketsql.csv.CsvRejectLog;
import dev.bucketsql.csv.CsvSettings;
import dev.bucketsql.format.DataFile;
import dev.bucketsql.parquet.ParquetDataFile;
import dev.bucketsql.parquet.ParquetFooterCache;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.ObjectStore;
import java.util.Locale;
import java.util.Optional;

/**
 * The formats BucketSQL reads, recognised by key extension (in any case): {@code .csv}, {@code
 * .csv.gz}, {@code .csv.zst} and {@code .parquet}.
 */
public final class Formats {
  /**
   * Parquet footers, shared by every connection of this JVM. Entries are keyed by object key and
   * ETag, and an ETag names the content, so a shared entry is never stale.
   */
  private static final ParquetFooterCache FOOTERS = new ParquetFooterCache(1024);

  private static final String[] CSV_EXTENSIONS = {".csv", ".csv.gz", ".csv.zst"};

  /** CSV with sniffed dialect and inferred types, and Parquet. */
  public static final DataFileOpener DEFAULT = csv(CsvSettings.none(), new CsvRejectLog());

  private Formats() {}

  /**
   * CSV read with a connection's {@code settings} (per-table options matched by the key without its
   * CSV extension, relative to the schema's prefix), reporting lenient and skipping scans to {@code
   * rejects}; and Parquet.
   */
  public static DataFileOpener csv(CsvSettings settings, CsvRejectLog rejects) {
    requireNonNull(settings, "settings is null");
    requireNonNull(rejects, "rejects is null");
    return (store, object) -> open(store, object, settings, rejects);
  }

  private static Optional<DataFile> open(
      ObjectStore store, ObjectInfo object, CsvSettings settings, CsvRejectLog rejects) {
    String key = object.key().toLowerCase(Locale.ROOT);
    for (String extension : CSV_EXTENSIONS) {
      if (key.endsWith(extension)) {
        String table = object.key().substring(0, object.key().length() - extension.length());
        return Optional.of(new CsvDataFile(store, object, settings.forTable(table), rejects));
      }
    }
    if (key.endsWith(".parquet")) {
      return Optional.of(new ParquetDataFile(store, object, FOOTERS));
    }
    return Optional.empty();
  }
}
