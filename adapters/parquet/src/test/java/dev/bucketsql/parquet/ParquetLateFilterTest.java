package dev.bucketsql.parquet;

import static dev.bucketsql.parquet.LateFilterFiles.assertRowsOfScan;
import static dev.bucketsql.parquet.LateFilterFiles.batches;
import static dev.bucketsql.parquet.LateFilterFiles.passing;
import static dev.bucketsql.parquet.LateFilterFiles.readsEveryDomain;
import static dev.bucketsql.parquet.LateFilterFiles.whole;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.predicate.Domain;
import dev.bucketsql.format.predicate.Range;
import dev.bucketsql.format.predicate.ScanPredicate;
import dev.bucketsql.parquet.LateFilterFiles.Layout;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A batch scan with a pushed predicate decodes the filtered columns first and the others only at
 * the rows that may pass: over random files (NULLs, NaN, -0.0, dates, decimals in INT64 and in
 * FIXED, strings on dictionary pages and on PLAIN pages after a dictionary overflowed, V1 and V2
 * pages, batches across page and row-group boundaries), its rows must be rows of the same scan with
 * the late filter off, in the same order and whole, and must include every row whose values lie in
 * the predicate's domains; for domains it reads exactly it keeps no other row.
 */
class ParquetLateFilterTest {
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message t { required int64 id; optional int32 a; optional double d; required float f;"
              + " optional binary s (STRING); required binary r (STRING); optional int32 day (DATE);"
              + " optional int64 dec (DECIMAL(12,2));"
              + " optional fixed_len_byte_array(8) big (DECIMAL(18,3));"
              + " optional boolean b; optional int64 ts (TIMESTAMP(MICROS,true)); }");

  private static final int ID = 0;
  private static final int A = 1;
  private static final int D = 2;
  private static final int F = 3;
  private static final int S = 4;
  private static final int R = 5;
  private static final int DAY = 6;
  private static final int DEC = 7;
  private static final int BIG = 8;
  private static final int B = 9;
  private static final int TS = 10;

  @AfterEach
  void restore() {
    System.clearProperty("bucketsql.parquet.lateFilter");
  }

  /** Each predicate, by name; exact ones must keep exactly the rows in their domains. */
  private static Map<String, ScanPredicate> predicates() {
    Map<String, ScanPredicate> p = new LinkedHashMap<>();
    p.put("a range", ScanPredicate.of(A, range(ColumnType.INTEGER, -100, true, 200, false)));
    p.put(
        "a in or null",
        ScanPredicate.of(
            A,
            Domain.values(ColumnType.INTEGER, List.of(-500, 0, 7, 250, 999))
                .union(Domain.onlyNull(ColumnType.INTEGER))));
    p.put("a not null", ScanPredicate.of(A, Domain.notNull(ColumnType.INTEGER)));
    p.put("d from zero", ScanPredicate.of(D, range(ColumnType.DOUBLE, 0.0, true, 3.5, false)));
    p.put("d point zero", ScanPredicate.of(D, Domain.singleValue(ColumnType.DOUBLE, -0.0)));
    p.put("d above", ScanPredicate.of(D, range(ColumnType.DOUBLE, 10.0, false, null, false)));
    p.put(
        "f range",
        ScanPredicate.of(
            F, range(ColumnType.REAL, Math.nextDown(-1.5f), true, Math.nextUp(0.0f), true)));
    p.put("s in", ScanPredicate.of(S, Domain.values(ColumnType.VARCHAR, List.of("s1", "s3", "é"))));
    p.put("s range", ScanPredicate.of(S, range(ColumnType.VARCHAR, "s1", true, "s5", false)));
    p.put("s null", ScanPredicate.of(S, Domain.onlyNull(ColumnType.VARCHAR)));
    p.put("s wide", ScanPredicate.of(S, range(ColumnType.VARCHAR, "s", true, "ü", false)));
    p.put("r point", ScanPredicate.of(R, Domain.values(ColumnType.VARCHAR, List.of("r42", "r7"))));
    p.put("day range", ScanPredicate.of(DAY, range(ColumnType.DATE, 19_000, true, 19_030, true)));
    p.put(
        "dec range",
        ScanPredicate.of(
            DEC,
            range(
                ColumnType.DECIMAL, new BigDecimal("1.005"), false, new BigDecimal("4.2"), true)));
    p.put(
        "dec points",
        ScanPredicate.of(
            DEC,
            Domain.values(
                ColumnType.DECIMAL, List.of(new BigDecimal("0.50"), new BigDecimal("3.1")))));
    p.put(
        "big range",
        ScanPredicate.of(
            BIG,
            range(
                ColumnType.DECIMAL, new BigDecimal("-2"), true, new BigDecimal("2.0005"), false)));
    p.put("b true", ScanPredicate.of(B, Domain.singleValue(ColumnType.BOOLEAN, true)));
    p.put(
        "ts range",
        ScanPredicate.of(
            TS, range(ColumnType.TIMESTAMP, 1_600_000_000_000L, true, 1_600_000_500_000L, false)));
    p.put(
        "three columns",
        ScanPredicate.of(
            Map.of(
                A, range(ColumnType.INTEGER, -600, true, 600, true),
                S, Domain.values(ColumnType.VARCHAR, List.of("s0", "s1", "s2", "s4")),
                DEC, range(ColumnType.DECIMAL, new BigDecimal("0"), true, null, false))));
    p.put(
        "keeps most then few",
        ScanPredicate.of(
            Map.of(
                A, Domain.notNull(ColumnType.INTEGER),
                DAY, range(ColumnType.DATE, 19_010, true, 19_012, true))));
    return p;
  }

