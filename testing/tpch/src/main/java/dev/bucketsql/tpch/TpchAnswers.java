package dev.bucketsql.tpch;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Result sets as comparable rows, and their comparison: integers as {@link BigDecimal}, other
 * numbers as {@code Double}, dates as {@code yyyy-MM-dd}. Two numbers are the same when equal or
 * within a relative difference of {@value #RELATIVE_TOLERANCE} (sums of DOUBLE columns added in
 * another order differ in the last bits). Rows of a query with ORDER BY compare in order; the
 * others as sorted lists.
 */
public final class TpchAnswers {
  /** Largest relative difference of two numbers taken as the same. */
  public static final double RELATIVE_TOLERANCE = 1e-9;

  private TpchAnswers() {}

  /** Every row of {@code sql} on {@code connection}, normalized. */
  public static List<List<Object>> query(Connection connection, String sql) throws SQLException {
    return query(connection, sql, 0);
  }

  /**
   * Every row of {@code sql} on {@code connection}, normalized, with a statement timeout of {@code
   * timeoutSeconds} (0 for none).
   */
  public static List<List<Object>> query(Connection connection, String sql, int timeoutSeconds)
      throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement s = connection.createStatement()) {
      s.setQueryTimeout(timeoutSeconds);
      try (ResultSet rs = s.executeQuery(sql)) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<Object> row = new ArrayList<>(n);
          for (int c = 1; c <= n; c++) {
            row.add(normalize(rs.getObject(c)));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  static Object normalize(Object v) {
    if (v instanceof Double || v instanceof Float) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof BigDecimal d) {
      return d.stripTrailingZeros().scale() <= 0
          ? new BigDecimal(d.toBigInteger())
          : (Object) d.doubleValue();
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
    return v;
  }

  /**
   * Null when {@code actual} has the rows of {@code expected} (in the same order when {@code
   * ordered}); else what differs first.
   */
  public static String difference(
      List<List<Object>> actual, List<List<Object>> expected, boolean ordered) {
    List<List<Object>> a = ordered ? actual : sorted(actual);
    List<List<Object>> e = ordered ? expected : sorted(expected);
    if (a.size() != e.size()) {
      return "row count " + a.size() + ", expected " + e.size();
    }
    for (int r = 0; r < a.size(); r++) {
      List<Object> x = a.get(r);
      List<Object> y = e.get(r);
      if (x.size() != y.size()) {
        return "row " + (r + 1) + " has " + x.size() + " columns, expected " + y.size();
      }
      for (int c = 0; c < x.size(); c++) {
        if (!same(x.get(c), y.get(c))) {
          return "row "
              + (r + 1)
              + " column "
              + (c + 1)
              + ": "
              + x.get(c)
              + ", expected "
              + y.get(c)
              + " (row "
              + x
              + " vs "
              + y
              + ")";
        }
      }
    }
    return null;
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(TpchAnswers::key));
    return copy;
  }

  private static String key(List<Object> row) {
    StringBuilder s = new StringBuilder();
    for (Object v : row) {
      // doubles rounded, so that last-bit differences do not change the order
      s.append(
              v instanceof Double d
                  ? String.format(Locale.ROOT, "%.6e", d + 0.0)
                  : String.valueOf(v))
          .append('\u0001');
    }
    return s.toString();
  }

  static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      double dx = x.doubleValue();
      double dy = y.doubleValue();
      if (dx == dy) {
        return true;
      }
      if (x instanceof BigDecimal && y instanceof BigDecimal) {
        return ((BigDecimal) x).compareTo((BigDecimal) y) == 0;
      }
      return Math.abs(dx - dy) <= RELATIVE_TOLERANCE * Math.max(Math.abs(dx), Math.abs(dy));
    }
    return a == null ? b == null : a.equals(b);
  }
}
