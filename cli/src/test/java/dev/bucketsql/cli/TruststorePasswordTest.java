package dev.bucketsql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.server.BucketSqlServer;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code sql --server https://... --truststore FILE} against {@code serve --keystore}: without the
 * truststore's password, or with a wrong one, the one error line names the truststore and {@code
 * --truststore-password-file}, not the server's address.
 */
@ExtendWith(S3ServerExtension.class)
class TruststorePasswordTest {
  private static final String BUCKET = "tls";
  private static final String STORE_PASSWORD = "test-keystore-password";
  private static final String WRONG = "not-the-truststore-password";

  @TempDir static Path directory;
  private static BucketSqlServer server;
  private static Path trust;

  @BeforeAll
  static void start(S3TestServer s3) throws Exception {
    s3.createBucket(BUCKET);
    s3.putObject(BUCKET, "t.csv", "id\n1\n2\n".getBytes(StandardCharsets.UTF_8));
    Path secret =
        Files.writeString(directory.resolve("secret"), S3TestServer.SECRET_ACCESS_KEY + "\n");
    Path keystore = directory.resolve("server.p12");
    trust = directory.resolve("trust.p12");
    keystores(keystore, trust);
    Path keystorePassword = Files.writeString(directory.resolve("ks.pass"), STORE_PASSWORD + "\n");
    ServeCommand serve = new ServeCommand();
    CommandLine commandLine = new CommandLine(serve);
    commandLine.setOut(new PrintWriter(new StringWriter(), true));
    commandLine.parseArgs(
        "--port",
        "0",
        "--keystore",
        keystore.toString(),
        "--keystore-password-file",
        keystorePassword.toString(),
        "--endpoint",
        s3.endpoint().toString(),
        "--region",
        S3TestServer.REGION,
        "--bucket",
        BUCKET,
        "--access-key-id",
        S3TestServer.ACCESS_KEY_ID,
        "--secret-access-key-file",
        secret.toString());
    server = serve.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void missingTruststorePasswordIsNamedWithItsOption() {
    Result r = sql();
    assertThat(r.status).as(r.out).isEqualTo(1);
    assertThat(r.out.lines().toList())
        .singleElement()
        .isEqualTo(
            "Error [08001]: the password for the truststore "
                + trust
                + " is missing; give it with --truststore-password-file FILE");
  }

  @Test
  void wrongTruststorePasswordIsNamedWithItsOption() throws IOException {
    Path wrong = Files.writeString(directory.resolve("wrong.pass"), WRONG + "\n");
    Result r = sql("--truststore-password-file", wrong.toString());
    assertThat(r.status).as(r.out).isEqualTo(1);
    assertThat(r.out.lines().toList())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith("Error [08001]: the password for the truststore " + trust)
                    .contains("is wrong")
                    .contains("--truststore-password-file")
                    .doesNotContain("url=")
                    .doesNotContain(WRONG));
  }

  @Test
  void rightTruststorePasswordQueries() throws IOException {
    Path right = Files.writeString(directory.resolve("right.pass"), STORE_PASSWORD + "\n");
    Result r = sql("--truststore-password-file", right.toString(), "--output", "csv");
    assertThat(r.status).as(r.out).isZero();
    assertThat(r.out).isEqualTo("n\n2\n");
  }

  private static Result sql(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "sql",
                "--server",
                server.httpUrl(),
                "--truststore",
                trust.toString(),
                "-e",
                "SELECT COUNT(*) AS n FROM t"));
    args.addAll(List.of(more));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        Main.run(
            args.toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8));
    return new Result(status, out.toString(StandardCharsets.UTF_8));
  }

  /** A self-signed key for 127.0.0.1 and a truststore with its certificate, by keytool. */
  private static void keystores(Path keystore, Path truststore) throws Exception {
    Path cert = directory.resolve("server.crt");
    keytool(
        "-genkeypair",
        "-alias",
        "bucketsql",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-validity",
        "2",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-keypass",
        STORE_PASSWORD);
    keytool(
        "-exportcert",
        "-alias",
        "bucketsql",
        "-keystore",
        keystore.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-rfc",
        "-file",
        cert.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "bucketsql",
        "-file",
        cert.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        truststore.toString(),
        "-storepass",
        STORE_PASSWORD);
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException("keytool " + args[0] + " failed: " + output);
    }
  }

  private record Result(int status, String out) {}
}
