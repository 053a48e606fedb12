package dev.bucketsql.cli;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A result as a box table that fits a given width, the way DuckDB's box mode does it: long values
 * are shortened with an ellipsis (column names only past {@value #MAX_CELL} characters), and when
 * the columns still do not fit, columns from the middle are replaced by one {@code …} column. The
 * footer always says how many rows and, if any were hidden, how many columns were shown of how
 * many, and how to see them all.
 */
final class BoxTable {
  /** Values longer than this are shortened even when the table fits. */
  static final int MAX_CELL = 40;

  /** Columns are not shortened below this before columns are dropped. */
  private static final int MIN_CELL = 12;

  private static final String ELLIPSIS = "…";

  private final int width;
  private final int maxRows;

  /**
   * @param width the widest line to print, in characters
   * @param maxRows the most rows to print; the footer says when there were more
   */
  BoxTable(int width, int maxRows) {
    this.width = Math.max(20, width);
    this.maxRows = maxRows;
  }

  /** Prints {@code rows} (reading at most one more than the row limit) to {@code out}. */
  void print(ResultSet rows, PrintStream out) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    int n = meta.getColumnCount();
    String[] header = new String[n];
    int[] types = new int[n];
    for (int i = 0; i < n; i++) {
      header[i] = meta.getColumnLabel(i + 1);
      types[i] = meta.getColumnType(i + 1);
    }
    List<String[]> lines = new ArrayList<>();
    boolean more = false;
    while (rows.next()) {
      if (lines.size() == maxRows) {
        more = true;
        break;
      }
      String[] line = new String[n];
      for (int i = 0; i < n; i++) {
        String v = ValueText.of(rows, i + 1, types[i]);
        line[i] = v == null ? "NULL" : printable(v);
      }
      lines.add(line);
    }
    print(header, lines, more, out);
  }

  /** Prints already-read rows; {@code more} says that rows were left out. */
  void print(String[] header, List<String[]> lines, boolean more, PrintStream out) {
    int n = header.length;
    int[] natural = new int[n];
    for (int i = 0; i < n; i++) {
      natural[i] = length(header[i]);
      for (String[] line : lines) {
        natural[i] = Math.max(natural[i], length(line[i]));
      }
    }
    int[] floor = new int[n];
    for (int i = 0; i < n; i++) {
      floor[i] = Math.min(length(header[i]), MAX_CELL); // column names stay whole when they can
    }
    int cap = MAX_CELL;
    int[] widths = capped(natural, floor, cap);
    while (total(widths, allColumns(n)) > width && cap > MIN_CELL) {
      cap--;
      widths = capped(natural, floor, cap);
    }
    List<Integer> shown = fitting(widths);
    StringBuilder s = new StringBuilder();
    rule(s, widths, shown);
    row(s, header, widths, shown);
    rule(s, widths, shown);
    for (String[] line : lines) {
      row(s, line, widths, shown);
    }
    rule(s, widths, shown);
    s.append(footer(lines.size(), more, n, shown)).append('\n');
    out.print(s);
    out.flush();
  }

  private static String footer(int rows, boolean more, int columns, List<Integer> shown) {
    StringBuilder f = new StringBuilder();
    f.append(more ? "first " + rows + " rows shown" : rows == 1 ? "1 row" : rows + " rows");
    int visible = (int) shown.stream().filter(i -> i >= 0).count();
    if (visible < columns) {
      f.append(
          String.format(
              Locale.ROOT,
              ", %d columns (%d shown, %d hidden: widen with --width or use --output csv)",
              columns,
              visible,
              columns - visible));
    }
    if (more) {
      f.append(" (more rows not shown: --max-rows or --output csv for all)");
    }
    return f.toString();
  }

  /**
   * The columns to show, in order, with -1 standing for the {@code …} column: all when they fit,
   * else as many as fit taken alternately from the left and the right end.
   */
  private List<Integer> fitting(int[] widths) {
    int n = widths.length;
    List<Integer> all = allColumns(n);
    if (total(widths, all) <= width) {
      return all;
    }
    List<Integer> left = new ArrayList<>();
    List<Integer> right = new ArrayList<>();
    int lo = 0;
    int hi = n - 1;
    boolean takeLeft = true;
    while (lo <= hi) {
      int candidate = takeLeft ? lo : hi;
      List<Integer> trial = join(left, right, candidate, takeLeft);
      if (total(widths, trial) > width) {
        break;
      }
      if (takeLeft) {
        left.add(lo++);
      } else {
        right.add(0, hi--);
      }
      takeLeft = !takeLeft;
    }
    return join(left, right, null, true);
  }

  private static List<Integer> join(
      List<Integer> left, List<Integer> right, Integer extra, boolean toLeft) {
    List<Integer> out = new ArrayList<>(left);
    if (extra != null && toLeft) {
      out.add(extra);
    }
    out.add(-1);
    if (extra != null && !toLeft) {
      out.add(extra);
    }
    out.addAll(right);
    return out;
  }

  private static List<Integer> allColumns(int n) {
    List<Integer> all = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    return all;
  }

  /** The printed width of a line with these columns: "| a | b |". */
  private static int total(int[] widths, List<Integer> columns) {
    int sum = 1;
    for (int i : columns) {
      sum += (i < 0 ? 1 : widths[i]) + 3;
    }
    return sum;
  }

  private static int[] capped(int[] natural, int[] floor, int cap) {
    int[] out = new int[natural.length];
    for (int i = 0; i < natural.length; i++) {
      out[i] = Math.max(Math.min(natural[i], cap), floor[i]);
    }
    return out;
  }

  private static void rule(StringBuilder s, int[] widths, List<Integer> shown) {
    s.append('+');
    for (int i : shown) {
      s.append("-".repeat((i < 0 ? 1 : widths[i]) + 2)).append('+');
    }
    s.append('\n');
  }

  private static void row(StringBuilder s, String[] cells, int[] widths, List<Integer> shown) {
    s.append('|');
    for (int i : shown) {
      String cell = i < 0 ? ELLIPSIS : shorten(cells[i], widths[i]);
      int w = i < 0 ? 1 : widths[i];
      s.append(' ').append(cell).append(" ".repeat(w - length(cell))).append(" |");
    }
    s.append('\n');
  }

  private static String shorten(String value, int width) {
    if (length(value) <= width) {
      return value;
    }
    int end = value.offsetByCodePoints(0, width - 1);
    return value.substring(0, end) + ELLIPSIS;
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /** Line breaks and tabs inside a value would break the box; they are shown escaped. */
  private static String printable(String v) {
    if (v.indexOf('\n') < 0 && v.indexOf('\r') < 0 && v.indexOf('\t') < 0) {
      return v;
    }
    return v.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
  }
}
