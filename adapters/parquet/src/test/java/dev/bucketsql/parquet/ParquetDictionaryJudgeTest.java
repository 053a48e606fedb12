package dev.bucketsql.parquet;

import static dev.bucketsql.parquet.LateFilterFiles.assertRowsOfScan;
import static dev.bucketsql.parquet.LateFilterFiles.batches;
import static dev.bucketsql.parquet.LateFilterFiles.indexOf;
import static dev.bucketsql.parquet.LateFilterFiles.passing;
import static dev.bucketsql.parquet.LateFilterFiles.readsEveryDomain;
import static dev.bucketsql.parquet.LateFilterFiles.whole;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.format.predicate.Domain;
import dev.bucketsql.format.predicate.Range;
import dev.bucketsql.format.predicate.RuntimeKeyFilter;
import dev.bucketsql.format.predicate.ScanPredicate;
import dev.bucketsql.parquet.LateFilterFiles.KeySet;
import dev.bucketsql.parquet.LateFilterFiles.Layout;
import dev.bucketsql.storage.IoStats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The late filter judging LONG and DOUBLE columns by dictionary entry on pages without NULLs
 * (required columns, and optional ones whose pages hold none), and reading the other columns at a
 * few rows from the encoded ids: over random files (sorted keys in runs, dates, doubles, floats,
 * NULLs in runs, dictionaries that overflow part way through a chunk, V1 and V2 pages, batch
 * capacities from 1 to 4096), with domains and runtime keys ready at once, late or never, its rows
 * must be whole rows of the scan without the late filter, in order, include every row that passes
 * the domains and the keys, and, where the filter reads exactly and narrows, no other.
 */
class ParquetDictionaryJudgeTest {
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message t { required int64 id; required int64 k; required int32 day (DATE);"
              + " required double q; required float f; optional int64 n; optional double nd;"
              + " required int32 w; }");

  private static final int ID = 0;
  private static final int K = 1;
  private static final int DAY = 2;
  private static final int Q = 3;
  private static final int F = 4;
  private static final int N = 5;
  private static final int ND = 6;
  private static final int W = 7;

  @AfterEach
  void restore() {
    System.clearProperty("bucketsql.parquet.lateFilter");
  }

  private static Map<String, ScanPredicate> predicates() {
    Map<String, ScanPredicate> p = new LinkedHashMap<>();
    p.put("none", ScanPredicate.all());
    p.put(
        "k range",
        ScanPredicate.of(K, Domain.range(ColumnType.BIGINT, new Range(900L, true, 2_400L, false))));
    p.put(
        "day and q",
        ScanPredicate.of(
            Map.of(
                DAY, Domain.range(ColumnType.DATE, new Range(19_000, true, 19_012, false)),
                Q, Domain.range(ColumnType.DOUBLE, new Range(null, false, 19.5, false)))));
    p.put(
        "q points",
        ScanPredicate.of(Q, Domain.values(ColumnType.DOUBLE, List.of(-0.0, 3.0, 17.0, 40.0))));
    p.put(
        "f range",
        ScanPredicate.of(F, Domain.range(ColumnType.REAL, new Range(-0.5f, true, 0.25f, true))));
    p.put(
        "n in or null",
        ScanPredicate.of(
            N,
            Domain.values(ColumnType.BIGINT, List.of(3L, 77L, 500L, 1_999L))
                .union(Domain.onlyNull(ColumnType.BIGINT))));
    p.put(
        "nd above",
        ScanPredicate.of(ND, Domain.range(ColumnType.DOUBLE, new Range(80.1, false, null, false))));
    p.put(
        "w keeps most",
        ScanPredicate.of(W, Domain.range(ColumnType.INTEGER, new Range(0, true, 95, true))));
    return p;
  }

