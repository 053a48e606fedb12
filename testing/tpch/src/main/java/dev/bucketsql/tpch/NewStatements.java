package dev.bucketsql.tpch;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Statement texts never planned before, for timing the planning of new statements: each call of
 * {@link #fresh} changes a literal of the text (a compared integer, else a date's day, else a
 * trailing comment), so neither a connection's plan cache nor the JVM's cache of compiled plans
 * keyed by their Java source serves it by its text. Also four single-table statements over the
 * TPC-H tables ({@link #SINGLE_TABLE}: a point lookup, a filter, a grouped aggregate, a top-10),
 * whose {@code %d} becomes a new number each time.
 *
 * <p>Not thread-safe: one instance per benchmark thread.
 */
public final class NewStatements {
  /** Single-table statements by name; {@code %d} becomes a number new to each call. */
  public static final Map<String, String> SINGLE_TABLE = singleTable();

  /** An integer compared with: {@code l_quantity < 24}. */
  private static final Pattern COMPARED = Pattern.compile("([<>=]\\s*)(\\d+)(?![\\w.])");

  /** A date literal's day: {@code DATE '1994-01-01'}. */
  private static final Pattern DATE = Pattern.compile("(?i)(DATE\\s*'\\d{4}-\\d{2}-)(\\d{2})'");

  private int run;

  /** {@code sql} with a literal no earlier call of this instance used. */
  public String fresh(String sql) {
    requireNonNull(sql, "sql is null");
    run++;
    if (sql.contains("%d")) {
      return String.format(Locale.ROOT, sql, 1000 + run);
    }
    Matcher compared = COMPARED.matcher(sql);
    if (compared.find()) {
      long value = Long.parseLong(compared.group(2)) + run;
      return sql.substring(0, compared.start(2)) + value + sql.substring(compared.end(2));
    }
    Matcher date = DATE.matcher(sql);
    if (date.find()) {
      // days 1 to 28 with the run as a comment too: the same day again would be a repeat
      int day = 1 + run % 28;
      return sql.substring(0, date.start(2))
          + String.format(Locale.ROOT, "%02d", day)
          + sql.substring(date.end(2))
          + "\n-- run "
          + run;
    }
    return sql + "\n-- run " + run;
  }

  private static Map<String, String> singleTable() {
    Map<String, String> statements = new LinkedHashMap<>();
    statements.put("point", "SELECT * FROM orders WHERE o_orderkey = %d");
    statements.put(
        "filter",
        "SELECT l_orderkey, l_extendedprice FROM lineitem WHERE l_quantity < %d"
            + " AND l_discount > 0.05");
    statements.put(
        "group",
        "SELECT l_returnflag, COUNT(*), SUM(l_quantity), AVG(l_discount) FROM lineitem"
            + " WHERE l_partkey > %d GROUP BY l_returnflag ORDER BY l_returnflag");
    statements.put(
        "top",
        "SELECT c_name, c_acctbal FROM customer WHERE c_nationkey <> %d"
            + " ORDER BY c_acctbal DESC LIMIT 10");
    return java.util.Collections.unmodifiableMap(statements);
  }
}
