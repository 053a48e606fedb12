package dev.bucketsql.engine.join;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.engine.TestData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The equi-join written out plainly, that {@link HashJoinTest}, {@link IndexedJoinTest} and {@link
 * PackedJoinTest} check {@link HashJoin} against: a map from each right row's key values (SQL-equal
 * values alike, {@link TestData#keyOf}) to its rows, and SQL's three-valued comparison worked out
 * row by row where the map cannot answer (a MARK join's NULL).
 *
 * <p>Column {@code keys[i]} of a left row is compared with column {@code keys[i]} of a right row. A
 * NULL in a key matches nothing, unless the key is null-safe ({@code <=>}), where NULL matches
 * NULL. MARK appends TRUE on a match; else NULL when some right row compares unknown (a NULL on
 * either side of a key that is not null-safe, every other key equal or unknown); else FALSE.
 */
final class JoinReference {
  private JoinReference() {}

  /** The join of {@code type} on {@code keys}, none null-safe. */
  static List<Object[]> join(
      List<Object[]> left,
      int leftWidth,
      List<Object[]> right,
      int rightWidth,
      int[] keys,
      JoinType type) {
    return join(left, leftWidth, right, rightWidth, keys, new boolean[keys.length], type);
  }

  /**
   * The join of {@code type} on {@code keys}, key {@code i} null-safe when {@code nullSafe[i]}; the
   * rows of a side are {@code leftWidth} or {@code rightWidth} wide (the NULLs an outer join pads a
   * row with).
   */
  static List<Object[]> join(
      List<Object[]> left,
      int leftWidth,
      List<Object[]> right,
      int rightWidth,
      int[] keys,
      boolean[] nullSafe,
      JoinType type) {
    Map<List<Object>, List<Integer>> byKey = new HashMap<>();
    List<Integer> rightNullRows = new ArrayList<>();
    for (int j = 0; j < right.size(); j++) {
      if (nullInKey(right.get(j), keys, nullSafe)) {
        rightNullRows.add(j);
      } else {
        byKey.computeIfAbsent(keyOf(right.get(j), keys), x -> new ArrayList<>()).add(j);
      }
    }
    List<Object[]> out = new ArrayList<>();
    boolean[] rightMatched = new boolean[right.size()];
    for (Object[] l : left) {
      boolean leftNull = nullInKey(l, keys, nullSafe);
      List<Integer> matches = leftNull ? List.of() : byKey.getOrDefault(keyOf(l, keys), List.of());
      for (int j : matches) {
        rightMatched[j] = true;
        if (type.outputsRight()) {
          out.add(concat(l, right.get(j)));
        }
      }
      boolean matched = !matches.isEmpty();
      switch (type) {
        case LEFT, FULL -> {
          if (!matched) {
            out.add(concat(l, new Object[rightWidth]));
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
        case MARK -> {
          boolean unknown = false;
          if (!matched) {
            // only a comparison with a NULL is unknown: every right row when the left has one
            int candidates = leftNull ? right.size() : rightNullRows.size();
            for (int c = 0; c < candidates && !unknown; c++) {
              Object[] r = right.get(leftNull ? c : rightNullRows.get(c));
              unknown = condition(l, r, keys, nullSafe) == null;
            }
          }
          out.add(
              concat(l, new Object[] {matched ? Boolean.TRUE : unknown ? null : Boolean.FALSE}));
        }
        default -> {}
      }
    }
    if (type == JoinType.RIGHT || type == JoinType.FULL) {
      for (int j = 0; j < right.size(); j++) {
        if (!rightMatched[j]) {
          out.add(concat(new Object[leftWidth], right.get(j)));
        }
      }
    }
    return out;
  }

  /**
   * That {@code actual} and {@code expected} hold the same rows as multisets, a mismatch told by
   * its first differing row, not by the whole lists.
   */
  static void assertSameRows(String what, List<Object[]> actual, List<Object[]> expected) {
    List<String> a = TestData.multiset(actual);
    List<String> e = TestData.multiset(expected);
    int i = 0;
    while (i < Math.min(a.size(), e.size()) && a.get(i).equals(e.get(i))) {
      i++;
    }
    String at = i < a.size() ? a.get(i) : "(end)";
    String expectedAt = i < e.size() ? e.get(i) : "(end)";
    assertThat(at)
        .as("%s: %d rows for %d, first difference at %d", what, a.size(), e.size(), i)
        .isEqualTo(expectedAt);
  }

  /** SQL's {@code l.k = r.k AND ...} ({@code <=>} where null-safe): TRUE, FALSE or NULL (null). */
  private static Boolean condition(Object[] l, Object[] r, int[] keys, boolean[] nullSafe) {
    boolean unknown = false;
    for (int i = 0; i < keys.length; i++) {
      Object a = l[keys[i]];
      Object b = r[keys[i]];
      if (a == null || b == null) {
        if (!nullSafe[i]) {
          unknown = true;
        } else if (a != b) {
          return false;
        }
      } else if (!TestData.sqlEquals(a, b)) {
        return false;
      }
    }
    return unknown ? null : true;
  }

  /** Whether a key that is not null-safe is NULL in {@code row}: it matches no row then. */
  private static boolean nullInKey(Object[] row, int[] keys, boolean[] nullSafe) {
    for (int i = 0; i < keys.length; i++) {
      if (row[keys[i]] == null && !nullSafe[i]) {
        return true;
      }
    }
    return false;
  }

  private static List<Object> keyOf(Object[] row, int[] keys) {
    List<Object> key = new ArrayList<>();
    for (int k : keys) {
      key.add(TestData.keyOf(row[k]));
    }
    return key;
  }

  private static Object[] concat(Object[] a, Object[] b) {
    Object[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