  @ParameterizedTest
  @CsvSource({
    "1, 8388608, 4096, false",
    "1, 8388608, 997, true",
    "1, 2048, 4096, false",
    "1, 2048, 333, false",
    "2, 8388608, 4096, false",
    "2, 2048, 1000, false",
    "1, 8388608, 7, false",
    "1, 2048, 1, false"
  })
  void keepsEveryPassingRowAndOnlyWholeRowsOfTheScan(
      int version, int dictionaryBytes, int capacity, boolean statistics) throws IOException {
    Random random = new Random(version * 31L + dictionaryBytes + capacity);
    ParquetDataFile file = file(groups(random, 24_000), version, dictionaryBytes, statistics);
    boolean narrows = version == 1 && !statistics && capacity >= 333;
    int[][] projections = {{ID, K, DAY, Q, F, N, ND, W}, {Q, K, ID, DAY}, {N, ND, F, W, K}};
    int[] keyColumns = {-1, K, DAY, N};
    for (Map.Entry<String, ScanPredicate> e : predicates().entrySet()) {
      for (int[] projection : projections) {
        List<Object[]> plain = whole(file, projection, e.getValue(), capacity);
        for (int keyColumn : keyColumns) {
          for (int readyAfter : keyColumn < 0 ? new int[] {0} : new int[] {0, 4, -1}) {
            Set<Long> keys = keyColumn < 0 ? Set.of() : keys(random, keyColumn);
            List<RuntimeKeyFilter> filters =
                keyColumn < 0
                    ? List.of()
                    : List.of(new RuntimeKeyFilter(keyColumn, new KeySet(keys, readyAfter)));
            List<Object[]> late = batches(file, projection, e.getValue(), capacity, filters);
            String at =
                e.getKey()
                    + " over "
                    + Arrays.toString(projection)
                    + ", keys on "
                    + keyColumn
                    + " ready after "
                    + readyAfter;
            int keyPlace = readyAfter < 0 ? -1 : indexOf(projection, keyColumn);
            boolean exact =
                narrows
                    && readyAfter <= 0
                    // a window a domain keeps three quarters of is not narrowed, and sorted keys
                    // and runs of NULLs fill whole windows: left to the filter above
                    && !e.getKey().equals("w keeps most")
                    && !e.getKey().equals("k range")
                    && !e.getKey().equals("n in or null")
                    // nor is a window that earlier columns left few rows in (one column alone)
                    && e.getValue().domains().size() + (keyPlace < 0 ? 0 : 1) == 1;
            check(plain, late, projection, e.getValue(), keyPlace, keys, exact, at);
          }
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"1", "2"})
  void aLongStretchOfRejectedRowsStillHandsBackBatches(int version) throws IOException {
    // keys none of the rows holds, on a dictionary-encoded column: nothing prunes the row groups
    List<Group> groups = groups(new Random(41 + version), 200_000);
    ParquetDataFile file = file(groups, version, 8 << 20, false);
    int[] projection = {ID, DAY, Q};
    RuntimeKeyFilter none = new RuntimeKeyFilter(DAY, new KeySet(Set.of(5L), 0));
    ColumnBatch batch =
        new ColumnBatch(
            new ColumnType[] {ColumnType.BIGINT, ColumnType.DATE, ColumnType.DOUBLE}, 4096);
    int calls = 0;
    long rows = 0;
    long lastId = -1;
    try (ParquetRowCursor cursor =
        file.scan(new ScanSpec(projection, new IoStats(), ScanPredicate.all()).with(none))) {
      for (int n; (n = cursor.nextBatch(batch)) > 0; ) {
        calls++;
        rows += n;
        for (int r = 0; r < n; r++) {
          long id = batch.longs(0)[r];
          assertThat(id).as("rows in order").isGreaterThan(lastId);
          lastId = id;
          // whole rows of the file: the kept row's values are its own
          Group g = groups.get((int) id);
          assertThat(batch.longs(1)[r]).isEqualTo(g.getInteger("day", 0));
          assertThat(batch.doubles(2)[r]).isEqualTo(g.getDouble("q", 0));
        }
      }
    }
    // one row kept after each stretch of 65,536 rejected ones, so that the caller may check for
    // cancellation between batches
    assertThat(calls).isGreaterThanOrEqualTo(2);
    assertThat(rows).isEqualTo(calls);
  }

  private static void check(
      List<Object[]> plain,
      List<Object[]> late,
      int[] projection,
      ScanPredicate predicate,
      int keyPlace,
      Set<Long> keys,
      boolean exact,
      String at) {
    List<Integer> expected = passing(plain, projection, predicate, keyPlace, keys);
    assertRowsOfScan(plain, late, expected, at);
    if (exact && readsEveryDomain(projection, predicate)) {
      assertThat(late).as(at + ": rows kept beyond those passing").hasSize(expected.size());
    }
  }

  /** A fifth or so of the values column {@code column} holds, and some it never does. */
  private static Set<Long> keys(Random random, int column) {
    long base = column == DAY ? 19_000 : 0;
    int span = column == DAY ? 60 : column == N ? 2_000 : 6_000;
    Set<Long> keys = new HashSet<>();
    for (int i = 0; i < span; i++) {
      if (random.nextInt(100) < 20) {
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
    long k = 0;
    for (int i = 0; i < rows; i++) {
      // sorted keys in runs of one to seven, as order lines follow their orders
      if (random.nextInt(4) == 0) {
        k += 1 + random.nextInt(2);
      }
      Group g =
          factory
              .newGroup()
              .append("id", (long) i)
              .append("k", k)
              .append("day", 19_000 + random.nextInt(60))
              .append("q", (double) (1 + random.nextInt(50)) * (random.nextInt(9) == 0 ? -1 : 1))
              .append("f", (random.nextInt(40) - 20) / 16f)
              .append("w", random.nextInt(100));
      // NULLs in runs only: most pages of these optional columns hold none
      boolean nullRun = (i / 1_500) % 5 == 3;
      if (!nullRun) {
        g.append("n", (long) random.nextInt(2_000));
        g.append("nd", random.nextInt(400) / 4.0);
      }
      groups.add(g);
    }
    return groups;
  }

  private static ParquetDataFile file(
      List<Group> groups, int version, int dictionaryBytes, boolean statistics) throws IOException {
    Layout layout = new Layout(version, dictionaryBytes, true, statistics, 9_000, 1_500);
    return LateFilterFiles.file("judge", LateFilterFiles.write(SCHEMA, groups, layout));
  }
}
