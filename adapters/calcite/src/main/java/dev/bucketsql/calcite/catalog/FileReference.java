package dev.bucketsql.calcite.catalog;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.SqlStateException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A file reference in DuckDB's spelling, as the table name the statement pass ({@code
 * dev.bucketsql.calcite.engine.FileTableRefs}) makes of it: a string literal ({@code
 * 's3://bucket/key.csv'}) or a reader call ({@code read_csv('s3://...', header = true)}, {@code
 * read_csv_auto}, {@code read_parquet}, {@code parquet_scan}), with DuckDB's argument syntax: a
 * path or a list of paths ({@code ['a.parquet', 'b.parquet']}) first, then named options whose
 * values are strings, numbers, {@code true}/{@code false}, lists or structs ({@code {'id':
 * 'INTEGER'}}).
 *
 * @param function the reader, lower case: {@code read_csv}, {@code read_parquet}, ..., or empty for
 *     a bare string literal (format by extension)
 * @param paths the paths, as written
 * @param options the named options by lower-case name: String, Boolean, Number, List or Map values
 */
public record FileReference(String function, List<String> paths, Map<String, Object> options) {
  /** The reader functions, by name. */
  public static final Set<String> FUNCTIONS =
      Set.of("read_csv", "read_csv_auto", "read_parquet", "parquet_scan");

  /** Checks the arguments. */
  public FileReference {
    requireNonNull(function, "function is null");
    paths = List.copyOf(paths);
    options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  /** Whether a table name looks like a reference this class reads (the pass's output). */
  public static boolean looksLikeOne(String name) {
    if (name.startsWith("'")) {
      return true;
    }
    int paren = name.indexOf('(');
    return paren > 0
        && name.endsWith(")")
        && FUNCTIONS.contains(name.substring(0, paren).strip().toLowerCase(Locale.ROOT));
  }

  /**
   * The reference in {@code text}, or empty when it is not one.
   *
   * @throws dev.bucketsql.format.SqlStateException (42601) when it starts like one but its
   *     arguments are malformed
   */
  public static Optional<FileReference> parse(String text) {
    if (!looksLikeOne(text)) {
      return Optional.empty();
    }
    Reader r = new Reader(text);
    if (text.startsWith("'")) {
      String path = r.string();
      r.end();
      return Optional.of(new FileReference("", List.of(path), Map.of()));
    }
    String function = r.word().toLowerCase(Locale.ROOT);
    r.expect('(');
    List<String> paths = new ArrayList<>();
    Map<String, Object> options = new LinkedHashMap<>();
    boolean first = true;
    while (!r.peek(')')) {
      if (!first) {
        r.expect(',');
      }
      if (first) {
        Object value = r.peek('\'') || r.peek('[') ? r.value() : null;
        if (value instanceof String s) {
          paths.add(s);
        } else if (value instanceof List<?> list
            && !list.isEmpty()
            && list.stream().allMatch(String.class::isInstance)) {
          list.forEach(p -> paths.add((String) p));
        } else {
          throw syntax(
              function
                  + ": the first argument must be a path or a list of paths as string literals,"
                  + " e.g. "
                  + function
                  + "('s3://bucket/key')");
        }
      } else {
        String name = r.word().toLowerCase(Locale.ROOT);
        if (r.peek(':')) {
          r.expect(':');
        }
        if (r.peek('=')) {
          r.expect('=');
          if (r.peek('>')) {
            r.expect('>');
          }
        } else {
          throw syntax(
              function
                  + ": expected name = value after the path, e.g. header = true; got '"
                  + r.rest()
                  + "'");
        }
        options.put(name, r.value());
      }
      first = false;
    }
    r.expect(')');
    r.end();
    if (paths.isEmpty()) {
      throw syntax(function + "() needs a path, e.g. " + function + "('s3://bucket/key')");
    }
    return Optional.of(new FileReference(function, paths, options));
  }

  /** A small reader of DuckDB's argument syntax. */
  private static final class Reader {
    private final String text;
    private int i;

    Reader(String text) {
      this.text = text;
    }

    private void skipSpace() {
      while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
    }

    boolean peek(char c) {
      skipSpace();
      return i < text.length() && text.charAt(i) == c;
    }

    void expect(char c) {
      if (!peek(c)) {
        throw syntax("expected '" + c + "' at '" + rest() + "' in " + text);
      }
      i++;
    }

    String rest() {
      return i >= text.length() ? "the end" : text.substring(i, Math.min(text.length(), i + 20));
    }

    void end() {
      skipSpace();
      if (i < text.length()) {
        throw syntax("unexpected '" + rest() + "' in " + text);
      }
    }

    String word() {
      skipSpace();
      int start = i;
      while (i < text.length()
          && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
        i++;
      }
      if (start == i) {
        throw syntax("expected a name at '" + rest() + "' in " + text);
      }
      return text.substring(start, i);
    }

    String string() {
      expect('\'');
      StringBuilder s = new StringBuilder();
      while (i < text.length()) {
        char c = text.charAt(i++);
        if (c == '\'') {
          if (i < text.length() && text.charAt(i) == '\'') {
            s.append('\'');
            i++;
            continue;
          }
          return s.toString();
        }
        s.append(c);
      }
      throw syntax("unclosed string literal in " + text);
    }

    Object value() {
      skipSpace();
      if (peek('\'')) {
        return string();
      }
      if (peek('[')) {
        expect('[');
        List<Object> list = new ArrayList<>();
        while (!peek(']')) {
          if (!list.isEmpty()) {
            expect(',');
          }
          list.add(value());
        }
        expect(']');
        return list;
      }
      if (peek('{')) {
        expect('{');
        Map<String, Object> struct = new LinkedHashMap<>();
        while (!peek('}')) {
          if (!struct.isEmpty()) {
            expect(',');
          }
          String key = peek('\'') ? string() : word();
          expect(':');
          struct.put(key, value());
        }
        expect('}');
        return struct;
      }
      int start = i;
      if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
        i++;
      }
      while (i < text.length()
          && (Character.isLetterOrDigit(text.charAt(i))
              || text.charAt(i) == '.'
              || text.charAt(i) == '_')) {
        i++;
      }
      String token = text.substring(start, i);
      if (token.isEmpty()) {
        throw syntax("expected a value at '" + rest() + "' in " + text);
      }
      if (token.equalsIgnoreCase("true") || token.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(token.toLowerCase(Locale.ROOT));
      }
      try {
        return token.contains(".")
            ? (Number) Double.parseDouble(token)
            : (Number) Long.parseLong(token);
      } catch (NumberFormatException e) {
        return token; // a bare word such as auto
      }
    }
  }

  /** 42601: a syntax error in the reference's arguments. */
  private static SqlStateException syntax(String message) {
    return new SqlStateException("42601", message);
  }
}
