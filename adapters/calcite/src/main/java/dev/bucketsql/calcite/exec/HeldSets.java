package dev.bucketsql.calcite.exec;

import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryLimit;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.function.EqualityComparer;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The set operations Calcite runs on hash sets ({@code UNION} without {@code ALL}, {@code EXCEPT}
 * and {@code INTERSECT}, with or without {@code ALL}), computing the same rows while counting what
 * they hold against the connection's {@code queryMemory}, at an estimated size a row, and failing
 * the query with {@link MemoryLimitExceededException} when it would need more.
 *
 * <p>Each holds one hash set (or, with {@code ALL}, one map from row to count) and streams the
 * rest: a {@code UNION} the distinct rows of all its inputs; an {@code EXCEPT} the distinct rows of
 * its first input, from which each row of the others is removed; an {@code INTERSECT} the distinct
 * rows of its second input, which the rows of the others are matched against (a matched row moves
 * to the next set, so the two together never hold more). Only a row new to the set is counted, one
 * comparison when it is added; a duplicate costs nothing more than its lookup. Like Calcite's, the
 * result is computed when the query starts.
 *
 * <p>Called by the code Calcite generates for {@link dev.bucketsql.calcite.rel.BucketSetGuard},
 * public for that reason only.
 */
public final class HeldSets {
  private final MemoryLimit limit;
  private final HeldBy by;
  private final String subject;
  private final long maxRows;

  @SuppressWarnings("rawtypes")
  private final @Nullable EqualityComparer comparer;

  @SuppressWarnings("rawtypes")
  private HeldSets(
      DataContext root,
      HeldBy by,
      long bytesPerRow,
      String subject,
      @Nullable EqualityComparer comparer) {
    this.limit = ConnectionMemory.limit(root, by);
    this.by = by;
    this.subject = subject;
    this.maxRows = limit.items(bytesPerRow);
    this.comparer = comparer;
  }

  /**
   * The distinct rows of all {@code inputs}.
   *
   * @param comparer how rows compare (arrays by their elements), or null for {@code equals}
   * @param bytesPerRow the estimated memory of one held row
   * @param subject the tables the rows come from ({@link MemoryLimitExceededException#subject})
   */
  @SuppressWarnings("rawtypes")
  public static Enumerable union(
      Enumerable[] inputs,
      @Nullable EqualityComparer comparer,
      DataContext root,
      long bytesPerRow,
      String subject) {
    HeldSets held = new HeldSets(root, HeldBy.UNION, bytesPerRow, subject, comparer);
    Set<Object> set = new HashSet<>();
    for (Enumerable input : inputs) {
      held.addAll(input, set);
    }
    return held.rows(set);
  }

  /**
   * The distinct rows of {@code input} for an operator of kind {@code by}; also the {@code
   * DISTINCT} of an aggregate ({@link HeldGroups#distinct}).
   *
   * @see #union
   */
  @SuppressWarnings("rawtypes")
  static Enumerable distinct(
      Enumerable input,
      @Nullable EqualityComparer comparer,
      DataContext root,
      HeldBy by,
      long bytesPerRow,
      String subject) {
    HeldSets held = new HeldSets(root, by, bytesPerRow, subject, comparer);
    return held.rows(held.addAll(input, new HashSet<>()));
  }

