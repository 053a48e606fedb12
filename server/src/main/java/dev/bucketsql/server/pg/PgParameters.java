package dev.bucketsql.server.pg;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Bind's parameter values into the Java values a JDBC PreparedStatement takes. The bytes are
 * read as the type the client named (in Parse, or inferred by the engine when the client left it
 * unspecified), then converted to the type the engine inferred for the parameter.
 */
final class PgParameters {
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "^\\s*(\\d{4,}-\\d{2}-\\d{2})(?:[ T](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?))?.*$");
  private static final long PG_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
  private static final LocalDateTime PG_EPOCH = LocalDateTime.of(2000, 1, 1, 0, 0);

  private PgParameters() {}

  /**
   * The Java value of one parameter.
   *
   * @param bytes the value, or null for NULL
   * @param binary whether the client sent the binary format
   * @param clientOid the type the client named, 0 when unspecified
   * @param jdbcType the type the engine inferred, {@link Types#OTHER} when unknown
   * @param position the parameter's number ($1 is 1), for messages
   */
  static Object decode(byte[] bytes, boolean binary, int clientOid, int jdbcType, int position) {
    if (bytes == null) {
      return null;
    }
    PgType target =
        jdbcType == Types.OTHER || jdbcType == Types.NULL || jdbcType == Types.JAVA_OBJECT
            ? PgType.ofOid(clientOid)
            : PgType.ofJdbc(jdbcType);
    if (target == null || target == PgType.UNKNOWN) {
      target = PgType.TEXT;
    }
    try {
      Object value =
          binary
              ? readBinary(bytes, clientOid, position)
              : new String(bytes, StandardCharsets.UTF_8);
      return convert(value, target, jdbcType);
    } catch (RuntimeException e) {
      throw new PgProtocolException(
          "22P02",
          "Parameter $"
              + position
              + " is not a valid "
              + target.typeName()
              + ": "
              + e.getMessage()
              + "; send a value of that type");
    }
  }

  private static Object readBinary(byte[] bytes, int clientOid, int position) {
    PgType type = PgType.ofOid(clientOid);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    if (type == null || PgType.isArrayOid(clientOid)) {
      throw new PgProtocolException(
          "22P03",
          "Parameter $"
              + position
              + " came in binary format for type OID "
              + clientOid
              + ", which the server reads only as text; send it in text format");
    }
    return switch (type) {
      case BOOL -> bytes[0] != 0;
      case INT2 -> (long) buffer.getShort();
      case INT4 -> (long) buffer.getInt();
      case INT8 -> buffer.getLong();
      case FLOAT4 -> buffer.getFloat();
      case FLOAT8 -> buffer.getDouble();
      case DATE -> LocalDate.ofEpochDay(PG_EPOCH_DAY + buffer.getInt());
      case TIME -> LocalTime.ofNanoOfDay(buffer.getLong() * 1000);
      case TIMESTAMP, TIMESTAMPTZ -> PG_EPOCH.plusNanos(buffer.getLong() * 1000);
      case NUMERIC -> readNumeric(buffer);
      case BYTEA -> bytes;
      default -> new String(bytes, StandardCharsets.UTF_8);
    };
  }

  private static BigDecimal readNumeric(ByteBuffer buffer) {
    int ndigits = buffer.getShort();
    int weight = buffer.getShort();
    int sign = buffer.getShort() & 0xffff;
    int dscale = buffer.getShort();
    if (sign == 0xC000) {
      throw new IllegalArgumentException("NaN");
    }
    BigDecimal value = BigDecimal.ZERO;
    for (int i = 0; i < ndigits; i++) {
      value = value.add(BigDecimal.valueOf(buffer.getShort()).scaleByPowerOfTen(4 * (weight - i)));
    }
    value = value.setScale(dscale, RoundingMode.UNNECESSARY);
    return sign == 0x4000 ? value.negate() : value;
  }

  /** Converts a String (text format) or a decoded binary value to the engine's type. */
  private static Object convert(Object value, PgType target, int jdbcType) {
    String text = value instanceof String s ? s.strip() : null;
    return switch (target) {
      case BOOL ->
          value instanceof Boolean b ? b : parseBoolean(text != null ? text : value.toString());
      case INT2, INT4 ->
          value instanceof Number n
              ? Integer.valueOf(Math.toIntExact(n.longValue()))
              : Integer.valueOf(text);
      case INT8 -> value instanceof Number n ? n.longValue() : Long.valueOf(text);
      case FLOAT4 -> value instanceof Number n ? n.floatValue() : parseDouble(text).floatValue();
      case FLOAT8 -> value instanceof Number n ? n.doubleValue() : parseDouble(text);
      case NUMERIC ->
          value instanceof BigDecimal d
              ? d
              : value instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(text);
      case DATE ->
          Date.valueOf(
              value instanceof LocalDate d
                  ? d
                  : value instanceof LocalDateTime t
                      ? t.toLocalDate()
                      : parseTimestamp(text).toLocalDate());
      case TIME -> Time.valueOf(value instanceof LocalTime t ? t : LocalTime.parse(text));
      case TIMESTAMP, TIMESTAMPTZ ->
          Timestamp.valueOf(
              value instanceof LocalDateTime t
                  ? t
                  : value instanceof LocalDate d ? d.atStartOfDay() : parseTimestamp(text));
      case BYTEA -> value instanceof byte[] b ? b : parseBytea(text);
      default -> value instanceof String s ? s : PgValues.text(value);
    };
  }

  private static Double parseDouble(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "nan" -> Double.NaN;
      case "infinity", "+infinity", "inf" -> Double.POSITIVE_INFINITY;
      case "-infinity", "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.valueOf(text);
    };
  }

  private static Boolean parseBoolean(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "t", "true", "1", "y", "yes", "on" -> true;
      case "f", "false", "0", "n", "no", "off" -> false;
      default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
    };
  }

  private static byte[] parseBytea(String text) {
    if (text.startsWith("\\x")) {
      return HexFormat.of().parseHex(text.substring(2));
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A timestamp as clients write it: {@code 2024-01-02 03:04:05.123456}, with a {@code T} or a
   * space, with or without seconds, and with a zone offset that is ignored (a value for a TIMESTAMP
   * WITHOUT TIME ZONE keeps its wall-clock time, as in PostgreSQL).
   */
  static LocalDateTime parseTimestamp(String text) {
    Matcher m = TIMESTAMP.matcher(text);
    if (!m.matches()) {
      throw new DateTimeParseException("not a timestamp 'YYYY-MM-DD HH:MM:SS'", text, 0);
    }
    LocalDate date = LocalDate.parse(m.group(1));
    return m.group(2) == null ? date.atStartOfDay() : date.atTime(LocalTime.parse(m.group(2)));
  }
}
