package dev.bucketsql.engine.setop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.memory.MemoryLimit;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import dev.bucketsql.engine.spill.Spilling;
import dev.bucketsql.format.ColumnType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Set operations under a tiny memory limit: with spilling allowed they write partitions, several
 * levels down, and give exactly the reference's rows, leaving no file behind; without it, or past
 * the spill limit, they fail with the one-line error naming the set operation, never with a wrong
 * answer.
 */
class SpillingSetOperationTest {
  private static final List<ColumnType> TYPES =
      List.of(ColumnType.BIGINT, ColumnType.VARCHAR, ColumnType.DOUBLE);

  @TempDir Path dir;

  @Test
  void spilledOperationsGiveTheReferencesRows() {
    for (long seed = 1; seed <= 2; seed++) {
      Random random = new Random(seed);
      List<List<Object[]>> inputs = SetRows.inputs(random, TYPES, 3, 1500, 2500);
      int[] batchSizes = {7, 64, 3};
      for (SetOperation op : SetOperation.values()) {
        for (boolean all : new boolean[] {false, true}) {
          if (op == SetOperation.UNION && all) {
            continue;
          }
          long memory = 20_000 + random.nextInt(20_000);
          ExecContext context = Spilling.context(dir, memory, 64);
          List<Object[]> actual =
              Rows.collect(
                  op.operator(
                      SetOperationTest.sources(TYPES, inputs, batchSizes),
                      all,
                      context,
                      "its input"));
          assertThat(TestData.multiset(actual))
              .as("seed %d %s ALL=%s memory %d", seed, op, all, memory)
              .isEqualTo(TestData.multiset(SetRows.reference(op, all, inputs)));
          assertThat(context.spill().peakBytes()).as("it spilled").isPositive();
          assertThat(Spilling.leftUnder(dir)).isEmpty();
        }
      }
    }
  }

  @Test
  void withoutSpillingTheyFailNamingTheSetOperation() {
    List<List<Object[]>> inputs = List.of(distinct(0, 3000), distinct(1500, 3000));
    ExecContext small =
        new ExecContext(new MemoryLimit(16_384, MemoryLimit.QUERY_MEMORY), 64, () -> false);
    for (SetOperation op : SetOperation.values()) {
      Operator o =
          op.operator(
              SetOperationTest.sources(TYPES, inputs, new int[] {64, 64}),
              false,
              small,
              "tables 'a', 'b'");
      assertThatThrownBy(() -> Rows.collect(o))
          .isInstanceOf(MemoryLimitExceededException.class)
          .hasMessageStartingWith(
              "the set operation (" + op + ") holds the distinct rows of tables 'a', 'b' in memory")
          .hasMessageContaining("the limit is the connection setting queryMemory=16384")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void pastTheSpillLimitTheyFailAndLeaveNoFile() {
    List<List<Object[]>> inputs = List.of(distinct(0, 3000), distinct(1500, 3000));
    for (SetOperation op : SetOperation.values()) {
      ExecContext context = Spilling.context(dir, 16_384, 20_000, 64, () -> false);
      Operator o =
          op.operator(
              SetOperationTest.sources(TYPES, inputs, new int[] {64, 64}),
              true,
              context,
              "its input");
      if (op == SetOperation.UNION) {
        // UNION ALL holds nothing: it never spills
        assertThat(Rows.collect(o)).hasSize(inputs.get(0).size() + inputs.get(1).size());
        continue;
      }
      assertThatThrownBy(() -> Rows.collect(o))
          .isInstanceOf(MemoryLimitExceededException.class)
          .hasMessageStartingWith(
              "the set operation ("
                  + op
                  + ") holds the distinct rows of its input in memory and"
                  + " spill files")
          .hasMessageContaining("spillLimit=20000");
      assertThat(Spilling.leftUnder(dir)).isEmpty();
    }
  }

  @Test
  void anEarlyCloseLeavesNoFile() {
    List<List<Object[]>> inputs = List.of(distinct(0, 3000), distinct(1500, 3000));
    for (SetOperation op : SetOperation.values()) {
      ExecContext context = Spilling.context(dir, 16_384, 64);
      Operator o =
          op.operator(
              SetOperationTest.sources(TYPES, inputs, new int[] {64, 64}),
              false,
              context,
              "its input");
      assertThat(o.next()).isNotNull();
      assertThat(context.spill().peakBytes()).as("it spilled").isPositive();
      o.close();
      assertThat(Spilling.leftUnder(dir)).isEmpty();
    }
  }

  /** {@code count} distinct rows from number {@code from} on. */
  private static List<Object[]> distinct(int from, int count) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      rows.add(new Object[] {(long) i, "row number " + i, i / 4.0});
    }
    return rows;
  }
}
