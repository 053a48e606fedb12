package dev.bucketsql.jdbc;

import dev.bucketsql.calcite.engine.ListFormat;
import dev.bucketsql.calcite.engine.TimestampText;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Map columns as JDBC gives them: {@code getObject} returns a {@link Map} whose DATE, TIME and
 * TIMESTAMP keys and values are {@link Date}, {@link Time} and {@link Timestamp} (the engine holds
 * them as days, milliseconds of the day and milliseconds, which a map does not say), in lists and
 * maps inside the map too; {@code getString} writes the map as DuckDB does, {@code {2024-01-02=1,
 * 1969-12-31=NULL}}. The key and value types come from the column's type name, {@code (DATE,
 * INTEGER) MAP}: Avatica has no map type, so a map column is an {@code OTHER} with that name.
 */
public final class MapValues {
  /** Set while the network server reads rows to send: its clients convert the maps themselves. */
  private static final ThreadLocal<Boolean> ENGINE_VALUES = new ThreadLocal<>();

  private static final java.util.Set<String> TEMPORAL =
      java.util.Set.of("DATE", "TIME", "TIMESTAMP");

  private MapValues() {}

  /**
   * While on, {@link #of} on this thread gives maps as the engine holds them: the Avatica server
   * sends them so (JSON writes a date key as a time in UTC, a date value as milliseconds), and the
   * remote driver converts them from the type name as the embedded driver does.
   */
  public static void engineValues(boolean on) {
    if (on) {
      ENGINE_VALUES.set(Boolean.TRUE);
    } else {
      ENGINE_VALUES.remove();
    }
  }

  /** Whether {@code typeName} is a map column's type name, {@code (K, V) MAP}. */
  public static boolean isMap(String typeName) {
    return typeName != null && typeName.strip().toUpperCase(Locale.ROOT).endsWith(") MAP");
  }

  /**
   * {@code value}, a map of type {@code typeName}, with its dates and timestamps as such; null for
   * NULL.
   */
  public static Object of(Object value, String typeName) {
    return ENGINE_VALUES.get() != null ? value : convert(value, typeName.strip());
  }

  /** DuckDB's text of {@code value}, a map of type {@code typeName}; null for NULL. */
  public static String text(Object value, String typeName) {
    return value == null ? null : text(convert(value, typeName.strip()));
  }

  private static Object convert(Object value, String type) {
    if (value == null) {
      return null;
    }
    String t = type.replaceAll("(?i)\\s+NOT NULL$", "").strip();
    String upper = t.toUpperCase(Locale.ROOT);
    if (value instanceof Map<?, ?> map && upper.endsWith(") MAP")) {
      String inside = t.substring(t.indexOf('(') + 1, t.lastIndexOf(')'));
      int comma = topLevelComma(inside);
      if (comma < 0) {
        return value;
      }
      String keyType = inside.substring(0, comma);
      String valueType = inside.substring(comma + 1);
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
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
    long v;
    if (value instanceof Number n) {
      v = n.longValue();
    } else if (value instanceof String text
        && text.matches("-?\\d{1,18}")
        && TEMPORAL.contains(base)) {
      v = Long.parseLong(text); // a key of a map sent as JSON, whose keys are text
    } else {
      return value;
    }
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
        elements.add(e instanceof Map<?, ?> || e instanceof java.util.Date ? text(e) : e);
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
    return value.toString();
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
