package dev.bucketsql.jdbc;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.engine.ListFormat;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * List columns as JDBC gives them: {@code getArray} and {@code getObject} return a {@link
 * java.sql.Array} whose {@code getArray()} is an array of the element's boxed class ({@code
 * Integer[]} for an INTEGER list, {@code Double[]} for DOUBLE, nested lists as Arrays again), the
 * same with or without NULL elements; Avatica's own gives {@code int[]} when no element is NULL and
 * {@code Object[]} when one is. {@code getString} writes the list as DuckDB does: {@code [a, b]},
 * {@code [1.5, NULL]}.
 */
public final class ListValues {
  private ListValues() {}

  /** {@code array} with boxed elements, or null for a NULL list. */
  public static Array of(Array array) throws SQLException {
    return array == null
        ? null
        : new Boxed(array.getBaseType(), array.getBaseTypeName(), elements(array));
  }

  /** DuckDB's text of {@code array}, or null for a NULL list. */
  public static String text(Array array) throws SQLException {
    return array == null ? null : ListFormat.text(plain(elements(array)));
  }

  private static List<Object> elements(Array array) throws SQLException {
    Object values;
    try {
      values = array.getArray();
    } catch (RuntimeException e) {
      return oneByOne(array);
    }
    int n = java.lang.reflect.Array.getLength(values);
    List<Object> out = new ArrayList<>(n);
    String mapType = MapValues.isMap(array.getBaseTypeName()) ? array.getBaseTypeName() : null;
    for (int i = 0; i < n; i++) {
      Object e = java.lang.reflect.Array.get(values, i);
      // a map element as a map column reads: its dates as dates, and a map again where the
      // network server sent it as a list of [key, value] lists
      out.add(
          e instanceof Array inner ? of(inner) : mapType != null ? MapValues.of(e, mapType) : e);
    }
    return out;
  }

  /**
   * The elements one at a time, through the list's own result set, where Avatica's {@code
   * getArray()} fails: on a list of lists with a NULL inner list ("Unhandled"), and on a list of
   * dates or timestamps that are never NULL, whose elements it has already made {@code
   * java.sql.Date}s and then casts to the days it expects (ClassCastException).
   */
  private static List<Object> oneByOne(Array array) throws SQLException {
    List<Object> out = new ArrayList<>();
    try (ResultSet rows = array.getResultSet()) {
      while (rows.next()) {
        int column = rows.getMetaData().getColumnCount();
        // each element through the getter of its type: the result set's metadata types the
        // column as the list, not as its element
        Object e =
            switch (array.getBaseType()) {
              case Types.DATE -> rows.getDate(column);
              case Types.TIME -> rows.getTime(column);
              case Types.TIMESTAMP -> rows.getTimestamp(column);
              case Types.ARRAY -> rows.getArray(column);
              default -> rows.getObject(column);
            };
        out.add(e instanceof Array inner ? of(inner) : e);
      }
    }
    return out;
  }

  /** The elements with nested lists as {@code java.util.List}, for {@link ListFormat}. */
  private static List<Object> plain(List<Object> elements) {
    List<Object> out = new ArrayList<>(elements.size());
    for (Object e : elements) {
      out.add(
          e instanceof Boxed b
              ? plain(b.elements)
              : e instanceof Map<?, ?> map ? new MapText(MapValues.text(map)) : e);
    }
    return out;
  }

  /** A map element as {@link ListFormat} writes it: DuckDB's text of the map, unquoted. */
  private record MapText(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  private static Class<?> elementClass(int type) {
    return switch (type) {
      case Types.TINYINT -> Byte.class;
      case Types.SMALLINT -> Short.class;
      case Types.INTEGER -> Integer.class;
      case Types.BIGINT -> Long.class;
      case Types.REAL -> Float.class;
      case Types.FLOAT, Types.DOUBLE -> Double.class;
      case Types.DECIMAL, Types.NUMERIC -> BigDecimal.class;
      case Types.BOOLEAN -> Boolean.class;
      case Types.CHAR, Types.VARCHAR -> String.class;
      case Types.ARRAY -> Array.class;
      default -> Object.class;
    };
  }

  /** A list's elements held in memory; {@link #free()} has nothing to release. */
  private static final class Boxed implements Array {
    private final int baseType;
    private final String baseTypeName;
    private final List<Object> elements;

    Boxed(int baseType, String baseTypeName, List<Object> elements) {
      this.baseType = baseType;
      this.baseTypeName = requireNonNull(baseTypeName, "baseTypeName is null");
      this.elements = elements;
    }

    @Override
    public String getBaseTypeName() {
      return baseTypeName;
    }

    @Override
    public int getBaseType() {
      return baseType;
    }

    @Override
    public Object getArray() {
      return slice(0, elements.size());
    }

    @Override
    public Object getArray(Map<String, Class<?>> map) {
      return getArray();
    }

    @Override
    public Object getArray(long index, int count) throws SQLException {
      if (index < 1 || count < 0 || index - 1 + count > elements.size()) {
        throw new SQLException(
            "elements "
                + index
                + " to "
                + (index - 1 + count)
                + " are outside the list of "
                + elements.size()
                + "; the first element is 1",
            "2202E");
      }
      return slice((int) index - 1, count);
    }

    @Override
    public Object getArray(long index, int count, Map<String, Class<?>> map) throws SQLException {
      return getArray(index, count);
    }

    private Object[] slice(int from, int count) {
      Object[] out = (Object[]) java.lang.reflect.Array.newInstance(elementClass(baseType), count);
      for (int i = 0; i < count; i++) {
        Object e = elements.get(from + i);
        out[i] = out.getClass().getComponentType().isInstance(e) || e == null ? e : convert(e);
      }
      return out;
    }

    /** An element of a class other than the base type's (a number widened by the engine). */
    private Object convert(Object e) {
      if (e instanceof Number n) {
        return switch (baseType) {
          case Types.TINYINT -> n.byteValue();
          case Types.SMALLINT -> n.shortValue();
          case Types.INTEGER -> n.intValue();
          case Types.BIGINT -> n.longValue();
          case Types.REAL -> n.floatValue();
          case Types.FLOAT, Types.DOUBLE -> n.doubleValue();
          case Types.DECIMAL, Types.NUMERIC -> new BigDecimal(n.toString());
          default -> n.toString();
        };
      }
      return e.toString();
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
      throw new java.sql.SQLFeatureNotSupportedException(
          "Array.getResultSet is not supported; use getArray()", "0A000");
    }

    @Override
    public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
      return getResultSet();
    }

    @Override
    public ResultSet getResultSet(long index, int count) throws SQLException {
      return getResultSet();
    }

    @Override
    public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map)
        throws SQLException {
      return getResultSet();
    }

    @Override
    public void free() {
      // nothing held outside the heap
    }

    @Override
    public String toString() {
      return ListFormat.text(plain(elements));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Boxed b && b.baseType == baseType && b.elements.equals(elements);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(new Object[] {baseType, elements});
    }
  }
}
