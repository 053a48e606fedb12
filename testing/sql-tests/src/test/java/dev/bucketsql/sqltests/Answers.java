package dev.bucketsql.sqltests;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Result sets as comparable rows: numbers as {@link BigDecimal} (integers) or {@code Double}, dates
 * as {@code yyyy-MM-dd}, timestamps as {@code yyyy-MM-ddTHH:mm[:ss]}, lists as a {@code List} of
 * their normalized elements, so BucketSQL's and DuckDB's JDBC types compare by value.
 */
final class Answers {
  private static final double TOLERANCE = 1e-9;

  private Answers() {}

  /** Every row of {@code sql} on {@code connection}, normalized. */
  static List<List<Object>> query(Connection connection, String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>(n);
        for (int c = 1; c <= n; c++) {
          row.add(normalize(rs.getObject(c)));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  static Object normalize(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Double || v instanceof Float) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof BigDecimal d) {
      return d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0
          ? d.setScale(0, java.math.RoundingMode.UNNECESSARY)
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
    if (v instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime().toString();
    }
    if (v instanceof LocalDateTime t) {
      return t.toString();
    }
    if (v instanceof OffsetDateTime t) {
      return t.toLocalDateTime().toString();
    }
    if (v instanceof java.sql.Array a) {
      // lists compare element by element, each normalized as a column value
      try {
        Object elements = a.getArray();
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < java.lang.reflect.Array.getLength(elements); i++) {
          out.add(normalize(java.lang.reflect.Array.get(elements, i)));
        }
        return out;
      } catch (SQLException e) {
        throw new IllegalStateException("cannot read a list value: " + e.getMessage(), e);
      }
    }
    return v;
  }

  /** Rows sorted by their text, for queries without ORDER BY. */
  static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Answers::key));
    return copy;
  }

  private static String key(List<Object> row) {
    StringBuilder s = new StringBuilder();
    for (Object v : row) {
      // doubles rounded so that last-bit differences do not change the order
      // (and -0.0 as 0.0: SQL's equal values, either of which a group may show)
      s.append(v instanceof Double d ? String.format("%.6e", d + 0.0) : String.valueOf(v))
          .append('\u0001');
    }
    return s.toString();
  }

  /** Null when equal; else what differs first. */
  static String difference(List<List<Object>> actual, List<List<Object>> expected) {
    if (actual.size() != expected.size()) {
      return "row count " + actual.size() + ", expected " + expected.size();
    }
    for (int r = 0; r < actual.size(); r++) {
      List<Object> a = actual.get(r);
      List<Object> e = expected.get(r);
      if (a.size() != e.size()) {
        return "row " + r + " has " + a.size() + " columns, expected " + e.size();
      }
      for (int c = 0; c < a.size(); c++) {
        if (!same(a.get(c), e.get(c))) {
          return "row "
              + r
              + " column "
              + (c + 1)
              + ": "
              + describe(a.get(c))
              + ", expected "
              + describe(e.get(c))
              + " (row "
              + a
              + " vs "
              + e
              + ")";
        }
      }
    }
    return null;
  }

  private static String describe(Object v) {
    return v == null ? "NULL" : v + " (" + v.getClass().getSimpleName() + ")";
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!same(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Number x && b instanceof Number y) {
      double dx = x.doubleValue();
      double dy = y.doubleValue();
      if (dx == dy || Double.isNaN(dx) && Double.isNaN(dy)) {
        // infinities and NaN match only themselves (their difference is NaN)
        return true;
      }
      if (x instanceof BigDecimal bx && y instanceof BigDecimal by) {
        return bx.compareTo(by) == 0;
      }
      if (Double.isInfinite(dx) || Double.isInfinite(dy)) {
        return false; // unequal infinities, or one beside a number, whose difference is infinite
      }
      return Math.abs(dx - dy) <= TOLERANCE * Math.max(1, Math.max(Math.abs(dx), Math.abs(dy)));
    }
    return Objects.equals(a, b);
  }
}
