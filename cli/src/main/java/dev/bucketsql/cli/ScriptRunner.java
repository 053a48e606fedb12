package dev.bucketsql.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Runs the statements of {@code sql -e} and {@code sql -f} on one connection and prints each result
 * in the chosen {@link OutputFormat}. A failing statement prints one line on standard error ({@link
 * ErrorLine}; the stack trace too when verbose); the script then stops, or goes on when asked to.
 * DuckDB's dot commands are taken on lines of their own.
 */
final class ScriptRunner {
  /** DuckDB's {@code .mode} names and the format each stands for here. */
  private static final Map<String, OutputFormat> MODES =
      Map.of(
          "box", OutputFormat.TABLE,
          "duckbox", OutputFormat.TABLE,
          "table", OutputFormat.TABLE,
          "csv", OutputFormat.CSV,
          "tabs", OutputFormat.TSV,
          "tsv", OutputFormat.TSV,
          "json", OutputFormat.JSON,
          "jsonlines", OutputFormat.JSON);

  /** How to run a script. */
  record Settings(
      OutputFormat format,
      int width,
      int maxRows,
      boolean continueOnError,
      boolean verbose,
      int timeoutSeconds) {
    Settings {
      requireNonNull(format, "format is null");
    }
  }

  private final Connection connection;
  private final PrintStream out;
  private final PrintStream err;
  private final Settings settings;
  private OutputFormat format;
  private boolean timer;
  private boolean quit;
  private int failures;

  private final @Nullable SqlProgress progress;

  /**
   * @param progress shows reads while a statement runs, erased before its result prints; or null
   */
  ScriptRunner(
      Connection connection,
      Settings settings,
      @Nullable SqlProgress progress,
      PrintStream out,
      PrintStream err) {
    this.progress = progress;
    this.connection = requireNonNull(connection, "connection is null");
    this.settings = requireNonNull(settings, "settings is null");
    this.out = requireNonNull(out, "out is null");
    this.err = requireNonNull(err, "err is null");
    this.format = settings.format();
  }

  /**
   * Runs {@code statements} in order.
   *
   * @return how many failed
   */
  int run(List<String> statements) {
    for (String sql : statements) {
      boolean ok = DotCommands.isCommand(sql) ? dotCommand(sql) : execute(sql);
      if (!ok) {
        failures++;
        if (!settings.continueOnError()) {
          break;
        }
      }
      if (quit) {
        break;
      }
    }
    return failures;
  }

  private boolean execute(String sql) {
    long start = System.nanoTime();
    try (Statement statement = connection.createStatement()) {
      if (settings.timeoutSeconds() > 0) {
        statement.setQueryTimeout(settings.timeoutSeconds());
      }
      boolean hasRows;
      showProgress(true);
      try {
        hasRows = statement.execute(sql);
      } finally {
        showProgress(false);
      }
      StartupTrace.mark("execute");
      if (hasRows) {
        try (ResultSet rows = statement.getResultSet()) {
          print(rows);
        }
      }
      StartupTrace.mark("print");
      if (timer) {
        err.printf(Locale.ROOT, "Run Time: %.3f s%n", (System.nanoTime() - start) / 1e9);
      }
      return true;
    } catch (SQLException | RuntimeException e) {
      out.flush();
      err.println(ErrorLine.of(e));
      if (settings.verbose()) {
        e.printStackTrace(err);
      }
      err.flush();
      return false;
    }
  }

  private void showProgress(boolean running) {
    if (progress != null) {
      progress.running(running);
    }
  }

  private void print(ResultSet rows) throws SQLException {
    switch (format) {
      case TABLE -> new BoxTable(settings.width(), settings.maxRows()).print(rows, out);
      case JSON -> JsonLines.write(rows, out);
      default -> DelimitedRows.write(rows, format, out);
    }
  }

  /** A dot command: the format and timer are the runner's own, the rest are statements. */
  private boolean dotCommand(String line) {
    String body = line.strip();
    if (body.endsWith(";")) {
      body = body.substring(0, body.length() - 1).strip();
    }
    String[] words = body.substring(1).split("\\s+", 2);
    String command = words[0].toLowerCase(Locale.ROOT);
    String argument = words.length > 1 ? words[1].strip().toLowerCase(Locale.ROOT) : "";
    switch (command) {
      case "mode" -> {
        OutputFormat f = MODES.get(argument);
        if (f == null) {
          return fail(
              ".mode takes box, table, csv, tsv or json (and trino's names via --output: "
                  + OutputFormat.names()
                  + "), not '"
                  + argument
                  + "'");
        }
        format = f;
        return true;
      }
      case "timer" -> {
        if (!argument.equals("on") && !argument.equals("off")) {
          return fail(".timer takes on or off, not '" + argument + "'");
        }
        timer = argument.equals("on");
        return true;
      }
      case "quit", "exit", "q" -> {
        quit = true;
        return true;
      }
      case "help" -> {
        out.println(DotCommands.HELP);
        return true;
      }
      default -> {
        String translated;
        try {
          translated = DotCommands.translate(line);
        } catch (IllegalArgumentException e) {
          return fail(e.getMessage());
        }
        return execute(
            translated.endsWith(";")
                ? translated.substring(0, translated.length() - 1)
                : translated);
      }
    }
  }

  private boolean fail(String message) {
    err.println("Error: " + message);
    return false;
  }
}
