package dev.bucketsql.server.pg;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL-level cursor commands psycopg's server-side cursors send, parsed: {@code DECLARE name
 * CURSOR [WITH HOLD] FOR query}, {@code FETCH [FORWARD|NEXT] [n|ALL] FROM name}, {@code CLOSE
 * name|ALL}.
 */
final class PgCursorSql {
  private static final String NAME = "(\\w+|\"(?:[^\"]|\"\")+\")";
  private static final Pattern DECLARE =
      Pattern.compile(
          "(?is)DECLARE\\s+"
              + NAME
              + "\\s+(?:BINARY\\s+)?(?:ASENSITIVE\\s+|INSENSITIVE\\s+)?(?:NO\\s+)?(?:SCROLL\\s+)?CURSOR\\s+"
              + "(?:(WITH)\\s+HOLD\\s+|WITHOUT\\s+HOLD\\s+)?FOR\\s+(.*)");
  private static final Pattern FETCH =
      Pattern.compile(
          "(?is)FETCH\\s+"
              + "(?:(?:FORWARD|NEXT)\\s+)?(\\d+|ALL)?\\s*(?:FROM|IN)\\s+"
              + NAME
              + "\\s*");
  private static final Pattern CLOSE = Pattern.compile("(?is)CLOSE\\s+" + NAME + "\\s*");

  private PgCursorSql() {}

  /** A parsed command. */
  sealed interface Command permits Declare, Fetch, Close {}

  /**
   * {@code DECLARE}: a cursor over {@code query}; {@code hold} when it outlives its transaction.
   */
  record Declare(String name, boolean hold, String query) implements Command {}

  /** {@code FETCH}: the next {@code rows} rows, 0 for all. */
  record Fetch(String name, int rows) implements Command {}

  /** {@code CLOSE}: one cursor, or every one when {@link #all()}. */
  record Close(String name, boolean all) implements Command {}

  /** The command {@code sql} (comments stripped) is, or null when it is none of them. */
  static Command parse(String sql) {
    Matcher m = DECLARE.matcher(sql);
    if (m.matches()) {
      return new Declare(unquote(m.group(1)), m.group(2) != null, m.group(3));
    }
    m = FETCH.matcher(sql);
    if (m.matches()) {
      String count = m.group(1);
      int rows = count == null ? 1 : count.equalsIgnoreCase("ALL") ? 0 : Integer.parseInt(count);
      return new Fetch(unquote(m.group(2)), rows);
    }
    m = CLOSE.matcher(sql);
    if (m.matches()) {
      boolean all = m.group(1).equalsIgnoreCase("all");
      return new Close(unquote(m.group(1)), all);
    }
    return null;
  }

  private static String unquote(String name) {
    return name.startsWith("\"")
        ? name.substring(1, name.length() - 1).replace("\"\"", "\"")
        : name;
  }
}
