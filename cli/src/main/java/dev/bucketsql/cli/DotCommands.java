package dev.bucketsql.cli;

import java.util.Locale;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * DuckDB's shell commands that have an equivalent here, as the statement or sqlline command they
 * stand for: {@code .tables} is {@code SHOW TABLES}, {@code .schema t} is {@code DESCRIBE t} (and
 * {@code SHOW ALL TABLES} without a table), {@code .mode csv|json|box|table|line|tsv} sets the
 * output format, {@code .timer on|off} shows each statement's time, {@code .help}, {@code .quit}
 * and {@code .exit}. A line that is no such command is returned as it is; an unknown dot command is
 * an {@link IllegalArgumentException} naming the ones there are, rather than SQL that cannot parse.
 */
final class DotCommands {
  /** DuckDB's output modes and sqlline's formats. */
  private static final Map<String, String> MODES =
      Map.of(
          "csv", "csv",
          "json", "json",
          "jsonlines", "json",
          "box", "table",
          "table", "table",
          "duckbox", "table",
          "markdown", "table",
          "line", "vertical",
          "tabs", "tsv",
          "tsv", "tsv");

  /** What {@code .help} prints. */
  static final String HELP =
      String.join(
          "\n",
          ".tables              the tables (SHOW TABLES)",
          ".schema [TABLE]      a table's columns (DESCRIBE TABLE), or every table's",
          ".mode box|csv|tsv|json|line  the output format",
          ".timer on|off        print each statement's run time",
          ".quit, .exit         leave the shell");

  private DotCommands() {}

  /** {@code line} with a leading dot command translated; anything else unchanged. */
  static String translate(String line) {
    if (!isCommand(line)) {
      return line;
    }
    String trimmed = line.strip();
    String body =
        trimmed.endsWith(";") ? trimmed.substring(0, trimmed.length() - 1).strip() : trimmed;
    String[] words = body.substring(1).split("\\s+", 2);
    String command = words[0].toLowerCase(Locale.ROOT);
    String argument = words.length > 1 ? words[1].strip() : "";
    String translated =
        switch (command) {
          case "tables" -> "SHOW TABLES;";
          case "schema" -> argument.isEmpty() ? "SHOW ALL TABLES;" : "DESCRIBE " + argument + ";";
          case "mode" -> mode(argument);
          case "timer" -> timer(argument);
          case "help" -> "!help";
          case "quit", "exit", "q" -> "!quit";
          default -> null;
        };
    if (translated == null) {
      throw new IllegalArgumentException(
          "unknown or incomplete command '"
              + trimmed
              + "': this shell takes .tables, .schema [table],"
              + " .mode csv|json|box|table|line|tsv, .timer on|off, .help and .quit, and sqlline's"
              + " !commands (!help)");
    }
    return translated;
  }

  private static final java.util.regex.Pattern DESCRIBE =
      java.util.regex.Pattern.compile("(?i)^\\s*!describe\\s+(\\S+)\\s*;?\\s*$");

  /**
   * sqlline's {@code !describe TABLE} as the {@code DESCRIBE TABLE} statement: sqlline looks the
   * table up through {@code getColumns} with the whole dotted name as the table name, so {@code
   * !describe full.RAW_recipes} found nothing. Each part of the name is quoted, since a folder may
   * be named by a reserved word ({@code full}). Other lines are returned unchanged.
   */
  static String translateDescribe(String line) {
    java.util.regex.Matcher m = DESCRIBE.matcher(line);
    if (!m.matches()) {
      return line;
    }
    String name = m.group(1);
    if (name.contains("\"")) {
      return "DESCRIBE " + name + ";"; // already quoted as the user wants it
    }
    StringBuilder quoted = new StringBuilder();
    for (String part : name.split("\\.")) {
      quoted.append(quoted.length() == 0 ? "" : ".").append('"').append(part).append('"');
    }
    return "DESCRIBE " + quoted + ";";
  }

  /** Whether {@code line} is sqlline's {@code !describe TABLE}. */
  static boolean isDescribe(String line) {
    return DESCRIBE.matcher(line).matches();
  }

  /** Whether {@code line} is a dot command. */
  static boolean isCommand(String line) {
    String trimmed = line.strip();
    return trimmed.startsWith(".") && trimmed.length() > 1 && Character.isLetter(trimmed.charAt(1));
  }

  private static @Nullable String mode(String argument) {
    String format = MODES.get(argument.toLowerCase(Locale.ROOT));
    return format == null ? null : "!outputformat " + format;
  }

  private static @Nullable String timer(String argument) {
    return switch (argument.toLowerCase(Locale.ROOT)) {
      case "on" -> "!set showElapsedTime true";
      case "off" -> "!set showElapsedTime false";
      default -> null;
    };
  }
}
