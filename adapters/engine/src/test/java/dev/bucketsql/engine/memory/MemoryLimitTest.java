package dev.bucketsql.engine.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.QueryCancelledException;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.aggregate.AggregateCall;
import dev.bucketsql.engine.aggregate.AggregateCall.Function;
import dev.bucketsql.engine.aggregate.HashAggregate;
import dev.bucketsql.engine.join.HashJoin;
import dev.bucketsql.engine.join.JoinType;
import dev.bucketsql.engine.sort.Sort;
import dev.bucketsql.engine.sort.SortKey;
import dev.bucketsql.engine.sort.TopN;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Every operator that holds rows fails with the one-line error naming it, the limit and the setting
 * when its input needs more than the budget, and gives back what it reserved when closed; a top-N
 * holds its N rows only; a cancel is seen within a batch.
 */
class MemoryLimitTest {
  private static final List<ColumnType> TYPES = List.of(ColumnType.BIGINT, ColumnType.VARCHAR);
  private static final long LIMIT = 64 * 1024;

  private static List<Object[]> distinctRows(int count) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(new Object[] {(long) i, "row number " + i});
    }
    return rows;
  }

  private static ExecContext small() {
    return new ExecContext(new MemoryLimit(LIMIT, MemoryLimit.QUERY_MEMORY), 100, () -> false);
  }

  @Test
  void aggregateJoinAndSortFailClearlyAndReleaseWhatTheyReserved() {
    List<Object[]> rows = distinctRows(20_000);
    check(
        c ->
            new HashAggregate(
                TestData.source(TYPES, rows, 100),
                new int[] {1},
                List.of(AggregateCall.of(Function.COUNT, 0)),
                c,
                "table 'reviews'"),
        "the aggregate (GROUP BY or DISTINCT) holds the groups of table 'reviews'");
    check(
        c ->
            new HashAggregate(
                TestData.source(TYPES, rows, 100),
                new int[0],
                List.of(AggregateCall.distinct(Function.COUNT, 1)),
                c,
                "table 'reviews'"),
        "the aggregate (GROUP BY or DISTINCT)");
    check(
        c ->
            new HashJoin(
                TestData.source(TYPES, rows.subList(0, 10), 100),
                TestData.source(TYPES, rows, 100),
                new int[] {0},
                new int[] {0},
                JoinType.INNER,
                HashJoin.Build.RIGHT,
                c,
                "table 'recipes'"),
        "the join holds table 'recipes' in memory");
    check(
        c -> new Sort(TestData.source(TYPES, rows, 100), List.of(SortKey.asc(1)), c, "its input"),
        "the sort (ORDER BY) holds the rows of its input");
  }

  private static void check(java.util.function.Function<ExecContext, Operator> make, String what) {
    Operator op = make.apply(small());
    assertThatThrownBy(() -> Rows.collect(op))
        .isInstanceOf(MemoryLimitExceededException.class)
        .hasMessageStartingWith(what)
        .hasMessageContaining("needs more than " + LIMIT + " bytes")
        .hasMessageContaining("the limit is the connection setting queryMemory=" + LIMIT)
        .hasMessageContaining("raise it (e.g. queryMemory=2g)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThat(reserved(op)).as("reserved after close").isZero();
    // the limit, not the input, is what failed: the same operator over the same rows fits in 1 GB
    assertThat(Rows.collect(make.apply(TestData.context(100)))).isNotEmpty();
  }

  private static long reserved(Operator op) {
    if (op instanceof HashAggregate a) {
      return a.reservedBytes();
    }
    if (op instanceof HashJoin j) {
      return j.reservedBytes();
    }
    return ((Sort) op).reservedBytes();
  }

  @Test
  void aTopNHoldsItsRowsOnlyAndFitsWhereASortDoesNot() {
    List<Object[]> rows = distinctRows(20_000);
    List<Object[]> top =
        Rows.collect(
            new TopN(
                TestData.source(TYPES, rows, 100),
                List.of(SortKey.desc(0)),
                0,
                10,
                small(),
                "its input"));
    assertThat(top)
        .extracting(r -> r[0])
        .containsExactly(
            19_999L, 19_998L, 19_997L, 19_996L, 19_995L, 19_994L, 19_993L, 19_992L, 19_991L,
            19_990L);
  }

  @Test
  void aBudgetCountsAndReleases() {
    MemoryBudget budget =
        new MemoryBudget(new MemoryLimit(100, "joinMemory"), HeldBy.JOIN, "table 'd'");
    budget.reserve(60, 3);
    budget.reserveUpTo(80, 4);
    assertThat(budget.reserved()).isEqualTo(80);
    assertThatThrownBy(() -> budget.reserve(21, 5))
        .isInstanceOf(MemoryLimitExceededException.class)
        .hasMessage(
            "the join holds table 'd' in memory and needs more than 100 bytes for its first 5 rows:"
                + " the limit is the connection setting joinMemory=100; raise it (e.g. joinMemory=2g) or filter that table more");
    assertThat(budget.reserved()).as("a failed reservation keeps nothing").isEqualTo(80);
    budget.release(30);
    assertThat(budget.reserved()).isEqualTo(50);
    assertThat(budget.peak()).isEqualTo(80);
    budget.releaseAll();
    assertThat(budget.reserved()).isZero();
  }

  @Test
  void aCancelledQueryStopsWithinABatch() {
    AtomicBoolean cancelled = new AtomicBoolean();
    ExecContext context =
        new ExecContext(new MemoryLimit(1L << 30, MemoryLimit.QUERY_MEMORY), 10, cancelled::get);
    List<Object[]> rows = distinctRows(1000);
    Operator sort =
        new Sort(TestData.source(TYPES, rows, 10), List.of(SortKey.asc(0)), context, "its input");
    cancelled.set(true);
    assertThatThrownBy(sort::next)
        .isInstanceOf(QueryCancelledException.class)
        .satisfies(e -> assertThat(((QueryCancelledException) e).sqlState()).isEqualTo("57014"));
    sort.close();
  }
}
