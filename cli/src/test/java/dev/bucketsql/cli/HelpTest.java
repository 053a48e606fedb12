package dev.bucketsql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every subcommand answers --help, and names the bucket settings by the JDBC URL's keys. */
class HelpTest {
  @ParameterizedTest
  @ValueSource(strings = {"demo", "serve", "sql", "doctor", "hash-password"})
  void everySubcommandHasHelp(String command) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        Main.run(
            new String[] {command, "--help"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    String help = out.toString(StandardCharsets.UTF_8);
    assertThat(status).isZero();
    assertThat(help).contains("Usage: bucketsql " + command);
    if (!command.equals("demo") && !command.equals("hash-password")) {
      assertThat(help)
          .contains(
              "--url",
              "--profile",
              "--credentials-file",
              "--config-file",
              "--endpoint",
              "--region",
              "--bucket",
              "--access-key-id",
              "--secret-access-key-file");
      assertThat(help).doesNotContain("--secret-access-key ");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "help"})
  void topLevelListsTheCommands(String arg) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] args = arg.isEmpty() ? new String[0] : new String[] {arg};
    int status =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(arg.isEmpty() ? 2 : 0);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("demo", "serve", "sql", "doctor", "hash-password");
  }

  @Test
  void aSubcommandNamedFirstIsTheOnlyOneModelled() {
    assertThat(Main.subcommandsFor(new String[] {"sql", "-e", "SELECT 1"}))
        .containsExactly(SqlCommand.class);
    assertThat(Main.subcommandsFor(new String[] {"help", "sql"})).isEqualTo(Main.SUBCOMMANDS);
    assertThat(Main.subcommandsFor(new String[] {"--help"})).isEqualTo(Main.SUBCOMMANDS);
    assertThat(Main.subcommandsFor(new String[0])).isEqualTo(Main.SUBCOMMANDS);
  }

  @Test
  void aMisspeltSubcommandIsRefusedWithTheOthersSuggested() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            new String[] {"sqll", "-e", "SELECT 1"},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Did you mean: bucketsql sql?");
  }
}
