package dev.bucketsql.engine.join;

import static dev.bucketsql.engine.expr.Exprs.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.expr.Expr;
import dev.bucketsql.engine.expr.Exprs;
import dev.bucketsql.engine.join.HashJoin.Build;
import dev.bucketsql.engine.spill.Spilling;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.SqlStateException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HashJoin} with a residual condition against a nested-loop reference that evaluates SQL's
 * three-valued {@code keys = keys AND residual} for every pair: random rows with NULL keys,
 * duplicate keys on both sides and residuals that are often NULL, every join type, both build
 * sides, batch sizes that split chains across batches of pairs, in memory and spilled under a small
 * memory limit. Errors of the residual come only from pairs whose keys match.
 */
class ResidualJoinTest {
  private static final List<ColumnType> LEFT =
      List.of(ColumnType.INTEGER, ColumnType.VARCHAR, ColumnType.BIGINT, ColumnType.DOUBLE);
  private static final List<ColumnType> RIGHT =
      List.of(ColumnType.INTEGER, ColumnType.VARCHAR, ColumnType.BIGINT, ColumnType.DOUBLE);
  private static final int[][] KEYS = {{0}, {1}, {0, 1}};

  /** A residual on the engine and the same condition written out over a joined row. */
  private record Residual(String name, Supplier<Expr> expr, Function<Object[], Boolean> value) {}

  private static final List<Residual> RESIDUALS =
      List.of(
          new Residual(
              "x < y",
              () -> Exprs.lt(column(2, ColumnType.BIGINT), column(6, ColumnType.BIGINT)),
              row -> compare(row[2], row[6], c -> c < 0)),
          new Residual(
              "d <> e OR x IS NULL",
              () ->
                  Exprs.or(
                      Exprs.ne(column(3, ColumnType.DOUBLE), column(7, ColumnType.DOUBLE)),
                      Exprs.isNull(column(2, ColumnType.BIGINT))),
              row -> or(compare(row[3], row[7], c -> c != 0), row[2] == null)),
          new Residual(
              "r.s >= l.s AND y > 3",
              () ->
                  Exprs.and(
                      Exprs.ge(column(5, ColumnType.VARCHAR), column(1, ColumnType.VARCHAR)),
                      Exprs.gt(
                          column(6, ColumnType.BIGINT), Exprs.constant(3L, ColumnType.BIGINT))),
              row -> and(compare(row[5], row[1], c -> c >= 0), compare(row[6], 3L, c -> c > 0))));

  @TempDir Path dir;

  @Test
  void matchesANestedLoopReferenceInMemory() {
    for (long seed = 1; seed <= 8; seed++) {
      Random random = new Random(seed);
      for (int[] sizes : new int[][] {{0, 7}, {7, 0}, {1, 1}, {40, 30}, {90, 70}}) {
        List<Object[]> left = TestData.rows(random, LEFT, sizes[0], 15);
        List<Object[]> right = TestData.rows(random, RIGHT, sizes[1], 15);
        int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
        checkAll(seed, sizes, left, right, random, () -> TestData.context(batchSize), false);
      }
    }
  }

  @Test
  void matchesANestedLoopReferenceSpilled() {
    for (long seed = 1; seed <= 1; seed++) {
      Random random = new Random(seed);
      int[] sizes = {300, 250};
      List<Object[]> left = TestData.rows(random, LEFT, sizes[0], 10);
      List<Object[]> right = TestData.rows(random, RIGHT, sizes[1], 10);
      int batchSize = TestData.BATCH_SIZES[1 + random.nextInt(3)];
      long memory = 12_000 + random.nextInt(4_000);
      checkAll(
          seed, sizes, left, right, random, () -> Spilling.context(dir, memory, batchSize), true);
      assertThat(Spilling.leftUnder(dir)).isEmpty();
    }
  }

  private void checkAll(
      long seed,
      int[] sizes,
      List<Object[]> left,
      List<Object[]> right,
      Random random,
      Supplier<ExecContext> contexts,
      boolean spills) {
    for (int[] keys : KEYS) {
      for (Residual residual : RESIDUALS) {
        for (JoinType type : JoinType.values()) {
          for (Build build : Build.values()) {
            if (type == JoinType.MARK && build == Build.LEFT) {
              continue;
            }
            HashJoin join =
                new HashJoin(
                    TestData.source(LEFT, left, 1 + random.nextInt(9)),
                    TestData.source(RIGHT, right, 1 + random.nextInt(9)),
                    keys,
                    keys,
                    new boolean[keys.length],
                    residual.expr(),
                    type,
                    build,
                    contexts.get(),
                    "table 'r'");
            List<Object[]> actual = Rows.collect(join);
            String what =
                String.format(
                    "seed %d, sizes %s, keys %s, %s, %s building %s",
                    seed,
                    Arrays.toString(sizes),
                    Arrays.toString(keys),
                    residual.name(),
                    type,
                    build);
            assertThat(TestData.multiset(actual))
                .as(what)
                .isEqualTo(TestData.multiset(reference(left, right, keys, residual, type)));
            if (spills && (build == Build.LEFT ? !left.isEmpty() : !right.isEmpty())) {
              assertThat(join.spilled()).as(what).isTrue();
            }
          }
        }
      }
    }
  }

