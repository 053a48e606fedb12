package dev.bucketsql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code sql --server} at an address where nothing listens prints one line and fails, with -e and
 * in the interactive shell alike: the real command line, in a JVM of its own, so that what the
 * libraries log on the real standard error is seen too.
 */
class RemoteErrorLineTest {
  private static String nowhere;

  @BeforeAll
  static void closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      nowhere = "http://127.0.0.1:" + socket.getLocalPort();
    }
  }

  @Test
  void scriptAgainstNoServerPrintsOneLineOnTheRealStandardError() throws Exception {
    Run run = bucketsql("sql", "--server", nowhere, "-e", "SELECT 1");
    assertThat(run.status).as(run.err).isEqualTo(1);
    assertThat(run.out).isEmpty();
    assertThat(run.err.lines().toList())
        .as(run.err)
        .singleElement()
        .satisfies(line -> assertThat(line).startsWith("Error [08001]: "));
  }

  @Test
  void shellAgainstNoServerPrintsOneLineAndFails() throws Exception {
    Run run = bucketsql("sql", "--server", nowhere);
    assertThat(run.status).as(run.out + run.err).isEqualTo(1);
    assertThat(run.out).doesNotContain("No current connection");
    assertThat(run.err.lines().toList())
        .as(run.err)
        .singleElement()
        .satisfies(line -> assertThat(line).startsWith("Error [08001]: "));
  }

  @Test
  void verboseShowsTheClientsOwnLogLines() throws Exception {
    Run run = bucketsql("sql", "--server", nowhere, "-e", "SELECT 1", "--verbose");
    assertThat(run.status).isEqualTo(1);
    assertThat(run.err).contains("Error [08001]: ").contains("Connection Failed");
  }

  @Test
  void shellInProcessEndsWithTheConnectionErrorAndStatusOne() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            K made = CommandLine.defaultFactory().create(type);
            if (made instanceof SqlCommand sql) {
              sql.shellInput =
                  new ByteArrayInputStream("SELECT 1;\n".getBytes(StandardCharsets.UTF_8));
            }
            return made;
          }
        };
    int status =
        Main.run(
            new String[] {"sql", "--server", nowhere},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            factory);
    String errors = err.toString(StandardCharsets.UTF_8);
    assertThat(status).as(errors).isEqualTo(1);
    assertThat(errors.lines().toList())
        .singleElement()
        .satisfies(line -> assertThat(line).startsWith("Error [08001]: cannot reach the server"));
  }

  /** Runs {@code bucketsql ARGS} as bin/bucketsql does, with standard input at its end. */
  private static Run bucketsql(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().close();
    var out = process.getInputStream();
    var err = process.getErrorStream();
    var errText = new java.util.concurrent.CompletableFuture<String>();
    Thread reader =
        new Thread(
            () -> {
              try {
                errText.complete(new String(err.readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                errText.completeExceptionally(e);
              }
            });
    reader.start();
    String outText = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("bucketsql " + String.join(" ", args) + " did not end");
    }
    return new Run(process.exitValue(), outText, errText.get(60, TimeUnit.SECONDS));
  }

  private record Run(int status, String out, String err) {}
}
