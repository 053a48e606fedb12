package dev.bucketsql.calcite.engine;

import dev.bucketsql.format.SqlStateException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@link ListFolds} compute: DuckDB's {@code list_sum}, {@code list_min}, {@code list_max},
 * {@code list_count}, {@code list_avg}, {@code flatten}, {@code list_position} and the two-argument
 * {@code array_length}. A NULL list gives NULL; NULL elements are skipped by the aggregates, which
 * give NULL when no element is left (but {@code list_count}, 0).
 */
public final class ListFoldFunctions {
  /** The key of NULL in {@link #distinctValues}: a value of its own. */
  private static final Object NULL_KEY = new Object();

  private ListFoldFunctions() {}

  /**
   * {@code list_sum(l)}: exact for integers and decimals (a {@link BigDecimal}, typed DECIMAL(38,
   * s) as DuckDB's HUGEINT and DECIMAL(38, s) sums), a double for doubles.
   */
  public static Object sum(List<?> list) {
    if (list == null) {
      return null;
    }
    BigDecimal exact = null;
    Double approximate = null;
    for (Object e : list) {
      if (e instanceof Double || e instanceof Float) {
        approximate = (approximate == null ? 0d : approximate) + ((Number) e).doubleValue();
      } else if (e instanceof BigDecimal d) {
        exact = exact == null ? d : exact.add(d);
      } else if (e instanceof Number n) {
        exact = (exact == null ? BigDecimal.ZERO : exact).add(BigDecimal.valueOf(n.longValue()));
      }
    }
    return approximate != null ? approximate : exact;
  }

  /** {@code list_avg(l)}: the mean of the non-NULL elements, a double. */
  public static Double avg(List<?> list) {
    Object sum = sum(list);
    Long count = count(list);
    if (sum == null || count == null || count == 0) {
      return null;
    }
    // the sum as a double over the count, as DuckDB's avg divides
    return ((Number) sum).doubleValue() / count;
  }

  /** {@code list_count(l)}: the non-NULL elements. */
  public static Long count(List<?> list) {
    if (list == null) {
      return null;
    }
    long n = 0;
    for (Object e : list) {
      n += e == null ? 0 : 1;
    }
    return n;
  }

  /** {@code list_min(l)}: the least non-NULL element (numbers by value). */
  public static Object min(List<?> list) {
    return extreme(list, -1);
  }

  /** {@code list_max(l)}: the greatest non-NULL element (numbers by value). */
  public static Object max(List<?> list) {
    return extreme(list, 1);
  }

  private static Object extreme(List<?> list, int sign) {
    if (list == null) {
      return null;
    }
    Object best = null;
    for (Object e : list) {
      if (e != null && (best == null || sign * ListFunctions.ORDER.compare(e, best) > 0)) {
        best = e;
      }
    }
    return best;
  }

  /**
   * The values an aggregate collected as one-element lists (so that NULL values are kept): NULL
   * when it collected none, as DuckDB's {@code list} of no row.
   */
  public static List<Object> values(List<?> list) {
    return list == null || list.isEmpty() ? null : flatten(list);
  }

  /**
   * The values of {@code list(DISTINCT x)}, collected as one-element lists: each value once, at its
   * first place, NULL (once) included as DuckDB keeps it; NULL when there are none. Equal is as
   * DuckDB's DISTINCT has it: numbers by value, -0.0 equal to 0.0, NaN equal to NaN.
   */
  public static List<Object> distinctValues(List<?> list) {
    if (list == null || list.isEmpty()) {
      return null;
    }
    Set<Object> seen = new HashSet<>();
    List<Object> out = new ArrayList<>();
    for (Object inner : list) {
      Object value = ((List<?>) inner).get(0);
      if (seen.add(distinctKey(value))) {
        out.add(value);
      }
    }
    return out;
  }

  /** A value's key for {@link #distinctValues}: equal keys for values DuckDB takes as the same. */
  private static Object distinctKey(Object value) {
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return d == 0.0 ? 0.0 : d; // -0.0 is 0.0; Double.equals takes NaN as equal to itself
    }
    if (value instanceof BigDecimal d) {
      return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof List<?> l) {
      List<Object> keys = new ArrayList<>(l.size());
      for (Object e : l) {
        keys.add(distinctKey(e));
      }
      return keys;
    }
    return value == null ? NULL_KEY : value;
  }

  /** {@code flatten(l)}: the elements of the inner lists in order; NULL inner lists are skipped. */
  public static List<Object> flatten(List<?> list) {
    if (list == null) {
      return null;
    }
    List<Object> out = new ArrayList<>();
    for (Object inner : list) {
      if (inner != null) {
        out.addAll((List<?>) inner);
      }
    }
    return out;
  }

  /**
   * {@code list_position(l, x)}: the index (from 1) of the first element equal to {@code x}
   * (numbers by value, NULL finds a NULL element as in DuckDB), or NULL.
   */
  public static Integer position(List<?> list, Object x) {
    if (list == null) {
      return null;
    }
    for (int i = 0; i < list.size(); i++) {
      Object e = list.get(i);
      if (e == null ? x == null : x != null && ListFunctions.equal(e, x)) {
        return i + 1;
      }
    }
    return null;
  }

  /**
   * {@code array_length(l, 1)}: the length of the list; other dimensions are refused, as DuckDB
   * refuses them.
   */
  public static Long lengthOf(List<?> list, Object dimension) {
    if (dimension != null && ((Number) dimension).longValue() != 1) {
      throw new SqlStateException(
          "0A000",
          "array_length: only dimension 1 is supported, not "
              + dimension
              + "; use array_length(l) or len(l)");
    }
    return list == null || dimension == null ? null : (long) list.size();
  }
}
