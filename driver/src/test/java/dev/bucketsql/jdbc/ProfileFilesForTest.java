package dev.bucketsql.jdbc;

import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the two profile-file shapes our users have, pointing at the test server, and builds URL
 * values from paths. Tests always name these files explicitly, so the real {@code ~/.aws} never
 * takes part.
 */
final class ProfileFilesForTest {
  static final String PROFILE = "s3fast";

  private ProfileFilesForTest() {}

  /**
   * The INI credentials file of the data team: everything, endpoint and bucket included, in section
   * {@code [s3fast]}.
   */
  static Path completeCredentials(Path dir, S3TestServer server) {
    return write(
        dir.resolve("credentials"),
        "# the data team's file\n"
            + "[other]\n"
            + "aws_access_key_id = GKotherkey000000000\n"
            + "aws_secret_access_key = other-secret\n"
            + "\n"
            + "["
            + PROFILE
            + "]\n"
            + "aws_access_key_id = "
            + S3TestServer.ACCESS_KEY_ID
            + "\n"
            + "aws_secret_access_key = "
            + S3TestServer.SECRET_ACCESS_KEY
            + "\n"
            + "endpoint_url = "
            + server.endpoint()
            + "\n"
            + "region = "
            + S3TestServer.REGION
            + "\n"
            + "bucket = "
            + SampleBucket.BUCKET
            + "\n");
  }

  /** An AWS CLI credentials file: keys only, under {@code [s3fast]}. */
  static Path keysOnlyCredentials(Path dir) {
    return write(
        dir.resolve("cli-credentials"),
        "["
            + PROFILE
            + "]\n"
            + "aws_access_key_id = "
            + S3TestServer.ACCESS_KEY_ID
            + "\n"
            + "aws_secret_access_key = "
            + S3TestServer.SECRET_ACCESS_KEY
            + "\n");
  }

  /**
   * An AWS CLI config file: {@code [profile s3fast]} with the region and a nested {@code s3 =}
   * block holding the endpoint, as {@code aws configure} users write it.
   */
  static Path cliConfig(Path dir, S3TestServer server) {
    return write(
        dir.resolve("cli-config"),
        "[default]\n"
            + "region = us-east-1\n"
            + "\n"
            + "[profile "
            + PROFILE
            + "]\n"
            + "region = "
            + S3TestServer.REGION
            + "\n"
            + "s3 =\n"
            + "  endpoint_url = "
            + server.endpoint()
            + "\n"
            + "  addressing_style = path\n");
  }

  /** {@code path} percent-encoded for a URL parameter value. */
  static String urlValue(Path path) {
    return URLEncoder.encode(path.toAbsolutePath().toString(), StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  private static Path write(Path file, String text) {
    try {
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
