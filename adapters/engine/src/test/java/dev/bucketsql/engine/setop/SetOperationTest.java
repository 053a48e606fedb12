package dev.bucketsql.engine.setop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.QueryCancelledException;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.memory.MemoryLimit;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * UNION, INTERSECT and EXCEPT, with and without ALL, of one to four inputs against a row-at-a-time
 * reference ({@link SetRows#reference}) over random rows: NULLs, duplicates within and across
 * inputs, -0.0 beside 0.0, NaNs of other bits, decimals of other scales, empty inputs and single
 * rows, one to six columns, batch sizes crossing boundaries. UNION ALL keeps its inputs' order.
 */
class SetOperationTest {
  private static final List<List<ColumnType>> COLUMNS =
      List.of(
          List.of(ColumnType.BIGINT),
          List.of(ColumnType.DOUBLE),
          List.of(ColumnType.VARCHAR),
          List.of(ColumnType.DECIMAL),
          List.of(ColumnType.BOOLEAN, ColumnType.INTEGER),
          List.of(
              ColumnType.BIGINT,
              ColumnType.VARCHAR,
              ColumnType.DOUBLE,
              ColumnType.DECIMAL,
              ColumnType.BOOLEAN,
              ColumnType.INTEGER));

  @Test
  void everyOperationGivesTheReferencesRows() {
    for (long seed = 1; seed <= 4; seed++) {
      Random random = new Random(seed);
      for (List<ColumnType> types : COLUMNS) {
        int n = 1 + random.nextInt(4);
        List<List<Object[]>> inputs = SetRows.inputs(random, types, n, 12, 120);
        int[] batchSizes = new int[n];
        for (int i = 0; i < n; i++) {
          batchSizes[i] = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
        }
        int outSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
        for (SetOperation op : SetOperation.values()) {
          for (boolean all : new boolean[] {false, true}) {
            List<Object[]> actual =
                Rows.collect(
                    op.operator(
                        sources(types, inputs, batchSizes),
                        all,
                        TestData.context(outSize),
                        "its input"));
            assertThat(TestData.multiset(actual))
                .as("seed %d, %s %s ALL=%s over %d inputs", seed, types, op, all, n)
                .isEqualTo(TestData.multiset(SetRows.reference(op, all, inputs)));
          }
        }
      }
    }
  }

  @Test
  void unionAllKeepsTheInputsOrderAndClosesEachInputWhenItEnds() {
    Random random = new Random(7);
    List<ColumnType> types = COLUMNS.get(5);
    List<List<Object[]>> inputs = SetRows.inputs(random, types, 3, 20, 200);
    List<Object[]> expected = new ArrayList<>();
    inputs.forEach(expected::addAll);
    AtomicInteger closed = new AtomicInteger();
    List<Operator> sources = new ArrayList<>();
    for (List<Object[]> rows : inputs) {
      sources.add(counting(TestData.source(types, rows, 7), closed));
    }
    UnionAll union = new UnionAll(sources, TestData.context(64));
    List<Object[]> actual = new ArrayList<>();
    for (ColumnBatch b = union.next(); b != null; b = union.next()) {
      assertThat(b.size()).isPositive();
      for (int r = 0; r < b.size(); r++) {
        actual.add(Rows.row(b, r));
      }
    }
    assertThat(closed).as("each input closed as it ended").hasValue(3);
    union.close();
    union.close();
    assertThat(TestData.sequence(actual)).isEqualTo(TestData.sequence(expected));
  }

  @Test
  void inputsOfOtherColumnTypesAreRefused() {
    List<Operator> inputs =
        List.of(
            TestData.source(List.of(ColumnType.BIGINT), List.of(), 4),
            TestData.source(List.of(ColumnType.INTEGER), List.of(), 4));
    for (SetOperation op : SetOperation.values()) {
      assertThatThrownBy(() -> op.operator(inputs, false, TestData.context(4), "its input"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("input 1 of a set operation has columns [INTEGER], input 0 has [BIGINT]");
    }
    assertThatThrownBy(() -> new UnionAll(List.of(), TestData.context(4)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCancelStopsEachOperationWithinABatch() {
    AtomicBoolean cancelled = new AtomicBoolean();
    ExecContext context =
        new ExecContext(new MemoryLimit(1L << 30, MemoryLimit.QUERY_MEMORY), 8, cancelled::get);
    List<ColumnType> types = List.of(ColumnType.BIGINT);
    List<Object[]> rows = new ArrayList<>();
    for (long i = 0; i < 100; i++) {
      rows.add(new Object[] {i % 30});
    }
    for (SetOperation op : SetOperation.values()) {
      for (boolean all : new boolean[] {false, true}) {
        cancelled.set(false);
        Operator o =
            op.operator(
                List.of(
                    TestData.source(types, rows, 8),
                    TestData.source(types, rows.subList(0, 10), 8)),
                all,
                context,
                "its input");
        assertThat(o.next()).isNotNull();
        cancelled.set(true);
        assertThatThrownBy(() -> Rows.collect(o))
            .isInstanceOf(QueryCancelledException.class)
            .satisfies(
                e -> assertThat(((QueryCancelledException) e).sqlState()).isEqualTo("57014"));
      }
    }
  }

  static List<Operator> sources(
      List<ColumnType> types, List<List<Object[]>> inputs, int[] batchSizes) {
    List<Operator> sources = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      sources.add(TestData.source(types, inputs.get(i), batchSizes[i]));
    }
    return sources;
  }

  private static Operator counting(Operator input, AtomicInteger closed) {
    return new Operator() {
      private boolean done;

      @Override
      public List<ColumnType> types() {
        return input.types();
      }

      @Override
      public ColumnBatch next() {
        return input.next();
      }

      @Override
      public void close() {
        if (!done) {
          done = true;
          closed.incrementAndGet();
        }
        input.close();
      }
    };
  }
}
