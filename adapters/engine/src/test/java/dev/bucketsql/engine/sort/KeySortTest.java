package dev.bucketsql.engine.sort;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.engine.Cells;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.RowStore;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link KeySort} against {@link IndexSort} with {@link RowOrder} (the comparison sort it stands in
 * for) over the same store: LONG, DOUBLE, DECIMAL and VARCHAR keys, one to three of them, ASC and
 * DESC, NULLS FIRST and LAST, extremes (Long.MIN_VALUE and MAX_VALUE, so a key spans all 64 bits),
 * NaN, -0.0 and infinities, wide and narrow value ranges, columns all NULL, decimals of mixed
 * scales and signs (and too wide for a long: then no order but the caller's), strings with long
 * shared prefixes, non-ASCII, surrogate pairs and lone surrogates, U+0000 and empty strings, and
 * row counts from none to enough for every digit pass and for tied runs sorted again.
 */
class KeySortTest {
  private static final List<ColumnType> TYPES =
      List.of(
          ColumnType.BIGINT,
          ColumnType.DOUBLE,
          ColumnType.INTEGER,
          ColumnType.DATE,
          ColumnType.VARCHAR,
          ColumnType.DECIMAL,
          ColumnType.VARCHAR);

  private static final int STRING = 4;
  private static final int DECIMAL = 5;

  /** Pieces strings are made of: shared stems, the ends of the code point ranges, U+0000. */
  private static final String[] PIECES = {
    "",
    "a",
    "b",
    "Customer#0000",
    "https://example.com/path/",
    "\u0000",
    "\u007f",
    "\u0080",
    "é",
    "\u07ff",
    "\u0800",
    "日本",
    "\ud7ff",
    "\ue000",
    "\uffff",
    "\ufffd",
    "\ud800\udc00",
    "\ud83d\ude00",
    "\udbff\udfff",
    "\ud800",
    "\udfff",
    "zz"
  };

  @Test
  void ordersAsTheComparisonSortDoes() {
    Random random = new Random(5);
    int fellBack = 0;
    for (int n : new int[] {0, 1, 2, 17, 300, 5000, 40_000}) {
      for (int trial = 0; trial < 10; trial++) {
        RowStore store = store(random, n, random.nextInt(4) == 0 ? 0 : random.nextInt(40));
        List<SortKey> keys = new ArrayList<>();
        for (int i = 0, k = 1 + random.nextInt(3); i < k; i++) {
          // a string or decimal key in most sorts
          int column =
              random.nextInt(3) == 0 ? random.nextInt(TYPES.size()) : 4 + random.nextInt(3);
          keys.add(new SortKey(column, random.nextBoolean(), random.nextBoolean()));
        }
        int[] expected = IntStream.range(0, n).toArray();
        RowOrder order = new RowOrder(keys, TYPES);
        IndexSort.sort(expected, (a, b) -> order.compare(store, a, b));
        KeySort sort = KeySort.of(store, keys.toArray(new SortKey[0]), TYPES);
        int[] passes = new int[1];
        int[] actual = sort.sort(() -> passes[0]++);
        if (actual == null) {
          // only a decimal key holding a value beyond a long gives up
          assertThat(wideDecimalKey(store, keys)).as("n %d keys %s", n, keys).isTrue();
          fellBack++;
          continue;
        }
        assertThat(actual).as("n %d keys %s", n, keys).containsExactly(expected);
        if (n > 1) {
          assertThat(passes[0]).as("cancel checks").isPositive();
        }
      }
    }
    assertThat(fellBack).as("sorts that gave up").isPositive().isLessThan(20);
  }

  @Test
  void ordersStringsThatShareEverLongerStems() {
    // "ab", "aab", "aaab", ...: each run sorted again holds the longer ones, 8 bytes further in,
    // until the comparison sort takes the rest over
    List<ColumnType> types = List.of(ColumnType.VARCHAR, ColumnType.BIGINT);
    List<Object[]> rows = new ArrayList<>();
    Random random = new Random(3);
    for (int i = 0; i < 1500; i++) {
      int k = 1 + random.nextInt(1200);
      rows.add(
          new Object[] {"a".repeat(k) + (random.nextBoolean() ? "b" : "\u0000"), (long) i % 7});
    }
    RowStore store = new RowStore(types);
    Operator source = TestData.source(types, rows, 64);
    for (ColumnBatch b = source.next(); b != null; b = source.next()) {
      store.appendAll(b, 0, b.size());
    }
    for (List<SortKey> keys :
        List.of(
            List.of(SortKey.asc(0)),
            List.of(SortKey.desc(0), SortKey.asc(1)),
            List.of(SortKey.asc(1), SortKey.desc(0)))) {
      int[] expected = IntStream.range(0, rows.size()).toArray();
      RowOrder order = new RowOrder(keys, types);
      IndexSort.sort(expected, (a, b) -> order.compare(store, a, b));
      int[] actual = KeySort.of(store, keys.toArray(new SortKey[0]), types).sort(() -> {});
      assertThat(actual).as("keys %s", keys).containsExactly(expected);
    }
  }

  @Test
  void takesNoBinaryKey() {
    List<ColumnType> types = List.of(ColumnType.BIGINT, ColumnType.VARBINARY, ColumnType.VARCHAR);
    RowStore store = new RowStore(types);
    assertThat(KeySort.of(store, new SortKey[] {SortKey.asc(0), SortKey.asc(2)}, types))
        .isNotNull();
    assertThat(KeySort.of(store, new SortKey[] {SortKey.asc(0), SortKey.asc(1)}, types)).isNull();
    assertThat(KeySort.of(store, new SortKey[0], types)).isNull();
  }

  @Test
  void prefixesOrderStringsByCodePoint() {
    List<String> strings = new ArrayList<>();
    for (String a : PIECES) {
      for (String b : PIECES) {
        strings.add(a + b);
      }
    }
    for (String s : strings) {
      for (String t : strings) {
        for (int from = 0; from <= Math.min(s.length(), t.length()); from++) {
          if (!s.substring(0, from).equals(t.substring(0, from))) {
            break;
          }
          int prefixes = Long.compare(StringPrefix.of(s, from), StringPrefix.of(t, from));
          int strings2 = Integer.signum(Cells.compareObjects(s, t));
          if (prefixes != 0) {
            assertThat(prefixes)
                .as("%s vs %s from %d", escape(s), escape(t), from)
                .isEqualTo(strings2);
          } else if (StringPrefix.whole(s, from) && StringPrefix.whole(t, from)) {
            assertThat(strings2).as("%s vs %s from %d", escape(s), escape(t), from).isZero();
          }
        }
      }
    }
  }

  @Test
  void ordersDoublesAsSqlDoes() {
    double[] ordered = {
      Double.NEGATIVE_INFINITY,
      -1e300,
      -1.5,
      -Double.MIN_VALUE,
      0.0,
      Double.MIN_VALUE,
      2.5,
      Double.POSITIVE_INFINITY,
      Double.NaN
    };
    for (int i = 1; i < ordered.length; i++) {
      assertThat(KeySort.sortable(ordered[i - 1])).isLessThan(KeySort.sortable(ordered[i]));
    }
    assertThat(KeySort.sortable(-0.0)).isEqualTo(KeySort.sortable(0.0));
    assertThat(KeySort.sortable(Double.longBitsToDouble(0x7ff0000000000abcL)))
        .isEqualTo(KeySort.sortable(Double.NaN));
  }

  /** {@code n} rows of {@link #TYPES}, some columns narrow, some wide, some all NULL. */
  private static RowStore store(Random random, int n, int nullPercent) {
    int shape = random.nextInt(3);
    // a few stems shared by many strings, so that prefixes tie and tied runs are sorted again
    String[] stems = new String[1 + random.nextInt(4)];
    for (int i = 0; i < stems.length; i++) {
      stems[i] = piece(random) + piece(random) + piece(random);
    }
    boolean wide = random.nextInt(8) == 0;
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object[] row = new Object[TYPES.size()];
      row[0] = shape == 2 ? random.nextLong() : TestData.value(random, ColumnType.BIGINT);
      row[1] = TestData.value(random, ColumnType.DOUBLE);
      row[2] = shape == 1 ? null : (int) (random.nextInt(1 << 20) - (1 << 19));
      row[3] = (long) random.nextInt(shape == 0 ? 3 : 30_000);
      row[STRING] = string(random, stems, shape);
      row[DECIMAL] = decimal(random, shape, wide);
      row[6] = shape == 1 ? null : stems[random.nextInt(stems.length)] + piece(random);
      for (int c = 0; c < row.length; c++) {
        if (random.nextInt(100) < nullPercent) {
          row[c] = null;
        }
      }
      rows.add(row);
    }
    RowStore store = new RowStore(TYPES);
    Operator source = TestData.source(TYPES, rows, 64);
    for (ColumnBatch b = source.next(); b != null; b = source.next()) {
      for (int r = 0; r < b.size(); r++) {
        store.append(b, r);
      }
    }
    return store;
  }

  private static String string(Random random, String[] stems, int shape) {
    StringBuilder s = new StringBuilder(stems[random.nextInt(stems.length)]);
    int pieces = shape == 0 ? random.nextInt(2) : random.nextInt(6);
    for (int i = 0; i < pieces; i++) {
      s.append(random.nextInt(3) == 0 ? Integer.toString(random.nextInt(100)) : piece(random));
    }
    return s.toString();
  }

  private static String piece(Random random) {
    return PIECES[random.nextInt(PIECES.length)];
  }

  private static BigDecimal decimal(Random random, int shape, boolean wide) {
    if (wide && random.nextInt(50) == 0) {
      return new BigDecimal("-12345678901234567890.123");
    }
    long unscaled =
        switch (shape) {
          case 0 -> random.nextInt(7) - 3;
          case 1 -> random.nextLong() >> random.nextInt(64);
          default -> random.nextInt(2_000_000) - 1_000_000;
        };
    // mixed scales: 1.5 and 1.50 are one value, and a rescale must still fit
    int scale = shape == 1 ? 2 : random.nextInt(4);
    return BigDecimal.valueOf(shape == 1 ? unscaled / 100 : unscaled, scale);
  }

  private static boolean wideDecimalKey(RowStore store, List<SortKey> keys) {
    for (SortKey k : keys) {
      if (TYPES.get(k.column()) != ColumnType.DECIMAL) {
        continue;
      }
      int scale = 0;
      for (int r = 0; r < store.size(); r++) {
        if (store.objectAt(k.column(), r) instanceof BigDecimal d) {
          scale = Math.max(scale, d.scale());
        }
      }
      for (int r = 0; r < store.size(); r++) {
        if (store.objectAt(k.column(), r) instanceof BigDecimal d
            && d.setScale(scale).unscaledValue().bitLength() > 63) {
          return true;
        }
      }
    }
    return false;
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (char ch : s.toCharArray()) {
      b.append(ch < 0x80 && ch >= 0x20 ? String.valueOf(ch) : String.format("\\u%04x", (int) ch));
    }
    return b.toString();
  }
}
