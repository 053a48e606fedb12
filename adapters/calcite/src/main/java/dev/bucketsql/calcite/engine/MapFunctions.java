package dev.bucketsql.calcite.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DuckDB's map functions as DuckDB computes them; {@link ListOperators} gives them their SQL names
 * and types. A map is a {@code java.util.Map} in the order its entries were written, Calcite's
 * value of a MAP. Called by generated code; public for that reason only.
 */
public final class MapFunctions {
  private MapFunctions() {}

  /** {@code map_keys(m)}: the keys in the map's order; NULL for a NULL map. */
  public static List<Object> keys(Map<?, ?> map) {
    return map == null ? null : new ArrayList<>(map.keySet());
  }

  /** {@code map_values(m)}: the values in the map's order, NULL values kept. */
  public static List<Object> values(Map<?, ?> map) {
    return map == null ? null : new ArrayList<>(map.values());
  }

  /**
   * {@code map_contains(m, k)}: whether a key equals {@code k} (numbers by value); NULL when the
   * map or the key is NULL, as in DuckDB.
   */
  public static Boolean contains(Map<?, ?> map, Object key) {
    if (map == null || key == null) {
      return null;
    }
    for (Object k : map.keySet()) {
      if (ListFunctions.equal(k, key)) {
        return true;
      }
    }
    return false;
  }
}
