package dev.bucketsql.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Writes a result as JSON lines: one object per row, keyed by column label, numbers and booleans as
 * JSON numbers and booleans, everything else as strings, SQL NULL as {@code null}. Several
 * statements simply append their lines, so the output of a script stays one JSON-lines stream (each
 * statement's rows follow the previous statement's).
 */
final class JsonLines {
  private JsonLines() {}

  /** Writes {@code rows} to {@code out}, one line per row. */
  static void write(ResultSet rows, PrintStream out) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    int n = meta.getColumnCount();
    String[] keys = new String[n];
    int[] types = new int[n];
    for (int i = 0; i < n; i++) {
      keys[i] = quoted(meta.getColumnLabel(i + 1));
      types[i] = meta.getColumnType(i + 1);
    }
    StringBuilder line = new StringBuilder();
    while (rows.next()) {
      line.setLength(0);
      line.append('{');
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          line.append(',');
        }
        line.append(keys[i]).append(':');
        String v = ValueText.of(rows, i + 1, types[i]);
        if (v == null) {
          line.append("null");
        } else if (bare(types[i], v)) {
          line.append(v);
        } else {
          line.append(quoted(v));
        }
      }
      out.print(line.append("}\n"));
    }
    out.flush();
  }

  /** Numbers and booleans go bare, except NaN and infinities, which JSON has no number for. */
  private static boolean bare(int type, String v) {
    return switch (type) {
      case Types.TINYINT,
          Types.SMALLINT,
          Types.INTEGER,
          Types.BIGINT,
          Types.DECIMAL,
          Types.NUMERIC ->
          true;
      case Types.REAL, Types.FLOAT, Types.DOUBLE -> !v.equals("NaN") && !v.contains("Infinity");
      case Types.BOOLEAN, Types.BIT -> v.equals("true") || v.equals("false");
      default -> false;
    };
  }

  /**
   * {@code s} as a JSON string, quoted by Jackson's encoder (the one way BucketSQL quotes JSON).
   */
  static String quoted(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }
}
