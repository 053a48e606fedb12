package dev.bucketsql.cli;

import dev.bucketsql.jdbc.remote.RemoteDriver;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.config.S3SettingsResolver;
import dev.bucketsql.storage.s3.S3ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
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
      "SQL shell on the bucket, embedded or on a remote server; -e and -f for scripts.",
      "",
      "sqlline: line editing, history, !tables, !describe T, !quit. Embedded by default (the bucket"
          + " settings below); with --server, on a remote BucketSQL server. On a terminal, long queries"
          + " show how much they have read from the bucket (embedded only). In the shell, Ctrl-C cancels"
          + " the running query, on a remote server too."
    },
    footer = {
      "",
      "Examples:",
      "  bucketsql sql --credentials-file ~/.config/mangetamain/credentials --profile s3fast",
      "  bucketsql sql --server http://127.0.0.1:8765 -e \"SELECT COUNT(*) FROM PP_recipes\" --output csv",
      "Secrets: --password-file or BUCKETSQL_PASSWORD, --token-file or BUCKETSQL_TOKEN."
    })
final class SqlCommand implements Callable<Integer> {
  private static final String AVATICA_REMOTE_PREFIX = "jdbc:avatica:remote:";

  @Mixin BucketOptions bucket;

  @Option(names = "--server", paramLabel = "URL",
      description = "remote server: http(s)://HOST:PORT, or a full jdbc:bucketsql:remote: (or jdbc:avatica:remote:) URL")
  String server;

  @Option(names = "--serialization", paramLabel = "protobuf|json", description = "the remote server's wire format (default protobuf)")
  String serialization = "protobuf";

  @Option(names = "--user", description = "user for the remote server (HTTP BASIC)")
  String user;

  @Option(names = "--password-file", paramLabel = "FILE", description = "file holding that user's password (or BUCKETSQL_PASSWORD)")
  Path passwordFile;

  @Option(names = "--token-file", paramLabel = "FILE", description = "file holding the remote server's bearer token (or BUCKETSQL_TOKEN)")
  Path tokenFile;

  @Option(names = "--truststore", paramLabel = "FILE", description = "truststore with the remote server's certificate (HTTPS)")
  Path truststore;

  @Option(names = "--truststore-password-file", paramLabel = "FILE", description = "file holding the truststore password")
  Path truststorePasswordFile;

  @Option(names = "-e", paramLabel = "SQL", description = "run this statement (may be repeated) and exit")
  List<String> statements = new ArrayList<>();

  @Option(names = "-f", paramLabel = "FILE", description = "run the statements of this file and exit")
  Path file;

