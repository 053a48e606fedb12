package dev.bucketsql.calcite.engine;

import dev.bucketsql.format.SqlStateException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Casts to a list as DuckDB does them: {@code CAST('[1, 2]' AS INTEGER[])} reads list text
 * (brackets, elements split at commas outside quotes and inner brackets, an element in single or
 * double quotes taken without them so {@code ['a, b', "it's"]} has two elements, a bare {@code
 * NULL} is NULL), and a list cast to another element type converts each element. Called by
 * generated code ({@link ListCasts}); public for that reason only.
 */
public final class ListText {
  private ListText() {}

  /** {@code CAST(value AS type[])} where {@code element} names the element type. */
  public static List<Object> cast(Object value, String element) {
    if (value == null) {
      return null;
    }
    return castValue(value, element, value);
  }

  /** {@code TRY_CAST(value AS type[])}: NULL where the cast fails. */
  public static List<Object> tryCast(Object value, String element) {
    try {
      return cast(value, element);
    } catch (SqlStateException e) {
      return null;
    }
  }

  private static List<Object> castValue(Object value, String element, Object whole) {
    List<?> items = value instanceof List<?> l ? l : split(value.toString(), whole);
    List<Object> out = new ArrayList<>(items.size());
    for (Object item : items) {
      out.add(item == null ? null : convert(item, element, whole));
    }
    return Collections.unmodifiableList(out);
  }

  private static Object convert(Object item, String element, Object whole) {
    if (element.endsWith("[]")) {
      return castValue(item, element.substring(0, element.length() - 2), whole);
    }
    try {
      return switch (element) {
        case "VARCHAR", "CHAR" -> item.toString();
        case "INTEGER" ->
            item instanceof Number n
                ? NumericCasts.decimalToInteger(decimal(n))
                : IntegerCasts.toInteger(item.toString());
        case "BIGINT" ->
            item instanceof Number n
                ? NumericCasts.decimalToBigint(decimal(n))
                : IntegerCasts.toBigint(item.toString());
        case "SMALLINT" ->
            item instanceof Number n
                ? NumericCasts.decimalToSmallint(decimal(n))
                : IntegerCasts.toSmallint(item.toString());
        case "TINYINT" ->
            item instanceof Number n
                ? NumericCasts.decimalToTinyint(decimal(n))
                : IntegerCasts.toTinyint(item.toString());
        case "DOUBLE" ->
            item instanceof Number n ? n.doubleValue() : parseDouble(item.toString().trim());
        case "REAL", "FLOAT" ->
            item instanceof Number n ? n.floatValue() : (float) parseDouble(item.toString().trim());
        case "DECIMAL" ->
            item instanceof Number n ? decimal(n) : new BigDecimal(item.toString().trim());
        case "BOOLEAN" -> item instanceof Boolean b ? b : bool(item.toString().trim());
        default ->
            throw new SqlStateException(
                SqlStateException.INVALID_PARAMETER_VALUE,
                "cannot cast to "
                    + element
                    + "[]: lists of VARCHAR, INTEGER, BIGINT, SMALLINT, TINYINT,"
                    + " DOUBLE, REAL, DECIMAL and BOOLEAN are supported");
      };
    } catch (NumberFormatException | ArithmeticException | SqlStateException e) {
      if (e instanceof SqlStateException s
          && s.sqlState().equals(SqlStateException.INVALID_PARAMETER_VALUE)) {
        throw s;
      }
      throw new SqlStateException(
          SqlStateException.INVALID_TEXT_REPRESENTATION,
          "could not convert '"
              + item
              + "' in '"
              + whole
              + "' to "
              + element
              + "; write a list as [1, 2] or ['a', 'b']",
          e);
    }
  }

