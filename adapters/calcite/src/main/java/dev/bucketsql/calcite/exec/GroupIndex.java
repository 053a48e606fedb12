package dev.bucketsql.calcite.exec;

import dev.bucketsql.engine.hash.LongKeyTable;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryLimit;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import dev.bucketsql.format.ColumnBatch.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers the groups of a fused aggregate 0, 1, 2, ... in order of first appearance, from the
 * values of its group operands in a joined row. One numeric key (the usual dashboard shape: a year,
 * an id) goes through a primitive open-addressing table; other keys through a map of lists of
 * values, compared as Calcite compares them ({@code equals} of the Java values).
 *
 * <p>A new group beyond what the connection's {@code queryMemory} allows, at the estimated bytes of
 * a group, fails the query ({@link MemoryLimitExceededException}); the check is made only when a
 * group is added, never for a row of an existing group.
 */
abstract class GroupIndex {
  /** Bounds the groups; null for the single group of an aggregate without GROUP BY. */
  private final GroupLimit limit;

  GroupIndex(GroupLimit limit) {
    this.limit = limit;
  }

  /** The group of the joined row {@code f}, added if new. */
  abstract int groupOf(Frame f);

  /**
   * The groups of probe rows {@code [0, n)} of {@code f} into {@code groups}, as {@link #groupOf}
   * row after row would number them.
   */
  void groupsOf(Frame f, int n, int[] groups) {
    for (int r = 0; r < n; r++) {
      f.rows[Frame.PROBE] = r;
      groups[r] = groupOf(f);
    }
  }

  /** Groups so far. */
  abstract int size();

  /** Writes group {@code g}'s key values into {@code row} from position 0. */
  abstract void keys(int g, Object[] row);

  /** Fails when adding a group to the {@code size} already there would take too much memory. */
  final void checkNewGroup(int size) {
    if (size >= limit.maxGroups()) {
      throw limit.exceeded(size + 1L);
    }
  }

  /**
   * The index for the group operands {@code keys}, bounded by {@code limit} (unused when {@code
   * keys} is empty: then there is one group).
   */
  static GroupIndex of(List<Operand> keys, GroupLimit limit) {
    if (keys.isEmpty()) {
      return new Single();
    }
    if (keys.size() == 1 && keys.get(0).repr().kind() != Kind.OBJECT) {
      return new Numeric(keys.get(0), limit);
    }
    return new General(keys, limit);
  }

  /** The estimated bytes the index holds a group: table slots, key values, map entries. */
  static long bytesPerGroup(List<Operand> keys) {
    if (keys.isEmpty()) {
      return 0;
    }
    if (keys.size() == 1 && keys.get(0).repr().kind() != Kind.OBJECT) {
      // at most four 12-byte slots a group (half full, doubling), the key kept once (8, growing by
      // half)
      return LongKeyTable.bytesPerKey();
    }
    // a hash map entry, the list over the values array, the array and each boxed value
    long bytes = 48 + 16 + 16 + 4L * keys.size();
    for (Operand k : keys) {
      bytes += k.repr().kind() == Kind.OBJECT ? 88 : 24;
    }
    return bytes;
  }

  /**
   * The most groups a fused aggregate may hold, and the error when it would hold more.
   *
   * @param maxGroups the most groups
   * @param limit the connection's limit, for the error
   * @param subject the tables the groups come from, for the error
   */
  record GroupLimit(long maxGroups, MemoryLimit limit, String subject) {
    MemoryLimitExceededException exceeded(long groups) {
      return limit.exceeded(HeldBy.AGGREGATE, subject, groups);
    }
  }

  /** No GROUP BY: one group, present even when no row joined. */
  private static final class Single extends GroupIndex {
    Single() {
      super(null);
    }

    @Override
    int groupOf(Frame f) {
      return 0;
    }

    @Override
    int size() {
      return 1;
    }

    @Override
    void keys(int g, Object[] row) {}
  }

  /**
   * One LONG or DOUBLE key, numbered by the engine's {@link LongKeyTable} (the group is the table's
   * number; NULL takes one without a key); a DOUBLE by its bits, which is how {@link Double#equals}
   * compares.
   */
  private static final class Numeric extends GroupIndex {
    private final Operand key;
    private final boolean isDouble;
    private final LongKeyTable table = LongKeyTable.forGroups();
    private int nullGroup = -1;

    Numeric(Operand key, GroupLimit limit) {
      super(limit);
      this.key = key;
      this.isDouble = key.repr().kind() == Kind.DOUBLE;
    }

    @Override
    int groupOf(Frame f) {
      if (key.isNull(f)) {
        if (nullGroup < 0) {
          checkNewGroup(table.size());
          nullGroup = table.addUnkeyed();
        }
        return nullGroup;
      }
      long k = isDouble ? Double.doubleToLongBits(key.doubleValue(f)) : key.longValue(f);
      int g = table.find(k);
      if (g < 0) {
        checkNewGroup(table.size());
        g = table.add(k);
      }
      return g;
    }

    /**
     * A key read from a LONG column as it is: the groups already known are looked up in one tight
     * loop, whose cache misses overlap, and only the rows whose key was not known then go through
     * {@link #groupOf} (a new group, or one an earlier row of the batch added since).
     */
    @Override
    void groupsOf(Frame f, int n, int[] groups) {
      int c = key.column();
      if (c < 0 || key.side() != Frame.PROBE || isDouble) {
        super.groupsOf(f, n, groups);
        return;
      }
      long[] values = f.columns[Frame.PROBE].longs(c);
      boolean[] nulls = f.columns[Frame.PROBE].nulls(c);
      // a run of equal keys (lineitem by its order) looks up once
      table.findAll(values, nulls, n, -1, groups);
      for (int r = 0; r < n; r++) {
        if (groups[r] < 0) {
          if (r > 0 && !nulls[r] && !nulls[r - 1] && values[r] == values[r - 1]) {
            // the rest of a run of a new key: the group its first row just made
            groups[r] = groups[r - 1];
            continue;
          }
          f.rows[Frame.PROBE] = r;
          groups[r] = groupOf(f);
        }
      }
    }

    @Override
    int size() {
      return table.size();
    }

    @Override
    void keys(int g, Object[] row) {
      if (g == nullGroup) {
        row[0] = null;
      } else if (isDouble) {
        row[0] = key.repr().box(Double.longBitsToDouble(table.key(g)));
      } else {
        row[0] = key.repr().box(table.key(g));
      }
    }
  }

  private static final class General extends GroupIndex {
    private final Operand[] keys;
    private final Map<List<Object>, Integer> groups = new HashMap<>();
    private final List<Object[]> values = new ArrayList<>();

    General(List<Operand> keys, GroupLimit limit) {
      super(limit);
      this.keys = keys.toArray(new Operand[0]);
    }

    @Override
    int groupOf(Frame f) {
      Object[] v = new Object[keys.length];
      for (int i = 0; i < keys.length; i++) {
        v[i] = keys[i].boxed(f);
      }
      List<Object> key = Arrays.asList(v);
      Integer g = groups.get(key);
      if (g == null) {
        checkNewGroup(values.size());
        g = values.size();
        groups.put(key, g);
        values.add(v);
      }
      return g;
    }

    @Override
    int size() {
      return values.size();
    }

    @Override
    void keys(int g, Object[] row) {
      System.arraycopy(values.get(g), 0, row, 0, keys.length);
    }
  }
}
