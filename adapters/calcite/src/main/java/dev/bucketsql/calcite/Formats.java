package dev.bucketsql.calcite;

import dev.bucketsql.csv.CsvDataFile;
import dev.bucketsql.csv.CsvOptions;
import dev.bucketsql.format.DataFile;
import dev.bucketsql.parquet.ParquetDataFile;
import dev.bucketsql.parquet.ParquetFooterCache;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.ObjectStore;
import java.util.Locale;
import java.util.Optional;

/**
 * The formats BucketSQL reads, recognised by key extension: {@code .csv} and {@code .parquet}
 * (in any case).
 */
public final class Formats {
  /**
   * Parquet footers, shared by every connection of this JVM. Entries are keyed by object key
   * and ETag, and an ETag names the content, so a shared entry is never stale.
   */
  private static final ParquetFooterCache FOOTERS = new ParquetFooterCache(1024);

  /** CSV with sniffed dialect and inferred types, and Parquet. */
  public static final DataFileOpener DEFAULT = Formats::open;

  private Formats() {}

  private static Optional<DataFile> open(ObjectStore store, ObjectInfo object) {
    String key = object.key().toLowerCase(Locale.ROOT);
    if (key.endsWith(".csv")) {
      return Optional.of(new CsvDataFile(store, object, CsvOptions.defaults()));
    }
    if (key.endsWith(".parquet")) {
      return Optional.of(new ParquetDataFile(store, object, FOOTERS));
    }
    return Optional.empty();
  }
}
