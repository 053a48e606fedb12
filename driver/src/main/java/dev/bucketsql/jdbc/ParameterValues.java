package dev.bucketsql.jdbc;

import dev.bucketsql.format.SqlStateException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.jdbc.BucketSqlJdbcFactory;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Converts the values bound to {@code ?} parameters to the type the statement expects, as pgjdbc
 * and DuckDB do: {@code setString(1, "5")} for an INTEGER parameter binds 5, {@code setObject}
 * takes any Java number, text, boolean, {@code LocalDate}, {@code LocalDateTime}, {@code java.sql}
 * date and time. A value that does not convert fails with a {@link SqlStateException} naming the
 * parameter index, the value and both types (22P02 for text that does not parse, 22003 for a number
 * out of the parameter's range, 42804 for a type that has no conversion), so the engine never sees
 * a value of the wrong class.
 */
final class ParameterValues implements BucketSqlJdbcFactory.Parameters {
  /** The one instance; it holds no state. */
  static final ParameterValues INSTANCE = new ParameterValues();

  private ParameterValues() {}

  @Override
  public @Nullable Object setObject(int index, AvaticaParameter parameter, @Nullable Object x) {
    return convert(index, parameter, x);
  }

  /** {@code values} converted to the types of {@code parameters}; values of unknown type stay. */
  @Override
  public List<TypedValue> beforeExecute(
      List<AvaticaParameter> parameters, List<TypedValue> values, Calendar calendar) {
    List<TypedValue> out = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      TypedValue value = values.get(i);
      AvaticaParameter parameter = i < parameters.size() ? parameters.get(i) : null;
      Class<?> target = parameter == null ? null : javaClass(parameter.parameterType);
      if (value == null || value.value == null || target == null) {
        out.add(value);
        continue;
      }
      Object jdbc = value.toJdbc(calendar);
      if (target.isInstance(jdbc)) {
        out.add(value);
        continue;
      }
      Object converted = convert(i + 1, parameter, jdbc);
      out.add(TypedValue.ofJdbc(ColumnMetaData.Rep.of(target), converted, calendar));
    }
    return out;
  }

  /**
   * {@code x} as the Java class JDBC uses for the type of {@code parameter} (Integer for INTEGER,
   * java.sql.Date for DATE, ...), or {@code x} itself when the type is not one this class converts
   * to.
   */
  static @Nullable Object convert(int index, AvaticaParameter parameter, @Nullable Object x) {
    Class<?> target = javaClass(parameter.parameterType);
    if (x == null || target == null || target.isInstance(x)) {
      return x;
    }
    try {
      Object converted = to(target, x);
      if (converted != null) {
        return converted;
      }
    } catch (ArithmeticException | DateTimeParseException | IllegalArgumentException e) {
      String state =
          e instanceof ArithmeticException
              ? SqlStateException.NUMERIC_OUT_OF_RANGE
              : e instanceof DateTimeParseException
                  ? SqlStateException.INVALID_DATETIME_FORMAT
                  : SqlStateException.INVALID_TEXT_REPRESENTATION;
      throw new SqlStateException(
          state,
          message(index, parameter, x)
              + (state.equals(SqlStateException.NUMERIC_OUT_OF_RANGE)
                  ? ": out of range"
                  : ": not a valid value")
              + hint(target),
          e);
    }
    throw new SqlStateException(
        "42804", message(index, parameter, x) + ": no conversion" + hint(target));
  }

  private static String message(int index, AvaticaParameter parameter, Object x) {
    String shown =
        x instanceof String s
            ? "'" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "'"
            : String.valueOf(x);
    return String.format(
        Locale.ROOT,
        "parameter %d: cannot convert %s %s to %s",
        index,
        x.getClass().getSimpleName(),
        shown,
        parameter.typeName);
  }

  private static String hint(Class<?> target) {
    if (target == Date.class) {
      return "; bind a LocalDate, a java.sql.Date or a 'YYYY-MM-DD' string";
    }
    if (target == Timestamp.class) {
      return "; bind a LocalDateTime, a java.sql.Timestamp or a 'YYYY-MM-DD hh:mm:ss[.fff]' string";
    }
    if (Number.class.isAssignableFrom(target)) {
      return "; bind a number, or a string that is one";
    }
    return "";
  }

  /** The JDBC Java class of SQL type {@code sqlType}, or null for types bound as they are. */
  private static @Nullable Class<?> javaClass(int sqlType) {
    return switch (sqlType) {
      case Types.TINYINT -> Byte.class;
      case Types.SMALLINT -> Short.class;
      case Types.INTEGER -> Integer.class;
      case Types.BIGINT -> Long.class;
      case Types.REAL -> Float.class;
      case Types.FLOAT, Types.DOUBLE -> Double.class;
      case Types.DECIMAL, Types.NUMERIC -> BigDecimal.class;
      case Types.BOOLEAN, Types.BIT -> Boolean.class;
      case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR -> String.class;
      case Types.DATE -> Date.class;
      case Types.TIME -> Time.class;
      case Types.TIMESTAMP -> Timestamp.class;
      default -> null;
    };
  }

  private static @Nullable Object to(Class<?> target, Object x) {
    if (target == String.class) {
      return text(x);
    }
    if (target == Boolean.class) {
      return bool(x);
    }
    if (Number.class.isAssignableFrom(target)) {
      BigDecimal d = decimal(x);
      if (d == null) {
        return null;
      }
      if (target == BigDecimal.class) {
        return d;
      }
      if (target == Double.class) {
        return d.doubleValue();
      }
      if (target == Float.class) {
        return d.floatValue();
      }
      // exact: 5.0 binds as 5, 5.5 fails (pgjdbc and DuckDB refuse to truncate silently)
      if (d.stripTrailingZeros().scale() > 0) {
        throw new IllegalArgumentException("not a whole number");
      }
      BigInteger whole = d.toBigInteger();
      long v = whole.longValueExact();
      if (target == Long.class) {
        return v;
      }
      if (target == Integer.class) {
        return Math.toIntExact(v);
      }
      if (target == Short.class) {
        return (short) range(v, Short.MIN_VALUE, Short.MAX_VALUE);
      }
      return (byte) range(v, Byte.MIN_VALUE, Byte.MAX_VALUE);
    }
    if (target == Date.class) {
      LocalDate d = localDate(x);
      return d == null ? null : Date.valueOf(d);
    }
    if (target == Timestamp.class) {
      LocalDateTime t = localDateTime(x);
      return t == null ? null : Timestamp.valueOf(t);
    }
    if (target == Time.class) {
      if (x instanceof LocalTime t) {
        return Time.valueOf(t);
      }
      if (x instanceof String s) {
        return Time.valueOf(LocalTime.parse(s.strip()));
      }
    }
    return null;
  }

  private static long range(long v, long min, long max) {
    if (v < min || v > max) {
      throw new ArithmeticException("out of range");
    }
    return v;
  }

  private static @Nullable String text(Object x) {
    if (x instanceof Timestamp t) {
      return t.toLocalDateTime().toString().replace('T', ' ');
    }
    if (x instanceof LocalDateTime t) {
      return t.toString().replace('T', ' ');
    }
    if (x instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (x instanceof Number
        || x instanceof Boolean
        || x instanceof Character
        || x instanceof CharSequence
        || x instanceof LocalDate
        || x instanceof Date
        || x instanceof LocalTime
        || x instanceof Time) {
      return x.toString();
    }
    return null;
  }

  private static @Nullable Boolean bool(Object x) {
    if (x instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (x instanceof String s) {
      // PostgreSQL's spellings of a boolean
      return switch (s.strip().toLowerCase(Locale.ROOT)) {
        case "true", "t", "yes", "y", "on", "1" -> true;
        case "false", "f", "no", "n", "off", "0" -> false;
        default -> throw new IllegalArgumentException("not a boolean");
      };
    }
    return null;
  }

  private static @Nullable BigDecimal decimal(Object x) {
    if (x instanceof BigDecimal d) {
      return d;
    }
    if (x instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (x instanceof Double || x instanceof Float) {
      double v = ((Number) x).doubleValue();
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        throw new ArithmeticException("not finite");
      }
      return BigDecimal.valueOf(v);
    }
    if (x instanceof Number n) {
      return BigDecimal.valueOf(n.longValue());
    }
    if (x instanceof Boolean b) {
      return b ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    if (x instanceof String s) {
      return new BigDecimal(s.strip());
    }
    return null;
  }

  private static @Nullable LocalDate localDate(Object x) {
    if (x instanceof LocalDate d) {
      return d;
    }
    if (x instanceof Timestamp t) {
      return t.toLocalDateTime().toLocalDate();
    }
    if (x instanceof LocalDateTime t) {
      return t.toLocalDate();
    }
    if (x instanceof String s) {
      return LocalDate.parse(s.strip());
    }
    if (x instanceof java.util.Date d) {
      return new Date(d.getTime()).toLocalDate();
    }
    return null;
  }

  private static @Nullable LocalDateTime localDateTime(Object x) {
    if (x instanceof LocalDateTime t) {
      return t;
    }
    if (x instanceof LocalDate d) {
      return d.atStartOfDay();
    }
    if (x instanceof Date d) {
      return d.toLocalDate().atStartOfDay();
    }
    if (x instanceof OffsetDateTime t) {
      return t.toLocalDateTime();
    }
    if (x instanceof ZonedDateTime t) {
      return t.toLocalDateTime();
    }
    if (x instanceof Instant i) {
      return LocalDateTime.ofInstant(i, java.time.ZoneOffset.UTC);
    }
    if (x instanceof String s) {
      String t = s.strip();
      return t.length() == 10
          ? LocalDate.parse(t).atStartOfDay()
          : LocalDateTime.parse(t.replace(' ', 'T'));
    }
    if (x instanceof java.util.Date d) {
      return new Timestamp(d.getTime()).toLocalDateTime();
    }
    return null;
  }
}
