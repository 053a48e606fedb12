package dev.bucketsql.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.format.predicate.Domain;
import dev.bucketsql.format.predicate.Range;
import dev.bucketsql.format.predicate.RuntimeKeyFilter;
import dev.bucketsql.format.predicate.RuntimeKeySet;
import dev.bucketsql.format.predicate.ScanPredicate;
import dev.bucketsql.parquet.write.GroupParquetWriters;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.memory.InMemoryObjectStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A batch scan given runtime keys ({@link RuntimeKeyFilter}) leaves out the rows whose key column
 * holds none of them, once they are ready: over random files (NULL keys in runs and scattered, keys
 * in INT64, INT32 and DATE columns, V1 and V2 pages, with and without statistics, batches across
 * page and row-group boundaries), with and without a pushed predicate, its rows must be whole rows
 * of the same scan without the late filter, in order, and include every row whose key is one of
 * them (and whose values lie in the predicate's domains); where it narrows it keeps no other row.
 * Keys ready late leave out rows only from then on; keys never ready leave out nothing.
 */
class ParquetRuntimeKeysTest {
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message t { required int64 id; optional int64 k; optional int32 k32;"
              + " optional int32 day (DATE); optional binary s (STRING); optional double d; }");

  private static final int ID = 0;
  private static final int K = 1;
  private static final int K32 = 2;
  private static final int DAY = 3;
  private static final int S = 4;
  private static final int D = 5;

  /** A plain set of keys, ready after {@code readyAfter} questions (never when negative). */
  private static final class KeySet implements RuntimeKeySet {
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

  private static Map<String, ScanPredicate> predicates() {
    Map<String, ScanPredicate> p = new LinkedHashMap<>();
    p.put("none", ScanPredicate.all());
    p.put(
        "day range",
        ScanPredicate.of(
            DAY, Domain.range(ColumnType.DATE, new Range(19_000, true, 19_030, true))));
    p.put(
        "key range",
        ScanPredicate.of(K, Domain.range(ColumnType.BIGINT, new Range(0L, true, 3_000L, false))));
    p.put("s in", ScanPredicate.of(S, Domain.values(ColumnType.VARCHAR, List.of("s1", "s3"))));
    return p;
  }

  @ParameterizedTest
  @CsvSource({
    "1, 4096, false",
    "1, 997, true",
    "2, 4096, false",
    "1, 333, false",
    "2, 333, true",
    "1, 7, false",
    "1, 1, false"
  })
  void leavesOutExactlyTheRowsWhoseKeyIsNotAmongTheKeys(
      int version, int capacity, boolean statistics) throws IOException {
    Random random = new Random(version * 71L + capacity * 3L + (statistics ? 1 : 0));
    ParquetDataFile file = file(write(groups(random, 23_000), version, statistics));
    // pages of V2 and pages the page index skipped go through the column readers: no late filter
    boolean narrows = version == 1 && !statistics && capacity >= 333;
    int[][] projections = {{ID, K, K32, DAY, S, D}, {S, K, ID, K}, {K32, D}, {DAY, ID}};
    int[] keyColumns = {K, K32, DAY};
    for (Map.Entry<String, ScanPredicate> e : predicates().entrySet()) {
      for (int[] projection : projections) {
        for (int keyColumn : keyColumns) {
          for (int share : new int[] {2, 15, 90}) {
            Set<Long> keys = keys(random, keyColumn, share);
            String at =
                e.getKey()
                    + " over "
                    + Arrays.toString(projection)
                    + ", keys on "
                    + keyColumn
                    + " ("
                    + share
                    + "%)";
            List<Object[]> plain = whole(file, projection, e.getValue(), capacity);
            List<Object[]> filtered =
                batches(
                    file,
                    projection,
                    e.getValue(),
                    capacity,
                    List.of(new RuntimeKeyFilter(keyColumn, new KeySet(keys, 0))));
            boolean exact = narrows && share <= 15 && e.getKey().equals("none");
            check(plain, filtered, projection, e.getValue(), keyColumn, keys, exact, at);
          }
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"1, 4096", "1, 333", "2, 1000"})
  void keysReadyLateOrNeverLeaveOutNoRowThatMatches(int version, int capacity) throws IOException {
    Random random = new Random(version * 13L + capacity);
    ParquetDataFile file = file(write(groups(random, 23_000), version, false));
    int[] projection = {ID, K, S};
    Set<Long> keys = keys(random, K, 5);
    for (ScanPredicate predicate : predicates().values()) {
      List<Object[]> plain = whole(file, projection, predicate, capacity);
      for (int readyAfter : new int[] {1, 3, 10}) {
        List<Object[]> late =
            batches(
                file,
                projection,
                predicate,
                capacity,
                List.of(new RuntimeKeyFilter(K, new KeySet(keys, readyAfter))));
        check(plain, late, projection, predicate, K, keys, false, "ready after " + readyAfter);
      }
      // keys never ready: the rows of the scan without them, no more, no less
      List<Object[]> without = batches(file, projection, predicate, capacity, List.of());
      List<Object[]> never =
          batches(
              file,
              projection,
              predicate,
              capacity,
              List.of(new RuntimeKeyFilter(K, new KeySet(keys, -1))));
      assertThat(never).usingRecursiveFieldByFieldElementComparator().isEqualTo(without);
      // keys on a column the scan does not read leave out nothing either
      List<Object[]> unread =
          batches(
              file,
              projection,
              predicate,
              capacity,
              List.of(new RuntimeKeyFilter(DAY, new KeySet(Set.of(), 0))));
      assertThat(unread).usingRecursiveFieldByFieldElementComparator().isEqualTo(without);
    }
  }

  @ParameterizedTest
  @CsvSource({"4096", "333"})
  void twoKeySetsOnOneColumnBothHold(int capacity) throws IOException {
    Random random = new Random(capacity);
    ParquetDataFile file = file(write(groups(random, 23_000), 1, false));
    int[] projection = {ID, K};
    Set<Long> a = keys(random, K, 30);
    Set<Long> b = keys(random, K, 30);
    Set<Long> both = new HashSet<>(a);
    both.retainAll(b);
    List<Object[]> plain = whole(file, projection, ScanPredicate.all(), capacity);
    List<Object[]> filtered =
        batches(
            file,
            projection,
            ScanPredicate.all(),
            capacity,
            List.of(
                new RuntimeKeyFilter(K, new KeySet(a, 0)),
                new RuntimeKeyFilter(K, new KeySet(b, 0))));
    check(plain, filtered, projection, ScanPredicate.all(), K, both, true, "two key sets");
  }

  private static void check(
      List<Object[]> plain,
      List<Object[]> filtered,
      int[] projection,
      ScanPredicate predicate,
      int keyColumn,
      Set<Long> keys,
      boolean exact,
      String at) {
    int keyPlace = indexOf(projection, keyColumn);
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < plain.size(); i++) {
      Object[] row = plain.get(i);
      boolean pass = keyPlace < 0 || row[keyPlace] != null && keys.contains(asLong(row[keyPlace]));
      for (Map.Entry<Integer, Domain> d : predicate.domains().entrySet()) {
        int place = indexOf(projection, d.getKey());
        if (place >= 0) {
          pass &= d.getValue().contains((Comparable<?>) row[place]);
        }
      }
      if (pass) {
        expected.add(i);
      }
    }
    int next = 0;
    boolean[] matched = new boolean[plain.size()];
    for (Object[] row : filtered) {
      while (next < plain.size() && !Arrays.equals(plain.get(next), row)) {
        next++;
      }
      assertThat(next)
          .as(at + ": row " + Arrays.toString(row) + " is not a row of the scan, in order")
          .isLessThan(plain.size());
      matched[next++] = true;
    }
    for (int i : expected) {
      assertThat(matched[i]).as(at + ": dropped " + Arrays.toString(plain.get(i))).isTrue();
    }
    if (exact && keyPlace >= 0) {
      assertThat(filtered).as(at).hasSize(expected.size());
    }
  }

  private static long asLong(Object v) {
    return v instanceof java.time.LocalDate date ? date.toEpochDay() : ((Number) v).longValue();
  }

  private static int indexOf(int[] projection, int column) {
    for (int i = 0; i < projection.length; i++) {
      if (projection[i] == column) {
        return i;
      }
    }
    return -1;
  }

  /** About {@code percent} of the values column {@code column} holds, and some it never does. */
  private static Set<Long> keys(Random random, int column, int percent) {
    long base = column == DAY ? 19_000 : column == K32 ? -300 : 0;
    int span = column == DAY ? 60 : column == K32 ? 600 : 10_000;
    Set<Long> keys = new HashSet<>();
    for (int i = 0; i < span; i++) {
      if (random.nextInt(100) < percent) {
        keys.add(base + i);
      }
    }
    keys.add(-1L << 40);
    keys.add(Long.MAX_VALUE);
    return keys;
  }

  private static List<Group> groups(Random random, int rows) {
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      Group g = factory.newGroup().append("id", (long) i);
      boolean nullRun = (i / 900) % 6 == 4;
      if (!nullRun && random.nextInt(10) != 0) {
        g.append("k", (long) random.nextInt(10_000));
      }
      if (random.nextInt(8) != 0) {
        g.append("k32", random.nextInt(600) - 300);
      }
      if (random.nextInt(7) != 0) {
        g.append("day", 19_000 + random.nextInt(60));
      }
      if (!nullRun && random.nextInt(5) != 0) {
        g.append("s", "s" + random.nextInt(8));
      }
      if (random.nextInt(4) != 0) {
        g.append("d", random.nextInt(100) / 4.0);
      }
      groups.add(g);
    }
    return groups;
  }

  private static byte[] write(List<Group> groups, int version, boolean statistics)
      throws IOException {
    ParquetFixtures.MemoryOutputFile out = new ParquetFixtures.MemoryOutputFile();
    try (ParquetWriter<Group> writer =
        GroupParquetWriters.builder(out, SCHEMA)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withWriterVersion(version == 1 ? WriterVersion.PARQUET_1_0 : WriterVersion.PARQUET_2_0)
            .withDictionaryEncoding(true)
            .withDictionaryPageSize(1024)
            .withStatisticsEnabled(statistics)
            .withRowGroupRowCountLimit(7_000)
            .withPageRowCountLimit(1_111)
            .build()) {
      for (Group g : groups) {
        writer.write(g);
      }
    }
    return out.bytes.toByteArray();
  }

  private static ParquetDataFile file(byte[] bytes) {
    InMemoryObjectStore store = new InMemoryObjectStore("keys");
    ObjectInfo info = store.put("t.parquet", bytes);
    return new ParquetDataFile(store, info, new ParquetFooterCache(4));
  }

  /** The rows of the scan with the late filter off: whole rows of the file, none left out. */
  private static List<Object[]> whole(
      ParquetDataFile file, int[] projection, ScanPredicate predicate, int capacity) {
    System.setProperty("bucketsql.parquet.lateFilter", "false");
    try {
      return batches(file, projection, predicate, capacity, List.of());
    } finally {
      System.clearProperty("bucketsql.parquet.lateFilter");
    }
  }

  private static List<Object[]> batches(
      ParquetDataFile file,
      int[] projection,
      ScanPredicate predicate,
      int capacity,
      List<RuntimeKeyFilter> keys) {
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
}
