package dev.bucketsql.engine.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.QueryCancelledException;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.aggregate.AggregateCall.Function;
import dev.bucketsql.engine.memory.MemoryLimit;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import dev.bucketsql.engine.spill.Spilling;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GroupingSetsAggregate} against a reference that aggregates each set on its own, row by row
 * ({@link HashAggregateTest#reference}), fills the keys outside the set with NULL and computes each
 * GROUPING value bit by bit: ROLLUP, CUBE, sets without the empty one, one set, NULL keys, empty
 * input (the empty set's one row, no row for the others), batch boundaries; and its memory
 * (spilling to the same groups, or the one-line error), a cancel, and its input read once.
 */
class GroupingSetsAggregateTest {
  private static final List<ColumnType> TYPES =
      List.of(
          ColumnType.INTEGER,
          ColumnType.VARCHAR,
          ColumnType.DOUBLE,
          ColumnType.BIGINT,
          ColumnType.DECIMAL);

  private static final List<AggregateCall> CALLS =
      List.of(
          AggregateCall.countStar(),
          AggregateCall.of(Function.COUNT, 1),
          AggregateCall.of(Function.SUM, 2),
          AggregateCall.of(Function.SUM0, 4),
          AggregateCall.of(Function.MIN, 1),
          AggregateCall.of(Function.MAX, 3),
          AggregateCall.of(Function.AVG, 0),
          AggregateCall.distinct(Function.COUNT, 1),
          AggregateCall.distinct(Function.SUM, 4));

  /** A shape: the output's keys, the sets, the GROUPING calls' arguments. */
  private record Shape(int[] keys, int[][] sets, int[][] groupings) {}

  private static final List<Shape> SHAPES =
      List.of(
          // ROLLUP(0, 1)
          new Shape(new int[] {0, 1}, new int[][] {{0, 1}, {0}, {}}, new int[][] {{0, 1}, {1}}),
          // CUBE(1, 2), the GROUPING arguments in another order than the keys
          new Shape(
              new int[] {1, 2}, new int[][] {{1, 2}, {1}, {2}, {}}, new int[][] {{2, 1}, {1, 2}}),
          // GROUPING SETS ((0), (4)): no grand total
          new Shape(new int[] {0, 4}, new int[][] {{0}, {4}}, new int[][] {{0, 4}}),
          // GROUPING SETS ((2, 4), ()): Calcite's shape for COUNT(DISTINCT x) beside other calls
          new Shape(new int[] {2, 4}, new int[][] {{4, 2}, {}}, new int[][] {{2, 4}}),
          // one set: GROUPING is 0
          new Shape(new int[] {1}, new int[][] {{1}}, new int[][] {{1}}));

  @TempDir Path dir;

  @Test
  void matchesTheReferenceOnRandomRows() {
    for (long seed = 1; seed <= 8; seed++) {
      Random random = new Random(seed);
      for (int count : new int[] {0, 1, 19, 400}) {
        List<Object[]> rows = TestData.rows(random, TYPES, count, 15);
        for (Shape shape : SHAPES) {
          int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
          List<Object[]> actual =
              Rows.collect(operator(shape, rows, batchSize, TestData.context(batchSize)));
          assertThat(TestData.multiset(actual))
              .as(
                  "seed %d, %d rows, sets %s, batches of %d",
                  seed, count, Arrays.deepToString(shape.sets()), batchSize)
              .isEqualTo(TestData.multiset(reference(shape, rows)));
        }
      }
    }
  }

  @Test
  void overNoRowsOnlyTheEmptySetHasItsRow() {
    Shape rollup = SHAPES.get(0);
    List<Object[]> rows = Rows.collect(operator(rollup, List.of(), 4, TestData.context(4)));
    assertThat(rows).hasSize(1);
    // keys NULL, COUNT(*) 0, COUNT(x) 0, SUM NULL, $SUM0 0, ..., GROUPING(0, 1) = 3, GROUPING(1) =
    // 1
    Object[] row = rows.get(0);
    assertThat(row[0]).isNull();
    assertThat(row[1]).isNull();
    assertThat(row[2]).isEqualTo(0L);
    assertThat(row[3]).isEqualTo(0L);
    assertThat(row[4]).isNull();
    assertThat(row[row.length - 2]).isEqualTo(3L);
    assertThat(row[row.length - 1]).isEqualTo(1L);
    assertThat(Rows.collect(operator(SHAPES.get(2), List.of(), 4, TestData.context(4)))).isEmpty();
  }

  @Test
  void spilledSetsMatchTheInMemoryAggregate() {
    long spilledRows = 0;
    for (long seed = 1; seed <= 2; seed++) {
      Random random = new Random(seed);
      List<Object[]> rows = TestData.rows(random, TYPES, 3000, 10);
      for (Object[] r : rows) {
        if (r[1] != null) {
          r[1] = r[1] + "#" + random.nextInt(500);
        }
      }
      for (Shape shape : SHAPES.subList(0, 3)) {
        int batchSize = TestData.BATCH_SIZES[1 + random.nextInt(3)];
        List<Object[]> expected =
            Rows.collect(operator(shape, rows, batchSize, TestData.context(batchSize)));
        long memory = 60_000 + random.nextInt(40_000);
        ExecContext context = Spilling.context(dir, memory, batchSize);
        GroupingSetsAggregate aggregate = operator(shape, rows, batchSize, context);
        List<Object[]> actual = Rows.collect(aggregate);
        assertThat(TestData.multiset(actual))
            .as("seed %d sets %s memory %d", seed, Arrays.deepToString(shape.sets()), memory)
            .isEqualTo(TestData.multiset(expected));
        assertThat(context.spill().peakBytes()).as("it spilled").isPositive();
        assertThat(Spilling.leftUnder(dir)).isEmpty();
        assertThat(aggregate.reservedBytes()).isZero();
        spilledRows += aggregate.spilledRows();
      }
    }
    assertThat(spilledRows).as("groups spilled, not only DISTINCT values").isPositive();
  }

  @Test
  void withoutSpillingTheSetsTogetherFailWithTheMemoryErrorAndReleaseEverything() {
    long limit = 64 * 1024;
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      rows.add(new Object[] {i % 3, "row number " + i, 1.0, (long) i, null});
    }
    ExecContext context =
        new ExecContext(new MemoryLimit(limit, MemoryLimit.QUERY_MEMORY), 100, () -> false);
    GroupingSetsAggregate aggregate = operator(SHAPES.get(0), rows, 100, context);
    assertThatThrownBy(() -> Rows.collect(aggregate))
        .isInstanceOf(MemoryLimitExceededException.class)
        .hasMessageStartingWith("the aggregate (GROUP BY or DISTINCT) holds the groups")
        .hasMessageContaining("the limit is the connection setting queryMemory=" + limit)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThat(aggregate.reservedBytes()).isZero();
  }

  @Test
  void aCancelIsSeenWithinABatch() {
    AtomicBoolean cancelled = new AtomicBoolean();
    ExecContext context =
        new ExecContext(new MemoryLimit(1L << 30, MemoryLimit.QUERY_MEMORY), 8, cancelled::get);
    List<Object[]> rows = TestData.rows(new Random(3), TYPES, 100, 10);
    Operator input = TestData.source(TYPES, rows, 8);
    Operator cancelling =
        new Operator() {
          private int batches;

          @Override
          public List<ColumnType> types() {
            return input.types();
          }

          @Override
          public ColumnBatch next() {
            if (++batches == 3) {
              cancelled.set(true);
            }
            return input.next();
          }

          @Override
          public void close() {
            input.close();
          }
        };
    Shape s = SHAPES.get(1);
    GroupingSetsAggregate aggregate =
        new GroupingSetsAggregate(
            cancelling,
            s.keys(),
            Arrays.asList(s.sets()),
            CALLS,
            Arrays.asList(s.groupings()),
            context,
            "its input");
    assertThatThrownBy(aggregate::next).isInstanceOf(QueryCancelledException.class);
    assertThat(aggregate.reservedBytes()).isZero();
  }

  @Test
  void theInputIsReadOnceForAllSets() {
    List<Object[]> rows = TestData.rows(new Random(5), TYPES, 50, 10);
    Operator input = TestData.source(TYPES, rows, 7);
    int[] read = new int[1];
    Operator counting =
        new Operator() {
          @Override
          public List<ColumnType> types() {
            return input.types();
          }

          @Override
          public ColumnBatch next() {
            ColumnBatch b = input.next();
            read[0] += b == null ? 0 : b.size();
            return b;
          }

          @Override
          public void close() {
            input.close();
          }
        };
    Shape cube = SHAPES.get(1);
    Rows.collect(
        new GroupingSetsAggregate(
            counting,
            cube.keys(),
            Arrays.asList(cube.sets()),
            CALLS,
            Arrays.asList(cube.groupings()),
            TestData.context(7),
            "its input"));
    assertThat(read[0]).isEqualTo(rows.size());
  }

  private static GroupingSetsAggregate operator(
      Shape shape, List<Object[]> rows, int batchSize, ExecContext context) {
    return new GroupingSetsAggregate(
        TestData.source(TYPES, rows, batchSize),
        shape.keys(),
        Arrays.asList(shape.sets()),
        CALLS,
        Arrays.asList(shape.groupings()),
        context,
        "its input");
  }

  /** Each set aggregated alone, its rows laid out as the operator's. */
  private static List<Object[]> reference(Shape shape, List<Object[]> rows) {
    List<Object[]> out = new ArrayList<>();
    int[] keys = shape.keys();
    for (int[] set : shape.sets()) {
      for (Object[] group : HashAggregateTest.reference(rows, set, CALLS)) {
        Object[] row = new Object[keys.length + CALLS.size() + shape.groupings().length];
        for (int k = 0; k < keys.length; k++) {
          for (int p = 0; p < set.length; p++) {
            if (set[p] == keys[k]) {
              row[k] = group[p];
            }
          }
        }
        System.arraycopy(group, set.length, row, keys.length, CALLS.size());
        for (int g = 0; g < shape.groupings().length; g++) {
          int[] args = shape.groupings()[g];
          long value = 0;
          for (int arg : args) {
            boolean in = Arrays.stream(set).anyMatch(c -> c == arg);
            value = value * 2 + (in || shape.sets().length == 1 ? 0 : 1);
          }
          row[keys.length + CALLS.size() + g] = value;
        }
        out.add(row);
      }
    }
    return out;
  }
}
