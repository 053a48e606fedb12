package dev.bucketsql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bucketsql sql -e/-f} against the S3 test server: the exact output of each format, the
 * table that hides columns and says so, one-line errors, stopping or going on after a failure, and
 * the exit status.
 */
@ExtendWith(S3ServerExtension.class)
class SqlScriptTest {
  private static final String BUCKET = "script";

  @TempDir static Path directory;
  private static S3TestServer s3;
  private static Path secretFile;

  @BeforeAll
  static void start(S3TestServer shared) throws IOException {
    s3 = shared;
    s3.createBucket(BUCKET);
    s3.putObject(
        BUCKET,
        "notes.csv",
        ("id,note\n1,plain\n2,\"I'd say \"\"hi\"\", twice\"\n3,\"tab\there\"\n")
            .getBytes(StandardCharsets.UTF_8));
    StringBuilder wide = new StringBuilder();
    for (int c = 0; c < 12; c++) {
      wide.append(c == 0 ? "" : ",").append("column_number_").append(c);
    }
    wide.append('\n');
    for (int r = 0; r < 2; r++) {
      for (int c = 0; c < 12; c++) {
        wide.append(c == 0 ? "" : ",")
            .append("value ")
            .append(r)
            .append('/')
            .append(c)
            .append(" of the wide table");
      }
      wide.append('\n');
    }
    s3.putObject(BUCKET, "wide.csv", wide.toString().getBytes(StandardCharsets.UTF_8));
    secretFile =
        Files.writeString(directory.resolve("secret"), S3TestServer.SECRET_ACCESS_KEY + "\n");
  }

  @Test
  void csvQuotesOnlyWhereRfc4180NeedsIt() {
    Result r = sql("-e", "SELECT id, note FROM notes ORDER BY id", "--output", "csv");
    assertThat(r.status).as(r.err).isZero();
    assertThat(r.out).isEqualTo("id,note\n1,plain\n2,\"I'd say \"\"hi\"\", twice\"\n3,tab\there\n");
    assertThat(r.err).isEmpty();
  }

  @Test
  void tsvEscapesTabsAndTheOtherModesDropHeaderOrQuotes() {
    Result tsv =
        sql("-e", "SELECT id, note FROM notes WHERE id <> 2 ORDER BY id", "--output", "tsv");
    assertThat(tsv.out).isEqualTo("id\tnote\n1\tplain\n3\ttab\\there\n");
    Result noHeader =
        sql("-e", "SELECT id, note FROM notes WHERE id = 1", "--output", "csv_noheader");
    assertThat(noHeader.out).isEqualTo("1,plain\n");
    Result unquoted =
        sql("-e", "SELECT id, note FROM notes WHERE id = 2", "--output", "csv-unquoted");
    assertThat(unquoted.out).isEqualTo("id,note\n2,I'd say \"hi\", twice\n");
    Result bad = sql("-e", "SELECT 1", "--output", "xml");
    assertThat(bad.status).isEqualTo(2);
    assertThat(bad.err)
        .contains(
            "--output must be one of table, csv, csv_noheader, csv_unquoted, tsv, tsv_noheader, json");
  }

  @Test
  void timestampsPrintWithoutATrailingFraction() {
    Result r =
        sql(
            "-e",
            "SELECT TIMESTAMP '2018-12-01 00:00:00' AS t, TIMESTAMP '2018-12-01 10:20:30.250' AS u",
            "--output",
            "csv");
    assertThat(r.out).as(r.err).isEqualTo("t,u\n2018-12-01 00:00:00,2018-12-01 10:20:30.250\n");
  }

  @Test
  void jsonUnderFileIsJsonLinesOneObjectPerRow() throws IOException {
    Path script =
        Files.writeString(
            directory.resolve("json.sql"),
            "-- two statements, one stream\nSELECT id FROM notes WHERE id < 3 ORDER BY id;\nSELECT 'a;b' AS s, CAST(NULL AS INTEGER) AS n;\n");
    Result r = sql("-f", script.toString(), "--output", "json");
    assertThat(r.status).as(r.err).isZero();
    assertThat(r.out).isEqualTo("{\"id\":1}\n{\"id\":2}\n{\"s\":\"a;b\",\"n\":null}\n");
  }

