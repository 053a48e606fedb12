package dev.bucketsql.parquet;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.DataFile;
import dev.bucketsql.format.FileSummary;
import dev.bucketsql.format.FormatException;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.format.TableSchema;
import dev.bucketsql.format.predicate.RuntimeKeyFilter;
import dev.bucketsql.parquet.ParquetSchemaMapping.MappedColumn;
import dev.bucketsql.parquet.codec.ParquetCodecFactory;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.ObjectInput;
import dev.bucketsql.storage.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Parquet object of a store, read as a table without Hadoop.
 *
 * <p>The footer is read once per object version (one tail request, rarely two) and kept in the
 * shared {@link ParquetFooterCache}. Scans fetch only the projected columns' chunks, one request
 * per row group when they lie close together; {@code COUNT(*)} fetches no data at all. Types map as
 * documented in docs/parquet.md, nested ones (lists, maps, structs) to ARRAY, MAP and ROW columns.
 * Columns of types not supported yet (INTERVAL, for instance) stay in the schema, and scanning one
 * fails with a {@link FormatException} naming the key and the column; the other columns stay
 * queryable.
 *
 * <p>Thread-safe: scans are independent, each with its own input and reader.
 */
public final class ParquetDataFile implements DataFile, FileSummary {
  /** Stateless, so one factory serves every file and thread. */
  private static final ParquetCodecFactory CODECS = new ParquetCodecFactory();

  private final ObjectStore store;
  private final ObjectInfo object;
  private final ParquetFooterCache footers;
  private final ParquetReaderConfig config;

  /** Per column: read once, as the planner asks for it on every estimate. */
  private final Map<Integer, OptionalDouble> distinctValues = new ConcurrentHashMap<>();

  /** The object {@code object} of {@code store}, with default fetch sizes. */
  public ParquetDataFile(ObjectStore store, ObjectInfo object, ParquetFooterCache footers) {
    this(store, object, footers, ParquetReaderConfig.DEFAULTS);
  }

  /** The object {@code object} of {@code store}, fetched as {@code config} says. */
  public ParquetDataFile(
      ObjectStore store,
      ObjectInfo object,
      ParquetFooterCache footers,
      ParquetReaderConfig config) {
    this.store = requireNonNull(store, "store is null");
    this.object = requireNonNull(object, "object is null");
    this.footers = requireNonNull(footers, "footers is null");
    this.config = requireNonNull(config, "config is null");
  }

  @Override
  public String key() {
    return object.key();
  }

  /**
   * The columns, one per top-level field. Reads the footer unless it is cached; that read is
   * counted in the store's statistics only.
   *
   * @throws FormatException if the object is not a readable Parquet file
   */
  @Override
  public TableSchema schema() {
    return footer(new IoStats()).mapping().tableSchema();
  }

  /** The number of rows, from the footer alone. */
  public long rowCount() {
    return footer(new IoStats()).rowCount();
  }

  /** The row count, from the footer: every Parquet footer knows it exactly. */
  @Override
  public OptionalLong exactRowCount() {
    return OptionalLong.of(rowCount());
  }

  /**
   * MIN and MAX of an integer, DATE or TIMESTAMP column from the row-group statistics, when every
   * row group has them; see {@code ParquetFooterAggregates}.
   */
  @Override
  public Optional<MinMax> exactMinMax(int column) {
    return ParquetFooterAggregates.minMax(footer(new IoStats()), column);
  }

  /**
   * About how many distinct values a flat column holds, from its first row group's dictionary (one
   * small read, then cached); see {@code ParquetDistinctValues}.
   */
  @Override
  public OptionalDouble estimatedDistinctValues(int column) {
    return distinctValues.computeIfAbsent(
        column,
        c ->
            ParquetDistinctValues.estimate(
                footer(new IoStats()), c, () -> store.open(object, new IoStats())));
  }

  /** The number of row groups, from the footer alone. */
  public int rowGroupCount() {
    return footer(new IoStats()).metadata().getBlocks().size();
  }

  /**
   * Starts the store's check of this object's version for the query ({@link
   * ObjectStore#checkAhead}).
   */
  @Override
  public void checkAhead(IoStats queryStats) {
    store.checkAhead(object, queryStats);
  }

  /**
   * Starts a scan of the projected columns. Fetches nothing until the first {@code moveNext}; the
   * footer, if not cached, and the column chunks are counted in {@code spec.stats()}.
   *
   * @throws IllegalArgumentException if a projected index is outside the schema
   * @throws FormatException if a projected column has a type not supported yet
   */
  @Override
  public ParquetRowCursor scan(ScanSpec spec) {
    return scan(spec, 0, Integer.MAX_VALUE);
  }

  /**
   * Batch scans leave out the rows whose column a runtime key filter restricts holds none of its
   * keys, once they are known (in the late filter: not for a scan with nested columns); false with
   * {@code -Dbucketsql.parquet.lateFilter=false}, which turns the late filter off, so that the plan
   * filters above the scan instead and EXPLAIN says so.
   */
  @Override
  public boolean filtersRuntimeKeys() {
    return !"false".equals(System.getProperty("bucketsql.parquet.lateFilter"));
  }

  /**
   * One piece per row group, when there are several: each piece's scan prunes and reads only its
   * row group, and reports its own pruning.
   */
  @Override
  public List<DataFile> splits(ScanSpec spec) {
    int groups = rowGroupCount();
    if (groups <= 1) {
      return List.of(this);
    }
    List<DataFile> pieces = new ArrayList<>(groups);
    for (int g = 0; g < groups; g++) {
      pieces.add(new ParquetRowGroupPiece(this, g));
    }
    return pieces;
  }

  /**
   * As {@link #scan(ScanSpec)}, reading only row groups {@code [firstGroup, endGroup)} of the
   * object (clipped to those it has).
   */
  ParquetRowCursor scan(ScanSpec spec, int firstGroup, int endGroup) {
    requireNonNull(spec, "spec is null");
    int[] projection = spec.projection();
    if (projection.length > 0) {
      // Needs the footer to know the columns; a cached footer costs nothing.
      ParquetSchemaMapping mapping = footer(spec.stats()).mapping();
      for (int index : projection) {
        if (index < 0 || index >= mapping.size()) {
          throw new IllegalArgumentException(
              "column index "
                  + index
                  + " is outside the "
                  + mapping.size()
                  + " columns of '"
                  + key()
                  + "'");
        }
        MappedColumn column = mapping.column(index);
        if (column.unsupported() != null) {
          throw new FormatException(
              "Parquet object '"
                  + key()
                  + "': column '"
                  + column.column().name()
                  + "' cannot be read: "
                  + column.unsupported()
                  + " (Parquet type: "
                  + column.field().toString().trim()
                  + "); leave it out of the query, the other columns can be read");
        }
      }
    }
    return new ParquetRowCursor(
        key(),
        () -> store.open(object, spec.stats()),
        input ->
            footers.get(store.location(), object, () -> ParquetFooterReader.read(input, config)),
        projection,
        spec.predicate(),
        config,
        CODECS,
        firstGroup,
        endGroup,
        spec.attachmentsOf(RuntimeKeyFilter.class));
  }

  private ParquetFooter footer(IoStats stats) {
    return footers.get(
        store.location(),
        object,
        () -> {
          try (ObjectInput input = store.open(object, stats)) {
            return ParquetFooterReader.read(input, config);
          }
        });
  }

  @Override
  public String toString() {
    return "ParquetDataFile{" + store.location() + key() + "}";
  }
}
