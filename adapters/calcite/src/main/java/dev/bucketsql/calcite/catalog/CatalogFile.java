package dev.bucketsql.calcite.catalog;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.DataFile;
import dev.bucketsql.format.FileSummary;
import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.format.TableSchema;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One data object of the catalog: its format's {@link DataFile}, with the schema taken from the
 * JVM-wide {@link SchemaCache} by object version, so a second connection or a BI tool's next sync
 * infers nothing again. Scans go to the format's reader unchanged.
 */
public final class CatalogFile implements DataFile, FileSummary, Remarked {
  private final String location;
  private final ObjectInfo object;
  private final DataFile delegate;
  private final String scope;
  private final SchemaCache cache;
  private volatile List<String> shadowed = List.of();

  /**
   * @param location the store's location, for the cache key and remarks
   * @param scope the reader options' fingerprint (see {@link CatalogOptions#readerScope()})
   */
  public CatalogFile(
      String location, ObjectInfo object, DataFile delegate, String scope, SchemaCache cache) {
    this.location = requireNonNull(location, "location is null");
    this.object = requireNonNull(object, "object is null");
    this.delegate = requireNonNull(delegate, "delegate is null");
    this.scope = requireNonNull(scope, "scope is null");
    this.cache = requireNonNull(cache, "cache is null");
  }

  @Override
  public String key() {
    return object.key();
  }

  /** The object version this file reads. */
  public ObjectInfo object() {
    return object;
  }

  /** The format's own reader (a {@code CsvDataFile}, a {@code ParquetDataFile}, ...). */
  public DataFile delegate() {
    return delegate;
  }

  /** The format, as the name of the reader's class: files of one table share it. */
  String format() {
    return delegate.getClass().getName();
  }

  @Override
  public TableSchema schema() {
    return cache.get(
        location, object.key(), object.etag(), format() + '|' + scope, delegate::schema);
  }

  @Override
  public void checkAhead(IoStats queryStats) {
    delegate.checkAhead(queryStats);
  }

  @Override
  public RowCursor scan(ScanSpec spec) {
    return delegate.scan(spec);
  }

  @Override
  public boolean filtersRuntimeKeys() {
    return delegate.filtersRuntimeKeys();
  }

  /** The format's pieces; this file itself when the format makes one piece. */
  @Override
  public List<DataFile> splits(ScanSpec spec) {
    List<DataFile> pieces = delegate.splits(spec);
    return pieces.size() <= 1 ? List.of(this) : pieces;
  }

  /** Records the keys that map to this table's name and lost to it, for the remarks. */
  void shadows(List<String> keys) {
    shadowed = List.copyOf(keys);
  }

  /** The format's own answer when it has metadata (Parquet footers), else unknown. */
  @Override
  public OptionalLong exactRowCount() {
    return delegate instanceof FileSummary s ? s.exactRowCount() : OptionalLong.empty();
  }

  /** The format's own answer when it has metadata (Parquet footers), else unknown. */
  @Override
  public Optional<MinMax> exactMinMax(int column) {
    return delegate instanceof FileSummary s ? s.exactMinMax(column) : Optional.empty();
  }

  /** The format's own estimate when it has one (Parquet dictionaries), else unknown. */
  @Override
  public OptionalDouble estimatedDistinctValues(int column) {
    return delegate instanceof FileSummary s
        ? s.estimatedDistinctValues(column)
        : OptionalDouble.empty();
  }

  @Override
  public String remarks() {
    return "object "
        + object.key()
        + ", "
        + Sizes.describe(object.size())
        + Shadowing.note(shadowed);
  }

  @Override
  public Optional<String> columnRemarks(String name) {
    return Optional.empty();
  }

  @Override
  public String toString() {
    return location + object.key();
  }
}
