package dev.bucketsql.calcite.engine;

import dev.bucketsql.format.SqlStateException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Casts to a list as DuckDB does them: {@code CAST('[1, 2]' AS INTEGER[])} reads list text
 * (brackets, elements split at commas outside quotes and inner brackets, an element in single
 * or double quotes taken without them so {@code ['a, b', "it's"]} has two elements, a bare
 * {@code NULL} is NULL), and a list cast to another element type converts each element. Called by
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
        case "INTEGER" -> item instanceof Number n ? NumericCasts.decimalToInteger(decimal(n)) : IntegerCasts.toInteger(item.toString());
        case "BIGINT" -> item instanceof Number n ? NumericCasts.decimalToBigint(decimal(n)) : IntegerCasts.toBigint(item.toString());
        case "SMALLINT" -> item instanceof Number n ? NumericCasts.decimalToSmallint(decimal(n)) : IntegerCasts.toSmallint(item.toString());
        case "TINYINT" -> item instanceof Number n ? NumericCasts.decimalToTinyint(decimal(n)) : IntegerCasts.toTinyint(item.toString());
        case "DOUBLE" -> item instanceof Number n ? n.doubleValue() : Double.parseDouble(item.toString().trim());
        case "REAL", "FLOAT" -> item instanceof Number n ? n.floatValue() : Float.parseFloat(item.toString().trim());
        case "DECIMAL" -> item instanceof Number n ? decimal(n) : new BigDecimal(item.toString().trim());
        case "BOOLEAN" -> item instanceof Boolean b ? b : bool(item.toString().trim());
        default -> throw new SqlStateException(SqlStateException.INVALID_PARAMETER_VALUE,
            "cannot cast to " + element + "[]: lists of VARCHAR, INTEGER, BIGINT, SMALLINT, TINYINT,"
                + " DOUBLE, REAL, DECIMAL and BOOLEAN are supported");
      };
    } catch (NumberFormatException | ArithmeticException | SqlStateException e) {
      if (e instanceof SqlStateException s && s.sqlState().equals(SqlStateException.INVALID_PARAMETER_VALUE)) {
        throw s;
      }
      throw new SqlStateException(SqlStateException.INVALID_TEXT_REPRESENTATION,
          "could not convert '" + item + "' in '" + whole + "' to " + element + "; write a list as [1, 2] or ['a', 'b']", e);
    }
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

  /** The elements of list text {@code [a, 'b', [c]]}: strings, NULL for a bare NULL. */
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
    StringBuilder item = new StringBuilder();
    boolean quoted = false;
    int depth = 0;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if ((c == '\'' || c == '"') && depth == 0 && item.toString().isBlank()) {
        int end = closingQuote(body, i, c, whole);
        item.setLength(0);
        item.append(unescape(body.substring(i + 1, end)));
        quoted = true;
        i = end;
        continue;
      }
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(element(item, quoted, whole));
        item.setLength(0);
        quoted = false;
        continue;
      }
      if (!quoted) {
        item.append(c);
      } else if (!Character.isWhitespace(c)) {
        throw bad(whole, "unexpected '" + c + "' after a quoted element");
      }
    }
    if (depth != 0) {
      throw bad(whole, "unbalanced brackets");
    }
    out.add(element(item, quoted, whole));
    return out;
  }

  private static Object element(StringBuilder item, boolean quoted, Object whole) {
    if (quoted) {
      return item.toString();
    }
    String s = item.toString().trim();
    if (s.isEmpty()) {
      throw bad(whole, "an element is missing between commas");
    }
    return s.toUpperCase(Locale.ROOT).equals("NULL") ? null : s;
  }

  private static int closingQuote(String body, int open, char quote, Object whole) {
    for (int k = open + 1; k < body.length(); k++) {
      char c = body.charAt(k);
      if (c == '\\') {
        k++;
      } else if (c == quote) {
        return k;
      }
    }
    throw bad(whole, "a quote is not closed");
  }

  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        c = s.charAt(++i);
      }
      out.append(c);
    }
    return out.toString();
  }

  private static SqlStateException bad(Object whole, String why) {
    return new SqlStateException(SqlStateException.INVALID_TEXT_REPRESENTATION,
        "could not cast '" + whole + "' to a list: " + why);
  }
}