  /**
   * A double as DuckDB reads one: also {@code inf}, {@code -inf}, {@code infinity}, {@code nan}.
   */
  private static double parseDouble(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    String unsigned = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
    if (unsigned.equals("inf") || unsigned.equals("infinity")) {
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (unsigned.equals("nan")) {
      return Double.NaN;
    }
    if (!lower.isEmpty()
        && !Character.isDigit(lower.charAt(lower.length() - 1))
        && lower.charAt(lower.length() - 1) != '.') {
      throw new NumberFormatException(s); // Java would take 1d and 1f
    }
    return Double.parseDouble(s);
  }

  private static Boolean bool(String s) {
    if (s.equalsIgnoreCase("true")) {
      return true;
    }
    if (s.equalsIgnoreCase("false")) {
      return false;
    }
    throw new NumberFormatException(s);
  }

  private static BigDecimal decimal(Number n) {
    return n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
  }

  /**
   * The elements of list text {@code [a, 'b', [c]]}, as DuckDB reads them: quotes anywhere in an
   * element open and close a quoted part and are dropped ({@code a'b'c} is {@code abc}), a
   * backslash in quotes takes the next character as it is, unquoted spaces around an element are
   * dropped, an unquoted {@code NULL} is NULL; inner lists are kept as their text.
   */
  static List<Object> split(String text, Object whole) {
    String s = text.trim();
    if (s.length() < 2 || s.charAt(0) != '[' || s.charAt(s.length() - 1) != ']') {
      throw bad(whole, "a list is written in brackets, as [1, 2] or ['a', 'b']");
    }
    List<Object> out = new ArrayList<>();
    String body = s.substring(1, s.length() - 1);
    if (body.isBlank()) {
      return out;
    }
    Element item = new Element();
    char quote = 0;
    int depth = 0;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
          if (depth > 0) {
            item.plain(c);
          }
        } else if (c == '\\' && i + 1 < body.length()) {
          if (depth > 0) {
            item.plain(c);
          }
          item.quoted(body.charAt(++i), depth);
        } else {
          item.quoted(c, depth);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        if (depth > 0) {
          item.plain(c);
        } else {
          item.quotedPart();
        }
      } else if (c == ',' && depth == 0) {
        out.add(item.value(whole));
        item = new Element();
      } else {
        if (c == '[') {
          depth++;
        } else if (c == ']' && --depth < 0) {
          throw bad(whole, "unbalanced brackets");
        }
        item.plain(c);
      }
    }
    if (quote != 0) {
      throw bad(whole, "a quote is not closed");
    }
    if (depth != 0) {
      throw bad(whole, "unbalanced brackets");
    }
    out.add(item.value(whole));
    return out;
  }

  /** One element being read: its characters and where its quoted parts end. */
  private static final class Element {
    private final StringBuilder text = new StringBuilder();
    private int firstQuoted = -1;
    private int lastQuoted = -1;

    void plain(char c) {
      text.append(c);
    }

    void quoted(char c, int depth) {
      if (depth > 0) {
        text.append(c);
        return;
      }
      quotedPart();
      text.append(c);
      lastQuoted = text.length();
    }

    void quotedPart() {
      if (firstQuoted < 0) {
        firstQuoted = text.length();
      }
      lastQuoted = Math.max(lastQuoted, text.length());
    }

    Object value(Object whole) {
      int start = 0;
      int end = text.length();
      int keepFrom = firstQuoted < 0 ? end : firstQuoted;
      int keepTo = lastQuoted < 0 ? 0 : lastQuoted;
      while (start < keepFrom && Character.isWhitespace(text.charAt(start))) {
        start++;
      }
      while (end > Math.max(start, keepTo) && Character.isWhitespace(text.charAt(end - 1))) {
        end--;
      }
      String s = text.substring(start, end);
      if (firstQuoted >= 0) {
        return s;
      }
      return s.equalsIgnoreCase("NULL") ? null : s; // an empty element is '', as in DuckDB
    }
  }

  private static SqlStateException bad(Object whole, String why) {
    return new SqlStateException(
        SqlStateException.INVALID_TEXT_REPRESENTATION,
        "could not cast '" + whole + "' to a list: " + why);
  }
}
