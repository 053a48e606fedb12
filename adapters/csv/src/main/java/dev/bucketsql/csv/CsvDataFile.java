package dev.bucketsql.csv;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.Column;
import dev.bucketsql.format.DataFile;
import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.format.TableSchema;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.ObjectInput;
import dev.bucketsql.storage.ObjectStore;
import dev.bucketsql.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CSV object read as a table.
 *
 * <p>The schema comes from one read of the object's head ({@link CsvOptions#sampleBytes()}): it
 * gives the dialect, whether there is a header, the column names and the inferred types. Scans then
 * stream the object from its start (large uncompressed objects in parallel ranges, see {@link
 * CsvParallelCursor}); they hold a bounded amount of memory whatever the object's size, and closing
 * a cursor early aborts the download.
 *
 * <p>Instances are safe for concurrent use; the schema is computed once.
 */
public final class CsvDataFile implements DataFile {
  private static final Logger LOG = LoggerFactory.getLogger(CsvDataFile.class);
  private static final AutoCloseable NOTHING = () -> {};

  private final ObjectStore store;
  private final ObjectInfo object;
  private final CsvOptions options;
  private final CsvRejectLog rejects;
  private final CsvCompression compression;
  private final boolean transcoded;
  private volatile CsvLayout layout;

  /**
   * A CSV table over {@code object} in {@code store}, reporting what lenient or skipping scans step
   * over to a log of its own. Nothing is read until {@link #schema()} or a scan needs it.
   */
  public CsvDataFile(ObjectStore store, ObjectInfo object, CsvOptions options) {
    this(store, object, options, new CsvRejectLog(1000));
  }

