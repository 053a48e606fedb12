package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * psql (Debian's {@code postgresql-client}, which CI installs) against the PostgreSQL endpoint: a
 * SCRAM login, a query in psql's unaligned output, an error with its SQLSTATE, and a TLS
 * connection. Skipped, saying so, where psql is not installed.
 */
class PsqlTest {
  @TempDir static Path directory;

  private static BucketSqlServer server;
  private static String psql;

  @BeforeAll
  static void start() throws Exception {
    psql = findPsql();
    if (psql == null) {
      return;
    }
    Keystores.create(directory);
    Path users = directory.resolve("users");
    Files.writeString(
        users, UsersFile.hashLine(AuthTest.USER, AuthTest.PASSWORD.toCharArray(), 4096) + "\n");
    server =
        TestServers.start(
            TestServers.builder()
                .avatica(false)
                .pgPort(0)
                .auth(ClientAuth.of(UsersFile.read(users), null))
                .tls(directory.resolve("server.p12"), Keystores.PASSWORD.toCharArray()));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void queryOverTlsWithScram() throws Exception {
    Result r =
        psql(
            AuthTest.PASSWORD,
            "-A",
            "-t",
            "-F",
            "|",
            "-c",
            "select name, salary from emps where deptno = 10 order by empid");
    assertThat(r.exit).as(r.output).isZero();
    // Floats as PostgreSQL prints them: the shortest exact text, no ".0".
    assertThat(r.output.strip().lines())
        .containsExactly("Bill|10000", "Theodore|11500", "Sebastian|7000");
  }

  @Test
  void sessionCommandsAndTls() throws Exception {
    Result r =
        psql(
            AuthTest.PASSWORD,
            "-A",
            "-t",
            "-c",
            "SET application_name = 'psql-test'",
            "-c",
            "SHOW application_name",
            "-c",
            "SELECT 1 + 1");
    assertThat(r.exit).as(r.output).isZero();
    assertThat(r.output).contains("psql-test").contains("2");
    Result info = psql(AuthTest.PASSWORD, "-c", "\\conninfo");
    assertThat(info.output).contains("SSL connection");
  }

  @Test
  void copyQueryToAFileAsCsvAndAsText() throws Exception {
    Path csv = directory.resolve("emps.csv");
    Result r =
        psql(
            AuthTest.PASSWORD,
            "-c",
            "\\copy (select empid, case when empid = 110 then name || ', jr'"
                + " else name end as name, case when empid = 150 then null else salary end as pay from emps"
                + " where deptno = 10 order by empid) TO '"
                + csv
                + "' CSV HEADER");
    assertThat(r.exit).as(r.output).isZero();
    assertThat(r.output).contains("COPY 3");
    assertThat(Files.readAllLines(csv))
        .containsExactly(
            "empid,name,pay", "100,Bill,10000", "110,\"Theodore, jr\",11500", "150,Sebastian,");
    Result text =
        psql(
            AuthTest.PASSWORD,
            "-c",
            "COPY (select name, case when empid = 150 then null else salary end from emps"
                + " where empid = 150) TO STDOUT");
    assertThat(text.exit).as(text.output).isZero();
    assertThat(text.output).isEqualTo("Sebastian\t\\N\n");
    Result refused = psql(AuthTest.PASSWORD, "-c", "COPY emps FROM STDIN");
    assertThat(refused.output).contains("only COPY ... TO STDOUT is supported");
  }

  @Test
  void errorsShowTheSqlStateAndWrongPasswordsFail() throws Exception {
    Result r =
        psql(AuthTest.PASSWORD, "-v", "VERBOSITY=verbose", "-c", "select * from no_such_table");
    assertThat(r.exit).isNotZero();
    assertThat(r.output).contains("42P01").contains("no_such_table");
    Result wrong = psql("wrong-password", "-c", "select 1");
    assertThat(wrong.exit).isNotZero();
    assertThat(wrong.output)
        .contains("password authentication failed for user \"" + AuthTest.USER + "\"");
  }

  private record Result(int exit, String output) {}

  private static Result psql(String password, String... args)
      throws IOException, InterruptedException {
    assumeTrue(
        psql != null,
        "psql is not installed (Debian: apt-get install postgresql-client); CI installs it");
    List<String> command =
        new ArrayList<>(
            List.of(
                psql,
                "-X",
                "-w",
                "host=127.0.0.1 port="
                    + server.pgPort()
                    + " dbname=bucketsql user="
                    + AuthTest.USER
                    + " sslmode=verify-full sslrootcert="
                    + directory.resolve("server.crt")));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", password);
    builder.environment().put("PGCONNECT_TIMEOUT", "20");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("psql did not finish: " + output);
    }
    return new Result(process.exitValue(), output);
  }

  static String findPsql() {
    return findOnPath("psql");
  }

  /** The executable {@code name} on the PATH, or null where it is not installed. */
  static String findOnPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }
}
