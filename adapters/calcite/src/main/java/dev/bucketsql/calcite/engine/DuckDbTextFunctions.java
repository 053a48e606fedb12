package dev.bucketsql.calcite.engine;

import java.nio.charset.StandardCharsets;
import org.apache.calcite.linq4j.function.Strict;

/**
 * Small DuckDB scalar functions Calcite's libraries lack: {@code ltrim(s, chars)} and {@code
 * rtrim(s, chars)} (the one-argument forms stay Calcite's), {@code instr(s, sub)}, {@code
 * strlen(s)} and {@code bit_length(s)} (bytes and bits of the UTF-8 encoding, where {@code length}
 * counts characters), and {@code xor(a, b)} of integers. Called by generated code; public for that
 * reason only. Strict: a NULL argument gives NULL without a call.
 */
@Strict
public final class DuckDbTextFunctions {
  private DuckDbTextFunctions() {}

  /**
   * {@code ltrim(s, chars)}: {@code s} without the leading characters that are in {@code chars}.
   */
  public static String ltrim(String s, String chars) {
    int start = 0;
    while (start < s.length() && chars.indexOf(s.codePointAt(start)) >= 0) {
      start += Character.charCount(s.codePointAt(start));
    }
    return s.substring(start);
  }

  /**
   * {@code rtrim(s, chars)}: {@code s} without the trailing characters that are in {@code chars}.
   */
  public static String rtrim(String s, String chars) {
    int end = s.length();
    while (end > 0 && chars.indexOf(s.codePointBefore(end)) >= 0) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(0, end);
  }

  /**
   * {@code instr(s, sub)}: where {@code sub} first starts in {@code s}, in characters from 1; 0 if
   * nowhere.
   */
  public static long instr(String s, String sub) {
    int at = s.indexOf(sub);
    return at < 0 ? 0 : s.codePointCount(0, at) + 1;
  }

  /** {@code strlen(s)}: the bytes of {@code s} in UTF-8. */
  public static long strlen(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** {@code bit_length(s)}: the bits of {@code s} in UTF-8. */
  public static long bitLength(String s) {
    return 8L * strlen(s);
  }

  /** {@code xor(a, b)}: the bitwise exclusive or. */
  public static long xor(long a, long b) {
    return a ^ b;
  }
}
