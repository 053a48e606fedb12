package dev.bucketsql.server.pg;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Struct;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.ColumnMetaData;

/**
 * JSON text for the values the PostgreSQL endpoint sends as {@code json}: a struct becomes an
 * object keyed by its field names (from the column's Avatica type), a list an array, a map an
 * object with its keys as text (key and value types from the map's type name, {@link PgMapTypes});
 * inside them numbers and booleans are JSON's, dates and timestamps ISO 8601 text, as PostgreSQL's
 * {@code to_json} writes them. Strings are quoted by Jackson's encoder, the one way BucketSQL
 * quotes JSON.
 */
final class PgJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private PgJson() {}

  /** {@code value} as JSON text, or null for SQL NULL. */
  static String text(Object value, ColumnMetaData.AvaticaType type) throws SQLException {
    if (value == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    write(out, value, type);
    return out.toString();
  }

  /** {@code text} as a JSON string, quotes included. */
  static String quoted(String text) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
  }

  private static void write(StringBuilder out, Object value, ColumnMetaData.AvaticaType type)
      throws SQLException {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Struct struct) {
      object(out, struct.getAttributes(), type);
    } else if (value instanceof Object[] fields && type instanceof ColumnMetaData.StructType) {
      object(out, fields, type);
    } else if (value instanceof List<?> fields && type instanceof ColumnMetaData.StructType) {
      object(out, fields.toArray(), type);
    } else if (value instanceof Array array) {
      list(out, Arrays.asList(boxed(array.getArray())), type);
    } else if (value instanceof List<?> list) {
      list(out, list, type);
    } else if (value instanceof Object[] elements) {
      list(out, Arrays.asList(elements), type);
    } else if (value instanceof Map<?, ?> map) {
      map(out, map, type);
    } else {
      scalar(out, value, type == null ? Types.OTHER : type.id);
    }
  }

  /**
   * A map as an object: JSON keys are text, so each key is written as its text ({@code 1} as "1").
   */
  private static void map(StringBuilder out, Map<?, ?> map, ColumnMetaData.AvaticaType type)
      throws SQLException {
    ColumnMetaData.AvaticaType keyType = PgMapTypes.part(type, 0);
    ColumnMetaData.AvaticaType valueType = PgMapTypes.part(type, 1);
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      out.append(first ? "" : ",").append(quoted(keyText(e.getKey(), keyType))).append(':');
      write(out, e.getValue(), valueType);
      first = false;
    }
    out.append('}');
  }

  private static String keyText(Object key, ColumnMetaData.AvaticaType type) throws SQLException {
    if (key instanceof String text) {
      return text;
    }
    StringBuilder json = new StringBuilder();
    scalar(json, key, type == null ? Types.OTHER : type.id);
    // the key is the text of the JSON scalar written for it: a string's contents, unescaped
    try (JsonParser parser = FACTORY.createParser(json.toString())) {
      parser.nextToken();
      return parser.getText();
    } catch (java.io.IOException e) {
      throw new SQLException(
          "Cannot write map key " + key + " as JSON text: " + e.getMessage(), "XX000", e);
    }
  }

  private static void object(StringBuilder out, Object[] fields, ColumnMetaData.AvaticaType type)
      throws SQLException {
    List<ColumnMetaData> columns =
        type instanceof ColumnMetaData.StructType struct ? struct.columns : List.of();
    out.append('{');
    for (int i = 0; i < fields.length; i++) {
      ColumnMetaData column = i < columns.size() ? columns.get(i) : null;
      // a field with no name known is named as PostgreSQL names a record's: f1, f2...
      String name =
          column == null ? "f" + (i + 1) : column.label != null ? column.label : column.columnName;
      out.append(i == 0 ? "" : ",").append(quoted(name)).append(':');
      write(out, fields[i], column == null ? null : column.type);
    }
    out.append('}');
  }

  private static void list(StringBuilder out, List<?> elements, ColumnMetaData.AvaticaType type)
      throws SQLException {
    ColumnMetaData.AvaticaType component =
        type instanceof ColumnMetaData.ArrayType array ? array.getComponent() : null;
    out.append('[');
    for (int i = 0; i < elements.size(); i++) {
      out.append(i == 0 ? "" : ",");
      write(out, elements.get(i), component);
    }
    out.append(']');
  }

  private static Object[] boxed(Object array) {
    if (array instanceof Object[] objects) {
      return objects;
    }
    int n = java.lang.reflect.Array.getLength(array);
    Object[] out = new Object[n];
    for (int i = 0; i < n; i++) {
      out[i] = java.lang.reflect.Array.get(array, i);
    }
    return out;
  }

  private static void scalar(StringBuilder out, Object value, int jdbcType) {
    if (value instanceof Boolean b) {
      out.append(b);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      // JSON has no NaN or infinity: PostgreSQL's to_json writes them as strings
      out.append(
          Double.isFinite(d)
              ? PgValues.floatText(d, value instanceof Float)
              : quoted(PgValues.floatText(d, false)));
    } else if (value instanceof BigDecimal d) {
      out.append(d.toPlainString());
    } else if (value instanceof Number n
        && (jdbcType == Types.DATE || jdbcType == Types.TIMESTAMP || jdbcType == Types.TIME)) {
      out.append(quoted(temporal(n.longValue(), jdbcType)));
    } else if (value instanceof Number n) {
      out.append(n);
    } else if (value instanceof java.sql.Date d) {
      out.append(quoted(d.toLocalDate().toString()));
    } else if (value instanceof Timestamp t) {
      out.append(quoted(timestamp(t.toLocalDateTime())));
    } else if (value instanceof java.sql.Time t) {
      // toLocalTime drops the milliseconds
      out.append(
          quoted(
              PgValues.timeText(
                  t.toLocalTime().plusNanos(Math.floorMod(t.getTime(), 1000L) * 1_000_000L))));
    } else if (value instanceof byte[] bytes) {
      out.append(quoted("\\x" + HexFormat.of().formatHex(bytes)));
    } else {
      out.append(quoted(value.toString()));
    }
  }

  /** A date (days), time (milliseconds of the day) or timestamp (milliseconds) held as a number. */
  private static String temporal(long value, int jdbcType) {
    return switch (jdbcType) {
      case Types.DATE -> LocalDate.ofEpochDay(value).toString();
      case Types.TIME ->
          PgValues.timeText(LocalTime.ofNanoOfDay(Math.floorMod(value, 86_400_000L) * 1_000_000L));
      default ->
          timestamp(
              LocalDateTime.ofEpochSecond(
                  Math.floorDiv(value, 1000),
                  (int) Math.floorMod(value, 1000) * 1_000_000,
                  ZoneOffset.UTC));
    };
  }

  private static String timestamp(LocalDateTime t) {
    return t.toLocalDate() + "T" + PgValues.timeText(t.toLocalTime());
  }
}
