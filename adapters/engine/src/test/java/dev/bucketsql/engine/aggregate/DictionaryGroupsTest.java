package dev.bucketsql.engine.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.aggregate.AggregateCall.Function;
import dev.bucketsql.engine.expr.Exprs;
import dev.bucketsql.engine.expr.Filter;
import dev.bucketsql.engine.expr.Project;
import dev.bucketsql.engine.spill.Spilling;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HashAggregate} over batches whose string keys carry dictionary numbers ({@link
 * DictionaryGroups}) against the reference computed from the rows' values alone: dictionaries that
 * change between batches (each with its own equal strings), numbers that do not describe their row
 * (an object put in place of the dictionary's, an equal string that is another object, another
 * entry's number, numbers out of range), NULL keys, a key column without numbers, dictionaries too
 * large to combine, empty input, batch sizes down to 1, and an aggregate that spills.
 */
class DictionaryGroupsTest {
  private static final List<ColumnType> TYPES =
      List.of(ColumnType.VARCHAR, ColumnType.VARCHAR, ColumnType.DOUBLE, ColumnType.BIGINT);
  private static final String[] WORDS = {"A", "N", "R", "O", "F", "", "é", "Aa", "BB"};
  private static final int[][] KEYS = {{0}, {1}, {0, 1}, {1, 0}, {0, 3}, {0, 1, 0}};
  private static final List<AggregateCall> CALLS =
      List.of(
          AggregateCall.countStar(),
          AggregateCall.of(Function.SUM, 2),
          AggregateCall.of(Function.SUM, 3),
          AggregateCall.of(Function.MIN, 1),
          AggregateCall.of(Function.COUNT, 0));

  @TempDir Path dir;

  @Test
  void groupsByNumberAsByValue() {
    for (long seed = 1; seed <= 40; seed++) {
      Random random = new Random(seed);
      int batchSize = new int[] {1, 3, 7, 64, 500}[random.nextInt(5)];
      List<ColumnBatch> batches = batches(random, random.nextInt(6) * 400, batchSize);
      List<Object[]> rows = rowsOf(batches);
      for (int[] keys : KEYS) {
        List<Object[]> actual =
            Rows.collect(
                new HashAggregate(
                    new Batches(batches), keys, CALLS, TestData.context(batchSize), "t"));
        List<Object[]> expected = HashAggregateTest.reference(rows, keys, CALLS);
        // groups in order of first appearance, with the first row's values, as by value alone
        assertThat(TestData.sequence(actual))
            .as("seed %d, keys %s, batches of %d", seed, Arrays.toString(keys), batchSize)
            .isEqualTo(TestData.sequence(expected));
      }
    }
  }

  /**
   * A filter (which compacts the rows that pass) and a projection (column references in another
   * order) keep the numbers with the values: the aggregate above them groups as by value, and the
   * batches it reads carry numbers that describe their rows.
   */
  @Test
  void filterAndProjectCarryTheNumbers() {
    for (long seed = 1; seed <= 10; seed++) {
      Random random = new Random(seed);
      int batchSize = new int[] {1, 7, 64, 500}[random.nextInt(4)];
      List<ColumnBatch> batches = batches(random, 2000, batchSize);
      List<Object[]> kept = new ArrayList<>();
      for (Object[] row : rowsOf(batches)) {
        if (row[3] != null && (Long) row[3] >= 0) {
          // the projection below: (col 1, col 0, col 2, col 3)
          kept.add(new Object[] {row[1], row[0], row[2], row[3]});
        }
      }
      ExecContext context = TestData.context(batchSize);
      Operator filtered =
          new Filter(
              new Batches(batches),
              Exprs.ge(Exprs.column(3, ColumnType.BIGINT), Exprs.constant(0L, ColumnType.BIGINT)),
              context);
      Project project =
          new Project(
              filtered,
              List.of(
                  Exprs.column(1, ColumnType.VARCHAR),
                  Exprs.column(0, ColumnType.VARCHAR),
                  Exprs.column(2, ColumnType.DOUBLE),
                  Exprs.column(3, ColumnType.BIGINT)),
              context);
      int[] numbered = {0};
      Operator checked =
          new Operator() {
            @Override
            public List<ColumnType> types() {
              return project.types();
            }

            @Override
            public ColumnBatch next() {
              ColumnBatch b = project.next();
              if (b != null) {
                for (int c = 0; c < 2; c++) {
                  Object[] dictionary = b.dictionary(c);
                  if (dictionary == null) {
                    continue;
                  }
                  // a number describes its row there as at the source: most rows are so made
                  int described = 0;
                  for (int r = 0; r < b.size(); r++) {
                    int id = b.dictionaryIds(c)[r];
                    Object v = b.objects(c)[r];
                    if (v != null && id >= 0 && id < dictionary.length && dictionary[id] == v) {
                      described++;
                    }
                  }
                  numbered[0] += described;
                }
              }
              return b;
            }

            @Override
            public void close() {
              project.close();
            }
          };
      int[] keys = {1, 0};
      List<Object[]> actual = Rows.collect(new HashAggregate(checked, keys, CALLS, context, "t"));
      assertThat(TestData.sequence(actual))
          .as("seed %d, batches of %d", seed, batchSize)
          .isEqualTo(TestData.sequence(HashAggregateTest.reference(kept, keys, CALLS)));
      assertThat(numbered[0]).as("rows whose numbers came along").isPositive();
    }
  }

  @Test
  void spillsAsByValue() throws IOException {
    for (long seed = 1; seed <= 4; seed++) {
      Random random = new Random(seed);
      List<ColumnBatch> batches = batches(random, 3000, 64);
      List<Object[]> rows = rowsOf(batches);
      int[] keys = {0, 3};
      Path spill = Files.createTempDirectory(dir, "spill");
      ExecContext context = Spilling.context(spill, 6_000, 64);
      HashAggregate aggregate = new HashAggregate(new Batches(batches), keys, CALLS, context, "t");
      List<Object[]> actual = Rows.collect(aggregate);
      assertThat(aggregate.spilledRows()).as("it spilled").isPositive();
      assertThat(TestData.multiset(actual))
          .as("seed %d", seed)
          .isEqualTo(TestData.multiset(HashAggregateTest.reference(rows, keys, CALLS)));
    }
  }

  /**
   * Batches of rows in "row groups", each with dictionaries of its own (new string objects), whose
   * string columns mostly carry their numbers, with every way for a number not to describe its row.
   */
  private static List<ColumnBatch> batches(Random random, int count, int batchSize) {
    List<ColumnBatch> out = new ArrayList<>();
    Object[][] dictionaries = new Object[2][];
    int leftInGroup = 0;
    int made = 0;
    while (made < count) {
      if (leftInGroup == 0) {
        leftInGroup = 1 + random.nextInt(3 * batchSize);
        for (int d = 0; d < 2; d++) {
          // now and then a dictionary too large to combine with the other
          int size = random.nextInt(8) == 0 ? 5000 : 1 + random.nextInt(WORDS.length);
          dictionaries[d] = new Object[size];
          for (int i = 0; i < size; i++) {
            dictionaries[d][i] = new String(i < WORDS.length ? WORDS[i] : "w" + (i % 40));
          }
        }
      }
      int n = Math.min(Math.min(batchSize, count - made), leftInGroup);
      ColumnBatch b = new ColumnBatch(TYPES.toArray(new ColumnType[0]), batchSize);
      for (int c = 0; c < 2; c++) {
        Object[] dictionary = dictionaries[c];
        int[] ids = b.dictionaryIds(c);
        boolean[] nulls = b.nulls(c);
        if (random.nextInt(3) == 0) {
          // held as numbers alone, as a Parquet scan fills a dictionary-encoded column
          for (int r = 0; r < n; r++) {
            nulls[r] = random.nextInt(30) == 0;
            ids[r] = nulls[r] ? -1 : random.nextInt(Math.min(dictionary.length, 12));
          }
          b.setDictionaryValues(c, dictionary, n);
          continue;
        }
        Object[] values = b.objects(c);
        for (int r = 0; r < n; r++) {
          int id = random.nextInt(Math.min(dictionary.length, 12));
          ids[r] = id;
          values[r] = dictionary[id];
          switch (random.nextInt(40)) {
            case 0 -> {
              nulls[r] = true;
              values[r] = null;
              ids[r] = random.nextBoolean() ? -1 : id;
            }
            case 1 -> values[r] = new String((String) dictionary[id]); // equal, not identical
            case 2 -> values[r] = dictionary[(id + 1) % dictionary.length]; // another's number
            case 3 -> ids[r] = dictionary.length + random.nextInt(3); // out of range
            case 4 -> ids[r] = -1 - random.nextInt(3);
            case 5 -> values[r] = WORDS[random.nextInt(WORDS.length)]; // a value of no dictionary
            default -> {}
          }
        }
        // now and then a column whose fill carried no numbers
        if (random.nextInt(10) != 0) {
          b.setDictionary(c, dictionary);
        }
      }
      for (int r = 0; r < n; r++) {
        b.doubles(2)[r] = random.nextInt(7) / 4.0;
        b.longs(3)[r] = random.nextInt(5) - 2;
        b.nulls(3)[r] = random.nextInt(15) == 0;
      }
      b.setSize(n);
      out.add(b);
      made += n;
      leftInGroup -= n;
    }
    return out;
  }

  private static List<Object[]> rowsOf(List<ColumnBatch> batches) {
    List<Object[]> rows = new ArrayList<>();
    for (ColumnBatch b : batches) {
      for (int r = 0; r < b.size(); r++) {
        Object[] row = new Object[TYPES.size()];
        for (int c = 0; c < row.length; c++) {
          row[c] = b.value(c, r);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** The batches as they are, numbers included, one after the other. */
  private static final class Batches implements Operator {
    private final List<ColumnBatch> batches;
    private int next;

    Batches(List<ColumnBatch> batches) {
      this.batches = batches;
    }

    @Override
    public List<ColumnType> types() {
      return TYPES;
    }

    @Override
    public ColumnBatch next() {
      return next < batches.size() ? batches.get(next++) : null;
    }

    @Override
    public void close() {}
  }
}
