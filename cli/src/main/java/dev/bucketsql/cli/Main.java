package dev.bucketsql.cli;

import java.io.PrintStream;
import java.util.Arrays;

/** The {@code bucketsql} command: dispatches to its subcommands. */
public final class Main {
  private static final String USAGE =
      """
      Usage: bucketsql <command> [options]

      Commands:
        demo     start a local S3 server with sample data, run example queries through the
                 JDBC driver, serve them to remote JDBC clients, and wait for Ctrl-C
        help     show this text

      Run 'bucketsql <command> --help' for a command's options.
      """;

  private Main() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    // The embedded S3 server and Jetty log at INFO by default; the demo prints what matters.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line, printing to {@code out} and {@code err}; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
      out.print(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      return switch (args[0]) {
        case "demo" -> new DemoCommand(out).run(DemoOptions.parse(rest));
        default -> {
          err.println("bucketsql: unknown command '" + args[0] + "'");
          err.print(USAGE);
          yield 2;
        }
      };
    } catch (UsageException e) {
      err.println("bucketsql " + args[0] + ": " + e.getMessage());
      return 2;
    } catch (HelpRequested e) {
      out.print(e.getMessage());
      return 0;
    } catch (Exception e) {
      err.println("bucketsql " + args[0] + ": " + e.getMessage());
      return 1;
    }
  }

  /** Bad arguments; the message says which and how to fix them. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** {@code --help} was given; the message is the help text. */
  static final class HelpRequested extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HelpRequested(String help) {
      super(help, null, false, false);
    }
  }
}
