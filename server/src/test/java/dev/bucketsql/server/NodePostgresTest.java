package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * node-postgres ({@code pg} from npm, the version pinned in {@code
 * src/test/node/package-lock.json}) against the PostgreSQL endpoint, in one {@code node} process: a
 * SCRAM login, a query, queries with untyped {@code $n} parameters of several types, each type as
 * the JavaScript value node-postgres makes of it (int8 as a string, its default), NULLs, and an
 * error's SQLSTATE in {@code err.code}. {@code .ci/run} installs the package into {@code
 * target/node}; where it is missing this test installs it with {@code npm ci}. Skipped, saying so,
 * where node or npm is not installed.
 */
class NodePostgresTest {
  /**
   * Where the package and the script are installed: under the build, so {@code mvn clean} removes
   * them.
   */
  private static final Path MODULE = Path.of("target", "node").toAbsolutePath();

  private static final Path SOURCES = Path.of("src", "test", "node").toAbsolutePath();

  @TempDir static Path directory;

  private static BucketSqlServer server;

  @BeforeAll
  static void start() throws Exception {
    Path users = directory.resolve("users");
    Files.writeString(
        users, UsersFile.hashLine(AuthTest.USER, AuthTest.PASSWORD.toCharArray(), 4096) + "\n");
    server =
        TestServers.start(
            TestServers.builder()
                .avatica(false)
                .pgPort(0)
                .auth(ClientAuth.of(UsersFile.read(users), null)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void queriesParametersTypesAndErrors() throws Exception {
    String node = PsqlTest.findOnPath("node");
    String npm = PsqlTest.findOnPath("npm");
    assumeTrue(
        node != null && npm != null,
        "node or npm is not installed (Debian: apt-get install nodejs npm); CI installs them");
    installPg(npm);
    Path script =
        Files.copy(
            SOURCES.resolve("client.js"),
            MODULE.resolve("client.js"),
            StandardCopyOption.REPLACE_EXISTING);
    ProcessBuilder builder =
        new ProcessBuilder(
                node,
                script.toString(),
                Integer.toString(server.pgPort()),
                AuthTest.USER,
                AuthTest.PASSWORD)
            .directory(MODULE.toFile())
            .redirectErrorStream(true);
    // node-postgres turns a date into a local Date: a fixed zone keeps its day the one sent
    builder.environment().put("TZ", "UTC");
    String output = run(builder);
    assertThat(output.lines())
        .containsExactly(
            "rows [{\"name\":\"Bill\",\"salary\":10000},{\"name\":\"Theodore\",\"salary\":11500}"
                + ",{\"name\":\"Sebastian\",\"salary\":7000}]",
            "params [{\"empid\":110,\"name\":\"Theodore\"}]",
            "bool-param [{\"n\":\"2\"}]",
            "types i8=string(9007199254740993) i4=number(42) f8=number(1.5) b=boolean(true)"
                + " d=Date(2019-2-28) t=string(x) n=null nt=null",
            "oids i8:20 i4:23 f8:701 b:16 d:1082 t:25 n:23 nt:1043",
            "error 42P01 names-table",
            "after-error [{\"two\":2}]");
  }

  /** Installs the pinned {@code pg} into {@link #MODULE} unless that version is there already. */
  private static void installPg(String npm) throws IOException, InterruptedException {
    Files.createDirectories(MODULE);
    Path lock = SOURCES.resolve("package-lock.json");
    Path installedLock = MODULE.resolve("node_modules").resolve(".package-lock.json");
    if (Files.exists(installedLock)
        && Files.exists(MODULE.resolve("package-lock.json"))
        && Files.mismatch(lock, MODULE.resolve("package-lock.json")) == -1) {
      return;
    }
    for (String file : List.of("package.json", "package-lock.json")) {
      Files.copy(SOURCES.resolve(file), MODULE.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    String output =
        run(
            new ProcessBuilder(npm, "ci", "--no-audit", "--no-fund", "--prefix", MODULE.toString())
                .redirectErrorStream(true));
    assertThat(MODULE.resolve("node_modules/pg/package.json")).as(output).exists();
  }

  private static String run(ProcessBuilder builder) throws IOException, InterruptedException {
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(builder.command() + " did not finish: " + output);
    }
    assertThat(process.exitValue()).as(builder.command() + ": " + output).isZero();
    return output;
  }
}
