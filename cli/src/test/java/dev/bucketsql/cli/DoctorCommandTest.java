package dev.bucketsql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bucketsql doctor} against the S3 test server: all pass, and each fault fails the right
 * check.
 */
@ExtendWith(S3ServerExtension.class)
class DoctorCommandTest {
  private static final String BUCKET = "doctor";

  @TempDir static Path directory;
  private static S3TestServer s3;
  private static Path secretFile;
  private static Path wrongSecretFile;

  @BeforeAll
  static void setUp(S3TestServer server) throws IOException {
    s3 = server;
    s3.createBucket(BUCKET);
    byte[] sample = new byte[8 * 1024 * 1024];
    new Random(6).nextBytes(sample);
    s3.putObject(BUCKET, "sample.bin", sample);
    s3.putObject(BUCKET, "recipes.csv", "id,name\n1,soup\n".getBytes(StandardCharsets.UTF_8));
    secretFile =
        Files.writeString(directory.resolve("secret"), S3TestServer.SECRET_ACCESS_KEY + "\n");
    wrongSecretFile = Files.writeString(directory.resolve("wrong"), "not-the-secret-0123456789\n");
  }

  @Test
  void allChecksPassAgainstTheTestServer() {
    Result r = doctor(s3.endpoint(), S3TestServer.REGION, secretFile);
    assertThat(r.status).as(r.out).isZero();
    assertThat(r.out)
        .contains(
            "DNS resolution",
            "TCP connect",
            "HTTP answer",
            "credentials valid",
            "region matches",
            "bucket listable",
            "object readable",
            "download throughput",
            "no slow reverse proxy")
        .contains("All 9 checks passed.")
        .doesNotContain("FAIL")
        .doesNotContain(S3TestServer.SECRET_ACCESS_KEY);
  }

  @Test
  void wrongRegionFailsTheRegionCheckNamingTheRightOne() throws IOException {
    try (S3Front front = S3Front.requiringRegion(s3.port(), S3TestServer.REGION)) {
      Result r = doctor(front.endpoint(), "us-east-1", secretFile);
      assertThat(r.status).isEqualTo(1);
      assertThat(line(r, "region matches")).contains("FAIL").contains("expects 'garage-fast'");
      assertThat(r.out).contains("set --region garage-fast");
      assertThat(line(r, "TCP connect")).contains("PASS");
      assertThat(line(r, "credentials valid")).contains("SKIP");
    }
  }

  @Test
  void wrongSecretFailsTheCredentialsCheck() {
    Result r = doctor(s3.endpoint(), S3TestServer.REGION, wrongSecretFile);
    assertThat(r.status).isEqualTo(1);
    assertThat(line(r, "credentials valid"))
        .contains("FAIL")
        .contains("secret access key does not match key id GKte");
    assertThat(r.out)
        .contains("fix the secret (--secret-access-key-file")
        .doesNotContain("not-the-secret");
    assertThat(line(r, "HTTP answer")).contains("PASS");
    assertThat(line(r, "bucket listable")).contains("SKIP");
  }

  @Test
  void deadPortFailsTheTcpCheck() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: nothing listens there now
    }
    Result r = doctor(URI.create("http://127.0.0.1:" + port), S3TestServer.REGION, secretFile);
    assertThat(r.status).isEqualTo(1);
    assertThat(line(r, "DNS resolution")).contains("PASS");
    assertThat(line(r, "TCP connect"))
        .contains("FAIL")
        .contains("nothing is listening at 127.0.0.1:" + port);
    assertThat(r.out).contains("check the port in the endpoint");
    assertThat(line(r, "credentials valid")).contains("SKIP");
  }

  @Test
  void slowReverseProxyIsReportedWithItsRate() throws IOException {
    // At most 64 KiB per 10 ms: well under the 100 MB/s a direct node gives.
    try (S3Front front = S3Front.slowProxy(s3.port(), "1.1 nginx", 64 * 1024, 10)) {
      Result r =
          doctor(
              front.endpoint(),
              S3TestServer.REGION,
              secretFile,
              "--sample-bytes",
              "2097152",
              "--min-throughput",
              "0.001");
      assertThat(r.status).isEqualTo(1);
      assertThat(line(r, "download throughput")).contains("PASS").contains("MB/s");
      assertThat(line(r, "no slow reverse proxy"))
          .contains("FAIL")
          .contains("Via: 1.1 nginx")
          .contains("MB/s download");
      assertThat(r.out).contains("point --endpoint at the node's S3 port");
    }
  }

  private static String line(Result r, String check) {
    return r.out
        .lines()
        .filter(l -> l.contains(check))
        .findFirst()
        .orElse("(no line for " + check + ")\n" + r.out);
  }

  private static Result doctor(URI endpoint, String region, Path secret, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "doctor",
                "--endpoint",
                endpoint.toString(),
                "--region",
                region,
                "--bucket",
                BUCKET,
                "--access-key-id",
                S3TestServer.ACCESS_KEY_ID,
                "--secret-access-key-file",
                secret.toString(),
                "--sample-key",
                "sample.bin"));
    args.addAll(List.of(more));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args.toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        status, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
  }

  private record Result(int status, String out) {}
}
