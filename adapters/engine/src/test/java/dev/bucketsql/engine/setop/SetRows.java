package dev.bucketsql.engine.setop;

import dev.bucketsql.engine.TestData;
import dev.bucketsql.format.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Inputs for set operation tests, and the reference: rows counted per input in a map, one row at a
 * time, each kept as many times as SQL's definition of the operation says.
 */
final class SetRows {
  private SetRows() {}

  /**
   * {@code inputs} lists of rows of {@code types} that share rows: each row is drawn from a pool of
   * {@code pool} random rows (about a third NULL-free), often in another spelling of the same value
   * (-0.0 for 0.0, another NaN, a decimal with one more zero), or is new; an input is empty one
   * time in six.
   */
  static List<List<Object[]>> inputs(
      Random random, List<ColumnType> types, int inputs, int pool, int maxRows) {
    List<Object[]> shared = TestData.rows(random, types, pool, 15);
    List<List<Object[]>> all = new ArrayList<>();
    for (int i = 0; i < inputs; i++) {
      int count = random.nextInt(6) == 0 ? 0 : random.nextInt(6) == 0 ? 1 : random.nextInt(maxRows);
      List<Object[]> rows = new ArrayList<>();
      for (int r = 0; r < count; r++) {
        int pick = random.nextInt(10);
        if (pick == 0) {
          rows.add(TestData.rows(random, types, 1, 15).get(0));
        } else {
          Object[] row = shared.get(random.nextInt(shared.size()));
          rows.add(pick < 4 ? variant(row) : row);
        }
      }
      all.add(rows);
    }
    return all;
  }

  /** The same row as SQL compares it, its values spelled otherwise where they can be. */
  private static Object[] variant(Object[] row) {
    Object[] v = row.clone();
    for (int c = 0; c < v.length; c++) {
      if (v[c] instanceof Double d && d == 0.0) {
        v[c] = 1 / d > 0 ? -0.0 : 0.0;
      } else if (v[c] instanceof Double d && d.isNaN()) {
        v[c] = Double.longBitsToDouble(0x7ff8000000000123L);
      } else if (v[c] instanceof BigDecimal d) {
        v[c] = d.setScale(d.scale() + 1);
      }
    }
    return v;
  }

  /**
   * What {@code operation} gives over {@code inputs}: each distinct row (SQL-equal values are one,
   * NULL equals NULL) with the values of its first copy in input order, as many times as the
   * definition says; for UNION ALL every row as it is.
   */
  static List<Object[]> reference(
      SetOperation operation, boolean all, List<List<Object[]>> inputs) {
    if (operation == SetOperation.UNION && all) {
      // UNION ALL compares nothing: every row as it is
      List<Object[]> out = new ArrayList<>();
      inputs.forEach(out::addAll);
      return out;
    }
    int n = inputs.size();
    Map<List<Object>, long[]> counts = new LinkedHashMap<>();
    Map<List<Object>, Object[]> first = new HashMap<>();
    for (int i = 0; i < n; i++) {
      for (Object[] row : inputs.get(i)) {
        List<Object> key =
            Arrays.stream(row).map(v -> v == null ? null : TestData.keyOf(v)).toList();
        counts.computeIfAbsent(key, k -> new long[n])[i]++;
        first.putIfAbsent(key, row);
      }
    }
    List<Object[]> out = new ArrayList<>();
    for (Map.Entry<List<Object>, long[]> e : counts.entrySet()) {
      long[] c = e.getValue();
      long others = 0;
      long least = c[0];
      long sum = 0;
      for (int i = 0; i < n; i++) {
        sum += c[i];
        least = Math.min(least, c[i]);
        others += i > 0 ? c[i] : 0;
      }
      long times =
          switch (operation) {
            case UNION -> all ? sum : 1;
            case INTERSECT -> all ? least : least > 0 ? 1 : 0;
            case EXCEPT -> all ? Math.max(0, c[0] - others) : c[0] > 0 && others == 0 ? 1 : 0;
          };
      for (long t = 0; t < times; t++) {
        out.add(first.get(e.getKey()));
      }
    }
    return out;
  }
}
