package dev.bucketsql.cli;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Reads a password from {@code /dev/tty} with echo turned off ({@code stty -echo}), for when Java
 * has no {@link java.io.Console} because standard output is redirected, yet the user types on the
 * terminal. Echo is turned back on whatever happens.
 */
final class TerminalPassword {
  private static final File TTY = new File("/dev/tty");

  /** Whether this process's standard input is a terminal ({@code test -t 0} on the same input). */
  static boolean stdinIsTerminal() {
    if (!TTY.canRead()) {
      return false;
    }
    try {
      Process test =
          new ProcessBuilder("sh", "-c", "test -t 0").redirectInput(Redirect.INHERIT).start();
      return test.waitFor(2, TimeUnit.SECONDS) && test.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Prompts on the terminal and reads one line without echo. */
  char[] read(String prompt) throws IOException {
    stty("-echo");
    try (FileOutputStream out = new FileOutputStream(TTY);
        Reader in = new InputStreamReader(new FileInputStream(TTY), StandardCharsets.UTF_8)) {
      out.write(prompt.getBytes(StandardCharsets.UTF_8));
      out.flush();
      char[] buffer = new char[256];
      int length = 0;
      for (int c = in.read(); c >= 0 && c != '\n' && c != '\r'; c = in.read()) {
        if (length == buffer.length) {
          char[] bigger = Arrays.copyOf(buffer, length * 2);
          Arrays.fill(buffer, '\0');
          buffer = bigger;
        }
        buffer[length++] = (char) c;
      }
      out.write('\n'); // the user's Enter was not echoed either
      out.flush();
      char[] password = Arrays.copyOf(buffer, length);
      Arrays.fill(buffer, '\0');
      return password;
    } finally {
      stty("echo");
    }
  }

  private static void stty(String setting) throws IOException {
    try {
      Process p =
          new ProcessBuilder("stty", setting).redirectInput(TTY).redirectErrorStream(true).start();
      if (!p.waitFor(2, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(
            "stty "
                + setting
                + " failed on the terminal; pipe the password on standard input instead");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted setting the terminal", e);
    }
  }
}
