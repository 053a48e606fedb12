package dev.bucketsql.cli;

import dev.bucketsql.jdbc.remote.RemoteDriver;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import sqlline.SqlLine;

/**
 * {@code bucketsql sql}: an SQL shell (sqlline) over the embedded driver, or over a remote
 * BucketSQL server with {@code --server}. {@code -e} and {@code -f} run statements and exit.
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "SQL shell on the bucket, embedded or on a remote server; -e and -f run statements and exit.",
      "",
      "The shell (sqlline): line editing, history, DuckDB's .tables, .schema T, .mode csv, .timer on,"
          + " .quit, and sqlline's !tables, !describe T, !help. Embedded by default (the bucket settings"
          + " below); with --server, on a remote BucketSQL server. On a terminal, long queries show how much"
          + " they have read from the bucket (embedded only). Ctrl-C cancels the running query, on a remote"
          + " server too.",
      "",
      "-e and -f print each result in --output's format; tables are fitted to the terminal (or --width)"
          + " and say how many columns they hid. A failing statement prints one line (SQLSTATE and message)"
          + " on standard error; the script stops there unless --continue-on-error. Exit status: 0 when every"
          + " statement succeeded, 1 when one failed, 2 for a bad command line."
    },
    footer = {
      "",
      "Examples:",
      "  bucketsql sql --credentials-file ~/.config/mangetamain/credentials --profile s3fast",
      "  bucketsql sql --server http://127.0.0.1:8765 -e \"SELECT COUNT(*) FROM PP_recipes\" --output csv",
      "Secrets: --password-file or BUCKETSQL_PASSWORD, --token-file or BUCKETSQL_TOKEN."
    })
final class SqlCommand implements Callable<Integer> {
  /** JLine's logger, held so that its level set here stays (loggers are weakly referenced). */
  private static final Logger JLINE_LOG = Logger.getLogger("org.jline");

  private static final String AVATICA_REMOTE_PREFIX = "jdbc:avatica:remote:";

  @Mixin BucketOptions bucket;

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "remote server: http(s)://HOST:PORT, or a full jdbc:bucketsql:remote: (or jdbc:avatica:remote:) URL")
  String server;

  @Option(
      names = "--serialization",
      paramLabel = "protobuf|json",
      description = "the remote server's wire format (default protobuf)")
  String serialization = "protobuf";

  @Option(names = "--user", description = "user for the remote server (HTTP BASIC)")
  String user;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "file holding that user's password (or BUCKETSQL_PASSWORD)")
  Path passwordFile;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "file holding the remote server's bearer token (or BUCKETSQL_TOKEN)")
  Path tokenFile;

  @Option(
      names = "--truststore",
      paramLabel = "FILE",
      description = "truststore with the remote server's certificate (HTTPS)")
  Path truststore;

  @Option(
      names = "--truststore-password-file",
      paramLabel = "FILE",
      description = "file holding the truststore password")
  Path truststorePasswordFile;

  @Option(
      names = "-e",
      paramLabel = "SQL",
      description = "run this statement (may be repeated) and exit")
  List<String> statements = new ArrayList<>();

  @Option(
      names = "-f",
      paramLabel = "FILE",
      description = "run the statements of this file and exit")
  Path file;

  @Option(
      names = "--query-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "cancel a statement that runs longer, e.g. 30s or 5m (whole seconds; default no limit)")
  Duration queryTimeout = Duration.ZERO;

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      description =
          "result format: table (default), csv, csv_noheader, csv_unquoted, tsv, tsv_noheader, json"
              + " (JSON lines: one object per row)")
  String output = "table";

  @Option(
      names = "--width",
      paramLabel = "N",
      description = "widest table line for -e/-f (default: the terminal's width, else 80)")
  Integer width;

  @Option(
      names = "--max-rows",
      paramLabel = "N",
      description = "most rows a table shows for -e/-f (default 1000)")
  int maxRows = 1000;

  @Option(
      names = "--continue-on-error",
      description =
          "-e/-f: run the next statements after one fails (default: stop at the first failure);"
              + " the exit status is 1 if any failed")
  boolean continueOnError;

  @Option(
      names = "--verbose",
      description =
          "print the stack trace of a failing statement, and the remote client's own log lines")
  boolean verbose;

  @Option(names = "--no-progress", description = "never show the progress line")
  boolean noProgress;

  @ParentCommand Main main;

  /** Where the interactive shell reads lines; null for the system terminal (tests set a stream). */
  InputStream shellInput;

  @Override
  public Integer call() throws Exception {
    StartupTrace.mark("cli");
    OutputFormat format = OutputFormat.parse(output);
    if (queryTimeout.isNegative()) {
      throw new Main.UsageException("--query-timeout must not be negative");
    }
    if (maxRows < 1) {
      throw new Main.UsageException("--max-rows must be at least 1");
    }
    if (width != null && width < 20) {
      throw new Main.UsageException("--width must be at least 20");
    }
    if (file != null && !Files.isReadable(file)) {
      throw new Main.UsageException("-f " + file + " cannot be read");
    }
    boolean scripted = !statements.isEmpty() || file != null;

    String url;
    Properties properties;
    String label;
    if (server != null) {
      url = remoteUrl();
      properties = remoteProperties();
      label = server.startsWith("jdbc:") ? "remote" : server;
      String truststoreProblem =
          truststore == null
              ? null
              : TruststoreCheck.problem(truststore, properties.getProperty("truststore_password"));
      if (truststoreProblem != null) {
        main.err.println("Error [08001]: " + truststoreProblem);
        return Main.FAILED;
      }
    } else {
      url = bucket.jdbcUrl();
      properties = bucket.properties();
      label = "embedded";
    }
    boolean progressWanted = !noProgress && server == null && System.console() != null;
    try (SqlProgress progress = progressWanted ? new SqlProgress(main.err) : null) {
      return scripted
          ? runScript(url, properties, format, progress)
          : runShell(url, properties, label, format, progress);
    }
  }

  /** -e and -f: our own runner, one line per error, exit status 1 if any statement failed. */
  private int runScript(
      String url, Properties properties, OutputFormat format, SqlProgress progress)
      throws IOException {
    List<String> script = new ArrayList<>();
    for (String sql : statements) {
      script.addAll(StatementSplitter.split(sql));
    }
    if (file != null) {
      script.addAll(StatementSplitter.split(Files.readString(file)));
    }
    Connection connection = connect(url, properties);
    if (connection == null) {
      return Main.FAILED;
    }
    StartupTrace.mark("connect");
    if (StartupTrace.on()) {
      StartupTrace.followStatements();
    }
    try (connection) {
      if (progress != null) {
        progress.follow(connection);
      }
      int timeout =
          queryTimeout.isZero() ? 0 : (int) Math.max(1, (queryTimeout.toMillis() + 999) / 1000);
      ScriptRunner.Settings settings =
          new ScriptRunner.Settings(
              format,
              width != null ? width : TerminalWidth.get(),
              maxRows,
              continueOnError,
              verbose,
              timeout);
      int failed = new ScriptRunner(connection, settings, progress, main.out, main.err).run(script);
      main.out.flush();
      return failed == 0 ? 0 : Main.FAILED;
    } catch (SQLException e) {
      return 0; // closing failed after every statement ran: nothing was lost
    }
  }

  /** The open connection, or null after printing the one line that says why it failed. */
  private Connection connect(String url, Properties properties) {
    try {
      return DriverManager.getConnection(url, properties);
    } catch (SQLException | RuntimeException e) {
      main.err.println(ErrorLine.of(e));
      if (verbose) {
        e.printStackTrace(main.err);
      }
      return null;
    }
  }

  /**
   * The interactive shell: sqlline, with dot commands and one-line errors. The connection is opened
   * first: sqlline would print its own failure and carry on without one ("No current connection"),
   * ending with status 0.
   */
  private int runShell(
      String url, Properties properties, String label, OutputFormat format, SqlProgress progress)
      throws IOException {
    Connection first = connect(url, properties);
    if (first == null) {
      return Main.FAILED;
    }
    String sessionUrl =
        SessionDriver.register(
            label,
            url,
            properties,
            first,
            connection -> progress == null ? connection : follow(progress, connection));
    try {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "-u",
                  sessionUrl,
                  "--connectInteractionMode=notAskCredentials",
                  "--outputFormat=" + sqllineFormat(format),
                  "--isolation=TRANSACTION_NONE"));
      if (!verbose) {
        // JLine says through java.util.logging that it made a dumb terminal for piped input.
        JLINE_LOG.setLevel(Level.SEVERE);
      }
      if (width != null || System.console() == null) {
        // Without a terminal (input or output piped) sqlline's terminal is a dumb one of width
        // 0, and its tables would print with every column cut to nothing.
        args.add("--maxWidth=" + (width != null ? width : TerminalWidth.get()));
      }
      if (!queryTimeout.isZero()) {
        // sqlline calls Statement.setQueryTimeout; the remote driver sends the cancel.
        args.add("--timeout=" + Math.max(1, (queryTimeout.toMillis() + 999) / 1000));
      }
      SqlLine sqlLine = new DotCommandShell(main.err, verbose);
      // RFC 4180's quote and timestamps without ".0"; set here since sqlline's argument parser
      // takes a lone '"' for an unclosed quote.
      sqlLine.getOpts().setCsvQuoteCharacter("\"");
      sqlLine.getOpts().setTimestampFormat("yyyy-MM-dd HH:mm:ss");
      sqlLine.setOutputStream(main.out);
      sqlLine.setErrorStream(main.err);
      // The system terminal (null input stream) gives line editing and the terminal's width.
      SqlLine.Status status = sqlLine.begin(args.toArray(String[]::new), shellInput, true);
      main.out.flush();
      return status == SqlLine.Status.OK ? 0 : Main.FAILED;
    } finally {
      SessionDriver.unregister(sessionUrl);
    }
  }

  private static String sqllineFormat(OutputFormat format) {
    return switch (format) {
      case TABLE -> "table";
      case JSON -> "json";
      case TSV, TSV_NOHEADER -> "tsv";
      default -> "csv";
    };
  }

  private static Connection follow(SqlProgress progress, Connection connection) {
    progress.follow(connection);
    return ProgressConnections.wrap(connection, progress);
  }

  /**
   * The remote driver's URL: BucketSQL's, whose Statement.cancel() (sqlline's Ctrl-C) and query
   * timeout stop the query on the server. A jdbc:avatica:remote: URL is taken as the same settings
   * for that driver; the stock Avatica client could cancel nothing before the first rows.
   */
  private String remoteUrl() {
    if (RemoteDriver.accepts(server)) {
      return server;
    }
    if (server.startsWith(AVATICA_REMOTE_PREFIX)) {
      return RemoteDriver.PREFIX + server.substring(AVATICA_REMOTE_PREFIX.length());
    }
    URI uri = URI.create(server);
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new Main.UsageException(
          "--server must be http(s)://HOST:PORT or a "
              + RemoteDriver.PREFIX
              + " URL, not '"
              + server
              + "'");
    }
    String s = serialization.toLowerCase(Locale.ROOT);
    if (!s.equals("protobuf") && !s.equals("json")) {
      throw new Main.UsageException("--serialization must be protobuf or json");
    }
    return RemoteDriver.PREFIX + "url=" + server + ";serialization=" + s;
  }

  /** Credentials travel as properties, not in the URL, which sqlline would show. */
  private Properties remoteProperties() {
    Properties p = new Properties();
    String token = BucketOptions.secretFrom(tokenFile, "--token-file", "BUCKETSQL_TOKEN");
    if (user != null) {
      String password =
          BucketOptions.secretFrom(passwordFile, "--password-file", "BUCKETSQL_PASSWORD");
      if (password == null) {
        throw new Main.UsageException(
            "--user needs a password: --password-file FILE or BUCKETSQL_PASSWORD");
      }
      p.setProperty("authentication", "BASIC");
      p.setProperty("avatica_user", user);
      p.setProperty("avatica_password", password);
    } else if (token != null) {
      p.setProperty("authentication", "BEARER");
      p.setProperty("bearer_token", token);
    }
    if (truststore != null) {
      p.setProperty("truststore", truststore.toString());
      String password =
          BucketOptions.secretFrom(
              truststorePasswordFile,
              "--truststore-password-file",
              "BUCKETSQL_TRUSTSTORE_PASSWORD");
      if (password != null) {
        p.setProperty("truststore_password", password);
      }
    }
    return p;
  }
}
