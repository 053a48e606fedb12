package dev.bucketsql.cli;

import java.io.PrintWriter;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Prints a result set as a plain text table. */
final class ResultTable {
  private static final int MAX_ROWS = 50;

  private ResultTable() {}

  static void print(ResultSet rows, PrintWriter out) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    int n = meta.getColumnCount();
    List<String[]> lines = new ArrayList<>();
    String[] header = new String[n];
    for (int i = 0; i < n; i++) {
      header[i] = meta.getColumnLabel(i + 1);
    }
    int count = 0;
    boolean more = false;
    while (rows.next()) {
      if (count == MAX_ROWS) {
        more = true;
        break;
      }
      String[] line = new String[n];
      for (int i = 0; i < n; i++) {
        Object value = rows.getObject(i + 1);
        line[i] = value == null ? "NULL" : value.toString();
      }
      lines.add(line);
      count++;
    }
    int[] widths = new int[n];
    for (int i = 0; i < n; i++) {
      widths[i] = header[i].length();
      for (String[] line : lines) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    printLine(out, header, widths);
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < n; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
    }
    out.println(rule);
    for (String[] line : lines) {
      printLine(out, line, widths);
    }
    if (more) {
      out.println("... (more rows not shown)");
    }
  }

  private static void printLine(PrintWriter out, String[] cells, int[] widths) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      s.append(i == 0 ? "" : " | ").append(String.format("%" + widths[i] + "s", cells[i]));
    }
    out.println(s);
  }
}
