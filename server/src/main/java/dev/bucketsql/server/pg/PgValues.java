package dev.bucketsql.server.pg;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.ColumnMetaData;

/**
 * Turns result values into the bytes of a DataRow, in PostgreSQL's text format (what psql shows) or
 * binary format (what pgjdbc asks for once a statement is prepared on the server). Values are first
 * read into one Java type per {@link PgType}: Boolean, Long, Float, Double, BigDecimal, String,
 * LocalDate, LocalDateTime, LocalTime, byte[], or a List for arrays; a struct is read as its JSON
 * text ({@link PgJson}).
 */
final class PgValues {
  /** PostgreSQL's epoch, 2000-01-01, as days since 1970-01-01. */
  private static final long PG_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();

  private static final LocalDateTime PG_EPOCH = LocalDateTime.of(2000, 1, 1, 0, 0);

  private PgValues() {}

  /** Reads column {@code index} of the current row; null for SQL NULL. */
  static Object read(ResultSet rs, int index, PgColumn column) throws SQLException {
    if (column.type() == PgType.JSON) {
      return json(rs.getObject(index), column);
    }
    if (column.array()) {
      Array array = rs.getArray(index);
      if (array == null) {
        return null;
      }
      Object elements = array.getArray();
      int n = java.lang.reflect.Array.getLength(elements);
      List<Object> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(element(java.lang.reflect.Array.get(elements, i), column.type()));
      }
      return list;
    }
    Object value =
        switch (column.type()) {
          case BOOL -> rs.getBoolean(index);
          case INT2, INT4, INT8 -> rs.getLong(index);
          case FLOAT4 -> rs.getFloat(index);
          case FLOAT8 -> rs.getDouble(index);
          case NUMERIC -> rs.getBigDecimal(index);
          case BYTEA -> rs.getBytes(index);
          case DATE, TIME, TIMESTAMP -> dateTime(rs, index, column.type());
          case TIMESTAMPTZ -> parseOrNull(rs.getString(index), PgType.TIMESTAMP);
          default -> rs.getString(index);
        };
    return rs.wasNull() ? null : value;
  }

  /** A struct as JSON text, a list of structs as a list of them (json[]). */
  private static Object json(Object value, PgColumn column) throws SQLException {
    if (value == null || !column.array()) {
      return PgJson.text(value, column.avaticaType());
    }
    ColumnMetaData.AvaticaType component =
        column.avaticaType() instanceof ColumnMetaData.ArrayType a ? a.getComponent() : null;
    Object elements =
        value instanceof Array array
            ? array.getArray()
            : value instanceof List<?> l ? l.toArray() : value;
    int n = java.lang.reflect.Array.getLength(elements);
    List<Object> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(PgJson.text(java.lang.reflect.Array.get(elements, i), component));
    }
    return list;
  }

  /**
   * A DATE, TIME or TIMESTAMP from the number the engine holds (days since 1970-01-01, milliseconds
   * of the day, milliseconds since 1970-01-01 00:00, all in the proleptic Gregorian calendar, as
   * {@link LocalDate} counts), read with {@code getLong}: the driver's text of a date cost a fifth
   * of the server's CPU in a read of a million rows, and parsing it back another part. A result
   * whose driver holds the value in another form, which {@code getLong} refuses, is read as text.
   */
  private static Object dateTime(ResultSet rs, int index, PgType type) throws SQLException {
    long n;
    try {
      n = rs.getLong(index);
    } catch (SQLException | RuntimeException notANumber) {
      return parseOrNull(rs.getString(index), type);
    }
    if (rs.wasNull()) {
      return null;
    }
    return switch (type) {
      case DATE -> LocalDate.ofEpochDay(n);
      case TIME -> LocalTime.ofNanoOfDay(Math.floorMod(n, 86_400_000L) * 1_000_000L);
      default ->
          LocalDateTime.ofEpochSecond(
              Math.floorDiv(n, 1000L), (int) Math.floorMod(n, 1000L) * 1_000_000, ZoneOffset.UTC);
    };
  }

  private static Object parseOrNull(String text, PgType type) {
    if (text == null) {
      return null;
    }
    return switch (type) {
      case DATE -> LocalDate.parse(text.strip());
      case TIME -> LocalTime.parse(text.strip());
      default -> PgParameters.parseTimestamp(text);
    };
  }

  /** An array element, from whatever Java type the driver holds it in. */
  private static Object element(Object value, PgType type) {
    if (value == null) {
      return null;
    }
    return switch (type) {
      case BOOL -> value instanceof Boolean b ? b : Boolean.valueOf(value.toString());
      case INT2, INT4, INT8 -> ((Number) value).longValue();
      case FLOAT4 -> ((Number) value).floatValue();
      case FLOAT8 -> ((Number) value).doubleValue();
      case NUMERIC -> value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
      case DATE ->
          value instanceof Date d
              ? d.toLocalDate()
              : value instanceof Number n
                  ? LocalDate.ofEpochDay(n.longValue())
                  : LocalDate.parse(value.toString());
      case TIMESTAMP, TIMESTAMPTZ ->
          value instanceof Timestamp t
              ? t.toLocalDateTime()
              : value instanceof Number n
                  ? LocalDateTime.ofEpochSecond(
                      Math.floorDiv(n.longValue(), 1000),
                      (int) Math.floorMod(n.longValue(), 1000) * 1_000_000,
                      ZoneOffset.UTC)
                  : PgParameters.parseTimestamp(value.toString());
      default -> value.toString();
    };
  }

  /** The text format of a value read by {@link #read}. */
  static String text(Object value) {
    if (value instanceof Boolean b) {
      return b ? "t" : "f";
    }
    if (value instanceof Double d) {
      return floatText(d, false);
    }
    if (value instanceof Float f) {
      return floatText(f, true);
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof LocalDateTime t) {
      return t.toLocalDate() + " " + timeText(t.toLocalTime());
    }
    if (value instanceof LocalTime t) {
      return timeText(t);
    }
    if (value instanceof byte[] bytes) {
      return "\\x" + HexFormat.of().formatHex(bytes);
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder("{");
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        Object element = list.get(i);
        out.append(element == null ? "NULL" : arrayElement(text(element)));
      }
      return out.append('}').toString();
    }
    return value.toString();
  }

  /** Writes a value (or NULL) as a DataRow field: a length, then the bytes. */
  static void write(PgOutput out, Object value, PgColumn column, boolean binary) {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    int lengthAt = out.position();
    out.writeInt(0);
    if (!binary) {
      writeText(out, value);
      out.patchInt(lengthAt, out.position() - lengthAt - 4);
      return;
    }
    if (column.array()) {
      writeBinaryArray(out, (List<?>) value, column.type());
    } else {
      writeBinary(out, value, column.type());
    }
    out.patchInt(lengthAt, out.position() - lengthAt - 4);
  }

  /** The text format of {@code value}, the common types written without an intermediate String. */
  private static void writeText(PgOutput out, Object value) {
    if (value instanceof Long n) {
      out.writeDecimal(n);
    } else if (value instanceof String text) {
      out.writeUtf8(text);
    } else if (value instanceof LocalDate d && d.getYear() >= 1 && d.getYear() <= 9999) {
      // ISO 8601, as LocalDate.toString writes the years 1 to 9999
      out.writeDigits(d.getYear(), 4)
          .writeByte('-')
          .writeDigits(d.getMonthValue(), 2)
          .writeByte('-')
          .writeDigits(d.getDayOfMonth(), 2);
    } else {
      out.writeUtf8(text(value));
    }
  }

  private static void writeBinaryArray(PgOutput out, List<?> list, PgType type) {
    out.writeInt(list.isEmpty() ? 0 : 1);
    out.writeInt(list.contains(null) ? 1 : 0);
    out.writeInt(type.oid());
    if (!list.isEmpty()) {
      out.writeInt(list.size()).writeInt(1);
    }
    for (Object element : list) {
      if (element == null) {
        out.writeInt(-1);
        continue;
      }
      int lengthAt = out.position();
      out.writeInt(0);
      writeBinary(out, element, type);
      out.patchInt(lengthAt, out.position() - lengthAt - 4);
    }
  }

  private static void writeBinary(PgOutput out, Object value, PgType type) {
    switch (type) {
      case BOOL -> out.writeByte((Boolean) value ? 1 : 0);
      case INT2 -> out.writeShort((int) (long) (Long) value);
      case INT4 -> out.writeInt((int) (long) (Long) value);
      case INT8 -> out.writeLong((Long) value);
      case FLOAT4 -> out.writeInt(Float.floatToIntBits((Float) value));
      case FLOAT8 -> out.writeLong(Double.doubleToLongBits((Double) value));
      case NUMERIC -> writeNumeric(out, (BigDecimal) value);
      case DATE -> out.writeInt((int) (((LocalDate) value).toEpochDay() - PG_EPOCH_DAY));
      case TIME -> out.writeLong(((LocalTime) value).toNanoOfDay() / 1000);
      case TIMESTAMP, TIMESTAMPTZ ->
          out.writeLong(ChronoUnit.MICROS.between(PG_EPOCH, (LocalDateTime) value));
      case BYTEA -> out.writeBytes((byte[]) value);
      default -> out.writeBytes(text(value).getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * PostgreSQL's binary numeric: base-10000 digits, the weight of the first, sign, display scale.
   */
  private static void writeNumeric(PgOutput out, BigDecimal value) {
    int dscale = Math.max(0, value.scale());
    String plain = value.abs().setScale(dscale).toPlainString();
    int dot = plain.indexOf('.');
    String integer = dot < 0 ? plain : plain.substring(0, dot);
    String fraction = dot < 0 ? "" : plain.substring(dot + 1);
    integer = "0".repeat((4 - integer.length() % 4) % 4) + integer;
    fraction = fraction + "0".repeat((4 - fraction.length() % 4) % 4);
    String all = integer + fraction;
    List<Integer> digits = new ArrayList<>();
    for (int i = 0; i < all.length(); i += 4) {
      digits.add(Integer.parseInt(all.substring(i, i + 4)));
    }
    int weight = integer.length() / 4 - 1;
    while (!digits.isEmpty() && digits.get(0) == 0) {
      digits.remove(0);
      weight--;
    }
    while (!digits.isEmpty() && digits.get(digits.size() - 1) == 0) {
      digits.remove(digits.size() - 1);
    }
    if (digits.isEmpty()) {
      weight = 0;
    }
    out.writeShort(digits.size())
        .writeShort(weight)
        .writeShort(value.signum() < 0 ? 0x4000 : 0)
        .writeShort(dscale);
    digits.forEach(out::writeShort);
  }

  /**
   * A float as PostgreSQL 12+ prints it: the shortest text that reads back exactly, exponent
   * notation below 1e-4 and from 1e15 (1e6 for float4) on.
   */
  static String floatText(double value, boolean single) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == 0) {
      return (1 / value) < 0 ? "-0" : "0";
    }
    BigDecimal shortest =
        new BigDecimal(single ? Float.toString((float) value) : Double.toString(value))
            .stripTrailingZeros();
    int exponent = shortest.precision() - shortest.scale() - 1;
    if (exponent >= -4 && exponent < (single ? 6 : 15)) {
      return shortest.toPlainString();
    }
    BigInteger unscaled = shortest.unscaledValue().abs();
    String digits = unscaled.toString();
    StringBuilder out = new StringBuilder();
    if (shortest.signum() < 0) {
      out.append('-');
    }
    out.append(digits.charAt(0));
    if (digits.length() > 1) {
      out.append('.').append(digits, 1, digits.length());
    }
    out.append('e').append(exponent < 0 ? '-' : '+');
    int abs = Math.abs(exponent);
    if (abs < 10) {
      out.append('0');
    }
    return out.append(abs).toString();
  }

  static String timeText(LocalTime time) {
    String text =
        String.format(
            Locale.ROOT, "%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond());
    int micros = time.getNano() / 1000;
    if (micros == 0) {
      return text;
    }
    String fraction = String.format(Locale.ROOT, "%06d", micros).replaceAll("0+$", "");
    return text + "." + fraction;
  }

  /** An element of an array's text form, quoted when PostgreSQL would quote it. */
  private static String arrayElement(String text) {
    boolean quote = text.isEmpty() || text.equalsIgnoreCase("NULL");
    for (int i = 0; i < text.length() && !quote; i++) {
      char c = text.charAt(i);
      quote =
          c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c);
    }
    if (!quote) {
      return text;
    }
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
