package dev.bucketsql.engine.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.aggregate.AggregateCall.Function;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Calls with {@code FILTER (WHERE f)}: COUNT(*), COUNT, $SUM0 and COUNT(DISTINCT) of a {@link
 * HashAggregate} count only the rows whose BOOLEAN column is TRUE (NULL and FALSE rows do not),
 * against a reference over random rows, grouped and not, across batch sizes.
 */
class FilteredAggregateTest {
  private static final List<ColumnType> TYPES =
      List.of(ColumnType.INTEGER, ColumnType.DOUBLE, ColumnType.BOOLEAN);

  private static final List<AggregateCall> CALLS =
      List.of(
          AggregateCall.countStar().withFilter(2),
          AggregateCall.of(Function.COUNT, 1).withFilter(2),
          AggregateCall.of(Function.SUM0, 1).withFilter(2),
          AggregateCall.distinct(Function.COUNT, 1).withFilter(2),
          AggregateCall.countStar());

  @Test
  void filteredCallsSeeOnlyTheRowsWhoseFilterIsTrue() {
    for (long seed = 1; seed <= 30; seed++) {
      Random random = new Random(seed);
      List<Object[]> rows =
          TestData.rows(random, TYPES, random.nextInt(4) == 0 ? random.nextInt(2) : 80, 20);
      int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
      for (int[] keys : new int[][] {{}, {0}}) {
        List<Object[]> actual =
            Rows.collect(
                new HashAggregate(
                    TestData.source(TYPES, rows, batchSize),
                    keys,
                    CALLS,
                    TestData.context(batchSize),
                    "its input"));
        assertThat(TestData.multiset(actual))
            .as("seed %d, keys %d", seed, keys.length)
            .isEqualTo(TestData.multiset(reference(rows, keys)));
      }
    }
  }

  private static List<Object[]> reference(List<Object[]> rows, int[] keys) {
    Map<Object, List<Object[]>> groups = new LinkedHashMap<>();
    if (keys.length == 0) {
      groups.put("all", new ArrayList<>());
    }
    for (Object[] r : rows) {
      groups
          .computeIfAbsent(keys.length == 0 ? "all" : String.valueOf(r[0]), k -> new ArrayList<>())
          .add(r);
    }
    List<Object[]> out = new ArrayList<>();
    for (List<Object[]> g : groups.values()) {
      long all = g.size();
      long passing = 0;
      long counted = 0;
      double sum = 0;
      Set<Object> distinct = new HashSet<>();
      for (Object[] r : g) {
        if (!Boolean.TRUE.equals(r[2])) {
          continue;
        }
        passing++;
        if (r[1] != null) {
          counted++;
          sum += (Double) r[1];
          distinct.add(TestData.keyOf(r[1]));
        }
      }
      List<Object> row = new ArrayList<>();
      if (keys.length > 0) {
        row.add(g.get(0)[0]);
      }
      row.addAll(List.of(passing, counted, sum, (long) distinct.size(), all));
      out.add(row.toArray());
    }
    return out;
  }
}
