package dev.bucketsql.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The width of the terminal the command runs in, for tables printed by {@code -e} and {@code -f}:
 * {@code COLUMNS} when the shell exported it, else what {@code stty size} says of {@code /dev/tty}
 * when standard output is a terminal, else {@value #DEFAULT} (output to a file or a pipe, where
 * {@code --width} sets it).
 */
final class TerminalWidth {
  static final int DEFAULT = 80;

  private TerminalWidth() {}

  /** The width to fit tables to. */
  static int get() {
    if (System.console() == null) {
      return DEFAULT;
    }
    String columns = System.getenv("COLUMNS");
    if (columns != null && columns.matches("\\d{2,4}")) {
      return Integer.parseInt(columns);
    }
    File tty = new File("/dev/tty");
    if (!tty.canRead()) {
      return DEFAULT;
    }
    try {
      Process stty =
          new ProcessBuilder("stty", "size").redirectInput(tty).redirectErrorStream(true).start();
      if (!stty.waitFor(2, TimeUnit.SECONDS)) {
        stty.destroy();
        return DEFAULT;
      }
      String[] rowsColumns =
          new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
              .strip()
              .split("\\s+");
      if (rowsColumns.length == 2
          && rowsColumns[1].matches("\\d{1,4}")
          && Integer.parseInt(rowsColumns[1]) >= 20) {
        return Integer.parseInt(rowsColumns[1]);
      }
    } catch (IOException e) {
      // no stty: the default below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return DEFAULT;
  }
}
