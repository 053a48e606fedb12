package dev.bucketsql.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bucketsql.server.BucketSqlServer;
import dev.bucketsql.server.UsersFile;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bucketsql serve} with a users file, reached the way docs/cli.md tells DBeaver to (remote
 * driver class, URL, user and password), and {@code bucketsql sql} embedded and remote with -e, -f
 * and each output format.
 */
@ExtendWith(S3ServerExtension.class)
class ServeAndSqlTest {
  private static final String BUCKET = "cli";
  private static final String USER = "alice";
  private static final String PASSWORD = "a long enough password";

  @TempDir static Path directory;
  private static S3TestServer s3;
  private static Path secretFile;
  private static Path passwordFile;
  private static BucketSqlServer server;
  private static String serveOutput;

  @BeforeAll
  static void start(S3TestServer shared) throws Exception {
    s3 = shared;
    s3.createBucket(BUCKET);
    s3.putObject(
        BUCKET,
        "recipes.csv",
        "id,name,calorie_level\n1,soup,0\n2,stew,2\n3,salad,0\n".getBytes(StandardCharsets.UTF_8));
    secretFile =
        Files.writeString(directory.resolve("secret"), S3TestServer.SECRET_ACCESS_KEY + "\n");
    passwordFile = Files.writeString(directory.resolve("password"), PASSWORD + "\n");
    Path users = directory.resolve("users");
    // The line 'bucketsql hash-password' prints, with few iterations to keep the test fast.
    Result hashed = runWithInput(PASSWORD + "\n", "hash-password", USER, "--iterations", "1000");
    assertThat(hashed.status).as(hashed.out).isZero();
    Files.writeString(users, hashed.out);

    ServeCommand serve = new ServeCommand();
    CommandLine commandLine = new CommandLine(serve);
    StringWriter printed = new StringWriter();
    commandLine.setOut(new PrintWriter(printed, true));
    commandLine.parseArgs(
        bucketArgs("--port", "0", "--users-file", users.toString(), "--admin", USER)
            .toArray(String[]::new));
    server = serve.start();
    serveOutput = printed.toString();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void servePrintsTheRecipeWithoutSecrets() {
    assertThat(serveOutput)
        .contains("Remote JDBC URL:  jdbc:bucketsql:remote:url=http://127.0.0.1:")
        .contains("dev.bucketsql.jdbc.remote.RemoteDriver")
        .contains("jdbc:avatica:remote:url=http://127.0.0.1:")
        .contains("org.apache.calcite.avatica.remote.Driver")
        .contains("add ;authentication=BASIC to the URL")
        .contains("takes the JDBC user and password (DBeaver's User and Password fields)")
        .contains("authentication=BASIC;avatica_user=USER;avatica_password=PASSWORD")
        .contains("/status")
        .contains("Administrators:   " + USER)
        .doesNotContain(S3TestServer.SECRET_ACCESS_KEY);
  }

  @Test
  void anAdministratorWhoIsNoUserIsRefused() {
    Result r =
        run(
            bucketArgs(
                    "serve",
                    "--port",
                    "0",
                    "--users-file",
                    directory.resolve("users").toString(),
                    "--admin",
                    "mallory")
                .toArray(String[]::new));
    assertThat(r.status).isEqualTo(2);
    assertThat(r.out).contains("'mallory' is not a user of the users file");
  }

  @Test
  void bucketSqlRemoteDriverConnectsWithThePrintedUrl() throws Exception {
    Class.forName("dev.bucketsql.jdbc.remote.RemoteDriver");
    String url =
        server.remoteDriverUrl()
            + ";authentication=BASIC;avatica_user="
            + USER
            + ";avatica_password="
            + PASSWORD;
    assertThat(serveOutput).contains(server.remoteDriverUrl());
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM recipes WHERE calorie_level = 2")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("name")).isEqualTo("stew");
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void bucketSqlRemoteDriverTakesTheJdbcUserAndPasswordAsDBeaverSetsThem() throws Exception {
    // DBeaver's User and Password fields become the user and password of getConnection.
    Class.forName("dev.bucketsql.jdbc.remote.RemoteDriver");
    String url = server.remoteDriverUrl() + ";authentication=BASIC";
    try (Connection c = DriverManager.getConnection(url, USER, PASSWORD);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM recipes WHERE calorie_level = 2")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("name")).isEqualTo("stew");
    }
    SQLException refused =
        catchThrowableOfType(
            SQLException.class, () -> DriverManager.getConnection(url, USER, "not the password"));
    assertThat(refused.getSQLState()).isEqualTo("28000");
    assertThat(refused.getMessage()).doesNotContain("not the password").doesNotContain("\n");
  }

  @Test
  void remoteJdbcClientConnectsAsDocumentedForDBeaver() throws Exception {
    Class.forName("org.apache.calcite.avatica.remote.Driver");
    String url =
        server.clientUrl()
            + ";authentication=BASIC;avatica_user="
            + USER
            + ";avatica_password="
            + PASSWORD;
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT id, name, calorie_level FROM recipes WHERE calorie_level = 2")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("name")).isEqualTo("stew");
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void servesThePostgreSqlProtocolAloneWithTheHashPasswordLine() throws Exception {
    ServeCommand serve = new ServeCommand();
    CommandLine commandLine = new CommandLine(serve);
    StringWriter printed = new StringWriter();
    commandLine.setOut(new PrintWriter(printed, true));
    commandLine.parseArgs(
        bucketArgs(
                "--pg-port",
                "0",
                "--no-avatica",
                "--users-file",
                directory.resolve("users").toString())
            .toArray(String[]::new));
    try (BucketSqlServer pg = serve.start()) {
      assertThat(printed.toString())
          .contains(
              "PostgreSQL:       psql \"host=127.0.0.1 port="
                  + pg.pgPort()
                  + " dbname=bucketsql user=USER\"")
          .contains("PostgreSQL JDBC:  " + pg.pgUrl())
          .doesNotContain("Remote JDBC URL")
          .doesNotContain(S3TestServer.SECRET_ACCESS_KEY);
      // The users-file line hash-password printed is the SCRAM-SHA-256 verifier pgjdbc logs in
      // with.
      try (Connection c = DriverManager.getConnection(pg.pgUrl(), USER, PASSWORD);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM recipes WHERE calorie_level = 0")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(2);
      }
    }
    Result r = run(bucketArgs("serve", "--no-avatica").toArray(String[]::new));
    assertThat(r.status).isEqualTo(2);
    assertThat(r.out).contains("--no-avatica leaves nothing to serve");
  }

  @Test
  void nonLoopbackBindWithoutAuthenticationIsRefused() {
    Result r = run(bucketArgs("serve", "--bind", "0.0.0.0", "--port", "0").toArray(String[]::new));
    assertThat(r.status).isEqualTo(2);
    assertThat(r.out).contains("no authentication is configured").contains("--users-file");
  }

  @Test
  void embeddedSqlWithCsvOutput() {
    Result r =
        run(
            bucketArgs("sql", "-e", "SELECT COUNT(*) AS n FROM recipes", "--output", "csv")
                .toArray(String[]::new));
    assertThat(r.status).as(r.out).isZero();
    assertThat(r.out).isEqualTo("n\n3\n");
  }

  @Test
  void embeddedSqlFromAFileWithJsonOutput() throws IOException {
    Path script =
        Files.writeString(
            directory.resolve("q.sql"),
            "SELECT name FROM recipes WHERE id = 2;\nSELECT id, calorie_level FROM recipes WHERE calorie_level = 0;\n");
    Result r =
        run(bucketArgs("sql", "-f", script.toString(), "--output", "json").toArray(String[]::new));
    assertThat(r.status).as(r.out).isZero();
    assertThat(r.out)
        .contains("\"name\":\"stew\"")
        .contains("{\"id\":1,\"calorie_level\":0}")
        .contains("{\"id\":3,\"calorie_level\":0}");
  }

  @Test
  void remoteSqlWithPasswordFileAndTableOutput() {
    Result r =
        run(
            "sql",
            "--server",
            server.httpUrl(),
            "--user",
            USER,
            "--password-file",
            passwordFile.toString(),
            "-e",
            "SELECT name FROM recipes WHERE id = 3");
    assertThat(r.status).as(r.out).isZero();
    assertThat(r.out).contains("| name  |").contains("| salad |").doesNotContain(PASSWORD);
  }

  @Test
  void remoteSqlWithoutCredentialsFails() {
    Result r = run("sql", "--server", server.httpUrl(), "-e", "SELECT 1");
    assertThat(r.status).isNotZero();
    assertThat(r.out).contains("401");
  }

  @Test
  void badSqlFailsWithTheServersMessage() {
    Result r = run(bucketArgs("sql", "-e", "SELECT nope FROM recipes").toArray(String[]::new));
    assertThat(r.status).isNotZero();
    assertThat(r.out).contains("Column 'nope' not found");
  }

  @Test
  void failingStatementReportsItsStateAndTheNextStatementStillRuns() {
    Result r =
        run(
            bucketArgs(
                    "sql",
                    "-e",
                    "SELECT 5 % 0",
                    "-e",
                    "SELECT COUNT(*) AS n FROM recipes",
                    "--output",
                    "csv",
                    "--continue-on-error")
                .toArray(String[]::new));
    // the exit status says that one failed; the error line carries the state
    assertThat(r.status).isEqualTo(1);
    assertThat(r.out)
        .contains("Error [22012]: division by zero")
        .endsWith("n\n3\n")
        .doesNotContain("ExceptionInInitializerError");
  }

  @Test
  void duckDbDotCommandsRunFromArgumentsAndFiles() throws IOException {
    Result r =
        run(
            bucketArgs(
                    "sql",
                    "-e",
                    ".mode csv",
                    "-e",
                    ".tables",
                    "-e",
                    ".schema recipes",
                    "-e",
                    ".nope")
                .toArray(String[]::new));
    // .mode csv switches the format for the statements after it: RFC 4180 CSV lines
    assertThat(r.status).isEqualTo(1);
    assertThat(r.out)
        .as(r.out)
        .containsPattern("(?m)^recipes(,|$)")
        .containsPattern("(?m)^calorie_level,BIGINT")
        .contains("unknown or incomplete command '.nope'")
        .doesNotContain("'recipes'");
    Path script =
        Files.writeString(
            directory.resolve("dots.sql"),
            ".mode json\n.tables\nSELECT COUNT(*) AS n FROM recipes;\n");
    Result f = run(bucketArgs("sql", "-f", script.toString()).toArray(String[]::new));
    assertThat(f.status).as(f.out).isZero();
    assertThat(f.out).contains("\"name\":\"recipes\"").contains("{\"n\":3}");
  }

  @Test
  void usersFileLineFromHashPasswordParses() throws IOException {
    UsersFile users = UsersFile.read(directory.resolve("users"));
    assertThat(users.userNames()).containsExactly(USER);
    assertThat(Files.readString(directory.resolve("users"))).doesNotContain(PASSWORD);
  }

  private static List<String> bucketArgs(String... first) {
    List<String> args = new ArrayList<>(List.of(first));
    args.addAll(
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
    return args;
  }

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8));
    return new Result(status, out.toString(StandardCharsets.UTF_8));
  }

  private static Result runWithInput(String input, String... args) {
    java.io.InputStream saved = System.in;
    System.setIn(new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    try {
      return run(args);
    } finally {
      System.setIn(saved);
    }
  }

  private record Result(int status, String out) {}
}
