package dev.bucketsql.engine.spill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.QueryCancelledException;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.aggregate.AggregateCall;
import dev.bucketsql.engine.aggregate.HashAggregate;
import dev.bucketsql.engine.join.HashJoin;
import dev.bucketsql.engine.join.JoinType;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import dev.bucketsql.engine.sort.Sort;
import dev.bucketsql.engine.sort.SortKey;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ending of a spilling operator removes its files and directory: a spill limit reached (the
 * one-line error naming both limits and both settings), a cancel while it spills or merges, and a
 * consumer that closes early.
 */
class SpillEndingsTest {
  private static final List<ColumnType> TYPES = List.of(ColumnType.BIGINT, ColumnType.VARCHAR);
  private static final long MEMORY = 16 * 1024;

  @TempDir Path dir;

  private static List<Object[]> rows(int count) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(new Object[] {(long) (i * 7919 % count), "row number " + i});
    }
    return rows;
  }

  private static final List<Function<ExecContext, Operator>> OPERATORS =
      List.of(
          c ->
              new Sort(
                  TestData.source(TYPES, rows(20_000), 100),
                  List.of(SortKey.asc(1)),
                  c,
                  "its input"),
          c ->
              new HashAggregate(
                  TestData.source(TYPES, rows(20_000), 100),
                  new int[] {1},
                  List.of(AggregateCall.countStar()),
                  c,
                  "table 'reviews'"),
          c ->
              new HashJoin(
                  TestData.source(TYPES, rows(20_000), 100),
                  TestData.source(TYPES, rows(20_000), 100),
                  new int[] {0},
                  new int[] {0},
                  JoinType.INNER,
                  HashJoin.Build.RIGHT,
                  c,
                  "table 'recipes'"));

  @Test
  void theSpillLimitFailsWithBothLimitsAndLeavesNoFile() {
    for (Function<ExecContext, Operator> make : OPERATORS) {
      ExecContext context = Spilling.context(dir, MEMORY, 50_000, 100, () -> false);
      Operator op = make.apply(context);
      assertThatThrownBy(() -> Rows.collect(op))
          .isInstanceOf(MemoryLimitExceededException.class)
          .hasMessageContaining(
              "in memory and spill files and needs more than "
                  + MEMORY
                  + " bytes of memory and 50000 bytes on disk")
          .hasMessageContaining(
              "the limits are the connection settings queryMemory="
                  + MEMORY
                  + " and spillLimit=50000")
          .hasMessageContaining("raise them (e.g. queryMemory=2g or spillLimit=100g)")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
          .satisfies(
              e -> assertThat(((MemoryLimitExceededException) e).key()).isEqualTo("spillLimit"));
      assertThat(Spilling.leftUnder(dir)).isEmpty();
      assertThat(context.spill().bytesOnDisk()).isZero();
    }
  }

  @Test
  void aCancelWhileSpillingLeavesNoFile() {
    for (Function<ExecContext, Operator> make : OPERATORS) {
      for (int after : new int[] {1, 150, 400}) {
        AtomicBoolean cancelled = new AtomicBoolean();
        int[] checks = {0};
        ExecContext context =
            Spilling.context(
                dir, MEMORY, 1L << 30, 100, () -> ++checks[0] > after || cancelled.get());
        Operator op = make.apply(context);
        assertThatThrownBy(
                () -> {
                  for (ColumnBatch b = op.next(); b != null; b = op.next()) {
                    // drain
                  }
                })
            .isInstanceOf(QueryCancelledException.class);
        assertThat(Spilling.leftUnder(dir)).as("after %d checks, before close", after).isEmpty();
        op.close();
      }
    }
  }

  @Test
  void closingEarlyLeavesNoFile() {
    for (Function<ExecContext, Operator> make : OPERATORS) {
      ExecContext context = Spilling.context(dir, MEMORY, 100);
      Operator op = make.apply(context);
      assertThat(op.next()).isNotNull();
      assertThat(context.spill().peakBytes()).as("it spilled").isPositive();
      op.close();
      assertThat(Spilling.leftUnder(dir)).isEmpty();
      assertThat(context.spill().bytesOnDisk()).isZero();
    }
  }
}
