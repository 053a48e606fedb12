package dev.bucketsql.server.pg;

import dev.bucketsql.format.SqlStateException;
import java.util.regex.Pattern;

/**
 * PostgreSQL's {@code format(formatstr, args...)}: {@code %s} (the value as text, NULL as nothing),
 * {@code %I} (an identifier, quoted when PostgreSQL would quote it), {@code %L} (a literal, NULL as
 * {@code NULL}) and {@code %%}, each optionally with an argument position ({@code %2$s}). Catalog
 * queries build qualified names with it ({@code format('%I.%I', schema, table)}); widths and flags
 * are refused rather than ignored.
 */
final class PgFormat {
  private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");

  private PgFormat() {}

  static String format(String format, Object... args) {
    if (format == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    int next = 0;
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (++i >= format.length()) {
        throw refused(format, "unterminated format() type specifier");
      }
      if (format.charAt(i) == '%') {
        out.append('%');
        continue;
      }
      int position = next;
      int digits = i;
      while (digits < format.length() && Character.isDigit(format.charAt(digits))) {
        digits++;
      }
      if (digits > i && digits < format.length() && format.charAt(digits) == '$') {
        position = Integer.parseInt(format.substring(i, digits)) - 1;
        i = digits + 1;
      }
      if (i >= format.length()) {
        throw refused(format, "unterminated format() type specifier");
      }
      if (position < 0 || position >= args.length) {
        throw refused(format, "too few arguments for format()");
      }
      Object value = args[position];
      next = position + 1;
      switch (format.charAt(i)) {
        case 's' -> out.append(value == null ? "" : text(value));
        case 'I' -> {
          if (value == null) {
            throw new SqlStateException(
                "22004",
                "null values cannot be formatted as an SQL identifier"
                    + " in format('"
                    + format
                    + "', ...)");
          }
          out.append(identifier(text(value)));
        }
        case 'L' -> out.append(value == null ? "NULL" : "'" + text(value).replace("'", "''") + "'");
        default ->
            throw refused(
                format,
                "unrecognized format() type specifier \""
                    + format.charAt(i)
                    + "\"; use %s, %I, %L or %%");
      }
    }
    return out.toString();
  }

  /** {@code name} as PostgreSQL's {@code quote_ident} writes it. */
  static String identifier(String name) {
    return PLAIN_IDENTIFIER.matcher(name).matches()
        ? name
        : "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private static String text(Object value) {
    return value instanceof Boolean
            || value instanceof Double
            || value instanceof Float
            || value instanceof java.math.BigDecimal
        ? PgValues.text(value)
        : value.toString();
  }

  private static SqlStateException refused(String format, String problem) {
    return new SqlStateException(
        SqlStateException.INVALID_PARAMETER_VALUE, problem + " in format('" + format + "', ...)");
  }
}
