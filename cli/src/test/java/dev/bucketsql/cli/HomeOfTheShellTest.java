package dev.bucketsql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line takes the home directory from the shell's {@code $HOME}, not from Java's {@code
 * user.home} (the password database): a process started with another {@code $HOME} looks for the
 * AWS files there and names them in its messages. A real process, since {@code $HOME} is read once
 * by {@code main}.
 */
class HomeOfTheShellTest {
  @Test
  void messagesNameTheAwsFilesUnderTheShellsHome(@TempDir Path home) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "sql",
                    "--profile",
                    "nosuch",
                    "-e",
                    "SELECT 1"))
            .redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.put("HOME", home.toString());
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isNotZero();
    String credentials = home + File.separator + ".aws" + File.separator + "credentials";
    assertThat(output)
        .contains("profile 'nosuch'")
        .contains(credentials)
        .doesNotContain(System.getProperty("user.home") + File.separator + ".aws");
  }
}
