package dev.bucketsql.datagen;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders values the way the Food.com files spell them: Python list text, one-decimal numbers, ISO
 * dates. Hand-rolled loops rather than regular expressions, because these run millions of times at
 * full scale.
 */
final class Text {
  private Text() {}

  /**
   * Python's {@code repr} of a list of strings: {@code ['a', "b's"]}. A string holding a single
   * quote is shown in double quotes, as Python does.
   */
  static String pyList(List<String> items) {
    StringBuilder out = new StringBuilder(items.size() * 16 + 2).append('[');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      appendRepr(out, items.get(i));
    }
    return out.append(']').toString();
  }

  /** A list of ints as Python prints it: {@code [1, 2, 3]}. */
  static String intList(int[] values) {
    StringBuilder out = new StringBuilder(values.length * 6 + 2);
    appendIntList(out, values);
    return out.toString();
  }

  /** Appends {@code [1, 2, 3]} to {@code out}. */
  static void appendIntList(StringBuilder out, int[] values) {
    out.append('[');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(values[i]);
    }
    out.append(']');
  }

  /** Tenths as a one-decimal number: 515 becomes {@code 51.5}, 20 becomes {@code 2.0}. */
  static void appendTenths(StringBuilder out, int tenths) {
    if (tenths < 0) {
      out.append('-');
      tenths = -tenths;
    }
    out.append(tenths / 10).append('.').append(tenths % 10);
  }

  /** A list of one-decimal numbers given in tenths: {@code [51.5, 0.0]}. */
  static String tenthsList(int[] tenths) {
    StringBuilder out = new StringBuilder(tenths.length * 7 + 2).append('[');
    for (int i = 0; i < tenths.length; i++) {
      if (i > 0) {
        out.append(", ");
      }
      appendTenths(out, tenths[i]);
    }
    return out.append(']').toString();
  }

  /** Splits on spaces and hyphens, dropping punctuation, for token ids. */
  static List<String> splitWords(String text) {
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ' ';
      boolean wordChar = Character.isLetterOrDigit(c) || c == '\'';
      if (wordChar && start < 0) {
        start = i;
      } else if (!wordChar && start >= 0) {
        words.add(text.substring(start, i));
        start = -1;
      }
    }
    return words;
  }

  private static void appendRepr(StringBuilder out, String s) {
    boolean hasSingle = s.indexOf('\'') >= 0;
    boolean hasDouble = s.indexOf('"') >= 0;
    if (hasSingle && !hasDouble) {
      out.append('"').append(s).append('"');
      return;
    }
    out.append('\'');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('\'');
  }

  /** ISO dates ({@code 2008-06-14}) by epoch day, built once per day rather than per row. */
  static final class Dates {
    private final int firstDay;
    private final String[] text;

    Dates(int firstDay, int lastDay) {
      this.firstDay = firstDay;
      this.text = new String[lastDay - firstDay + 1];
      for (int d = firstDay; d <= lastDay; d++) {
        text[d - firstDay] = LocalDate.ofEpochDay(d).toString();
      }
    }

    String format(int epochDay) {
      return text[epochDay - firstDay];
    }
  }
}
