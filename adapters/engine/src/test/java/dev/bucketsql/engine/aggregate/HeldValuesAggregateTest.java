package dev.bucketsql.engine.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import dev.bucketsql.engine.spill.Spilling;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calls that hold their groups' values, {@code STRING_AGG} and the SQL layer's folds, against a
 * row-at-a-time reference written here: each group's rows in input order, rows with a NULL argument
 * (or separator, or a FILTER that is not TRUE) skipped, NULL for a group none reached. Random rows
 * with NULLs and repeated keys, 0, 1, 19 and 400 rows, batch sizes 1, 3, 7, 64; under a small
 * memory they spill to the same groups and leave no file; a group whose values outgrow the memory
 * is the aggregate's error naming its values, with nothing left reserved.
 */
class HeldValuesAggregateTest {
  /** key, text, separator, number, small key, filter. */
  private static final List<ColumnType> TYPES =
      List.of(
          ColumnType.BIGINT,
          ColumnType.VARCHAR,
          ColumnType.VARCHAR,
          ColumnType.DOUBLE,
          ColumnType.INTEGER,
          ColumnType.BOOLEAN);

  @TempDir Path dir;

  /**
   * A fold whose answer shows every value it saw, in order: the values' text joined by {@code |},
   * the first argument then the second where there are two.
   */
  private static final class Listing implements GroupFold {
    private final int[] arguments;

    Listing(int... arguments) {
      this.arguments = arguments;
    }

    @Override
    public Object start() {
      return new StringBuilder();
    }

    @Override
    public void add(Object state, ColumnBatch batch, int r) {
      StringBuilder s = (StringBuilder) state;
      s.append('|');
      for (int a : arguments) {
        s.append(batch.value(a, r)).append(';');
      }
    }

    @Override
    public Object result(Object state) {
      return state.toString();
    }
  }

  /** A fold that sorts its values and answers the middle one: its result ignores the order. */
  private static final class Middle implements GroupFold {
    @Override
    public Object start() {
      return new ArrayList<Double>();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void add(Object state, ColumnBatch batch, int r) {
      ((List<Double>) state).add(batch.doubles(3)[r]);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object result(Object state) {
      List<Double> values = new ArrayList<>((List<Double>) state);
      values.sort(Double::compare);
      return values.get(values.size() / 2);
    }
  }

  private static List<AggregateCall> calls() {
    return List.of(
        AggregateCall.stringAgg(1, 2, "STRING_AGG(#1, #2)"),
        AggregateCall.stringAgg(1, -1, "STRING_AGG(#1)"),
        AggregateCall.stringAgg(2, 1, "STRING_AGG(#2, #1)").withFilter(5),
        AggregateCall.fold(new Listing(3), new int[] {3}, ColumnType.VARCHAR, false, "L(#3)"),
        AggregateCall.fold(
            new Listing(0, 1), new int[] {0, 1}, ColumnType.VARCHAR, false, "L(#0, #1)"),
        AggregateCall.fold(new Listing(4), new int[] {4}, ColumnType.VARCHAR, false, "L(#4)")
            .withFilter(5),
        AggregateCall.fold(new Middle(), new int[] {3}, ColumnType.DOUBLE, true, "M(DISTINCT #3)"),
        AggregateCall.countStar());
  }

  @Test
  void matchesTheReferenceInMemory() {
    for (long seed = 1; seed <= 6; seed++) {
      Random random = new Random(seed);
      for (int count : new int[] {0, 1, 19, 400}) {
        List<Object[]> rows = TestData.rows(random, TYPES, count, 20);
        for (int[] keys : new int[][] {{}, {0}, {4}, {0, 4}, {1}}) {
          int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
          List<Object[]> actual =
              Rows.collect(
                  new HashAggregate(
                      TestData.source(TYPES, rows, batchSize),
                      keys,
                      calls(),
                      TestData.context(batchSize),
                      "its input"));
          assertThat(TestData.sequence(actual))
              .as("seed %d, %d rows, keys %s", seed, count, Arrays.toString(keys))
              .isEqualTo(TestData.sequence(reference(rows, keys)));
        }
      }
    }
  }

  @Test
  void spilledGroupsKeepTheirValues() {
    for (long seed = 1; seed <= 3; seed++) {
      Random random = new Random(seed);
      List<Object[]> rows = TestData.rows(random, TYPES, 3000, 10);
      for (Object[] row : rows) {
        // many groups of a few rows: the groups held keep few values, the others spill
        row[0] = random.nextInt(20) == 0 ? null : (long) random.nextInt(800);
      }
      for (int[] keys : new int[][] {{0}, {0, 4}, {1, 0}}) {
        int batchSize = TestData.BATCH_SIZES[1 + random.nextInt(3)];
        long memory = 60_000 + random.nextInt(30_000);
        ExecContext context = Spilling.context(dir, memory, batchSize);
        HashAggregate aggregate =
            new HashAggregate(
                TestData.source(TYPES, rows, batchSize), keys, calls(), context, "its input");
        List<Object[]> actual = Rows.collect(aggregate);
        assertThat(TestData.multiset(actual))
            .as("seed %d keys %s memory %d", seed, Arrays.toString(keys), memory)
            .isEqualTo(TestData.multiset(reference(rows, keys)));
        assertThat(aggregate.spilledRows()).as("it spilled").isPositive();
        aggregate.close();
        assertThat(Spilling.leftUnder(dir)).isEmpty();
        assertThat(aggregate.reservedBytes()).isZero();
      }
    }
  }

  @Test
  void aGroupWhoseValuesOutgrowTheMemoryIsTheMemoryError() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      rows.add(new Object[] {1L, "value number " + i, ",", (double) i, 1, true});
    }
    for (boolean spill : new boolean[] {false, true}) {
      for (AggregateCall call : calls().subList(0, 5)) {
        ExecContext context =
            spill
                ? Spilling.context(dir, 20_000, 64)
                : new ExecContext(
                    new dev.bucketsql.engine.memory.MemoryLimit(
                        20_000, dev.bucketsql.engine.memory.MemoryLimit.QUERY_MEMORY),
                    64,
                    () -> false);
        HashAggregate aggregate =
            new HashAggregate(
                TestData.source(TYPES, rows, 64), new int[] {0}, List.of(call), context, "t");
        assertThatThrownBy(() -> Rows.collect(aggregate))
            .as("%s, spill %s", call.name(), spill)
            .isInstanceOf(MemoryLimitExceededException.class)
            .hasMessageContaining("the groups and the values of t")
            .hasMessageContaining("queryMemory=20000");
        aggregate.close();
        assertThat(aggregate.reservedBytes()).isZero();
        assertThat(Spilling.leftUnder(dir)).isEmpty();
      }
    }
  }

