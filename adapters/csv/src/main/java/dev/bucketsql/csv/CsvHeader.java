package dev.bucketsql.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Column names from a header record, unique without regard to case, named as DuckDB names them.
 *
 * <p>SQL matches unquoted names without regard to case, so {@code Name,name} must not give two
 * columns a query cannot tell apart. Names are trimmed; a blank name becomes {@code columnN} (N its
 * 0-based position, zero-padded to the width of the last position: {@code column07} in a table of
 * 12 columns). A name already taken, compared without regard to case, gets {@code _k} appended,
 * where k counts how often that name has been met so far, and again while the result is taken:
 * {@code Name,name,NAME,name_1} gives {@code Name, name_1, NAME_2, name_1_1}. Left to right, so the
 * result is deterministic and the first occurrence keeps its name.
 */
final class CsvHeader {
  private CsvHeader() {}

  /** Unique column names for {@code header} fields (null for an empty field). */
  static List<String> names(String[] header) {
    List<String> names = new ArrayList<>(header.length);
    // How often each name (any case) has been met; a name absent here is free.
    Map<String, Integer> seen = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < header.length; i++) {
      String name = header[i] == null ? "" : header[i].strip();
      if (name.isEmpty()) {
        name = generated(i, header.length);
      }
      while (seen.containsKey(name)) {
        int count = seen.merge(name, 1, Integer::sum);
        name = name + "_" + count;
      }
      seen.put(name, 0);
      names.add(name);
    }
    return names;
  }

  /** Names for a file without a header: {@code column0 ... columnN-1}, zero-padded. */
  static List<String> numbered(int count) {
    List<String> names = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      names.add(generated(i, count));
    }
    return names;
  }

  private static String generated(int index, int count) {
    int width = Integer.toString(Math.max(0, count - 1)).length();
    String digits = Integer.toString(index);
    return "column" + "0".repeat(width - digits.length()) + digits;
  }
}
