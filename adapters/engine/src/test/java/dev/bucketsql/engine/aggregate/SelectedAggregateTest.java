package dev.bucketsql.engine.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.Selection;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.aggregate.AggregateCall.Function;
import dev.bucketsql.engine.expr.Expr;
import dev.bucketsql.engine.expr.Exprs;
import dev.bucketsql.engine.expr.Filter;
import dev.bucketsql.engine.expr.Project;
import dev.bucketsql.engine.spill.Spilling;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HashAggregate} over a filter that hands on selections (and a projection between), against
 * the row-by-row reference of {@link HashAggregateTest} over the rows the condition keeps: keys of
 * every kind, every call with its DISTINCT and FILTER forms, several double sums together, NULLs,
 * conditions that keep nothing, everything or any share between, batch boundaries, spilling.
 */
class SelectedAggregateTest {
  private static final List<ColumnType> TYPES =
      List.of(
          ColumnType.INTEGER,
          ColumnType.VARCHAR,
          ColumnType.DOUBLE,
          ColumnType.BIGINT,
          ColumnType.DECIMAL);
  private static final int[][] KEYS = {{}, {0}, {1}, {2}, {4}, {0, 1}, {1, 2, 4}};
  private static final int[] BATCH_SIZES = {1, 7, 64, 500, 4096};

  private static final List<AggregateCall> CALLS =
      List.of(
          AggregateCall.countStar(),
          AggregateCall.of(Function.COUNT, 1),
          AggregateCall.of(Function.SUM, 0),
          AggregateCall.of(Function.SUM, 2),
          AggregateCall.of(Function.SUM0, 2),
          AggregateCall.of(Function.AVG, 2),
          AggregateCall.of(Function.SUM, 4),
          AggregateCall.of(Function.MIN, 1),
          AggregateCall.of(Function.MAX, 2),
          AggregateCall.of(Function.MAX, 4),
          AggregateCall.of(Function.AVG, 3),
          AggregateCall.distinct(Function.COUNT, 1),
          AggregateCall.distinct(Function.SUM, 4));

  private record Condition(String name, Expr expr, Predicate<Object[]> keeps) {}

  private static List<Condition> conditions() {
    Expr b = Exprs.column(3, ColumnType.BIGINT);
    return List.of(
        new Condition("TRUE", Exprs.constant(true, ColumnType.BOOLEAN), r -> true),
        new Condition(
            "b < 19",
            Exprs.lt(b, Exprs.constant(19L, ColumnType.BIGINT)),
            r -> r[3] != null && (Long) r[3] < 19),
        new Condition(
            "b > 2",
            Exprs.gt(b, Exprs.constant(2L, ColumnType.BIGINT)),
            r -> r[3] != null && (Long) r[3] > 2),
        new Condition(
            "s <> 'a'",
            Exprs.ne(Exprs.column(1, ColumnType.VARCHAR), Exprs.constant("a", ColumnType.VARCHAR)),
            r -> r[1] != null && !r[1].equals("a")),
        new Condition(
            "b > 1000",
            Exprs.gt(b, Exprs.constant(1000L, ColumnType.BIGINT)),
            r -> r[3] != null && (Long) r[3] > 1000));
  }

  @Test
  void aggregatesOnlyTheLiveRowsOfASelection() {
    for (long seed = 1; seed <= 4; seed++) {
      Random random = new Random(seed);
      for (int count : new int[] {0, 1, 50, 3000}) {
        List<Object[]> rows = TestData.rows(random, TYPES, count, 15);
        for (Condition c : conditions()) {
          List<Object[]> kept = rows.stream().filter(c.keeps()).toList();
          for (int[] keys : KEYS) {
            int batchSize = BATCH_SIZES[random.nextInt(BATCH_SIZES.length)];
            boolean project = random.nextBoolean();
            List<Object[]> actual =
                Rows.collect(
                    new HashAggregate(
                        input(rows, c, batchSize, project),
                        keys,
                        CALLS,
                        TestData.context(batchSize),
                        "its input"));
            assertThat(TestData.multiset(actual))
                .as(
                    "seed %d, %d rows, %s, keys %s, batch %d, project %s",
                    seed, count, c.name(), Arrays.toString(keys), batchSize, project)
                .isEqualTo(TestData.multiset(HashAggregateTest.reference(kept, keys, CALLS)));
          }
        }
      }
    }
  }

