package dev.bucketsql.csv;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Column names from a header record. Names are trimmed; a blank name becomes {@code column_N} (N
 * its 1-based position); a name already taken, compared exactly, gets the first free suffix {@code
 * _2}, {@code _3}, ... Left to right, so the result is deterministic and the first occurrence keeps
 * its name.
 */
final class CsvHeader {
  private CsvHeader() {}

  /** Unique column names for {@code header} fields (null for an empty field). */
  static List<String> names(String[] header) {
    List<String> names = new ArrayList<>(header.length);
    Set<String> taken = new HashSet<>();
    for (int i = 0; i < header.length; i++) {
      String name = header[i] == null ? "" : header[i].strip();
      if (name.isEmpty()) {
        name = generated(i);
      }
      String unique = name;
      for (int suffix = 2; taken.contains(unique); suffix++) {
        unique = name + "_" + suffix;
      }
      taken.add(unique);
      names.add(unique);
    }
    return names;
  }

  /** Names for a file without a header: {@code column_1 ... column_N}. */
  static List<String> numbered(int count) {
    List<String> names = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      names.add(generated(i));
    }
    return names;
  }

  private static String generated(int index) {
    return "column_" + (index + 1);
  }
}
