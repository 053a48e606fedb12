package dev.bucketsql.engine.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link KeyTable} against a reference map from boxed, normalized key values to numbers, over
 * random batches: every comparable type, values that are SQL-equal in different forms (-0.0 and
 * 0.0, NaNs of other bits, 1.0 and 1.00, strings that are equal but not the same object), NULLs,
 * non-ASCII strings and strings whose Java hashes collide, few distinct values over many columns
 * (many equal hashes per column), enough keys for several rehashes, key columns in another order
 * than the batch's, and batch sizes 1, 3, 7 and 64. {@link KeyTable#findAll} over each batch agrees
 * with the reference as it stood before the batch.
 */
class KeyTableTest {
  private static final int[] BATCH_SIZES = {1, 3, 7, 64};

  private static final ColumnType[] ALL = {
    ColumnType.BOOLEAN,
    ColumnType.TINYINT,
    ColumnType.SMALLINT,
    ColumnType.INTEGER,
    ColumnType.BIGINT,
    ColumnType.REAL,
    ColumnType.DOUBLE,
    ColumnType.DECIMAL,
    ColumnType.VARCHAR,
    ColumnType.VARBINARY,
    ColumnType.DATE,
    ColumnType.TIME,
    ColumnType.TIMESTAMP
  };

  /** Strings whose Java hashes collide ("Aa", "BB") first, non-ASCII ones after. */
  private static final String[] TEXT = {
    "Aa", "BB", "é", "e\u0301", "AaAa", "BBBB", "AaBB", "", "a", "日本", "\uD83D\uDE00", "\uFFFF"
  };

  /** Decimals equal in other scales, and two of one double but different values, first. */
  private static final BigDecimal[] DECIMALS = {
    new BigDecimal("1.0"),
    new BigDecimal("1.00"),
    new BigDecimal("0.1"),
    new BigDecimal("0.1000000000000000000000001"),
    new BigDecimal("0"),
    new BigDecimal("0.00"),
    new BigDecimal("1"),
    new BigDecimal("-2.50"),
    new BigDecimal("-2.5"),
    new BigDecimal("1E+3"),
    new BigDecimal("1000.000"),
    new BigDecimal("123456789012345678901234567890.12"),
    new BigDecimal("123456789012345678901234567890.120")
  };

  private static final double[] DOUBLES = {
    0.0,
    -0.0,
    Double.NaN,
    Double.longBitsToDouble(0x7ff8000000000001L),
    Double.longBitsToDouble(0xfff0000000000123L),
    1.5,
    -1.5,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    Double.MIN_VALUE
  };

  @Test
  void everyKindAloneMatchesTheReference() {
    Random random = new Random(41);
    for (ColumnType type : ALL) {
      for (int batchSize : BATCH_SIZES) {
        check(random, List.of(type), batchSize, 400, 16);
      }
    }
  }

  @Test
  void manyColumnsOfFewValuesMatchTheReference() {
    Random random = new Random(42);
    for (int round = 0; round < 24; round++) {
      int width = 2 + random.nextInt(7);
      List<ColumnType> types = new ArrayList<>();
      for (int i = 0; i < width; i++) {
        types.add(ALL[random.nextInt(ALL.length)]);
      }
      check(random, types, BATCH_SIZES[round % BATCH_SIZES.length], 3_000, 4);
    }
  }