  /**
   * The rows of the first of {@code inputs} that are in none of the others: distinct, or with
   * {@code all} as many times as they are there more than in the others together.
   *
   * @see #union
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public static Enumerable except(
      Enumerable[] inputs,
      boolean all,
      @Nullable EqualityComparer comparer,
      DataContext root,
      long bytesPerRow,
      String subject) {
    HeldSets held = new HeldSets(root, HeldBy.EXCEPT, bytesPerRow, subject, comparer);
    if (!all) {
      Set<Object> set = held.addAll(inputs[0], new HashSet<>());
      for (int i = 1; i < inputs.length; i++) {
        try (Enumerator<Object> in = inputs[i].enumerator()) {
          while (in.moveNext()) {
            set.remove(held.key(in.current()));
          }
        }
      }
      return held.rows(set);
    }
    Map<Object, long[]> counts = held.count(inputs[0]);
    for (int i = 1; i < inputs.length; i++) {
      try (Enumerator<Object> in = inputs[i].enumerator()) {
        while (in.moveNext()) {
          Object key = held.key(in.current());
          long[] c = counts.get(key);
          if (c != null && --c[0] == 0) {
            counts.remove(key);
          }
        }
      }
    }
    return held.repeated(counts);
  }

  /**
   * The rows in every one of {@code inputs}: distinct, or with {@code all} as many times as the
   * input with the fewest of them has. Holds the second input, as Calcite does.
   *
   * @see #union
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public static Enumerable intersect(
      Enumerable[] inputs,
      boolean all,
      @Nullable EqualityComparer comparer,
      DataContext root,
      long bytesPerRow,
      String subject) {
    HeldSets held = new HeldSets(root, HeldBy.INTERSECT, bytesPerRow, subject, comparer);
    int heldInput = inputs.length > 1 ? 1 : 0;
    if (!all) {
      Set<Object> set = held.addAll(inputs[heldInput], new HashSet<>());
      for (int i = 0; i < inputs.length; i++) {
        if (i == heldInput) {
          continue;
        }
        Set<Object> matched = new HashSet<>();
        try (Enumerator<Object> in = inputs[i].enumerator()) {
          while (in.moveNext()) {
            Object key = held.key(in.current());
            if (set.remove(key)) {
              matched.add(key);
            }
          }
        }
        set = matched;
      }
      return held.rows(set);
    }
    // [0]: how many times the row is in the intersection so far; [1]: matched in this input
    Map<Object, long[]> counts = held.count(inputs[heldInput]);
    for (int i = 0; i < inputs.length; i++) {
      if (i == heldInput) {
        continue;
      }
      try (Enumerator<Object> in = inputs[i].enumerator()) {
        while (in.moveNext()) {
          long[] c = counts.get(held.key(in.current()));
          if (c != null && c[0] > 0) {
            c[0]--;
            c[1]++;
          }
        }
      }
      for (Iterator<long[]> it = counts.values().iterator(); it.hasNext(); ) {
        long[] c = it.next();
        c[0] = c[1];
        c[1] = 0;
        if (c[0] == 0) {
          it.remove();
        }
      }
    }
    return held.repeated(counts);
  }

  /** {@code set} with the rows of {@code input} added, failing when it grows past the limit. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private Set<Object> addAll(Enumerable input, Set<Object> set) {
    try (Enumerator<Object> in = input.enumerator()) {
      while (in.moveNext()) {
        if (set.add(key(in.current())) && set.size() > maxRows) {
          throw limit.exceeded(by, subject, set.size());
        }
      }
    }
    return set;
  }

  /**
   * The distinct rows of {@code input}, each with how many times it is there (at [0]; [1] is for
   * {@link #intersect}), failing when they grow past the limit.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private Map<Object, long[]> count(Enumerable input) {
    Map<Object, long[]> counts = new HashMap<>();
    try (Enumerator<Object> in = input.enumerator()) {
      while (in.moveNext()) {
        Object key = key(in.current());
        long[] c = counts.get(key);
        if (c == null) {
          c = new long[2];
          counts.put(key, c);
          if (counts.size() > maxRows) {
            throw limit.exceeded(by, subject, counts.size());
          }
        }
        c[0]++;
      }
    }
    return counts;
  }

  private @Nullable Object key(@Nullable Object row) {
    return comparer == null || row == null ? row : new ComparedRow(row, comparer);
  }

  private @Nullable Object row(@Nullable Object key) {
    return key instanceof ComparedRow c ? c.row : key;
  }

  private Enumerable<Object> rows(Set<Object> set) {
    Enumerable<Object> keys = Linq4j.asEnumerable(set);
    return comparer == null ? keys : keys.select(this::row);
  }

  /** Each row of {@code counts} as many times as its count at [0]. */
  private Enumerable<Object> repeated(Map<Object, long[]> counts) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object> enumerator() {
        return new Enumerator<>() {
          private Iterator<Map.Entry<Object, long[]>> entries = counts.entrySet().iterator();
          private @Nullable Object current;
          private long left;

          @Override
          public Object current() {
            return current;
          }

          @Override
          public boolean moveNext() {
            while (left == 0) {
              if (!entries.hasNext()) {
                return false;
              }
              Map.Entry<Object, long[]> e = entries.next();
              current = row(e.getKey());
              left = e.getValue()[0];
            }
            left--;
            return true;
          }

          @Override
          public void reset() {
            entries = counts.entrySet().iterator();
            left = 0;
          }

          @Override
          public void close() {}
        };
      }
    };
  }
}
