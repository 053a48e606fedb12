package dev.bucketsql.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements at each {@code ;} outside quotes and comments. A line that starts
 * with a dot command (DuckDB's {@code .mode csv}) is a statement of its own, ended by the line
 * break, as in DuckDB's shell.
 */
final class StatementSplitter {
  private StatementSplitter() {}

  /** The statements of {@code script}, trimmed, without the ending {@code ;}, blanks dropped. */
  static List<String> split(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    int n = script.length();
    while (i < n) {
      if (current.toString().isBlank() && atLineStart(script, i)) {
        int end = lineEnd(script, i);
        String line = script.substring(i, end);
        if (DotCommands.isCommand(line)) {
          out.add(line.strip());
          current.setLength(0);
          i = end;
          continue;
        }
      }
      char c = script.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int end = quoteEnd(script, i, c);
        current.append(script, i, end);
        i = end;
      } else if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        int end = lineEnd(script, i);
        current.append(script, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        int close = script.indexOf("*/", i + 2);
        int end = close < 0 ? n : close + 2;
        current.append(script, i, end);
        i = end;
      } else if (c == ';') {
        add(out, current);
        i++;
      } else {
        current.append(c);
        i++;
      }
    }
    add(out, current);
    return out;
  }

  private static void add(List<String> out, StringBuilder current) {
    String statement = current.toString().strip();
    if (!statement.isEmpty() && !onlyComments(statement)) {
      out.add(statement);
    }
    current.setLength(0);
  }

  /** Whether the text is nothing but comments, which the engine would refuse as empty. */
  private static boolean onlyComments(String text) {
    String rest = text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
    return rest.isBlank();
  }

  private static boolean atLineStart(String s, int i) {
    int j = i - 1;
    while (j >= 0 && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
      j--;
    }
    return j < 0 || s.charAt(j) == '\n' || s.charAt(j) == '\r' || s.charAt(j) == ';';
  }

  private static int lineEnd(String s, int i) {
    int nl = s.indexOf('\n', i);
    return nl < 0 ? s.length() : nl;
  }

  /** The index after the closing quote; a doubled quote inside is part of the value. */
  private static int quoteEnd(String s, int start, char quote) {
    int i = start + 1;
    while (i < s.length()) {
      if (s.charAt(i) == quote) {
        if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return s.length();
  }
}