  /**
   * A CSV table over {@code object} in {@code store} whose lenient or skipping scans report to
   * {@code rejects}. Nothing is read until {@link #schema()} or a scan needs it.
   */
  public CsvDataFile(
      ObjectStore store, ObjectInfo object, CsvOptions options, CsvRejectLog rejects) {
    this.store = requireNonNull(store, "store is null");
    this.object = requireNonNull(object, "object is null");
    this.options = requireNonNull(options, "options is null");
    this.rejects = requireNonNull(rejects, "rejects is null");
    this.compression = options.compression().resolve(object.key());
    this.transcoded = CsvByteCharset.of(options.charset()).transcoded();
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
   * Where lenient and skipping scans of this file report when the scan brings no log of its own.
   */
  public CsvRejectLog rejects() {
    return rejects;
  }

  /** How the object is compressed (resolved from its extension when the options say auto). */
  public CsvCompression compression() {
    return compression;
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
    return layout().schema();
  }

  /** The dialect sniffed from the object's head, with the options' overrides applied. */
  public CsvDialect dialect() {
    return layout().dialect();
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
   * Starts a scan. The object is requested on the first {@link RowCursor#moveNext()}. An empty
   * projection counts records without splitting them into fields.
   *
   * @throws IllegalArgumentException if the projection names a column the schema lacks
   */
  @Override
  public RowCursor scan(ScanSpec spec) {
    requireNonNull(spec, "spec is null");
    CsvLayout l = layout();
    int[] projection = spec.projection();
    for (int p : projection) {
      if (p < 0 || p >= l.schema().size()) {
        throw new IllegalArgumentException(
            "projection index "
                + p
                + " is outside the "
                + l.schema().size()
                + " columns of CSV object '"
                + key()
                + "'");
      }
    }
    ObjectInput input = store.open(object, spec.stats());
    // The reader's own log when the scan brings one (a connection's), else this file's.
    CsvScanReport report =
        new CsvScanReport(key(), spec.attachment(CsvRejectLog.class).orElse(rejects));
    if (parallel(l)) {
      return new CsvParallelCursor(
          key(),
          input,
          l.dialect(),
          options,
          l.schema(),
          projection,
          object.size(),
          report,
          head ->
              cursor(
                  l,
                  projection,
                  NOTHING,
                  report.part(),
                  l.dialect().header(),
                  () -> head,
                  l.dialect().bomLength(),
                  1),
          at ->
              cursor(
                  l,
                  projection,
                  NOTHING,
                  report.part(),
                  false,
                  () -> CsvReadAhead.of(input.openStream(at[0])),
                  at[0],
                  at[1]));
    }
    // Offsets in messages are the object's only when the reader sees the object's own bytes.
    long start = sequentialOnly() ? 0 : l.dialect().bomLength();
    return cursor(
        l,
        projection,
        input,
        report,
        l.dialect().header(),
        () -> CsvReadAhead.of(open(input, l.dialect().bomLength())),
        start,
        1);
  }

  /**
   * A sequential cursor over the records of the stream {@code bytes} gives, read straight from the
   * bytes ({@link CsvByteRecordReader}).
   */
  private RowCursor cursor(
      CsvLayout l,
      int[] projection,
      AutoCloseable resource,
      CsvScanReport report,
      boolean header,
      java.util.function.Supplier<InputStream> bytes,
      long startOffset,
      long startLine) {
    boolean counting = projection.length == 0;
    CsvByteRecordReader reader =
        new CsvByteRecordReader(
                key(),
                bytes,
                startOffset,
                l.dialect(),
                options,
                l.schema().size(),
                selected(projection),
                options.skipMalformed() ? report::add : null)
            .startLine(startLine);
    CsvRowConverter converter =
        counting ? null : new CsvRowConverter(key(), l.schema(), projection, options);
    return new CsvRowCursor(reader, converter, report, resource, header);
  }

  /** File column indexes a projection needs, ascending. */
  static int[] selected(int[] projection) {
    return Arrays.stream(projection).distinct().sorted().toArray();
  }

  private boolean parallel(CsvLayout l) {
    boolean split =
        options.parallelismAuto()
            ? CsvScanThreads.cores() >= CsvOptions.AUTO_SPLIT_MIN_CORES
            : options.parallelism() > 1;
    return !sequentialOnly()
        && split
        && l.schema().size() > 1
        && object.size() > 2L * options.splitSize()
        && CsvByteScanner.supports(l.dialect());
  }

  /**
   * Whether the reader's bytes are not ranges of the object's (compressed, or transcoded to UTF-8):
   * then the object is read whole with one stream, never split.
   */
  private boolean sequentialOnly() {
    return compression != CsvCompression.NONE || transcoded;
  }

  /** The object's (decompressed, transcoded) bytes after the byte order mark. */
  private InputStream open(ObjectInput input, int bom) {
    if (!sequentialOnly()) {
      return input.openStream(bom);
    }
    InputStream in = text(input.openStream(0), compression, options);
    try {
      in.skipNBytes(bom);
    } catch (IOException e) {
      throw new StorageException(
          "CSV object '"
              + key()
              + "': reading the "
              + (compression == CsvCompression.NONE ? "transcoded" : compression.toString())
              + " stream failed: "
              + e,
          e);
    }
    return in;
  }

  /**
   * The bytes the reader takes from the object's stream {@code raw}: decompressed, then transcoded
   * to UTF-8 when the charset's own bytes cannot be tokenized.
   */
  static InputStream text(InputStream raw, CsvCompression compression, CsvOptions options) {
    InputStream in = compression.decompress(raw);
    CsvByteCharset charset = CsvByteCharset.of(options.charset());
    return charset.transcoded() ? new CsvTranscoder(in, charset.charset()) : in;
  }

  private CsvLayout layout() {
    CsvLayout l = layout;
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

  private CsvLayout readLayout() {
    String key = key();
    if (object.size() == 0) {
      throw CsvMessages.emptyObject(key);
    }
    CsvSample sample = CsvSample.read(store, object, options, compression);
    if (sample.bytes().length == 0) {
      throw CsvMessages.emptyObject(key);
    }
    boolean partial = sample.partial();
    CsvDialect dialect = CsvSniffer.sniff(sample.bytes(), partial, options);
    List<String[]> records = sample.records(key, dialect, options);
    if (records.isEmpty()) {
      throw partial
          ? CsvMessages.headerBeyondSample(key, sample.bytes().length)
          : CsvMessages.noRecords(key);
    }
    int width = records.get(0).length;
    boolean header = options.header().orElseGet(() -> CsvHeaderSniffer.hasHeader(records, options));
    dialect = dialect.withHeader(header, options.header().isEmpty());
    List<String> names = header ? CsvHeader.names(records.get(0)) : CsvHeader.numbered(width);
    List<String[]> rows = header ? records.subList(1, records.size()) : records;
    CsvTypeInference[] inference = CsvHeaderSniffer.infer(rows, width, options);
    // Declared names match columns without regard to case, as SQL names do; column names are
    // unique that way (CsvHeader), so a declared name matches at most one column.
    Map<String, Column> declared = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    declared.putAll(options.declaredColumns());
    Set<String> known = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    known.addAll(names);
    for (String column : options.declaredColumns().keySet()) {
      if (!known.contains(column)) {
        throw CsvMessages.unknownDeclaredColumn(key, column, names);
      }
    }
    List<Column> columns = new ArrayList<>(width);
    for (int c = 0; c < width; c++) {
      String name = names.get(c);
      Column d = declared.get(name);
      columns.add(
          d != null
              ? new Column(name, d.type(), true, d.precision(), d.scale())
              : Column.of(name, inference[c].result()));
    }
    TableSchema schema = new TableSchema(columns);
    LOG.debug(
        "CSV object '{}': {} from a {}-byte sample ({} rows): {}",
        key,
        dialect,
        sample.bytes().length,
        rows.size(),
        columns);
    return new CsvLayout(dialect, schema);
  }

  @Override
  public String toString() {
    return "CsvDataFile{" + store.location() + key() + "}";
  }

  /** What the head of the object says: dialect and schema. */
  private record CsvLayout(CsvDialect dialect, TableSchema schema) {}
}
