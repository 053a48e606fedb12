package dev.bucketsql.jdbc;

import dev.bucketsql.calcite.engine.ListFormat;
import dev.bucketsql.calcite.engine.TimestampText;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Map columns as JDBC gives them: {@code getObject} returns a {@link Map} whose DATE, TIME and
 * TIMESTAMP keys and values are {@link Date}, {@link Time} and {@link Timestamp} (the engine holds
 * them as days, milliseconds of the day and milliseconds, which a map does not say), in lists and
 * maps inside the map too; {@code getString} writes the map as DuckDB does, {@code {2024-01-02=1,
 * 1969-12-31=NULL}}. The key and value types come from the column's type name, {@code (DATE,
 * INTEGER) MAP}: Avatica has no map type, so a map column is an {@code OTHER} with that name.
 *
 * <p>Over the network a map travels as a list of {@code [key, value]} lists whose dates and
 * timestamps are those numbers ({@link #toWire}): Avatica's protobuf frames carry lists but no map,
 * and its JSON turns every map key into text and every fractional number into a decimal. The remote
 * driver reads that list back here, giving each key and value the Java class its type names, so a
 * map reads the same through either wire format as through the embedded driver.
 */
public final class MapValues {
  private static final Set<String> TEMPORAL = Set.of("DATE", "TIME", "TIMESTAMP");
  private static final Set<String> FLOATING = Set.of("REAL", "FLOAT", "DOUBLE");

  private MapValues() {}

  /** Whether {@code typeName} is a map column's type name, {@code (K, V) MAP}. */
  public static boolean isMap(String typeName) {
    return typeName != null && typeName.strip().toUpperCase(Locale.ROOT).endsWith(") MAP");
  }

  /**
   * {@code value}, a map as {@link #of} gives it, in the form the network server sends: a list of
   * {@code [key, value]} lists, with the dates, times and timestamps in it (in inner lists and maps
   * too) as days, milliseconds of the day and milliseconds of the local date and time; null for
   * NULL. Any other value is returned as it is.
   */
  public static Object toWire(Object value) {
    if (value instanceof Map<?, ?> map) {
      List<Object> pairs = new ArrayList<>(map.size());
      for (Map.Entry<?, ?> e : map.entrySet()) {
        pairs.add(Arrays.asList(toWire(e.getKey()), toWire(e.getValue())));
      }
      return pairs;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object e : list) {
        out.add(toWire(e));
      }
      return out;
    }
    if (value instanceof Date date) {
      return Math.toIntExact(date.toLocalDate().toEpochDay());
    }
    if (value instanceof Time time) {
      // toLocalTime() drops the milliseconds
      return (int)
          (time.toLocalTime().toNanoOfDay() / 1_000_000L + Math.floorMod(time.getTime(), 1000L));
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    return value;
  }

  /**
   * {@code value}, a map of type {@code typeName}, with its dates and timestamps as such; null for
   * NULL.
   */
  public static Object of(Object value, String typeName) {
    return convert(value, typeName.strip());
  }

  /** DuckDB's text of {@code value}, a map of type {@code typeName}; null for NULL. */
  public static String text(Object value, String typeName) {
    return value == null ? null : text(convert(value, typeName.strip()));
  }

  /** DuckDB's text of {@code map}, a map as {@link #of} gives it. */
  static String text(Map<?, ?> map) {
    return text((Object) map);
  }

  private static Object convert(Object value, String type) {
    if (value == null) {
      return null;
    }
    String t = type.replaceAll("(?i)\\s+NOT NULL$", "").strip();
    String upper = t.toUpperCase(Locale.ROOT);
    if ((value instanceof Map<?, ?> || value instanceof List<?>) && upper.endsWith(") MAP")) {
      String inside = t.substring(t.indexOf('(') + 1, t.lastIndexOf(')'));
      int comma = topLevelComma(inside);
      if (comma < 0) {
        return value;
      }
      String keyType = inside.substring(0, comma);
      String valueType = inside.substring(comma + 1);
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : entries(value)) {
        out.put(convert(e.getKey(), keyType), convert(e.getValue(), valueType));
      }
      return out;
    }
    if (value instanceof List<?> list && upper.endsWith(" ARRAY")) {
      String element = t.substring(0, t.length() - " ARRAY".length());
      List<Object> out = new ArrayList<>(list.size());
      for (Object e : list) {
        out.add(convert(e, element));
      }
      return out;
    }
    String base = upper.replaceAll("\\(.*\\)", "").strip();
    if (!TEMPORAL.contains(base)) {
      return number(value, base);
    }
    if (!(value instanceof Number n)) {
      return value;
    }
    long v = n.longValue();
    return switch (base) {
      case "DATE" -> Date.valueOf(LocalDate.ofEpochDay(v));
      case "TIME" -> time(Math.floorMod(v, 86_400_000L));
      case "TIMESTAMP" ->
          Timestamp.valueOf(
              LocalDateTime.ofEpochSecond(
                  Math.floorDiv(v, 1000),
                  (int) Math.floorMod(v, 1000) * 1_000_000,
                  ZoneOffset.UTC));
      default -> value;
    };
  }

  /**
   * The entries of a map, or of a map as it travels ({@link #toWire}): a list of {@code [key,
   * value]} lists.
   */
  private static List<Map.Entry<?, ?>> entries(Object value) {
    List<Map.Entry<?, ?>> out = new ArrayList<>();
    if (value instanceof Map<?, ?> map) {
      out.addAll(map.entrySet());
    } else {
      for (Object pair : (List<?>) value) {
        List<?> kv = (List<?>) pair;
        out.add(new AbstractMap.SimpleImmutableEntry<>(kv.get(0), kv.get(1)));
      }
    }
    return out;
  }

  /**
   * A number as the class its SQL type {@code base} has in the embedded driver: JSON brings back
   * the smallest integer class that holds the value, a decimal for a fraction, and text for NaN and
   * the infinities.
   */
  private static Object number(Object value, String base) {
    if (value instanceof Number n) {
      return switch (base) {
        case "TINYINT" -> n.byteValue();
        case "SMALLINT" -> n.shortValue();
        case "INTEGER" -> n.intValue();
        case "BIGINT" -> n.longValue();
        case "REAL", "FLOAT" -> n.floatValue();
        case "DOUBLE" -> n.doubleValue();
        case "DECIMAL" -> n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
        default -> value;
      };
    }
    if (value instanceof String text
        && FLOATING.contains(base)
        && text.matches("-?(NaN|Infinity)")) {
      double d = Double.parseDouble(text);
      return base.equals("DOUBLE") ? (Object) d : (Object) (float) d;
    }
    return value;
  }

  /** A time of day with its milliseconds ({@link Time#valueOf(LocalTime)} drops them). */
  private static Time time(long millisOfDay) {
    Time t = Time.valueOf(LocalTime.ofNanoOfDay(millisOfDay * 1_000_000L));
    t.setTime(t.getTime() + millisOfDay % 1000);
    return t;
  }

  private static String text(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("{");
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(out.length() > 1 ? ", " : "")
            .append(text(e.getKey()))
            .append('=')
            .append(text(e.getValue()));
      }
      return out.append('}').toString();
    }
    if (value instanceof List<?> list) {
      List<Object> elements = new ArrayList<>(list.size());
      for (Object e : list) {
        // as written, never quoted as a string would be: {k=[{a=1}]}, not {k=['{a=1}']}
        elements.add(
            e instanceof Map<?, ?> || e instanceof java.util.Date ? new Written(text(e)) : e);
      }
      return ListFormat.text(elements);
    }
    if (value instanceof Timestamp t) {
      return TimestampText.format(t.toLocalDateTime().toInstant(ZoneOffset.UTC).toEpochMilli());
    }
    if (value instanceof Time t) {
      LocalTime local = t.toLocalTime().plusNanos(Math.floorMod(t.getTime(), 1000L) * 1_000_000L);
      return local.toString();
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf"; // DuckDB's spelling
      }
    }
    return value.toString();
  }

  /** A value already written as text, which {@link ListFormat} writes as it is. */
  private record Written(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  /** The comma between the key's and the value's type, outside any parentheses; -1 if none. */
  private static int topLevelComma(String text) {
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        return i;
      }
    }
    return -1;
  }
}
