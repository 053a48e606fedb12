package dev.bucketsql.server;

import dev.bucketsql.jdbc.MapValues;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.SqlType;

/**
 * Puts the dates, times and timestamps inside list values of a result frame into the numbers
 * Avatica's wire formats carry for them, before the frame is serialized. Avatica's server reads a
 * list column with {@code Array.getArray()} and sends its elements as they are: a {@code
 * java.sql.Date} goes out as milliseconds, which the client reads back as days (an element of
 * 2024-02-28 arrives as a date in the year 284). Scalar columns do not have this problem, Avatica
 * converting them itself; here list elements get the same numbers: days for a date, milliseconds of
 * the day for a time, milliseconds for a timestamp, each of the local date and time the embedded
 * driver gives (as its scalar columns are sent); and an inner list of a list of lists, which
 * Avatica leaves as a JDBC Array it cannot serialize, becomes a list. A map, which Avatica's
 * protobuf frames cannot carry at all, goes out as a list of {@code [key, value]} lists in the same
 * numbers ({@link MapValues#toWire}), over both wire formats, and the remote driver makes it a map
 * again from the column's type name.
 */
final class ListFrames {
  private ListFrames() {}

  /**
   * Converts, in place, the list values of the first frames of {@code result}, and gives a list of
   * lists its inner list's type in the signature (Avatica's server types the element of a list of
   * lists as a scalar ARRAY, on which its client fails).
   */
  static void toWire(Meta.ExecuteResult result) {
    if (result != null) {
      for (Meta.MetaResultSet resultSet : result.resultSets) {
        if (resultSet.signature != null && resultSet.firstFrame != null) {
          innerListTypes(resultSet.signature, resultSet.firstFrame);
        }
        toWire(resultSet.firstFrame);
      }
    }
  }

  private static void innerListTypes(Meta.Signature signature, Meta.Frame frame) {
    for (int i = 0; i < signature.columns.size(); i++) {
      if (signature.columns.get(i).type instanceof ColumnMetaData.ArrayType list
          && list.getComponent() instanceof ColumnMetaData.ScalarType component
          && component.id == Types.ARRAY) {
        java.sql.Array inner = firstInner(frame, i);
        if (inner != null) {
          try {
            int base = inner.getBaseType();
            ColumnMetaData.Rep rep = ColumnMetaData.Rep.serialRepOf(SqlType.valueOf(base));
            list.updateComponentType(
                ColumnMetaData.array(
                    ColumnMetaData.scalar(base, inner.getBaseTypeName(), rep),
                    component.name,
                    ColumnMetaData.Rep.ARRAY));
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(
                "Cannot read an inner list's type: " + e.getMessage(), e);
          }
        }
      }
    }
  }

  /**
   * The first inner list of column {@code column} in {@code frame}'s rows; null if there is none.
   */
  private static java.sql.Array firstInner(Meta.Frame frame, int column) {
    for (Object row : frame.rows) {
      if (row instanceof Object[] columns && columns[column] instanceof List<?> list) {
        for (Object element : list) {
          if (element instanceof java.sql.Array inner) {
            return inner;
          }
        }
      }
    }
    return null;
  }

  /** Converts, in place, the list values of {@code frame}'s rows. */
  static void toWire(Meta.Frame frame) {
    if (frame == null) {
      return;
    }
    for (Object row : frame.rows) {
      if (row instanceof Object[] columns) {
        for (int i = 0; i < columns.length; i++) {
          if (columns[i] instanceof List<?> list && needsConversion(list)) {
            columns[i] = converted(list);
          } else if (columns[i] instanceof Map<?, ?> map) {
            columns[i] = MapValues.toWire(map);
          }
        }
      }
    }
  }

  private static boolean needsConversion(List<?> list) {
    for (Object element : list) {
      if (element instanceof java.util.Date
          || element instanceof Map<?, ?>
          || element instanceof java.sql.Array
          || element instanceof List<?> inner && needsConversion(inner)) {
        return true;
      }
    }
    return false;
  }

  private static List<Object> converted(List<?> list) {
    List<Object> out = new ArrayList<>(list.size());
    for (Object element : list) {
      if (element instanceof java.sql.Array inner) {
        element = elements(inner);
      }
      out.add(
          element instanceof List<?> inner
              ? converted(inner)
              : element instanceof Map<?, ?> map ? MapValues.toWire(map) : number(element));
    }
    return out;
  }

  /** An inner list, which Avatica leaves as a JDBC Array and then cannot serialize. */
  private static List<Object> elements(java.sql.Array array) {
    try {
      Object values = array.getArray();
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < java.lang.reflect.Array.getLength(values); i++) {
        out.add(java.lang.reflect.Array.get(values, i));
      }
      return out;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(
          "Cannot read an inner list of a result row: " + e.getMessage(), e);
    }
  }

  private static Object number(Object element) {
    if (element instanceof Date || element instanceof Time || element instanceof Timestamp) {
      return MapValues.toWire(element);
    }
    return element instanceof java.util.Date date ? date.getTime() : element;
  }
}
