package dev.bucketsql.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.format.predicate.Domain;
import dev.bucketsql.format.predicate.RuntimeKeyFilter;
import dev.bucketsql.format.predicate.RuntimeKeySet;
import dev.bucketsql.format.predicate.ScanPredicate;
import dev.bucketsql.parquet.write.GroupParquetWriters;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.memory.InMemoryObjectStore;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;

/**
 * Random Parquet files written in memory and read back through the batch scan, for the tests of its
 * late filter ({@link ParquetLateFilterTest}, {@link ParquetDictionaryJudgeTest}, {@link
 * ParquetRuntimeKeysTest}) and of its page decoders ({@link PageBufferScanTest}, {@link
 * ParquetStringPagesTest}): the file with a chosen {@link Layout}, the scan's rows with the late
 * filter on and off, the rows a predicate and keys pass, and the check that the late rows are whole
 * rows of the scan without it, in order, with every passing row among them.
 */
final class LateFilterFiles {
  private LateFilterFiles() {}

  /**
   * How a file is written: page version 1 or 2, the dictionary page's limit in bytes (a small one
   * overflows part way through a chunk), dictionary encoding and statistics on or off, rows per row
   * group and per page.
   */
  record Layout(
      int version,
      int dictionaryBytes,
      boolean dictionary,
      boolean statistics,
      int rowsPerGroup,
      int rowsPerPage) {}

  /** {@code groups} of {@code schema}, Snappy-compressed, laid out as {@code layout} says. */
  static byte[] write(MessageType schema, List<Group> groups, Layout layout) throws IOException {
    return write(schema, groups, layout, CompressionCodecName.SNAPPY);
  }

  /**
   * {@code groups} of {@code schema}, compressed with {@code codec}, laid out as {@code layout}.
   */
  static byte[] write(
      MessageType schema, List<Group> groups, Layout layout, CompressionCodecName codec)
      throws IOException {
    ParquetFixtures.MemoryOutputFile out = new ParquetFixtures.MemoryOutputFile();
    try (ParquetWriter<Group> writer =
        GroupParquetWriters.builder(out, schema)
            .withCompressionCodec(codec)
            .withWriterVersion(
                layout.version() == 1 ? WriterVersion.PARQUET_1_0 : WriterVersion.PARQUET_2_0)
            .withDictionaryEncoding(layout.dictionary())
            .withDictionaryPageSize(layout.dictionaryBytes())
            .withStatisticsEnabled(layout.statistics())
            .withRowGroupRowCountLimit(layout.rowsPerGroup())
            .withPageRowCountLimit(layout.rowsPerPage())
            .build()) {
      for (Group g : groups) {
        writer.write(g);
      }
    }
    return out.bytes.toByteArray();
  }

  /** The file of {@code bytes}, {@code t.parquet} in an in-memory bucket of {@code bucket}. */
  static ParquetDataFile file(String bucket, byte[] bytes) {
    InMemoryObjectStore store = new InMemoryObjectStore(bucket);
    ObjectInfo info = store.put("t.parquet", bytes);
    return new ParquetDataFile(store, info, new ParquetFooterCache(4));
  }

  /** {@code bytes} as parquet-java's own reader reads a file, through the storage interface. */
  static ParquetInputFile inputFile(byte[] bytes) {
    InMemoryObjectStore store = new InMemoryObjectStore("input");
    ObjectInfo info = store.put("t.parquet", bytes);
    return new ParquetInputFile(store.open(info, new IoStats()), 1 << 16);
  }

  /** The rows of the scan with the late filter off: whole rows of the file, none left out. */
  static List<Object[]> whole(
      ParquetDataFile file, int[] projection, ScanPredicate predicate, int capacity) {
    System.setProperty("bucketsql.parquet.lateFilter", "false");
    try {
      return batches(file, projection, predicate, capacity, List.of(), new int[1]);
    } finally {
      System.clearProperty("bucketsql.parquet.lateFilter");
    }
  }

  /** The rows of the scan of {@code projection} with {@code predicate} and {@code keys}. */
  static List<Object[]> batches(
      ParquetDataFile file,
      int[] projection,
      ScanPredicate predicate,
      int capacity,
      List<RuntimeKeyFilter> keys) {
    return batches(file, projection, predicate, capacity, keys, new int[1]);
  }

