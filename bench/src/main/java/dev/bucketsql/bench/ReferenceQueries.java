package dev.bucketsql.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard queries over CSV and Parquet that the fault and load runs check, with their answers
 * as comparable text: rows of an unordered query sorted, floating-point values to 12 significant
 * digits (parallel sums may differ in the last bits).
 */
final class ReferenceQueries {
  /** One query, and whether its row order is part of the answer. */
  record Query(String name, String sql, boolean ordered) {}

  static final List<Query> ALL =
      List.of(
          new Query("Q1 count CSV", "SELECT COUNT(*) AS n FROM RAW_interactions", true),
          new Query(
              "Q2 calorie levels",
              "SELECT calorie_level, COUNT(*) AS n FROM PP_recipes GROUP BY 1 ORDER BY 2 DESC",
              false),
          new Query(
              "Q3 selective Parquet avg",
              "SELECT AVG(calories) AS avg_calories FROM RAW_recipes_clean WHERE year >= 2010",
              true),
          new Query(
              "Q4 selective Parquet count and avg",
              "SELECT COUNT(*) AS n, AVG(rating) AS avg_rating FROM RAW_interactions_clean"
                  + " WHERE \"date\" >= DATE '2018-01-01'",
              true),
          new Query(
              "Q5 Parquet join by year",
              "SELECT r.year, COUNT(*) AS n, AVG(i.rating) AS avg_rating FROM RAW_interactions_clean i"
                  + " JOIN RAW_recipes_clean r ON i.recipe_id = r.id GROUP BY r.year ORDER BY r.year",
              true),
          new Query(
              "Q6 CSV join by year",
              "SELECT year(r.submitted) AS year, COUNT(*) AS n, AVG(i.rating) AS avg_rating"
                  + " FROM RAW_interactions i JOIN RAW_recipes r ON i.recipe_id = r.id GROUP BY 1 ORDER BY 1",
              true),
          new Query("CSV rows", "SELECT * FROM PP_recipes", false),
          new Query("Parquet rows", "SELECT * FROM RAW_recipes_clean WHERE minutes < 30", false));

  private ReferenceQueries() {}

  /** The answer of {@code query} on {@code connection}, as comparable lines. */
  static List<String> answer(Connection connection, Query query) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(query.sql())) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int c = 1; c <= n; c++) {
          row.append(c > 1 ? "|" : "").append(text(rs.getObject(c)));
        }
        rows.add(row.toString());
      }
    }
    if (!query.ordered()) {
      Collections.sort(rows);
    }
    return rows;
  }

  private static String text(Object v) {
    if (v instanceof Double || v instanceof Float) {
      return String.format(Locale.ROOT, "%.12g", ((Number) v).doubleValue());
    }
    if (v instanceof BigDecimal d) {
      return d.stripTrailingZeros().toPlainString();
    }
    return String.valueOf(v);
  }

  /** The {@code p}-th percentile (0..100) of {@code nanos}, in milliseconds. */
  static double percentileMillis(List<Long> nanos, double p) {
    if (nanos.isEmpty()) {
      return Double.NaN;
    }
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    int i = (int) Math.ceil(p / 100 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
  }
}
