package dev.bucketsql.tpch;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One of the 22 TPC-H queries, read from {@code /tpch/qNN.sql}: the standard text with the
 * specification's default substitution parameters, in SQL that BucketSQL and DuckDB both accept.
 *
 * @param number 1 to 22
 * @param sql the statement, with the scale-dependent parameter of Q11 filled in
 * @param ordered whether the statement has an ORDER BY, so rows must match in order
 */
public record TpchQuery(int number, String sql, boolean ordered) {
  /** Validates the fields. */
  public TpchQuery {
    requireNonNull(sql, "sql is null");
  }

  /** {@code q01} ... {@code q22}. */
  public String name() {
    return String.format(Locale.ROOT, "q%02d", number);
  }

  @Override
  public String toString() {
    return name();
  }

  /** All 22 queries for data generated at {@code scaleFactor}. */
  public static List<TpchQuery> all(double scaleFactor) {
    List<TpchQuery> queries = new ArrayList<>();
    for (int n = 1; n <= 22; n++) {
      queries.add(load(n, scaleFactor));
    }
    return queries;
  }

  /** Query {@code number} for data generated at {@code scaleFactor}. */
  public static TpchQuery load(int number, double scaleFactor) {
    String resource = String.format(Locale.ROOT, "/tpch/q%02d.sql", number);
    try (InputStream in = TpchQuery.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no TPC-H query " + number + " (" + resource + ")");
      }
      StringBuilder sql = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.startsWith("--")) {
          sql.append(line).append('\n');
        }
      }
      // Q11's FRACTION is 0.0001 / SF (TPC-H 2.4.11.3), so the answer keeps its size at any SF.
      String text =
          sql.toString()
              .strip()
              .replace(
                  "${FRACTION}",
                  new java.math.BigDecimal(0.0001 / scaleFactor)
                      .round(new java.math.MathContext(6))
                      .stripTrailingZeros()
                      .toPlainString());
      return new TpchQuery(number, text, text.toUpperCase(Locale.ROOT).contains("ORDER BY"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
