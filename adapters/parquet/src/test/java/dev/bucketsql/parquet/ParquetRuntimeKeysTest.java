package dev.bucketsql.parquet;

import static dev.bucketsql.parquet.LateFilterFiles.assertRowsOfScan;
import static dev.bucketsql.parquet.LateFilterFiles.batches;
import static dev.bucketsql.parquet.LateFilterFiles.indexOf;
import static dev.bucketsql.parquet.LateFilterFiles.passing;
import static dev.bucketsql.parquet.LateFilterFiles.whole;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.predicate.Domain;
import dev.bucketsql.format.predicate.Range;
import dev.bucketsql.format.predicate.RuntimeKeyFilter;
import dev.bucketsql.format.predicate.ScanPredicate;
import dev.bucketsql.parquet.LateFilterFiles.KeySet;
import dev.bucketsql.parquet.LateFilterFiles.Layout;
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
    ParquetDataFile file = file(groups(random, 23_000), version, statistics);
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
    ParquetDataFile file = file(groups(random, 23_000), version, false);
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
    ParquetDataFile file = file(groups(random, 23_000), 1, false);
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
    List<Integer> expected = passing(plain, projection, predicate, keyPlace, keys);
    assertRowsOfScan(plain, filtered, expected, at);
    if (exact && keyPlace >= 0) {
      assertThat(filtered).as(at).hasSize(expected.size());
    }
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

  private static ParquetDataFile file(List<Group> groups, int version, boolean statistics)
      throws IOException {
    Layout layout = new Layout(version, 1024, true, statistics, 7_000, 1_111);
    return LateFilterFiles.file("keys", LateFilterFiles.write(SCHEMA, groups, layout));
  }
}
