package dev.bucketsql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The demo, run as a user runs it, without waiting for Ctrl-C. */
class DemoCommandTest {
  @Test
  void runsTheExamplesAndPrintsConnectionUrls() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            new String[] {"demo", "--scale", "tiny", "--port", "0", "--no-wait"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(printed)
        .contains("SELECT COUNT(*) AS n FROM PP_recipes;")
        .contains("calorie_level | ")
        .contains("avg_calories")
        .contains("jdbc:bucketsql:s3://mangetamain?endpoint=http://127.0.0.1:")
        .contains("jdbc:avatica:remote:url=http://127.0.0.1:");
  }

  @Test
  void unknownOptionIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            new String[] {"demo", "--colour"},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--colour'");
  }
}