  @Test
  void theValuesCountInTheBudget() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      rows.add(new Object[] {(long) (i % 3), "x".repeat(i % 50), "--", (double) i, i, true});
    }
    for (AggregateCall call : calls().subList(0, 5)) {
      HashAggregate held =
          new HashAggregate(
              TestData.source(TYPES, rows, 7),
              new int[] {0},
              List.of(call),
              TestData.context(7),
              "t");
      HashAggregate counting =
          new HashAggregate(
              TestData.source(TYPES, rows, 7),
              new int[] {0},
              List.of(AggregateCall.countStar()),
              TestData.context(7),
              "t");
      held.next();
      counting.next();
      // 500 values of at least 16 bytes each beyond what three groups cost
      assertThat(held.reservedBytes() - counting.reservedBytes())
          .as(call.name())
          .isGreaterThan(500 * 8L);
      held.close();
      counting.close();
    }
  }

  /** The groups in order of first appearance, each call computed from its rows in input order. */
  private static List<Object[]> reference(List<Object[]> rows, int[] keys) {
    Map<List<Object>, List<Object[]>> groups = new LinkedHashMap<>();
    if (keys.length == 0) {
      groups.put(List.of(), new ArrayList<>());
    }
    for (Object[] row : rows) {
      List<Object> key = new ArrayList<>();
      for (int k : keys) {
        key.add(row[k] == null ? null : TestData.keyOf(row[k]));
      }
      groups.computeIfAbsent(key, x -> new ArrayList<>()).add(row);
    }
    List<Object[]> out = new ArrayList<>();
    for (List<Object[]> group : groups.values()) {
      Object[] first = group.isEmpty() ? null : group.get(0);
      Object[] result = new Object[keys.length + 8];
      for (int k = 0; k < keys.length; k++) {
        result[k] = first[keys[k]];
      }
      int c = keys.length;
      result[c++] = stringAgg(group, 1, 2, r -> true);
      result[c++] = stringAgg(group, 1, -1, r -> true);
      result[c++] = stringAgg(group, 2, 1, r -> Boolean.TRUE.equals(r[5]));
      result[c++] = listing(group, new int[] {3}, r -> true);
      result[c++] = listing(group, new int[] {0, 1}, r -> true);
      result[c++] = listing(group, new int[] {4}, r -> Boolean.TRUE.equals(r[5]));
      result[c++] = middleOfDistinct(group);
      result[c] = (long) group.size();
      out.add(result);
    }
    return out;
  }

  private static String stringAgg(List<Object[]> group, int value, int sep, Predicate<Object[]> f) {
    String text = null;
    for (Object[] r : group) {
      if (r[value] == null || (sep >= 0 && r[sep] == null) || !f.test(r)) {
        continue;
      }
      text = text == null ? (String) r[value] : text + (sep < 0 ? "," : r[sep]) + r[value];
    }
    return text;
  }

  private static String listing(List<Object[]> group, int[] args, Predicate<Object[]> f) {
    StringBuilder s = null;
    for (Object[] r : group) {
      if (!f.test(r) || Arrays.stream(args).anyMatch(a -> r[a] == null)) {
        continue;
      }
      s = s == null ? new StringBuilder() : s;
      s.append('|');
      for (int a : args) {
        s.append(r[a]).append(';');
      }
    }
    return s == null ? null : s.toString();
  }

  /** The middle of the group's distinct numbers, distinct as SQL compares them. */
  private static Double middleOfDistinct(List<Object[]> group) {
    Map<Object, Double> distinct = new LinkedHashMap<>();
    for (Object[] r : group) {
      if (r[3] != null) {
        distinct.putIfAbsent(TestData.keyOf(r[3]), (Double) r[3]);
      }
    }
    if (distinct.isEmpty()) {
      return null;
    }
    List<Double> values = new ArrayList<>(new LinkedHashSet<>(distinct.values()));
    values.sort(Double::compare);
    return values.get(values.size() / 2);
  }
}
