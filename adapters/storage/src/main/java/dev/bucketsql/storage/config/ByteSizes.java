package dev.bucketsql.storage.config;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar of sizes in settings ({@code dataCache}, {@code queryMemory}, {@code joinMemory},
 * {@code spillLimit}): a whole number of bytes, optionally followed by {@code k}, {@code m} or
 * {@code g} (powers of 1024) and a {@code b}, in either case ({@code 536870912}, {@code 512m},
 * {@code 2G}, {@code 64kb}). Each setting checks its own bounds and words its own message.
 */
public final class ByteSizes {
  private static final Pattern SIZE = Pattern.compile("(\\d{1,15})([kmg])?b?");

  private ByteSizes() {}

  /** The bytes {@code text} stands for, or empty when it is not a size (or passes a long). */
  public static OptionalLong parse(String text) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return OptionalLong.empty();
    }
    long n = Long.parseLong(m.group(1));
    int shift =
        m.group(2) == null
            ? 0
            : switch (m.group(2)) {
              case "k" -> 10;
              case "m" -> 20;
              default -> 30;
            };
    return n <= (Long.MAX_VALUE >> shift) ? OptionalLong.of(n << shift) : OptionalLong.empty();
  }
}