  @Test
  void theFilterHandsTheAggregateSelections() {
    List<Object[]> rows = TestData.rows(new Random(7), TYPES, 3000, 15);
    Condition c = conditions().get(1);
    Operator in = input(rows, c, 500, true);
    Selection live = new Selection();
    int partial = 0;
    for (ColumnBatch b = in.nextSelected(live); b != null; b = in.nextSelected(live)) {
      partial += live.all() ? 0 : 1;
    }
    in.close();
    assertThat(partial).as("the test above reads selections").isPositive();
  }

  @TempDir Path dir;

  @Test
  void filteredCallsAndSpillingSeeOnlyLiveRows() {
    List<ColumnType> types = List.of(ColumnType.BIGINT, ColumnType.BOOLEAN, ColumnType.DOUBLE);
    for (long seed = 1; seed <= 6; seed++) {
      Random random = new Random(seed);
      List<Object[]> rows = new ArrayList<>();
      for (int r = 0; r < 5000; r++) {
        rows.add(
            new Object[] {
              (long) random.nextInt(800),
              random.nextInt(10) == 0 ? null : random.nextBoolean(),
              random.nextInt(10) == 0 ? null : (double) random.nextInt(100)
            });
      }
      Expr keep =
          Exprs.ne(Exprs.column(0, ColumnType.BIGINT), Exprs.constant(7L, ColumnType.BIGINT));
      List<AggregateCall> calls =
          List.of(
              AggregateCall.countStar(),
              AggregateCall.of(Function.SUM, 2).withFilter(1),
              AggregateCall.of(Function.SUM0, 2),
              AggregateCall.of(Function.AVG, 2));
      // a small memory limit: most groups go to disk, each row spilled exactly once
      HashAggregate agg =
          new HashAggregate(
              new Filter(TestData.source(types, rows, 1000), keep, TestData.context(1000)),
              new int[] {0},
              calls,
              Spilling.context(dir, 20_000, 1000),
              "its input");
      List<Object[]> actual = Rows.collect(agg);
      assertThat(agg.spilledRows()).as("seed %d spills", seed).isPositive();
      List<Object[]> expected = new ArrayList<>();
      java.util.Map<Long, double[]> groups = new java.util.LinkedHashMap<>();
      for (Object[] r : rows) {
        if ((Long) r[0] == 7L) {
          continue;
        }
        double[] g = groups.computeIfAbsent((Long) r[0], k -> new double[5]);
        g[0]++;
        if (r[2] != null) {
          if (Boolean.TRUE.equals(r[1])) {
            g[1] += (Double) r[2];
            g[4]++;
          }
          g[2] += (Double) r[2];
          g[3]++;
        }
      }
      groups.forEach(
          (k, g) ->
              expected.add(
                  new Object[] {
                    k, (long) g[0], g[4] == 0 ? null : g[1], g[2], g[3] == 0 ? null : g[2] / g[3]
                  }));
      assertThat(TestData.multiset(actual))
          .as("seed %d", seed)
          .isEqualTo(TestData.multiset(expected));
    }
  }

  /** The rows of {@code c}: a filter, with or without a projection of every column above it. */
  private static Operator input(List<Object[]> rows, Condition c, int batchSize, boolean project) {
    Operator op =
        new Filter(TestData.source(TYPES, rows, batchSize), c.expr(), TestData.context(batchSize));
    if (!project) {
      return op;
    }
    List<Expr> all = new ArrayList<>();
    for (int i = 0; i < TYPES.size(); i++) {
      all.add(Exprs.column(i, TYPES.get(i)));
    }
    return new Project(op, all, TestData.context(batchSize));
  }
}