  @Option(names = "--query-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "cancel a statement that runs longer, e.g. 30s or 5m (whole seconds; default no limit)")
  Duration queryTimeout = Duration.ZERO;

  @Option(names = "--output", paramLabel = "table|csv|json", description = "result format (default table)")
  String output = "table";

  @Option(names = "--no-progress", description = "never show the progress line")
  boolean noProgress;

  @ParentCommand Main main;

  /** The translated copy of the -f script, when it had dot commands. */
  private Path translated;

  @Override
  public Integer call() throws Exception {
    String format = output.toLowerCase(Locale.ROOT);
    if (!List.of("table", "csv", "json").contains(format)) {
      throw new Main.UsageException("--output must be table, csv or json, not '" + output + "'");
    }
    if (queryTimeout.isNegative()) {
      throw new Main.UsageException("--query-timeout must not be negative");
    }
    if (file != null && !Files.isReadable(file)) {
      throw new Main.UsageException("-f " + file + " cannot be read");
    }
    boolean scripted = !statements.isEmpty() || file != null;

    String url;
    Properties properties;
    String label;
    long bucketBytes = -1;
    if (server != null) {
      url = remoteUrl();
      properties = remoteProperties();
      label = server.startsWith("jdbc:") ? "remote" : server;
    } else {
      url = bucket.jdbcUrl();
      properties = bucket.properties();
      label = "embedded";
    }
    boolean progressWanted = !noProgress && server == null && System.console() != null;
    if (progressWanted) {
      bucketBytes = bucketBytes();
    }

    try (SqlProgress progress = progressWanted ? new SqlProgress(main.err, bucketBytes) : null) {
      String sessionUrl = SessionDriver.register(label, url, properties,
          connection -> follow(progress, connection));
      try {
        List<String> args = new ArrayList<>(List.of(
            "-u", sessionUrl,
            "--connectInteractionMode=notAskCredentials",
            "--outputFormat=" + format,
            "--isolation=TRANSACTION_NONE"));
        if (!queryTimeout.isZero()) {
          // sqlline calls Statement.setQueryTimeout; the remote driver sends the cancel.
          args.add("--timeout=" + Math.max(1, (queryTimeout.toMillis() + 999) / 1000));
        }
        if (scripted) {
          args.add("--silent=true");
          args.add("--showWarnings=false");
        }
        for (String sql : statements) {
          String translated;
          try {
            translated = DotCommands.translate(sql);
          } catch (IllegalArgumentException e) {
            main.err.println("Error: " + e.getMessage());
            continue;
          }
          args.add("-e");
          args.add(translated);
        }
        Path script = file == null ? null : translatedScript(file);
        if (script != null) {
          args.add("-f");
          args.add(script.toString());
        }
        SqlLine sqlLine = new DotCommandShell(main.err);
        sqlLine.setOutputStream(main.out);
        sqlLine.setErrorStream(main.err);
        // Scripts read nothing from standard input; the interactive shell gets the system
        // terminal (null input stream), which gives line editing and the terminal's width.
        SqlLine.Status status = sqlLine.begin(args.toArray(String[]::new),
            scripted ? InputStream.nullInputStream() : null, !scripted);
        main.out.flush();
        return status == SqlLine.Status.OK ? 0 : Main.FAILED;
      } finally {
        SessionDriver.unregister(sessionUrl);
        if (file != null) {
          deleteTranslated(file);
        }
      }
    }
  }

  /**
   * {@code script} itself when it has no dot command, else a copy with each dot-command line
   * translated ({@link DotCommands}), deleted when the command ends.
   */
  private Path translatedScript(Path script) throws IOException {
    List<String> lines = Files.readAllLines(script);
    if (lines.stream().noneMatch(DotCommands::isCommand)) {
      return script;
    }
    List<String> out = new ArrayList<>(lines.size());
    for (String line : lines) {
      try {
        out.add(DotCommands.translate(line));
      } catch (IllegalArgumentException e) {
        main.err.println("Error: " + e.getMessage());
        out.add("");
      }
    }
    translated = Files.createTempFile("bucketsql-script", ".sql");
    Files.write(translated, out);
    return translated;
  }

  private void deleteTranslated(Path script) {
    if (translated != null && !translated.equals(script)) {
      try {
        Files.deleteIfExists(translated);
      } catch (IOException e) {
        // a temporary file left behind; nothing the user can do about it
      }
    }
  }

  private static void follow(SqlProgress progress, Connection connection) {
    if (progress != null) {
      progress.follow(connection);
    }
  }

  /**
   * The remote driver's URL: BucketSQL's, whose Statement.cancel() (sqlline's Ctrl-C) and query
   * timeout stop the query on the server. A jdbc:avatica:remote: URL is taken as the same
   * settings for that driver; the stock Avatica client could cancel nothing before the first rows.
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
      throw new Main.UsageException("--server must be http(s)://HOST:PORT or a " + RemoteDriver.PREFIX
          + " URL, not '" + server + "'");
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
      String password = BucketOptions.secretFrom(passwordFile, "--password-file", "BUCKETSQL_PASSWORD");
      if (password == null) {
        throw new Main.UsageException("--user needs a password: --password-file FILE or BUCKETSQL_PASSWORD");
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
      String password = BucketOptions.secretFrom(truststorePasswordFile, "--truststore-password-file", "BUCKETSQL_TRUSTSTORE_PASSWORD");
      if (password != null) {
        p.setProperty("truststore_password", password);
      }
    }
    return p;
  }

  /** The size of the bucket's data files, for the progress line; -1 if it cannot be listed. */
  private long bucketBytes() {
    try (S3ObjectStore store = S3ObjectStore.create(S3SettingsResolver.fromSystem().resolve(bucket.settings()))) {
      long total = 0;
      for (ObjectInfo o : store.list("")) {
        String key = o.key().toLowerCase(Locale.ROOT);
        if (key.endsWith(".csv") || key.endsWith(".parquet")) {
          total += o.size();
        }
      }
      return total;
    } catch (RuntimeException e) {
      return -1; // the connection will report the real problem
    }
  }
}
