package dev.bucketsql.jdbc;

import dev.bucketsql.calcite.engine.QueryErrors;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;

/**
 * {@code getInt}, {@code getShort}, {@code getByte} and {@code getLong} of a wider column, checked:
 * Avatica's accessors narrow with a Java cast, so {@code getInt} of a BIGINT 3000000000 gave
 * -1294967296, a wrong answer. Here a value outside the asked type fails with SQLSTATE 22003 naming
 * the column, the value and the getter to use, as pgjdbc does. Used by the embedded and the remote
 * driver's result sets.
 */
public final class NarrowingReads {
  private NarrowingReads() {}

  /** Whether a read of {@code column} as a Java integer of {@code bits} bits needs a check. */
  public static boolean needsCheck(ResultSet rs, int column, int bits) throws SQLException {
    int type = rs.getMetaData().getColumnType(column);
    return switch (type) {
      case Types.TINYINT -> false;
      case Types.SMALLINT -> bits < 16;
      case Types.INTEGER -> bits < 32;
      case Types.BIGINT -> bits < 64;
      case Types.DECIMAL, Types.NUMERIC, Types.DOUBLE, Types.FLOAT, Types.REAL -> true;
      default -> false; // text and others: Avatica's own conversion and errors
    };
  }

  /**
   * The value of {@code column} (a whole part of a fraction, as JDBC getters truncate) if it fits
   * in {@code [min, max]}.
   *
   * @throws SQLException 22003 when it does not
   */
  public static long read(ResultSet rs, int column, long min, long max, String getter)
      throws SQLException {
    int type = rs.getMetaData().getColumnType(column);
    BigDecimal value;
    String shown;
    if (type == Types.DOUBLE || type == Types.FLOAT || type == Types.REAL) {
      double d = rs.getDouble(column);
      if (rs.wasNull()) {
        return 0;
      }
      if (!Double.isFinite(d)) {
        throw outOfRange(rs, column, Double.toString(d), getter, max);
      }
      value = BigDecimal.valueOf(d);
      shown = Double.toString(d);
    } else {
      value = rs.getBigDecimal(column);
      if (value == null) {
        return 0;
      }
      shown = value.toPlainString();
    }
    BigDecimal whole = value.setScale(0, RoundingMode.DOWN);
    if (whole.compareTo(BigDecimal.valueOf(min)) < 0
        || whole.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw outOfRange(rs, column, shown, getter, max);
    }
    return whole.longValue();
  }

  private static SQLException outOfRange(
      ResultSet rs, int column, String value, String getter, long max) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    return QueryErrors.create(
        "22003",
        String.format(
            Locale.ROOT,
            "column %d (%s, %s): value %s is out of range for %s; use %s",
            column,
            md.getColumnLabel(column),
            md.getColumnTypeName(column),
            value,
            getter,
            max <= Integer.MAX_VALUE ? "getLong or getBigDecimal" : "getDouble or getBigDecimal"),
        null);
  }
}
