package dev.bucketsql.datagen;

import java.util.ArrayList;
import java.util.List;

/** Parses the Python list-of-strings text of the Food.com files, to check the generator's. */
final class PyLists {
  private PyLists() {}

  static List<String> parse(String text) {
    if (!text.startsWith("[") || !text.endsWith("]")) {
      throw new IllegalArgumentException("not a list: " + text);
    }
    List<String> items = new ArrayList<>();
    int i = 1;
    int end = text.length() - 1;
    while (i < end) {
      char quote = text.charAt(i);
      if (quote != '\'' && quote != '"') {
        throw new IllegalArgumentException("expected a quote at " + i + " in " + text);
      }
      StringBuilder item = new StringBuilder();
      i++;
      while (text.charAt(i) != quote) {
        if (text.charAt(i) == '\\') {
          i++;
        }
        item.append(text.charAt(i++));
      }
      items.add(item.toString());
      i++;
      if (i < end) {
        if (!text.startsWith(", ", i)) {
          throw new IllegalArgumentException("expected ', ' at " + i + " in " + text);
        }
        i += 2;
      }
    }
    return items;
  }
}
