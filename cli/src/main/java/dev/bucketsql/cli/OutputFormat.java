package dev.bucketsql.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How {@code bucketsql sql -e/-f} prints a result, trino-cli's set cut down to the useful ones. CSV
 * follows RFC 4180: a field is put in double quotes only when it holds a comma, a double quote, a
 * line break or leading/trailing blanks, and a double quote inside is doubled.
 */
enum OutputFormat {
  /** A box table fitted to the terminal (or {@code --width}), saying what it hid. */
  TABLE(true),
  /** RFC 4180 CSV with a header line. */
  CSV(true),
  /** RFC 4180 CSV without the header line. */
  CSV_NOHEADER(false),
  /** Comma-separated, header line, nothing quoted (for values known to hold no comma). */
  CSV_UNQUOTED(true),
  /** Tab-separated with a header line; tab, line breaks and backslash escaped as \t \n \r \\. */
  TSV(true),
  /** Tab-separated without the header line. */
  TSV_NOHEADER(false),
  /** JSON lines: one object per row, keyed by column label. */
  JSON(false);

  private final boolean header;

  OutputFormat(boolean header) {
    this.header = header;
  }

  /** Whether the format starts with a line of column labels. */
  boolean header() {
    return header;
  }

  /** The name the command line takes: lower case, '-' or '_' alike. */
  String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format named {@code name}, or a {@link Main.UsageException} listing the names. */
  static OutputFormat parse(String name) {
    String key = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (OutputFormat f : values()) {
      if (f.name().equals(key)) {
        return f;
      }
    }
    throw new Main.UsageException("--output must be one of " + names() + ", not '" + name + "'");
  }

  /** All names, for messages and help. */
  static String names() {
    return Arrays.stream(values()).map(OutputFormat::optionName).collect(Collectors.joining(", "));
  }
}
