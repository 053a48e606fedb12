package dev.bucketsql.engine.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.QueryCancelledException;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.expr.Expr;
import dev.bucketsql.engine.expr.Exprs;
import dev.bucketsql.engine.memory.MemoryLimit;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * {@link NestedLoopJoin} against a row-at-a-time nested loop written here, over random rows with
 * NULLs, NaN, -0.0 and extremes: every join type, conditions of comparisons under SQL's
 * three-valued AND, OR and IS NULL (the shape Calcite gives {@code NOT IN}), a cross join, empty
 * sides, one row, batch sizes that cross batch boundaries. The right input is read once; its rows
 * count against the memory limit; a cancel stops the loop.
 */
class NestedLoopJoinTest {
  static final List<ColumnType> LEFT =
      List.of(ColumnType.INTEGER, ColumnType.VARCHAR, ColumnType.DOUBLE, ColumnType.BIGINT);
  static final List<ColumnType> RIGHT =
      List.of(ColumnType.INTEGER, ColumnType.VARCHAR, ColumnType.DOUBLE, ColumnType.DECIMAL);
  private static final int W = LEFT.size();

  /** A condition as the engine evaluates it and as the reference does, row by row. */
  record Condition(String name, Expr expr, BiFunction<Object[], Object[], Boolean> rows) {}

  private static Expr l(int c) {
    return Exprs.column(c, LEFT.get(c));
  }

  private static Expr r(int c) {
    return Exprs.column(W + c, RIGHT.get(c));
  }

  static List<Condition> conditions() {
    return List.of(
        new Condition("cross", null, (a, b) -> true),
        new Condition("l0 < r0", Exprs.lt(l(0), r(0)), (a, b) -> compare(a[0], b[0], -1)),
        new Condition(
            "l2 >= r2 (NaN, -0.0)", Exprs.ge(l(2), r(2)), (a, b) -> compareAtLeast(a[2], b[2])),
        new Condition(
            "l1 = r1 OR r2 IS NULL",
            Exprs.or(Exprs.eq(l(1), r(1)), Exprs.isNull(r(2))),
            (a, b) -> or(equal(a[1], b[1]), b[2] == null)),
        new Condition(
            "l0 <= r0 AND l1 <> r1",
            Exprs.and(Exprs.le(l(0), r(0)), Exprs.ne(l(1), r(1))),
            (a, b) -> and(compareAtMost(a[0], b[0]), not(equal(a[1], b[1])))),
        new Condition(
            // NOT IN's shape: a match, or an unknown comparison, excludes the row
            "l0 = r0 OR (l0 = r0) IS NULL",
            Exprs.or(Exprs.eq(l(0), r(0)), Exprs.isNull(Exprs.eq(l(0), r(0)))),
            (a, b) -> or(equal(a[0], b[0]), equal(a[0], b[0]) == null)));
  }

  @Test
  void matchesTheRowAtATimeReference() {
    for (long seed = 1; seed <= 4; seed++) {
      Random random = new Random(seed);
      for (int[] sizes : new int[][] {{0, 0}, {0, 9}, {9, 0}, {1, 1}, {40, 25}, {130, 70}}) {
        List<Object[]> left = TestData.rows(random, LEFT, sizes[0], 15);
        List<Object[]> right = TestData.rows(random, RIGHT, sizes[1], 15);
        for (Condition condition : conditions()) {
          for (JoinType type : JoinType.values()) {
            if (type == JoinType.MARK) {
              continue;
            }
            for (int batchSize : TestData.BATCH_SIZES) {
              int[] reads = new int[1];
              List<Object[]> actual =
                  Rows.collect(
                      new NestedLoopJoin(
                          TestData.source(LEFT, left, batchSize),
                          counted(TestData.source(RIGHT, right, batchSize), reads),
                          condition.expr(),
                          type,
                          TestData.context(batchSize),
                          "table 'r'"));
              String as =
                  String.format(
                      "seed %d, sizes %s, %s, %s, batches of %d",
                      seed, Arrays.toString(sizes), condition.name(), type, batchSize);
              assertThat(TestData.multiset(actual))
                  .as(as)
                  .isEqualTo(TestData.multiset(reference(left, right, condition, type)));
              assertThat(reads[0]).as("right rows read, " + as).isEqualTo(right.size());
            }
          }
        }
      }
    }
  }