  @ParameterizedTest
  @CsvSource({
    "1, 8388608, 4096, false",
    "1, 8388608, 997, true",
    "2, 8388608, 4096, false",
    "1, 1024, 4096, false",
    "1, 1024, 2000, true",
    "2, 1024, 333, true",
    "1, 1024, 1, false"
  })
  void keepsEveryPassingRowAndOnlyWholeRowsOfTheScan(
      int version, int dictionaryBytes, int capacity, boolean statistics) throws IOException {
    Random random = new Random(version * 131L + dictionaryBytes + capacity);
    ParquetDataFile file = file(groups(random, 23_000), version, dictionaryBytes, true, statistics);
    // V2 pages of parquet-java use encodings the page decoders leave to the column readers, and
    // pages skipped by the page index (statistics) too: there the late filter stands aside.
    // Windows of a row or two are never worth narrowing.
    boolean narrows = version == 1 && !statistics && capacity >= 333;
    int[] every = {ID, A, D, F, S, R, DAY, DEC, BIG, B, TS};
    int[][] projections = {every, {S, ID, A, DEC, S}, {A, D}, {R, DAY, BIG, TS, B, F}};
    for (Map.Entry<String, ScanPredicate> e : predicates().entrySet()) {
      for (int[] projection : projections) {
        String at = e.getKey() + " over " + Arrays.toString(projection);
        check(file, projection, e.getValue(), capacity, narrows, at);
      }
    }
  }