  @Test
  void keysWiderThanOneWordOfNullFlags() {
    // a UNION over a wide table groups by every column: 70 flags need two words a key
    Random random = new Random(44);
    List<ColumnType> types = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      types.add(ALL[i % ALL.length]);
    }
    for (int batchSize : BATCH_SIZES) {
      check(random, types, batchSize, 600, 2);
    }
  }

  @Test
  void growsThroughSeveralRehashes() {
    Random random = new Random(43);
    for (int batchSize : BATCH_SIZES) {
      // wide value ranges: tens of thousands of distinct keys, the slots doubling ten times
      check(
          random,
          List.of(ColumnType.BIGINT, ColumnType.VARCHAR, ColumnType.DOUBLE),
          batchSize,
          40_000,
          5_000);
      check(random, List.of(ColumnType.BIGINT, ColumnType.BIGINT), batchSize, 40_000, 5_000);
      check(random, List.of(ColumnType.BIGINT), batchSize, 40_000, 50_000);
      check(random, List.of(ColumnType.VARCHAR), batchSize, 40_000, 50_000);
    }
  }

  @Test
  void groupingTablesOfNumbersAndObjectsMatchTheReference() {
    // few values a column: the numbers alone share their hash between keys, so a grouping table
    // widens its hash, often within a batch whose hashes it then recomputes
    Random random = new Random(45);
    for (int round = 0; round < 24; round++) {
      int width = 2 + random.nextInt(5);
      List<ColumnType> types = new ArrayList<>();
      types.add(ColumnType.BIGINT);
      types.add(ColumnType.VARCHAR);
      for (int i = 2; i < width; i++) {
        types.add(ALL[random.nextInt(ALL.length)]);
      }
      Collections.shuffle(types, random);
      int batchSize = BATCH_SIZES[round % BATCH_SIZES.length];
      check(random, types, batchSize, 3_000, 3 + round % 4, true);
      check(random, types, batchSize, 20_000, 2_000, true);
    }
  }

  @Test
  void aGroupingTableHashesTheNumbersAloneWhileTheyTellKeysApart() {
    // (id, name of the id, amount): the id decides the rest, as a customer's number does
    List<ColumnType> types = List.of(ColumnType.VARCHAR, ColumnType.BIGINT, ColumnType.DOUBLE);
    KeyTable table = KeyTable.forGroups(types);
    int[] columns = {0, 1, 2};
    Random random = new Random(46);
    for (int round = 0; round < 20; round++) {
      ColumnBatch batch = new ColumnBatch(types.toArray(new ColumnType[0]), 1000);
      for (int r = 0; r < 1000; r++) {
        long id = random.nextInt(5_000);
        batch.addRow(new Object[] {new String("name " + id), id, id / 8.0});
      }
      int[] hashes = new int[1000];
      table.hash(batch, columns, 1000, hashes);
      for (int r = 0; r < 1000; r++) {
        int id = table.findOrAdd(batch, columns, r, hashes[r]);
        ColumnBatch out = new ColumnBatch(types.toArray(new ColumnType[0]), 1);
        out.setSize(1);
        table.copyKey(id, out, 0, 0);
        assertThat(out.value(1, 0)).isEqualTo(batch.value(1, r));
        assertThat(out.value(0, 0)).isEqualTo(batch.value(0, r));
      }
    }
    assertThat(table.hashesNarrowly()).isTrue();
    assertThat(table.size()).isBetween(4_900, 5_000);

    // one number, many names: the numbers stop telling keys apart, and the table widens
    KeyTable same = KeyTable.forGroups(types);
    ColumnBatch batch = new ColumnBatch(types.toArray(new ColumnType[0]), 4000);
    for (int r = 0; r < 4000; r++) {
      batch.addRow(new Object[] {new String("name " + (r % 2000)), 7L, 0.5});
    }
    int[] hashes = new int[4000];
    same.hash(batch, columns, 4000, hashes);
    for (int r = 0; r < 4000; r++) {
      assertThat(same.findOrAdd(batch, columns, r, hashes[r])).isEqualTo(r % 2000);
    }
    assertThat(same.hashesNarrowly()).isFalse();
    assertThat(same.size()).isEqualTo(2000);
  }

  @Test
  void refusesAKeyTwiceAndNestedTypes() {
    List<ColumnType> types = List.of(ColumnType.VARCHAR, ColumnType.DECIMAL);
    KeyTable table = new KeyTable(types);
    ColumnBatch batch = new ColumnBatch(types.toArray(new ColumnType[0]), 2);
    batch.addRow(new Object[] {"x", new BigDecimal("1.0")});
    batch.addRow(new Object[] {"x", new BigDecimal("1.000")});
    int[] columns = {0, 1};
    assertThat(table.add(batch, columns, 0)).isZero();
    assertThat(table.find(batch, columns, 1)).isZero();
    assertThatThrownBy(() -> table.add(batch, columns, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key already added");
    assertThatThrownBy(() -> new KeyTable(List.of(ColumnType.BIGINT, ColumnType.ARRAY)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key column 1 has type ARRAY");
  }

  /**
   * Feeds {@code rows} random rows of {@code types} (each value drawn from about {@code spread}
   * choices) to a table and to the reference in batches of {@code batchSize}, asking for each row's
   * number and adding the keys not found.
   */
  private static void check(
      Random random, List<ColumnType> types, int batchSize, int rows, int spread) {
    check(random, types, batchSize, rows, spread, false);
  }

  /**
   * As {@link #check(Random, List, int, int, int)}; a grouping table ({@link KeyTable#forGroups})
   * is probed with the batch's hashes, which it may have to recompute once it hashes more widely.
   */
  private static void check(
      Random random,
      List<ColumnType> types,
      int batchSize,
      int rows,
      int spread,
      boolean grouping) {
    // the key columns sit in a wider batch, in reverse order, after a column that is not a key
    int width = types.size();
    ColumnType[] batchTypes = new ColumnType[width + 1];
    batchTypes[0] = ColumnType.VARCHAR;
    int[] columns = new int[width];
    for (int i = 0; i < width; i++) {
      columns[i] = width - i;
      batchTypes[width - i] = types.get(i);
    }
    KeyTable table = grouping ? KeyTable.forGroups(types) : new KeyTable(types);
    KeyTable twin = new KeyTable(types);
    long emptyBytes = table.bytes();
    long charged = 0;
    Map<List<Object>, Integer> reference = new HashMap<>();
    List<Object[]> firstSeen = new ArrayList<>();
    ColumnBatch batch = new ColumnBatch(batchTypes, batchSize);
    int[] hashes = new int[batchSize];
    String what = types + " in batches of " + batchSize;
    for (int done = 0; done < rows; ) {
      batch.clear();
      int n = Math.min(batchSize, rows - done);
      for (int r = 0; r < n; r++) {
        Object[] row = new Object[width + 1];
        row[0] = "not a key " + random.nextInt(1000);
        for (int i = 0; i < width; i++) {
          row[width - i] = value(random, types.get(i), spread);
        }
        batch.addRow(row);
      }
      table.hash(batch, columns, n, hashes);
      // the whole batch at once, before any of its new keys goes in: what the reference knew
      int[] ids = new int[n];
      table.findAll(batch, columns, n, hashes, ids);
      long[] newKeyBytes = new long[n];
      Arrays.fill(newKeyBytes, -7);
      table.bytesOfNewKeys(batch, columns, n, ids, newKeyBytes);
      for (int r = 0; r < n; r++) {
        Integer known = reference.get(normalized(batch, columns, r));
        assertThat(ids[r])
            .as("findAll's number of row %d of %s", r, what)
            .isEqualTo(known == null ? -1 : known);
        assertThat(newKeyBytes[r])
            .as("the bytes of row %d of %s as a new key, the batch's at once", r, what)
            .isEqualTo(known == null ? table.bytesOfNewKey(batch, columns, r) : -7);
      }
      for (int r = 0; r < n; r++) {
        int hash = table.hash(batch, columns, r);
        if (grouping) {
          // the hash computed with the batch, perhaps narrower than the table's hash by now
          hash = hashes[r];
        } else if (!(width == 1 && batch.kind(columns[0]) != ColumnBatch.Kind.OBJECT)) {
          assertThat(hashes[r]).as("the batch's hash of row %d of %s", r, what).isEqualTo(hash);
        }
        List<Object> key = normalized(batch, columns, r);
        Integer expected = reference.get(key);
        int found = table.find(batch, columns, r, hash);
        assertThat(found)
            .as("the number of %s (%s)", key, what)
            .isEqualTo(expected == null ? -1 : expected);
        if (expected == null) {
          long newKey = table.bytesOfNewKey(batch, columns, r);
          charged += newKey;
          // every other key with its bytes handed over, which then need not be read again: the
          // table holds what a twin that counts every key itself holds
          int id =
              r % 2 == 0
                  ? table.add(batch, columns, r, hash)
                  : table.add(batch, columns, r, hash, newKey);
          twin.add(batch, columns, r);
          assertThat(table.bytes()).as("bytes held, %s", what).isEqualTo(twin.bytes());
          assertThat(id).isEqualTo(reference.size());
          reference.put(key, id);
          Object[] values = new Object[width];
          for (int i = 0; i < width; i++) {
            values[i] = batch.value(columns[i], r);
          }
          firstSeen.add(values);
          assertThat(table.find(batch, columns, r)).isEqualTo(id);
        }
        assertThat(table.bytes() - emptyBytes)
            .as("bytes held beyond the empty table's, against the bytes charged, %s", what)
            .isLessThanOrEqualTo(charged);
      }
      done += n;
    }
    assertThat(table.size()).isEqualTo(reference.size());
    ColumnBatch out = new ColumnBatch(types.toArray(new ColumnType[0]), 1);
    for (int id = 0; id < firstSeen.size(); id++) {
      out.clear();
      out.setSize(1);
      table.copyKey(id, out, 0, 0);
      for (int i = 0; i < width; i++) {
        Object actual = out.value(i, 0);
        Object first = firstSeen.get(id)[i];
        // the values as first seen, not normalized: -0.0 stays -0.0, 1.00 keeps its scale
        if (first instanceof byte[] b) {
          assertThat((byte[]) actual).isEqualTo(b);
        } else if (first instanceof Double d) {
          assertThat(Double.doubleToRawLongBits((Double) actual))
              .isEqualTo(Double.doubleToRawLongBits(d));
        } else {
          assertThat(actual).as("key %d column %d of %s", id, i, what).isEqualTo(first);
        }
      }
    }
  }

  /** The key as the reference holds it: boxed and normalized, binary by content. */
  private static List<Object> normalized(ColumnBatch batch, int[] columns, int r) {
    List<Object> key = new ArrayList<>();
    for (int c : columns) {
      Object v = batch.value(c, r);
      if (v instanceof Float f) {
        v = (double) f;
      }
      if (v instanceof Double d) {
        v = d == 0.0 ? 0.0 : Double.isNaN(d) ? Double.NaN : d;
      } else if (v instanceof BigDecimal d) {
        v = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
      } else if (v instanceof byte[] b) {
        v = ByteBuffer.wrap(b);
      }
      key.add(v);
    }
    return key;
  }

  /** A random value of {@code type} out of about {@code spread}, NULL one time in nine. */
  private static Object value(Random random, ColumnType type, int spread) {
    if (random.nextInt(9) == 0) {
      return null;
    }
    int k = random.nextInt(spread);
    return switch (type) {
      case BOOLEAN -> k % 2 == 0;
      case TINYINT -> (byte) (k % 100 - 50);
      case SMALLINT -> (short) (k - spread / 2);
      case INTEGER, DATE -> k - spread / 2;
      case TIME -> k * 1000;
      case BIGINT -> k % 3 == 0 ? Long.MIN_VALUE + k : (long) k * 1_000_003L;
      case TIMESTAMP -> 1_700_000_000_000L + k;
      case REAL -> (float) pickDouble(random, k);
      case DOUBLE -> pickDouble(random, k);
      case DECIMAL ->
          k < DECIMALS.length
              ? DECIMALS[k]
              : BigDecimal.valueOf(k).setScale(random.nextInt(3)).movePointLeft(1);
      case VARCHAR ->
          // a new String each time: equal values are not the same object
          new String(k < TEXT.length ? TEXT[k] : "s" + k + TEXT[k % TEXT.length]);
      case VARBINARY -> {
        byte[] b = new byte[k % 5];
        Arrays.fill(b, (byte) (k * 37));
        yield b;
      }
      default -> throw new IllegalArgumentException(type.name());
    };
  }

  private static double pickDouble(Random random, int k) {
    return k < DOUBLES.length ? DOUBLES[k] : k / 4.0 - (random.nextBoolean() ? 0 : 1000);
  }
}
