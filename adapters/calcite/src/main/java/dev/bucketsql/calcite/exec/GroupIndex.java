package dev.bucketsql.calcite.exec;

import dev.bucketsql.format.ColumnBatch.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers the groups of a fused aggregate 0, 1, 2, ... in order of first appearance, from the
 * values of its group operands in a joined row. One numeric key (the usual dashboard shape:
 * a year, an id) goes through a primitive open-addressing table; other keys through a map of
 * lists of values, compared as Calcite compares them ({@code equals} of the Java values).
 */
abstract class GroupIndex {
  /** The group of the joined row {@code f}, added if new. */
  abstract int groupOf(Frame f);

  /** Groups so far. */
  abstract int size();

  /** Writes group {@code g}'s key values into {@code row} from position 0. */
  abstract void keys(int g, Object[] row);

  static GroupIndex of(List<Operand> keys) {
    if (keys.isEmpty()) {
      return new Single();
    }
    if (keys.size() == 1 && keys.get(0).repr().kind() != Kind.OBJECT) {
      return new Numeric(keys.get(0));
    }
    return new General(keys);
  }

  /** No GROUP BY: one group, present even when no row joined. */
  private static final class Single extends GroupIndex {
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

  /** One LONG or DOUBLE key; a DOUBLE by its bits, which is how {@link Double#equals} compares. */
  private static final class Numeric extends GroupIndex {
    private final Operand key;
    private final boolean isDouble;
    private long[] slotKeys = new long[64];
    private int[] slotGroups = new int[64];
    private int mask = 63;
    private long[] groupKeys = new long[16];
    private int size;
    private int nullGroup = -1;

    Numeric(Operand key) {
      this.key = key;
      this.isDouble = key.repr().kind() == Kind.DOUBLE;
      Arrays.fill(slotGroups, -1);
    }

    @Override
    int groupOf(Frame f) {
      if (key.isNull(f)) {
        if (nullGroup < 0) {
          nullGroup = newGroup(0);
        }
        return nullGroup;
      }
      long k = isDouble ? Double.doubleToLongBits(key.doubleValue(f)) : key.longValue(f);
      int s = JoinIndex.hash(k) & mask;
      while (slotGroups[s] >= 0) {
        if (slotKeys[s] == k) {
          return slotGroups[s];
        }
        s = (s + 1) & mask;
      }
      int g = newGroup(k);
      slotKeys[s] = k;
      slotGroups[s] = g;
      if (size * 2 > slotKeys.length) {
        rehash();
      }
      return g;
    }

    private int newGroup(long k) {
      if (size == groupKeys.length) {
        groupKeys = Arrays.copyOf(groupKeys, size * 2);
      }
      groupKeys[size] = k;
      return size++;
    }

    private void rehash() {
      long[] oldKeys = slotKeys;
      int[] oldGroups = slotGroups;
      slotKeys = new long[oldKeys.length * 2];
      slotGroups = new int[oldKeys.length * 2];
      Arrays.fill(slotGroups, -1);
      mask = slotKeys.length - 1;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldGroups[i] >= 0) {
          int s = JoinIndex.hash(oldKeys[i]) & mask;
          while (slotGroups[s] >= 0) {
            s = (s + 1) & mask;
          }
          slotKeys[s] = oldKeys[i];
          slotGroups[s] = oldGroups[i];
        }
      }
    }

    @Override
    int size() {
      return size;
    }

    @Override
    void keys(int g, Object[] row) {
      if (g == nullGroup) {
        row[0] = null;
      } else if (isDouble) {
        row[0] = key.repr().box(Double.longBitsToDouble(groupKeys[g]));
      } else {
        row[0] = key.repr().box(groupKeys[g]);
      }
    }
  }

  private static final class General extends GroupIndex {
    private final Operand[] keys;
    private final Map<List<Object>, Integer> groups = new HashMap<>();
    private final List<Object[]> values = new ArrayList<>();

    General(List<Operand> keys) {
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