  /**
   * The rows of the scan of {@code projection} with {@code predicate} and {@code keys}, in batches
   * of {@code capacity}; {@code calls[0]} counts the batches handed back.
   */
  static List<Object[]> batches(
      ParquetDataFile file,
      int[] projection,
      ScanPredicate predicate,
      int capacity,
      List<RuntimeKeyFilter> keys,
      int[] calls) {
    ColumnType[] types = new ColumnType[projection.length];
    for (int i = 0; i < types.length; i++) {
      types[i] = file.schema().column(projection[i]).type();
    }
    ScanSpec spec = new ScanSpec(projection, new IoStats(), predicate);
    for (RuntimeKeyFilter k : keys) {
      spec = spec.with(k);
    }
    List<Object[]> rows = new ArrayList<>();
    ColumnBatch batch = new ColumnBatch(types, capacity);
    try (ParquetRowCursor cursor = file.scan(spec)) {
      for (int n; (n = cursor.nextBatch(batch)) > 0; ) {
        calls[0]++;
        assertThat(batch.size()).isEqualTo(n);
        for (int r = 0; r < n; r++) {
          Object[] row = new Object[types.length];
          for (int c = 0; c < row.length; c++) {
            row[c] = batch.value(c, r);
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /** The rows of the scan of {@code projection} with {@code predicate}, late filter and all. */
  static List<Object[]> batches(
      ParquetDataFile file, int[] projection, ScanPredicate predicate, int capacity) {
    return batches(file, projection, predicate, capacity, List.of(), new int[1]);
  }

  /** How many of the column chunks the scan of {@code projection} decodes a page at a time. */
  static int chunksDecodedByPage(ParquetDataFile file, int[] projection) {
    ColumnType[] types = new ColumnType[projection.length];
    for (int i = 0; i < types.length; i++) {
      types[i] = file.schema().column(projection[i]).type();
    }
    ColumnBatch batch = new ColumnBatch(types, ColumnBatch.DEFAULT_CAPACITY);
    try (ParquetRowCursor cursor = file.scan(new ScanSpec(projection, new IoStats()))) {
      while (cursor.nextBatch(batch) > 0) {
        // read to the end: chunks are counted as their row groups start
      }
      return cursor.chunksDecodedByPage();
    }
  }

  /**
   * The places in {@code scanned} (rows of {@code projection}) of the rows whose values lie in
   * every domain of {@code predicate} on a column read and, unless {@code keyPlace} is negative,
   * whose value at {@code keyPlace} is one of {@code keys}.
   */
  static List<Integer> passing(
      List<Object[]> scanned,
      int[] projection,
      ScanPredicate predicate,
      int keyPlace,
      Set<Long> keys) {
    List<Integer> passing = new ArrayList<>();
    for (int i = 0; i < scanned.size(); i++) {
      Object[] row = scanned.get(i);
      boolean pass = keyPlace < 0 || row[keyPlace] != null && keys.contains(asLong(row[keyPlace]));
      for (Map.Entry<Integer, Domain> d : predicate.domains().entrySet()) {
        int place = indexOf(projection, d.getKey());
        if (place >= 0) {
          pass &= d.getValue().contains((Comparable<?>) row[place]);
        }
      }
      if (pass) {
        passing.add(i);
      }
    }
    return passing;
  }

  /** Whether {@code projection} reads every column {@code predicate} has a domain on. */
  static boolean readsEveryDomain(int[] projection, ScanPredicate predicate) {
    for (int column : predicate.domains().keySet()) {
      if (indexOf(projection, column) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * That the {@code late} rows are rows of {@code scanned}, whole and in order, and include every
   * row of {@code scanned} at the places {@code passing}. Equal rows pass or fail alike, so
   * matching each late row to the first equal row left is enough.
   */
  static void assertRowsOfScan(
      List<Object[]> scanned, List<Object[]> late, List<Integer> passing, String at) {
    int next = 0;
    boolean[] matched = new boolean[scanned.size()];
    for (Object[] row : late) {
      while (next < scanned.size() && !Arrays.equals(scanned.get(next), row)) {
        next++;
      }
      assertThat(next)
          .as(at + ": row " + Arrays.toString(row) + " is not a row of the scan, in order")
          .isLessThan(scanned.size());
      matched[next++] = true;
    }
    for (int i : passing) {
      assertThat(matched[i]).as(at + ": dropped " + Arrays.toString(scanned.get(i))).isTrue();
    }
  }

  /** The place of {@code column} in {@code projection}, or -1. */
  static int indexOf(int[] projection, int column) {
    for (int i = 0; i < projection.length; i++) {
      if (projection[i] == column) {
        return i;
      }
    }
    return -1;
  }

  /** A key column's value as the long a {@link RuntimeKeySet} is asked about. */
  static long asLong(Object v) {
    return v instanceof LocalDate date ? date.toEpochDay() : ((Number) v).longValue();
  }

  /** A plain set of keys, ready after {@code readyAfter} questions (never when negative). */
  static final class KeySet implements RuntimeKeySet {
    private final Set<Long> keys;
    private final int readyAfter;
    private int asked;

    KeySet(Set<Long> keys, int readyAfter) {
      this.keys = keys;
      this.readyAfter = readyAfter;
    }

    @Override
    public boolean ready() {
      return readyAfter >= 0 && asked++ >= readyAfter;
    }

    @Override
    public int retain(long[] values, boolean[] nulls, int from, int[] rows, int k) {
      int kept = 0;
      for (int i = 0; i < k; i++) {
        int r = rows[i];
        if (!nulls[from + r] && keys.contains(values[from + r])) {
          rows[kept++] = r;
        }
      }
      return kept;
    }
  }
}
