package dev.bucketsql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.server.BucketSqlServer;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Ctrl-C in the interactive shell, typed as the terminal's interrupt character, which the shell's
 * terminal turns into the same INT signal a real terminal sends: it cancels a running query,
 * embedded and on a remote server, the prompt comes back and the next statement runs; at an idle
 * prompt it drops the line being typed and prints a new prompt, without an error and without
 * leaving the shell.
 */
@ExtendWith(S3ServerExtension.class)
class ShellCancelTest {
  private static final String BUCKET = "cancel";
  private static final char CTRL_C = 3;

  /** In every prompt: the session's URL, as sqlline shows it. */
  private static final String PROMPT = "jdbc:bucketsql-cli:";

  /** Each wait; generous, for a loaded build machine. */
  private static final Duration LIMIT = Duration.ofSeconds(45);

  private static final String LEAVE_HINT = "(.quit or Ctrl-D leaves the shell)";

  /** A three-way cross join of 2,000 rows: billions of combinations, minutes if not cancelled. */
  private static final String LONG_QUERY =
      "SELECT COUNT(*) FROM numbers a, numbers b, numbers c WHERE a.n + b.n + c.n = -1;";

  @TempDir static Path directory;
  private static S3TestServer s3;
  private static Path secretFile;
  private static BucketSqlServer server;

  @BeforeAll
  static void start(S3TestServer shared) throws Exception {
    s3 = shared;
    s3.createBucket(BUCKET);
    StringBuilder csv = new StringBuilder("n\n");
    for (int i = 0; i < 2000; i++) {
      csv.append(i).append('\n');
    }
    s3.putObject(BUCKET, "numbers.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    secretFile =
        Files.writeString(directory.resolve("secret"), S3TestServer.SECRET_ACCESS_KEY + "\n");
    ServeCommand serve = new ServeCommand();
    CommandLine commandLine = new CommandLine(serve);
    commandLine.setOut(new PrintWriter(new StringWriter(), true));
    List<String> args = new ArrayList<>(bucketArgs());
    args.addAll(List.of("--port", "0"));
    commandLine.parseArgs(args.toArray(String[]::new));
    server = serve.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void ctrlCCancelsAnEmbeddedQueryAndTheNextStatementRuns() throws Exception {
    cancelThenRunTheNext(bucketArgs());
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void ctrlCCancelsARemoteQueryAndTheNextStatementRuns() throws Exception {
    cancelThenRunTheNext(List.of("--server", server.httpUrl()));
  }

  private static void cancelThenRunTheNext(List<String> connectArgs) throws Exception {
    try (Shell shell = Shell.start(connectArgs)) {
      shell.awaitPrompt(1);
      shell.type("SELECT UPPER('ready') AS state;\n"); // the echo is lower case, the answer not
      shell.await("READY");
      shell.awaitPrompt(2);
      long started = System.nanoTime();
      shell.type(LONG_QUERY + "\n");
      Thread.sleep(1500); // long enough for the query to be reading and joining
      shell.type(String.valueOf(CTRL_C));
      shell.await("[57014]");
      shell.awaitPrompt(3);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
      shell.type("SELECT 40 + 2 AS answer;\n");
      shell.await("42");
      shell.awaitPrompt(4);
      // Ctrl-C at the prompt with half a line typed (and echoed, so read): the line goes.
      shell.type("SELECT UPPER('dropped')");
      shell.awaitAfterLastPrompt("SELECT UPPER('dropped')");
      shell.type(String.valueOf(CTRL_C));
      shell.awaitPrompt(5);
      // And one on an empty line: a hint how to leave, and still the shell.
      shell.type(String.valueOf(CTRL_C));
      shell.await(LEAVE_HINT);
      shell.awaitPrompt(6);
      shell.type("SELECT UPPER('kept') AS word;\n");
      shell.await("KEPT");
      shell.type("!quit\n");
      int status = shell.exitStatus();
      String printed = shell.printed() + shell.errors();
      assertThat(printed)
          .containsOnlyOnce("[57014]") // the cancelled query, with its SQLSTATE
          .containsOnlyOnce("Error") // and nothing else failed: no cancel of a finished statement
          .containsOnlyOnce(LEAVE_HINT)
          .doesNotContain("DROPPED")
          .doesNotContain("\tat ");
      assertThat(status).as(printed).isZero();
    }
  }

  private static List<String> bucketArgs() {
    return List.of(
        "--endpoint",
        s3.endpoint().toString(),
        "--region",
        S3TestServer.REGION,
        "--bucket",
        BUCKET,
        "--access-key-id",
        S3TestServer.ACCESS_KEY_ID,
        "--secret-access-key-file",
        secretFile.toString());
  }

  /** The shell on its own thread, its input a pipe the test types into. */
  private static final class Shell implements AutoCloseable {
    private final PipedOutputStream keyboard;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    private final PrintStream savedOut = System.out;
    private final CompletableFuture<Integer> status;

    private Shell(List<String> connectArgs) throws IOException {
      PipedInputStream typed = new PipedInputStream(1 << 16);
      keyboard = new PipedOutputStream(typed);
      CommandLine.IFactory factory =
          new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
              K made = CommandLine.defaultFactory().create(type);
              if (made instanceof SqlCommand sql) {
                sql.shellInput = typed;
              }
              return made;
            }
          };
      // With a stream for input, sqlline's terminal writes to System.out: capture that too.
      System.setOut(new PrintStream(terminal, true, StandardCharsets.UTF_8));
      List<String> args = new ArrayList<>(List.of("sql", "--output", "csv"));
      args.addAll(connectArgs);
      status =
          CompletableFuture.supplyAsync(
              () ->
                  Main.run(
                      args.toArray(String[]::new),
                      new PrintStream(out, true, StandardCharsets.UTF_8),
                      new PrintStream(err, true, StandardCharsets.UTF_8),
                      factory));
    }

    static Shell start(List<String> connectArgs) throws IOException {
      return new Shell(connectArgs);
    }

    void type(String text) throws IOException {
      keyboard.write(text.getBytes(StandardCharsets.UTF_8));
      keyboard.flush();
    }

    void await(String text) throws InterruptedException {
      awaitThat("'" + text + "'", all -> all.contains(text));
    }

    /** Waits for the shell's {@code n}th prompt: it is reading a line. */
    void awaitPrompt(int n) throws InterruptedException {
      awaitThat("prompt " + n, all -> all.split(PROMPT, -1).length - 1 >= n);
    }

    /** Waits for {@code text} echoed at the last prompt: the line reader has read it. */
    void awaitAfterLastPrompt(String text) throws InterruptedException {
      awaitThat(
          "'" + text + "' at the prompt",
          all -> all.substring(all.lastIndexOf(PROMPT)).contains(text));
    }

    private void awaitThat(String what, Predicate<String> seen) throws InterruptedException {
      long deadline = System.nanoTime() + LIMIT.toNanos();
      while (!seen.test(printed() + errors())) {
        assertThat(System.nanoTime())
            .as("waiting for %s; printed so far:%n%s", what, printed() + errors())
            .isLessThan(deadline);
        assertThat(status).as("the shell ended; printed:%n%s", printed() + errors()).isNotDone();
        Thread.sleep(20);
      }
    }

    int exitStatus() throws Exception {
      return status.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    String printed() {
      return out.toString(StandardCharsets.UTF_8) + terminal.toString(StandardCharsets.UTF_8);
    }

    String errors() {
      return err.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      System.setOut(savedOut);
      keyboard.close();
    }
  }
}
