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
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A semi-join or anti-join that holds its left input, for when the right one is the bigger: the
 * left rows go into a hash table by key, the right rows stream past and mark the left rows whose
 * key they meet; then the left rows come out in their order, the marked ones for a semi-join, the
 * others for an anti-join. Calcite's own semi-join holds the distinct keys of its right input
 * instead.
 *
 * <p>Keys are what the planner's null-aware key selectors return: null when a key that must not
 * be null is null (such a row meets nothing, as {@code =} with NULL is never true), else the key
 * or a list of keys compared by {@code equals}, as in Calcite's hash joins. The right input is
 * read only when the left one has a row, and no further once every left key is met.
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
    requireNonNull(left, "left is null");
    requireNonNull(right, "right is null");
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<L> enumerator() {
        return Linq4j.enumerator(marked(left, right, leftKey, rightKey, anti));
      }
    };
  }

  private static <L, R> List<L> marked(
      Enumerable<L> left,
      Enumerable<R> right,
      Function1<L, @Nullable Object> leftKey,
      Function1<R, @Nullable Object> rightKey,
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
          Object key = rightKey.apply(e.current());
          // a key met once is met: removed, later rows with it look up nothing
          Integer index = key == null ? null : first.remove(key);
          for (int i = index == null ? -1 : index; i >= 0; i = next[i]) {
            met[i] = true;
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
