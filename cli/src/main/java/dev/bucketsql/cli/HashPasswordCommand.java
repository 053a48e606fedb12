package dev.bucketsql.cli;

import dev.bucketsql.server.UsersFile;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bucketsql hash-password USER}: prints a users-file line for {@code bucketsql serve
 * --users-file}. The password is read twice without echo from the terminal (also when standard
 * output is redirected to a file), else from the first line of standard input when that is a pipe;
 * it is never an argument and never printed.
 */
@Command(
    name = "hash-password",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Prints a users-file line (for serve --users-file) for USER.",
      "",
      "The line holds the user name and a SCRAM-SHA-256 verifier of the password (salted PBKDF2-HMAC-SHA256),"
          + " which both the Avatica endpoint and the PostgreSQL endpoint check. The"
          + " password is asked for on the terminal (no echo), or read from the first line of standard"
          + " input. Example: bucketsql hash-password alice >> users.txt"
    })
final class HashPasswordCommand implements Callable<Integer> {
  @Parameters(paramLabel = "USER", description = "the user name clients give")
  String user;

  @Option(
      names = "--iterations",
      hidden = true,
      description = "PBKDF2 iterations (tests use fewer)")
  int iterations = UsersFile.DEFAULT_ITERATIONS;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    char[] password = readPassword();
    try {
      if (password.length == 0) {
        throw new Main.UsageException("the password is empty");
      }
      spec.commandLine().getOut().println(UsersFile.hashLine(user, password, iterations));
      return 0;
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException(e.getMessage());
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private char[] readPassword() throws IOException {
    Console console = System.console();
    if (console != null) {
      return twice(
          console.readPassword("Password for %s: ", user), console.readPassword("Again: "));
    }
    if (TerminalPassword.stdinIsTerminal()) {
      // 'hash-password alice >> users.txt': no Console (standard output is a file), but the user
      // types on the terminal, which must not echo the password nor show it in the scrollback.
      TerminalPassword tty = new TerminalPassword();
      return twice(tty.read("Password for " + user + ": "), tty.read("Again: "));
    }
    String line =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    return line == null ? new char[0] : line.toCharArray();
  }

  private static char[] twice(char[] first, char[] second) {
    try {
      if (first == null || second == null || !Arrays.equals(first, second)) {
        throw new Main.UsageException("the two passwords differ");
      }
      return first.clone();
    } finally {
      if (first != null) {
        Arrays.fill(first, '\0');
      }
      if (second != null) {
        Arrays.fill(second, '\0');
      }
    }
  }
}
