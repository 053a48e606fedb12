package dev.bucketsql.cli;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * Writes a result as CSV (RFC 4180, or unquoted) or TSV, row by row as it arrives, lines ending in
 * a line feed. SQL NULL is an empty field, as DuckDB's and trino-cli's CSV write it.
 */
final class DelimitedRows {
  private DelimitedRows() {}

  /** Writes {@code rows} in {@code format}, one of the CSV or TSV formats. */
  static void write(ResultSet rows, OutputFormat format, PrintStream out) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    int n = meta.getColumnCount();
    int[] types = new int[n];
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < n; i++) {
      types[i] = meta.getColumnType(i + 1);
    }
    if (format.header()) {
      for (int i = 0; i < n; i++) {
        append(line, i, meta.getColumnLabel(i + 1), format);
      }
      out.print(line.append('\n'));
    }
    while (rows.next()) {
      line.setLength(0);
      for (int i = 0; i < n; i++) {
        String v = ValueText.of(rows, i + 1, types[i]);
        append(line, i, v == null ? "" : v, format);
      }
      out.print(line.append('\n'));
    }
    out.flush();
  }

  private static void append(StringBuilder line, int column, String value, OutputFormat format) {
    boolean tabs = format == OutputFormat.TSV || format == OutputFormat.TSV_NOHEADER;
    if (column > 0) {
      line.append(tabs ? '\t' : ',');
    }
    if (tabs) {
      line.append(tsvEscaped(value));
    } else if (format == OutputFormat.CSV_UNQUOTED) {
      line.append(value);
    } else {
      line.append(csvField(value));
    }
  }

  /** {@code value} as an RFC 4180 field: quoted only when it must be. */
  static String csvField(String value) {
    return !value.isEmpty() && needsQuotes(value) ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }

  private static boolean needsQuotes(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    // Leading or trailing blanks are trimmed by many readers unless quoted.
    return Character.isWhitespace(value.charAt(0))
        || Character.isWhitespace(value.charAt(value.length() - 1));
  }

  /** A TSV field: the characters that would break the line or the columns escaped. */
  static String tsvEscaped(String value) {
    if (value.indexOf('\t') < 0
        && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0
        && value.indexOf('\\') < 0) {
      return value;
    }
    return value
        .replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r");
  }
}