  @Test
  void theHeldRightSideCountsAgainstTheMemoryLimitAndIsReleased() {
    Random random = new Random(7);
    List<Object[]> right = TestData.rows(random, RIGHT, 2_000, 5);
    NestedLoopJoin join =
        new NestedLoopJoin(
            TestData.source(LEFT, TestData.rows(random, LEFT, 10, 5), 100),
            TestData.source(RIGHT, right, 100),
            Exprs.lt(l(0), r(0)),
            JoinType.INNER,
            new ExecContext(new MemoryLimit(10_000, MemoryLimit.QUERY_MEMORY), 100, () -> false),
            "table 'r'");
    assertThatThrownBy(() -> Rows.collect(join))
        .isInstanceOf(MemoryLimitExceededException.class)
        .hasMessageStartingWith(
            "the join holds table 'r' in memory and needs more than 10000 bytes")
        .hasMessageContaining("the limit is the connection setting queryMemory=10000");
    assertThat(join.reservedBytes()).isZero();
  }

  @Test
  void aCancelStopsTheLoop() {
    Random random = new Random(3);
    AtomicBoolean cancelled = new AtomicBoolean();
    int[] reads = new int[1];
    NestedLoopJoin join =
        new NestedLoopJoin(
            TestData.source(LEFT, TestData.rows(random, LEFT, 1_000, 0), 10),
            TestData.source(RIGHT, TestData.rows(random, RIGHT, 1_000, 0), 10),
            null,
            JoinType.INNER,
            new ExecContext(
                new MemoryLimit(1L << 30, MemoryLimit.QUERY_MEMORY), 10, cancelled::get),
            "table 'r'");
    assertThat(join.next()).isNotNull();
    cancelled.set(true);
    assertThatThrownBy(() -> Rows.collect(join)).isInstanceOf(QueryCancelledException.class);
    join.close();
    assertThat(join.reservedBytes()).isZero();
  }

  private static Operator counted(Operator input, int[] rows) {
    return new Operator() {
      @Override
      public List<ColumnType> types() {
        return input.types();
      }

      @Override
      public ColumnBatch next() {
        ColumnBatch b = input.next();
        if (b != null) {
          rows[0] += b.size();
        }
        return b;
      }

      @Override
      public void close() {
        input.close();
      }
    };
  }

  static List<Object[]> reference(
      List<Object[]> left, List<Object[]> right, Condition condition, JoinType type) {
    List<Object[]> out = new ArrayList<>();
    boolean[] rightMatched = new boolean[right.size()];
    for (Object[] a : left) {
      boolean matched = false;
      for (int j = 0; j < right.size(); j++) {
        if (Boolean.TRUE.equals(condition.rows().apply(a, right.get(j)))) {
          matched = true;
          rightMatched[j] = true;
          if (type.outputsRight()) {
            out.add(concat(a, right.get(j)));
          }
        }
      }
      boolean alone =
          switch (type) {
            case LEFT, FULL, ANTI -> !matched;
            case SEMI -> matched;
            default -> false;
          };
      if (alone) {
        out.add(type.outputsRight() ? concat(a, new Object[RIGHT.size()]) : a);
      }
    }
    if (type == JoinType.RIGHT || type == JoinType.FULL) {
      for (int j = 0; j < right.size(); j++) {
        if (!rightMatched[j]) {
          out.add(concat(new Object[W], right.get(j)));
        }
      }
    }
    return out;
  }

  private static Boolean compare(Object a, Object b, int sign) {
    return a == null || b == null ? null : Integer.signum(TestData.sqlCompare(a, b)) == sign;
  }

  private static Boolean compareAtLeast(Object a, Object b) {
    return a == null || b == null ? null : TestData.sqlCompare(a, b) >= 0;
  }

  private static Boolean compareAtMost(Object a, Object b) {
    return a == null || b == null ? null : TestData.sqlCompare(a, b) <= 0;
  }

  private static Boolean equal(Object a, Object b) {
    return a == null || b == null ? null : TestData.sqlEquals(a, b);
  }

  private static Boolean not(Boolean a) {
    return a == null ? null : !a;
  }

  private static Boolean or(Boolean a, Boolean b) {
    if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
      return true;
    }
    return a == null || b == null ? null : false;
  }

  private static Boolean and(Boolean a, Boolean b) {
    if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
      return false;
    }
    return a == null || b == null ? null : true;
  }

  private static Object[] concat(Object[] a, Object[] b) {
    Object[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
