package dev.bucketsql.calcite.exec;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.linq4j.function.Predicate2;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A semi-join or anti-join that holds its left input, for when the right one is the bigger: the
 * left rows go into a hash table by key, the right rows stream past and mark the left rows whose
 * key they meet (and, with a residual condition, make it true); then the left rows come out in
 * their order, the marked ones for a semi-join, the others for an anti-join. Calcite's own
 * semi-join holds the distinct keys of its right input instead, or with a residual condition every
 * right row.
 *
 * <p>Keys are what the planner's null-aware key selectors return: null when a key that must not be
 * null is null (such a row meets nothing, as {@code =} with NULL is never true), else the key or a
 * list of keys compared by {@code equals}, as in Calcite's hash joins. The right input is read only
 * when the left one has a row, and no further once every left key is met.
 */
public final class MarkJoins {
  private MarkJoins() {}

  /**
   * The rows of {@code left} whose key some row of {@code right} has ({@code anti}: has not).
   *
   * @param left the input held
   * @param right the input streamed
   * @param leftKey the key of a left row, null when it can match nothing
   * @param rightKey the key of a right row, null when it can match nothing
   * @param anti whether to return the rows not met instead
   */
  public static <L, R> Enumerable<L> semi(
      Enumerable<L> left,
      Enumerable<R> right,
      Function1<L, @Nullable Object> leftKey,
      Function1<R, @Nullable Object> rightKey,
      boolean anti) {
    return semi(left, right, leftKey, rightKey, null, anti);
  }

  /**
   * The rows of {@code left} for which some row of {@code right} has the same key and makes {@code
   * residual} true ({@code anti}: for which none does): a correlated {@code EXISTS} whose condition
   * also compares other columns ({@code l2.l_suppkey <> l1.l_suppkey}).
   *
   * @param residual the rest of the join condition over a left and a right row, null for none
   */
  public static <L, R> Enumerable<L> semi(
      Enumerable<L> left,
      Enumerable<R> right,
      Function1<L, @Nullable Object> leftKey,
      Function1<R, @Nullable Object> rightKey,
      @Nullable Predicate2<L, R> residual,
      boolean anti) {
    requireNonNull(left, "left is null");
    requireNonNull(right, "right is null");
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<L> enumerator() {
        return Linq4j.enumerator(marked(left, right, leftKey, rightKey, residual, anti));
      }
    };
  }

  private static <L, R> List<L> marked(
      Enumerable<L> left,
      Enumerable<R> right,
      Function1<L, @Nullable Object> leftKey,
      Function1<R, @Nullable Object> rightKey,
      @Nullable Predicate2<L, R> residual,
      boolean anti) {
    List<L> rows = new ArrayList<>();
    // first row of each key, and the next row of the same key per row: no list per key
    Map<Object, Integer> first = new HashMap<>();
    int[] next = new int[16];
    try (Enumerator<L> e = left.enumerator()) {
      while (e.moveNext()) {
        L row = e.current();
        int index = rows.size();
        rows.add(row);
        if (index == next.length) {
          next = Arrays.copyOf(next, index * 2);
        }
        Object key = leftKey.apply(row);
        Integer previous = key == null ? null : first.put(key, index);
        next[index] = previous == null ? -1 : previous;
      }
    }
    boolean[] met = new boolean[rows.size()];
    if (!first.isEmpty()) {
      try (Enumerator<R> e = right.enumerator()) {
        while (!first.isEmpty() && e.moveNext()) {
          R row = e.current();
          Object key = rightKey.apply(row);
          if (key == null) {
            continue;
          }
          if (residual == null) {
            // a key met once is met: removed, later rows with it look up nothing
            Integer index = first.remove(key);
            for (int i = index == null ? -1 : index; i >= 0; i = next[i]) {
              met[i] = true;
            }
            continue;
          }
          Integer index = first.get(key);
          boolean all = index != null;
          for (int i = index == null ? -1 : index; i >= 0; i = next[i]) {
            if (!met[i]) {
              met[i] = residual.apply(rows.get(i), row);
              all &= met[i];
            }
          }
          if (all) {
            // every row of the key is met: later rows with it look up nothing
            first.remove(key);
          }
        }
      }
    }
    List<L> result = new ArrayList<>();
    for (int i = 0; i < met.length; i++) {
      if (met[i] != anti) {
        result.add(rows.get(i));
      }
    }
    return result;
  }
}
