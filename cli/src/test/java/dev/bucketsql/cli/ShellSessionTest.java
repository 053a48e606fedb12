package dev.bucketsql.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jline.reader.EOFError;
import org.jline.reader.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The interactive shell, fed typed lines: DuckDB's dot commands complete on Enter, {@code
 * !describe} with a dotted or plain name shows the columns, errors are one line, {@code !help} has
 * no contact line.
 */
@ExtendWith(S3ServerExtension.class)
class ShellSessionTest {
  private static final String BUCKET = "shell";

  @TempDir static Path directory;
  private static S3TestServer s3;
  private static Path secretFile;

  @BeforeAll
  static void start(S3TestServer shared) throws IOException {
    s3 = shared;
    s3.createBucket(BUCKET);
    s3.putObject(
        BUCKET,
        "recipes.csv",
        "id,name,submitted\n1,soup,2018-12-01 00:00:00\n".getBytes(StandardCharsets.UTF_8));
    secretFile =
        Files.writeString(directory.resolve("secret"), S3TestServer.SECRET_ACCESS_KEY + "\n");
  }

  @Test
  void dotCommandsDescribeAndOneLineErrorsAtThePrompt() {
    String typed =
        String.join(
            "\n",
            ".tables",
            "!describe shell.recipes",
            "SELECT id, name AS dish FROM recipes;",
            ".mode csv",
            "SELECT name, submitted FROM recipes;",
            "SELECT nope FROM recipes;",
            "!help",
            "!quit",
            "");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            K made = CommandLine.defaultFactory().create(type);
            if (made instanceof SqlCommand sql) {
              sql.shellInput = new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8));
            }
            return made;
          }
        };
    // With a stream for input, sqlline's terminal writes to System.out: capture that too.
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    PrintStream savedOut = System.out;
    System.setOut(new PrintStream(terminal, true, StandardCharsets.UTF_8));
    int status;
    try {
      status =
          Main.run(
              new String[] {
                "sql",
                "--endpoint",
                s3.endpoint().toString(),
                "--region",
                S3TestServer.REGION,
                "--bucket",
                BUCKET,
                "--access-key-id",
                S3TestServer.ACCESS_KEY_ID,
                "--secret-access-key-file",
                secretFile.toString()
              },
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              factory);
    } finally {
      System.setOut(savedOut);
    }
    String printed =
        out.toString(StandardCharsets.UTF_8) + terminal.toString(StandardCharsets.UTF_8);
    String errors = err.toString(StandardCharsets.UTF_8);
    assertThat(status).as(printed + errors).isZero();
    assertThat(printed)
        .as(errors)
        .contains("| recipes") // .tables
        .contains("| submitted") // !describe shell.recipes (the bucket's schema)
        .containsPattern("\\| *1 *\\| *soup *\\|") // a table, in the default mode
        .contains("\"soup\",\"2018-12-01 00:00:00\"") // CSV rows, timestamp without .0
        .doesNotContain("Comments, bug reports");
    assertThat(errors + printed)
        .containsOnlyOnce("Error [42703]: ")
        .doesNotContain("\tat ")
        .doesNotContain("Was expecting");
  }

  @Test
  void sqlPipedIntoTheShellPrintsTablesWithTheirValuesAndNoTerminalWarning() throws Exception {
    // A real process with its standard input piped: sqlline then makes a terminal of no width.
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "sql",
                "--endpoint",
                s3.endpoint().toString(),
                "--region",
                S3TestServer.REGION,
                "--bucket",
                BUCKET,
                "--access-key-id",
                S3TestServer.ACCESS_KEY_ID,
                "--secret-access-key-file",
                secretFile.toString())
            .redirectErrorStream(true)
            .start();
    try (var in = p.getOutputStream()) {
      in.write("SELECT id, name AS dish FROM recipes;\n".getBytes(StandardCharsets.UTF_8));
    }
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(printed).isZero();
    assertThat(printed)
        .containsPattern("\\| *id *\\| *dish *\\|")
        .containsPattern("\\| *1 *\\| *soup *\\|")
        .doesNotContain("Unable to create a system terminal");
  }

  @Test
  void aDotCommandIsCompleteWhereSqlWouldWaitForMore() {
    DotCommandParser parser = new DotCommandParser(new sqlline.SqlLine());
    assertThat(parser.parse(".tables", 7, Parser.ParseContext.ACCEPT_LINE).line())
        .isEqualTo(".tables");
    assertThat(parser.parse("!describe full.recipes", 5, Parser.ParseContext.ACCEPT_LINE).words())
        .contains("!describe");
    assertThatThrownBy(() -> parser.parse("SELECT 1", 8, Parser.ParseContext.ACCEPT_LINE))
        .isInstanceOf(EOFError.class);
    assertThat(DotCommands.translateDescribe("!describe full.recipes"))
        .isEqualTo("DESCRIBE \"full\".\"recipes\";");
    assertThat(DotCommands.translateDescribe("!tables")).isEqualTo("!tables");
  }
}
