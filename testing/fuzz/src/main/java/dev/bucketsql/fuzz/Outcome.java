package dev.bucketsql.fuzz;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one engine answered: rows and column type classes, an error, or nothing comparable (a
 * timeout, too many rows).
 *
 * @param types each column's class ({@link TypeClass#describe}), null for an error
 * @param rows the rows, values normalized ({@link #normalize}), null for an error
 * @param error the error's one-line text (with its SQLSTATE), null for rows
 * @param skipped whether the answer cannot be compared (timeout, too many rows)
 */
record Outcome(List<String> types, List<List<Object>> rows, String error, boolean skipped) {
  /** Rows beyond which a query is not compared. */
  static final int MAX_ROWS = 50_000;

  static Outcome read(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String> types = new ArrayList<>(n);
    for (int c = 1; c <= n; c++) {
      types.add(TypeClass.describe(md, c));
    }
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      if (rows.size() >= MAX_ROWS) {
        return new Outcome(types, rows, null, true);
      }
      List<Object> row = new ArrayList<>(n);
      for (int c = 1; c <= n; c++) {
        row.add(normalize(rs.getObject(c)));
      }
      rows.add(row);
    }
    return new Outcome(types, rows, null, false);
  }

  /** The error {@code e} of {@code sql}, without the statement's text that Calcite repeats. */
  static Outcome failed(SQLException e, String sql) {
    String state = e.getSQLState() == null ? "" : "[" + e.getSQLState() + "] ";
    String message =
        String.valueOf(e.getMessage())
            .replace("Error while executing SQL \"" + sql + "\": ", "")
            .lines()
            .findFirst()
            .orElse("");
    return new Outcome(null, null, state + message, false);
  }

  static Outcome skip(String why) {
    return new Outcome(null, null, why, true);
  }

  boolean failed() {
    return error != null && !skipped;
  }

  /**
   * A value both engines' JDBC objects map to the same way: exact numbers as {@link BigDecimal},
   * floating point as {@link Double}, dates and timestamps as ISO text.
   */
  static Object normalize(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Double || v instanceof Float) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof BigDecimal d) {
      return d;
    }
    if (v instanceof Byte
        || v instanceof Short
        || v instanceof Integer
        || v instanceof Long
        || v instanceof BigInteger) {
      return new BigDecimal(v.toString());
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (v instanceof LocalDate d) {
      return d.toString();
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime().toString();
    }
    if (v instanceof LocalDateTime t) {
      return t.toString();
    }
    if (v instanceof OffsetDateTime t) {
      return t.toLocalDateTime().toString();
    }
    if (v instanceof String || v instanceof Boolean) {
      return v;
    }
    return v.toString();
  }

  /** A short text of this outcome for a report. */
  String describe() {
    if (error != null) {
      return (skipped ? "skipped: " : "error: ") + error;
    }
    List<List<Object>> head = rows.subList(0, Math.min(rows.size(), 6));
    return String.format(
        Locale.ROOT, "%s %d row(s) %s%s", types, rows.size(), head, rows.size() > 6 ? "..." : "");
  }
}
