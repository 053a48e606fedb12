package dev.bucketsql.calcite.engine;

import java.util.Locale;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Text read as a floating-point number the way DuckDB reads it, for {@code CAST(text AS DOUBLE)}:
 * surrounding white space, a sign, digits with an optional fraction and exponent, underscores
 * between digits ({@code 1_000}), and the words {@code inf}, {@code infinity} and {@code nan} in
 * any case and with either sign. Java's own parser takes {@code Infinity} and {@code NaN} only in
 * that spelling, and takes text DuckDB refuses ({@code 1d}, {@code 2f}, hexadecimal).
 */
final class DuckNumberText {
  private static final Pattern DECIMAL =
      Pattern.compile(
          "[+-]?(?:\\d+(?:_\\d+)*(?:\\.(?:\\d+(?:_\\d+)*)?)?|\\.\\d+(?:_\\d+)*)(?:[eE][+-]?\\d+)?");

  private DuckNumberText() {}

  /** {@code text} in Java's spelling of the same number, or null when it is no number. */
  static @Nullable String normalize(String text) {
    String s = text.strip();
    if (DECIMAL.matcher(s).matches()) {
      return s.indexOf('_') < 0 ? s : s.replace("_", "");
    }
    String word = s.toLowerCase(Locale.ROOT);
    boolean negative = word.startsWith("-");
    if (negative || word.startsWith("+")) {
      word = word.substring(1);
    }
    return switch (word) {
      case "inf", "infinity" -> negative ? "-Infinity" : "Infinity";
      case "nan" -> "NaN";
      default -> null;
    };
  }
}
