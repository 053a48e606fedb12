package dev.bucketsql.cli;

import dev.bucketsql.storage.Causes;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code bucketsql} command: dispatches to its subcommands. */
@Command(
    name = "bucketsql",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "SQL over the CSV and Parquet objects of an S3 bucket.",
    footer = {
      "",
      "Bucket settings take the keys of the JDBC URL: --url, or --profile, --credentials-file,"
          + " --endpoint, --region, --bucket, ... Run 'bucketsql <command> --help' for a command's options."
    })
public final class Main implements Callable<Integer> {
  /** Exit status for a bad command line. */
  static final int USAGE = 2;

  /** Exit status for a failure while running. */
  static final int FAILED = 1;

  /**
   * The subcommands, in the order the top-level help lists them. Registered by {@link #run}, not in
   * the annotation: picocli builds the model of every registered command (reflection over its
   * options and their annotations), and {@code sql -e} needs only its own.
   */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          DemoCommand.class,
          ServeCommand.class,
          SqlCommand.class,
          DoctorCommand.class,
          HashPasswordCommand.class,
          CommandLine.HelpCommand.class);

  @Spec CommandSpec spec;

  /** The raw streams, for subcommands that hand them to a library (sqlline). */
  final PrintStream out;

  final PrintStream err;

  Main(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    StartupTrace.start();
    // The embedded S3 server and Jetty log at INFO by default; commands print what matters.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    quietRemoteClient(args);
    useHomeOfTheShell();
    int status = run(args, System.out, System.err);
    StartupTrace.report(System.err);
    System.exit(status);
  }

  /**
   * {@code sql} prints one line for a failure; Avatica's client would log the same failure beside
   * it ("Connection Failed: ..." at WARN, "HTTPS TlsSocketStrategy configuration failed" at ERROR),
   * so its loggers are off unless {@code --verbose} asks for detail. slf4j-simple fixes a logger's
   * level when the logger is made, so this must run before any Avatica class loads.
   */
  static void quietRemoteClient(String[] args) {
    if (args.length > 0 && args[0].equals("sql") && !List.of(args).contains("--verbose")) {
      System.setProperty("org.slf4j.simpleLogger.log.org.apache.calcite.avatica", "off");
    }
  }

  /**
   * Java takes {@code user.home} from the password database, not from {@code $HOME}; where the two
   * differ (sudo, containers) the AWS files and messages would name a home the user did not mean.
   * The shell's {@code $HOME} wins, as it does for the AWS CLI.
   */
  private static void useHomeOfTheShell() {
    String home = System.getenv("HOME");
    if (home != null && !home.isBlank() && new java.io.File(home).isDirectory()) {
      System.setProperty("user.home", home);
    }
  }

  /** Runs the command line, printing to {@code out} and {@code err}; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, CommandLine.defaultFactory());
  }

  /**
   * Like {@link #run(String[], PrintStream, PrintStream)}, with the subcommands made by {@code
   * factory}.
   */
  static int run(String[] args, PrintStream out, PrintStream err, CommandLine.IFactory factory) {
    PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
    PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
    CommandLine commandLine = new CommandLine(new Main(out, err), factory);
    for (Class<?> subcommand : subcommandsFor(args)) {
      commandLine.addSubcommand(new CommandLine(subcommand, factory));
    }
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setOut(outWriter);
    commandLine.setErr(errWriter);
    commandLine.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          if (e instanceof UsageException) {
            errWriter.println("bucketsql " + command.getCommandName() + ": " + e.getMessage());
            errWriter.println(
                "Run 'bucketsql " + command.getCommandName() + " --help' for the options.");
            return USAGE;
          }
          errWriter.println("bucketsql " + command.getCommandName() + ": " + message(e));
          return FAILED;
        });
    try {
      return commandLine.execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /**
   * The one subcommand the first argument names, or all of them (no argument, an option such as
   * {@code --help}, {@code help}, a misspelt name: the messages then list or suggest them all).
   * Parsing and help are the same either way: a subcommand's options are its own.
   */
  static List<Class<?>> subcommandsFor(String[] args) {
    if (args.length > 0) {
      for (Class<?> subcommand : SUBCOMMANDS) {
        // help lists the others, so it needs them all
        if (subcommand != CommandLine.HelpCommand.class
            && subcommand.getAnnotation(Command.class).name().equals(args[0])) {
          return List.of(subcommand);
        }
      }
    }
    return SUBCOMMANDS;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return USAGE;
  }

  /** The message of {@code e}, or of its first cause that has one. */
  static String message(Throwable e) {
    Throwable with = Causes.find(e, t -> t.getMessage() != null && !t.getMessage().isBlank());
    return with != null ? with.getMessage() : e.getClass().getSimpleName();
  }

  /** Bad arguments found after parsing; the message says which and how to fix them. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** The version from the jar manifest, or "development build" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"bucketsql " + (version == null ? "(development build)" : version)};
    }
  }
}
