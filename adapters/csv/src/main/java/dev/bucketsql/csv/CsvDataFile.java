package dev.bucketsql.csv;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.Column;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.DataFile;
import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.format.TableSchema;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.ObjectInput;
import dev.bucketsql.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CSV object read as a table.
 *
 * <p>The schema comes from one ranged read of the object's head ({@link CsvOptions#sampleBytes()}):
 * it gives the dialect, the header names and the inferred types. Scans then stream the object from
 * its start; they hold a bounded amount of memory whatever the object's size, and closing a cursor
 * early aborts the download.
 *
 * <p>Instances are safe for concurrent use; the schema is computed once.
 */
public final class CsvDataFile implements DataFile {
  private static final Logger LOG = LoggerFactory.getLogger(CsvDataFile.class);

  private final ObjectStore store;
  private final ObjectInfo object;
  private final CsvOptions options;
  private volatile Layout layout;

  /**
   * A CSV table over {@code object} in {@code store}. Nothing is read until {@link #schema()} or a
   * scan needs it.
   */
  public CsvDataFile(ObjectStore store, ObjectInfo object, CsvOptions options) {
    this.store = requireNonNull(store, "store is null");
    this.object = requireNonNull(object, "object is null");
    this.options = requireNonNull(options, "options is null");
  }

  @Override
  public String key() {
    return object.key();
  }

  /** The options this file is read with. */
  public CsvOptions options() {
    return options;
  }

  /**
   * The columns: names from the header (or {@code column_N}), types inferred from the sample or
   * declared in the options.
   *
   * @throws dev.bucketsql.format.FormatException if the object is empty or its head is not readable
   *     CSV; the message names the key and line
   */
  @Override
  public TableSchema schema() {
    return layout().schema;
  }

  /** The dialect sniffed from the object's head, with the options' overrides applied. */
  public CsvDialect dialect() {
    return layout().dialect;
  }

  /**
   * Starts a scan. The object is requested on the first {@link RowCursor#moveNext()}. An empty
   * projection counts records without splitting them into fields.
   *
   * @throws IllegalArgumentException if the projection names a column the schema lacks
   */
  @Override
  public RowCursor scan(ScanSpec spec) {
    requireNonNull(spec, "spec is null");
    Layout l = layout();
    int[] projection = spec.projection();
    for (int p : projection) {
      if (p < 0 || p >= l.schema.size()) {
        throw new IllegalArgumentException(
            "projection index "
                + p
                + " is outside the "
                + l.schema.size()
                + " columns of CSV object '"
                + key()
                + "'");
      }
    }
    ObjectInput input = store.open(object, spec.stats());
    boolean counting = projection.length == 0;
    Supplier<CsvCharSource> opener =
        () ->
            new CsvCharSource(
                key(),
                input.openStream(l.dialect.bomLength()),
                l.dialect.bomLength(),
                l.dialect,
                options.charset(),
                false,
                l.schema.size(),
                !counting);
    int headerRecords = options.header() ? 1 : 0;
    if (counting) {
      return new CsvCountCursor(key(), input, opener, headerRecords);
    }
    int[] selected = Arrays.stream(projection).distinct().sorted().toArray();
    CsvRecordReader reader = new CsvRecordReader(key(), opener, l.dialect, options, selected);
    return new CsvRowCursor(
        key(),
        input,
        reader,
        l.schema,
        projection,
        options.nullString(),
        options.columnTypes().keySet(),
        options.header());
  }

  private Layout layout() {
    Layout l = layout;
    if (l == null) {
      synchronized (this) {
        l = layout;
        if (l == null) {
          l = readLayout();
          layout = l;
        }
      }
    }
    return l;
  }

  private Layout readLayout() {
    String key = key();
    if (object.size() == 0) {
      throw CsvMessages.emptyObject(key);
    }
    int n = (int) Math.min(object.size(), options.sampleBytes());
    byte[] sample = new byte[n];
    try (ObjectInput input = store.open(object, new IoStats())) {
      input.readFully(0, sample);
    }
    boolean partial = n < object.size();
    CsvDialect dialect = CsvSniffer.sniff(sample, partial, options);
    List<String[]> records = readSample(sample, partial, dialect);
    if (records.isEmpty()) {
      throw partial ? CsvMessages.headerBeyondSample(key, n) : CsvMessages.noRecords(key);
    }
    int width = records.get(0).length;
    List<String> names =
        options.header() ? CsvHeader.names(records.get(0)) : CsvHeader.numbered(width);
    List<String[]> rows = options.header() ? records.subList(1, records.size()) : records;
    CsvTypeInference[] inference = new CsvTypeInference[width];
    for (int c = 0; c < width; c++) {
      inference[c] = new CsvTypeInference();
    }
    for (String[] row : rows) {
      for (int c = 0; c < width; c++) {
        String raw = row[c];
        if (raw == null || raw.equals(options.nullString())) {
          continue;
        }
        String text = raw.strip();
        if (!text.isEmpty()) {
          inference[c].accept(text);
        }
      }
    }
    Map<String, ColumnType> declared = options.columnTypes();
    for (String column : declared.keySet()) {
      if (!names.contains(column)) {
        throw CsvMessages.unknownDeclaredColumn(key, column, names);
      }
    }
    List<Column> columns = new ArrayList<>(width);
    for (int c = 0; c < width; c++) {
      String name = names.get(c);
      columns.add(Column.of(name, declared.getOrDefault(name, inference[c].result())));
    }
    TableSchema schema = new TableSchema(columns);
    LOG.debug(
        "CSV object '{}': {} from a {}-byte sample ({} rows): {}",
        key,
        dialect,
        n,
        rows.size(),
        columns);
    return new Layout(dialect, schema);
  }

  /** The complete records of the sample; a record the sample's end may have cut is left out. */
  private List<String[]> readSample(byte[] sample, boolean partial, CsvDialect dialect) {
    int bom = dialect.bomLength();
    InputStream in = new ByteArrayInputStream(sample, bom, sample.length - bom);
    CsvCharSource[] source = new CsvCharSource[1];
    Supplier<CsvCharSource> opener =
        () -> {
          source[0] =
              new CsvCharSource(key(), in, bom, dialect, options.charset(), partial, -1, true);
          return source[0];
        };
    List<String[]> records = new ArrayList<>();
    try (CsvRecordReader reader = new CsvRecordReader(key(), opener, dialect, options, null)) {
      String[] record;
      while ((record = reader.next()) != null) {
        records.add(record);
      }
    }
    if (partial) {
      long complete = source[0] == null ? 0 : source[0].records();
      while (records.size() > complete) {
        records.remove(records.size() - 1);
      }
    }
    return records;
  }

  @Override
  public String toString() {
    return "CsvDataFile{" + store.location() + key() + "}";
  }

  private record Layout(CsvDialect dialect, TableSchema schema) {}
}
