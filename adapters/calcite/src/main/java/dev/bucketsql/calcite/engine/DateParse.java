package dev.bucketsql.calcite.engine;

import dev.bucketsql.format.SqlStateException;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * DuckDB's {@code strptime(text, format)}: a TIMESTAMP read from {@code text} with the {@code %}
 * specifiers {@link DateFormat} writes. Called by generated code; public for that reason only.
 *
 * <p>Specifiers: {@code %Y %y %m %d %j %H %I %M %S %p %f %g %b %h %B %a %A %%}, and {@code %-d %-m
 * %-j %-H %-I %-M %-S %-y}. Numbers take one digit up to the field's width ({@code %Y}: up to
 * four); month and day names in English, in any case. The whole text must match. A TIMESTAMP here
 * holds milliseconds: a {@code %f} with non-zero microseconds fails rather than lose them. Failures
 * carry SQLSTATE 22007 and name the text and the format.
 */
public final class DateParse {
  private static final String SUPPORTED =
      "supported: %Y %y %m %d %j %H %I %M %S %p %f %g %b %h %B %a %A %%, and %-d %-m %-j %-H %-I %-M %-S %-y";

  private DateParse() {}

  /** {@code strptime(text, format)}. */
  public static Timestamp parse(String text, String format) {
    if (text == null || format == null) {
      return null;
    }
    return Timestamp.valueOf(new Reader(text, format).read());
  }

  /** One parse: the position in the text and the fields read so far. */
  private static final class Reader {
    private final String text;
    private final String format;
    private int at;
    private int year = 1900;
    private int month = 1;
    private int day = 1;
    private int dayOfYear = -1;
    private int hour;
    private int minute;
    private int second;
    private int nanos;
    private boolean twelveHour;
    private int pm = -1;

    Reader(String text, String format) {
      this.text = text;
      this.format = format;
    }

    LocalDateTime read() {
      for (int i = 0; i < format.length(); i++) {
        char c = format.charAt(i);
        if (c != '%') {
          literal(c);
          continue;
        }
        if (i + 1 >= format.length()) {
          throw badFormat("%");
        }
        char s = format.charAt(++i);
        if (s == '-') {
          if (i + 1 >= format.length() || "dmjHIMSy".indexOf(format.charAt(i + 1)) < 0) {
            throw badFormat(i + 1 < format.length() ? "%-" + format.charAt(i + 1) : "%-");
          }
          s = format.charAt(++i);
        }
        specifier(s);
      }
      if (at < text.length()) {
        throw unparsed("unexpected '" + text.substring(at) + "' after the format's end");
      }
      return build();
    }

    private void specifier(char s) {
      switch (s) {
        case 'Y' -> year = number(4, "a year");
        case 'y' -> {
          int y = number(2, "a two-digit year");
          year = y < 69 ? 2000 + y : 1900 + y;
        }
        case 'm' -> month = number(2, "a month");
        case 'd' -> day = number(2, "a day");
        case 'j' -> dayOfYear = number(3, "a day of the year");
        case 'H' -> hour = number(2, "an hour");
        case 'I' -> {
          hour = number(2, "an hour");
          twelveHour = true;
        }
        case 'M' -> minute = number(2, "a minute");
        case 'S' -> second = number(2, "a second");
        case 'f' -> fraction(6);
        case 'g' -> fraction(3);
        case 'p' -> pm = name(new String[] {"AM", "PM"}, "AM or PM");
        case 'b', 'h' -> month = 1 + name(monthNames(TextStyle.SHORT), "a month name");
        case 'B' -> month = 1 + name(monthNames(TextStyle.FULL), "a month name");
        case 'a' -> name(dayNames(TextStyle.SHORT), "a weekday name");
        case 'A' -> name(dayNames(TextStyle.FULL), "a weekday name");
        case '%' -> literal('%');
        default -> throw badFormat("%" + s);
      }
    }

    private void literal(char c) {
      if (Character.isWhitespace(c)) {
        // as in DuckDB, white space in the format matches any run of white space
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
          at++;
        }
        return;
      }
      if (at >= text.length() || text.charAt(at) != c) {
        throw unparsed("expected '" + c + "' at position " + (at + 1));
      }
      at++;
    }

    private int number(int maxDigits, String what) {
      int start = at;
      int value = 0;
      while (at < text.length() && at - start < maxDigits && isDigit(text.charAt(at))) {
        value = value * 10 + (text.charAt(at++) - '0');
      }
      if (at == start) {
        throw unparsed("expected " + what + " at position " + (start + 1));
      }
      return value;
    }

    private void fraction(int maxDigits) {
      int start = at;
      long value = 0;
      while (at < text.length() && at - start < maxDigits && isDigit(text.charAt(at))) {
        value = value * 10 + (text.charAt(at++) - '0');
      }
      int digits = at - start;
      if (digits == 0) {
        throw unparsed("expected a fraction of a second at position " + (start + 1));
      }
      for (int k = digits; k < 9; k++) {
        value *= 10;
      }
      if (value % 1_000_000 != 0) {
        throw unparsed("a TIMESTAMP holds milliseconds; the fraction has more digits");
      }
      nanos = (int) value;
    }

    private int name(String[] names, String what) {
      for (int k = 0; k < names.length; k++) {
        String n = names[k];
        if (text.regionMatches(true, at, n, 0, n.length())) {
          at += n.length();
          return k;
        }
      }
      throw unparsed("expected " + what + " at position " + (at + 1));
    }

    private LocalDateTime build() {
      if (twelveHour) {
        if (hour < 1 || hour > 12) {
          throw unparsed("hour " + hour + " is not 1 to 12 for %I");
        }
        hour = hour % 12 + (pm == 1 ? 12 : 0);
      } else if (pm == 1 && hour < 12) {
        hour += 12;
      }
      try {
        LocalDate date =
            dayOfYear >= 0 ? LocalDate.ofYearDay(year, dayOfYear) : LocalDate.of(year, month, day);
        return date.atTime(hour, minute, second, nanos);
      } catch (DateTimeException e) {
        throw unparsed(e.getMessage());
      }
    }

    private SqlStateException unparsed(String why) {
      return new SqlStateException(
          SqlStateException.INVALID_DATETIME_FORMAT,
          "strptime: could not parse '" + text + "' with format '" + format + "': " + why);
    }

    private SqlStateException badFormat(String specifier) {
      return new SqlStateException(
          SqlStateException.INVALID_DATETIME_FORMAT,
          "strptime: unknown format specifier '"
              + specifier
              + "' in '"
              + format
              + "'; "
              + SUPPORTED);
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String[] monthNames(TextStyle style) {
    String[] names = new String[12];
    for (Month m : Month.values()) {
      names[m.ordinal()] = m.getDisplayName(style, Locale.ENGLISH);
    }
    return names;
  }

  private static String[] dayNames(TextStyle style) {
    String[] names = new String[7];
    for (DayOfWeek d : DayOfWeek.values()) {
      names[d.ordinal()] = d.getDisplayName(style, Locale.ENGLISH);
    }
    return names;
  }
}