  @Test
  void aTableWiderThanTheWidthHidesMiddleColumnsAndSaysHowMany() {
    Result r = sql("-e", "SELECT * FROM wide", "--width", "100");
    assertThat(r.status).as(r.err).isZero();
    List<String> lines = r.out.lines().toList();
    assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
    String header = lines.get(1);
    assertThat(header)
        .startsWith("| column_number_0")
        .contains("| … |")
        .endsWith("column_number_11 |");
    int shown = header.split("\\|").length - 2; // the cells, less the … column
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo(
            "2 rows, 12 columns ("
                + shown
                + " shown, "
                + (12 - shown)
                + " hidden: widen with --width or use --output csv)");
    assertThat(shown).isBetween(2, 11);
    // values longer than the cell are shortened, not cut silently
    assertThat(r.out).contains("…");
  }

  @Test
  void aTableThatFitsShowsEveryColumnAndTheRowCount() {
    Result r = sql("-e", "SELECT id, note FROM notes WHERE id = 1");
    assertThat(r.out)
        .isEqualTo(
            """
        +----+-------+
        | id | note  |
        +----+-------+
        | 1  | plain |
        +----+-------+
        1 row
        """);
  }

  @Test
  void aFailingStatementPrintsOneLineAndStopsTheScript() throws IOException {
    Path script =
        Files.writeString(
            directory.resolve("fails.sql"),
            "SELECT 1 AS a;\nSELEC 2;\nSELECT nope FROM notes;\nSELECT 3 AS c;\n");
    Result stop = sql("-f", script.toString(), "--output", "csv");
    assertThat(stop.status).isEqualTo(1);
    assertThat(stop.out).isEqualTo("a\n1\n");
    assertThat(stop.err.lines().toList()).singleElement().asString().startsWith("Error [42601]: ");
    assertThat(stop.err).doesNotContain("Was expecting").doesNotContain("\tat ");

    Result goOn = sql("-f", script.toString(), "--output", "csv", "--continue-on-error");
    assertThat(goOn.status).isEqualTo(1);
    assertThat(goOn.out).isEqualTo("a\n1\nc\n3\n");
    List<String> errors = goOn.err.lines().toList();
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0)).startsWith("Error [42601]: ");
    assertThat(errors.get(1)).startsWith("Error [42703]: ").containsIgnoringCase("nope");

    Result verbose = sql("-e", "SELECT nope FROM notes", "--verbose");
    assertThat(verbose.status).isEqualTo(1);
    assertThat(verbose.err.lines().count()).isGreaterThan(5);
    assertThat(verbose.err).contains("\tat ");
  }

  @Test
  void everyStatementSucceedingExitsZeroAndDotCommandsTakeTheirOwnLines() throws IOException {
    Path script =
        Files.writeString(
            directory.resolve("dots.sql"),
            ".mode csv\nSELECT COUNT(*) AS n FROM notes;\n.mode json\nSELECT 7 AS seven;\n.quit\nSELECT 8;\n");
    Result r = sql("-f", script.toString());
    assertThat(r.status).as(r.err).isZero();
    assertThat(r.out).isEqualTo("n\n3\n{\"seven\":7}\n");
    Result unknown = sql("-e", ".nope", "-e", "SELECT 1");
    assertThat(unknown.status).isEqualTo(1);
    assertThat(unknown.err).startsWith("Error: unknown or incomplete command '.nope'");
    assertThat(unknown.out).isEmpty();
  }

  @Test
  void aServerThatIsNotThereIsOneConnectionRefusedLine() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Result r = run("sql", "--server", "http://127.0.0.1:" + port, "-e", "SELECT 1");
    assertThat(r.status).isEqualTo(1);
    assertThat(r.err.lines().toList())
        .singleElement()
        .asString()
        .startsWith("Error [08001]: cannot reach the server")
        .contains("Connection refused");
  }

  private static Result sql(String... args) {
    List<String> all = new ArrayList<>(List.of("sql"));
    all.addAll(Arrays.asList(args));
    all.addAll(
        List.of(
            "--endpoint",
            s3.endpoint().toString(),
            "--region",
            S3TestServer.REGION,
            "--bucket",
            BUCKET,
            "--access-key-id",
            S3TestServer.ACCESS_KEY_ID,
            "--secret-access-key-file",
            secretFile.toString()));
    return run(all.toArray(String[]::new));
  }

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private record Result(int status, String out, String err) {}
}