  @Test
  void failsOnlyForPairsWhoseKeysMatch() {
    // y = 0 on the right row: x / y fails where the pair's keys match, and only there
    List<Object[]> right = List.<Object[]>of(new Object[] {1, "a", 0L, 1.0});
    Supplier<Expr> divides =
        () ->
            Exprs.gt(
                Exprs.divide(column(2, ColumnType.BIGINT), column(6, ColumnType.BIGINT)),
                Exprs.constant(0L, ColumnType.BIGINT));
    for (JoinType type : JoinType.values()) {
      for (Build build : Build.values()) {
        if (type == JoinType.MARK && build == Build.LEFT) {
          continue;
        }
        List<Object[]> other = List.<Object[]>of(new Object[] {2, "a", 5L, 1.0});
        List<Object[]> none = Rows.collect(join(other, right, divides, type, build));
        assertThat(none).as("%s building %s", type, build).hasSize(expectedUnmatched(type));
        List<Object[]> same = List.<Object[]>of(new Object[] {1, "a", 5L, 1.0});
        assertThatThrownBy(() -> Rows.collect(join(same, right, divides, type, build)))
            .as("%s building %s", type, build)
            .isInstanceOfSatisfying(
                SqlStateException.class,
                e -> assertThat(e.sqlState()).isEqualTo(SqlStateException.DIVISION_BY_ZERO));
      }
    }
  }

  @Test
  void aMarkWhoseOnlyPairsHaveUnknownKeysIsNullOrFalse() {
    List<Object[]> right =
        List.of(new Object[] {null, "a", 10L, 1.0}, new Object[] {3, "b", 0L, 1.0});
    List<Object[]> left = List.<Object[]>of(new Object[] {1, "a", 5L, 1.0});
    // the NULL-keyed right row may equal the left row: NULL where x < y may hold, FALSE where not
    assertThat(markOf(left, right, () -> lessThan(2, 6))).isNull();
    assertThat(markOf(left, right, () -> lessThan(6, 2))).isEqualTo(false);
    // a residual that fails for a pair whose keys are unknown leaves the pair unknown
    Supplier<Expr> divides =
        () ->
            Exprs.gt(
                Exprs.divide(column(2, ColumnType.BIGINT), column(6, ColumnType.BIGINT)),
                Exprs.constant(0L, ColumnType.BIGINT));
    List<Object[]> zero = List.<Object[]>of(new Object[] {null, "a", 0L, 1.0});
    assertThat(markOf(left, zero, divides)).isNull();
  }

  private static Expr lessThan(int a, int b) {
    return Exprs.lt(column(a, ColumnType.BIGINT), column(b, ColumnType.BIGINT));
  }

  private static Object markOf(List<Object[]> left, List<Object[]> right, Supplier<Expr> residual) {
    List<Object[]> rows = Rows.collect(join(left, right, residual, JoinType.MARK, Build.RIGHT));
    assertThat(rows).hasSize(1);
    return rows.get(0)[LEFT.size()];
  }

  private static int expectedUnmatched(JoinType type) {
    return switch (type) {
      case INNER, SEMI -> 0;
      case FULL -> 2;
      default -> 1;
    };
  }

  private static HashJoin join(
      List<Object[]> left,
      List<Object[]> right,
      Supplier<Expr> residual,
      JoinType type,
      Build build) {
    return new HashJoin(
        TestData.source(LEFT, left, 4),
        TestData.source(RIGHT, right, 4),
        new int[] {0},
        new int[] {0},
        new boolean[1],
        residual,
        type,
        build,
        TestData.context(4),
        "table 'r'");
  }

  /** SQL's {@code a <op> b}: NULL when either is NULL. */
  private static Boolean compare(Object a, Object b, java.util.function.IntPredicate op) {
    return a == null || b == null ? null : op.test(TestData.sqlCompare(a, b));
  }

  private static Boolean and(Boolean a, Boolean b) {
    if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
      return false;
    }
    return a == null || b == null ? null : true;
  }

  private static Boolean or(Boolean a, Boolean b) {
    if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
      return true;
    }
    return a == null || b == null ? null : false;
  }

  /** {@code l.k = r.k AND ...} for the keys, three-valued. */
  private static Boolean keysEqual(Object[] l, Object[] r, int[] keys) {
    Boolean all = true;
    for (int k : keys) {
      all = and(all, compare(l[k], r[k], c -> c == 0));
    }
    return all;
  }

  private static List<Object[]> reference(
      List<Object[]> left, List<Object[]> right, int[] keys, Residual residual, JoinType type) {
    List<Object[]> out = new ArrayList<>();
    boolean[] rightMatched = new boolean[right.size()];
    for (Object[] l : left) {
      Boolean any = false;
      for (int j = 0; j < right.size(); j++) {
        Object[] pair = concat(l, right.get(j));
        Boolean keyed = keysEqual(l, right.get(j), keys);
        // the residual of a pair whose keys do not match is never asked
        Boolean condition =
            and(keyed, Boolean.FALSE.equals(keyed) ? null : residual.value().apply(pair));
        any = or(any, condition);
        if (Boolean.TRUE.equals(condition)) {
          rightMatched[j] = true;
          if (type.outputsRight()) {
            out.add(pair);
          }
        }
      }
      boolean matched = Boolean.TRUE.equals(any);
      switch (type) {
        case LEFT, FULL -> {
          if (!matched) {
            out.add(concat(l, new Object[RIGHT.size()]));
          }
        }
        case SEMI -> {
          if (matched) {
            out.add(l);
          }
        }
        case ANTI -> {
          if (!matched) {
            out.add(l);
          }
        }
        case MARK -> out.add(concat(l, new Object[] {any}));
        default -> {}
      }
    }
    if (type == JoinType.RIGHT || type == JoinType.FULL) {
      for (int j = 0; j < right.size(); j++) {
        if (!rightMatched[j]) {
          out.add(concat(new Object[LEFT.size()], right.get(j)));
        }
      }
    }
    return out;
  }

  private static Object[] concat(Object[] a, Object[] b) {
    Object[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