  @Test
  void aLongStretchWithoutAPassingRowStillHandsBackBatches() throws IOException {
    // random even numbers in a plain column: statistics, dictionary and page index keep all
    Random random = new Random(5);
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < 300_000; i++) {
      groups.add(
          factory
              .newGroup()
              .append("id", (long) i)
              .append("a", 2 * random.nextInt(1_000_000))
              .append("f", 1f)
              .append("r", "r"));
    }
    ParquetDataFile file = file(groups, 1, 8 << 20, false, false);
    ScanPredicate odd = ScanPredicate.of(A, Domain.singleValue(ColumnType.INTEGER, 5_001));
    List<Object[]> kept = batches(file, new int[] {ID, A}, odd, 4096, List.of());
    // at most one stand-in row per 65,536 rows read, and only whole rows of the file
    assertThat(kept.size()).isBetween(1, 5);
    for (Object[] row : kept) {
      assertThat(((Number) row[1]).intValue() % 2).isZero();
      assertThat(groups.get(((Long) row[0]).intValue()).getInteger("a", 0)).isEqualTo(row[1]);
    }
  }

  @Test
  void aFilterKeepingEveryRowLeavesTheBatchesFull() throws IOException {
    // a tenth of the rows NULL: no statistics can show that every row passes IS NOT NULL
    Random random = new Random(9);
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      Group g = factory.newGroup().append("id", (long) i).append("f", 1f).append("r", "r");
      if (random.nextInt(10) != 0) {
        g.append("a", random.nextInt(100));
      }
      groups.add(g);
    }
    ParquetDataFile file = file(groups, 1, 8 << 20, true, true);
    ScanPredicate loose = ScanPredicate.of(A, Domain.notNull(ColumnType.INTEGER));
    int[] calls = new int[1];
    List<Object[]> rows = batches(file, new int[] {ID, A}, loose, 4096, List.of(), calls);
    // the domain keeps nine rows in ten: not worth narrowing, the rows stay for the filter above
    assertThat(rows).hasSize(20_000);
    assertThat(calls[0]).isEqualTo(5);
  }

  private static void check(
      ParquetDataFile file,
      int[] projection,
      ScanPredicate predicate,
      int capacity,
      boolean narrows,
      String at) {
    List<Object[]> scanned = whole(file, projection, predicate, capacity);
    List<Object[]> late = batches(file, projection, predicate, capacity, List.of());
    List<Integer> expected = passing(scanned, projection, predicate, -1, Set.of());
    // a domain on a column not read cannot filter
    boolean exact = readsEveryDomain(projection, predicate);
    assertRowsOfScan(scanned, late, expected, at);
    boolean inexact =
        predicate.domains().keySet().stream()
            .anyMatch(
                // doubles compare inclusively; BOOLEAN chunks go through the column readers; a
                // string range beyond ASCII is not evaluated
                c -> c == D || c == F || c == B || (c == S && at.startsWith("s wide")));
    // a domain keeping most rows of a window does not narrow it (and is not applied after another
    // narrowed): exact only where each keeps few
    if (narrows
        && exact
        && !inexact
        && !at.startsWith("keeps most")
        && expected.size() * 5 <= scanned.size()) {
      assertThat(late).as(at).hasSize(expected.size());
    }
    assertThat(late.size()).as(at).isLessThanOrEqualTo(scanned.size());
  }

  private static Domain range(
      ColumnType type, Comparable<?> low, boolean lowInc, Comparable<?> high, boolean highInc) {
    return Domain.range(type, new Range(low, low != null && lowInc, high, high != null && highInc));
  }

  private static List<Group> groups(Random random, int rows) {
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    double[] specials = {0.0, -0.0, Double.NaN, 3.5, -1.0, 10.0, Double.POSITIVE_INFINITY};
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      Group g = factory.newGroup().append("id", (long) i);
      // runs of NULLs and of values, so that some pages have none and some only NULLs
      boolean nullRun = (i / 700) % 5 == 3;
      if (!nullRun && random.nextInt(9) != 0) {
        g.append("a", random.nextInt(2_000) - 1_000);
      }
      if (random.nextInt(6) != 0) {
        g.append(
            "d",
            random.nextInt(4) == 0
                ? specials[random.nextInt(specials.length)]
                : random.nextInt(100) / 4.0 - 5);
      }
      g.append("f", random.nextInt(4) == 0 ? -0.0f : (random.nextInt(80) - 40) / 8f);
      if (!nullRun && random.nextInt(5) != 0) {
        g.append("s", random.nextInt(50) == 0 ? "é" : "s" + random.nextInt(8));
      }
      // many distinct values: the dictionary overflows part way when it is small
      g.append("r", "r" + random.nextInt(i < rows / 2 ? 60 : 20_000));
      if (random.nextInt(7) != 0) {
        g.append("day", 19_000 + random.nextInt(60));
      }
      if (random.nextInt(5) != 0) {
        g.append("dec", (long) random.nextInt(1_000) - 200);
      }
      if (random.nextInt(5) != 0) {
        long unscaled = random.nextInt(8_000) - 4_000L;
        g.append(
            "big", Binary.fromConstantByteArray(ByteBuffer.allocate(8).putLong(unscaled).array()));
      }
      if (random.nextInt(4) != 0) {
        g.append("b", random.nextInt(5) == 0);
      }
      if (random.nextInt(6) != 0) {
        g.append("ts", 1_600_000_000_000_000L + random.nextInt(2_000) * 997_123L);
      }
      groups.add(g);
    }
    return groups;
  }

  private static ParquetDataFile file(
      List<Group> groups, int version, int dictionaryBytes, boolean dictionary, boolean statistics)
      throws IOException {
    Layout layout = new Layout(version, dictionaryBytes, dictionary, statistics, 7_000, 1_111);
    return LateFilterFiles.file("late", LateFilterFiles.write(SCHEMA, groups, layout));
  }
}
