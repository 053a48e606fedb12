package dev.bucketsql.testing.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

@ExtendWith(S3ServerExtension.class)
class S3TestServerTest {
  @Test
  void servesObjectsOnLoopbackWithSigV4(S3TestServer server) {
    assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
    server.createBucket("fixture");
    server.putObject("fixture", "a/b.csv", "x,y\n1,2\n".getBytes(StandardCharsets.UTF_8));
    try (S3Client client = server.newClient()) {
      String body = client.getObjectAsBytes(b -> b.bucket("fixture").key("a/b.csv")).asUtf8String();
      assertThat(body).isEqualTo("x,y\n1,2\n");
      String range =
          client
              .getObjectAsBytes(b -> b.bucket("fixture").key("a/b.csv").range("bytes=4-6"))
              .asUtf8String();
      assertThat(range).isEqualTo("1,2");
    }
  }

  @Test
  void rejectsAWrongSecret(S3TestServer server) {
    server.createBucket("fixture");
    try (S3Client client =
        S3Client.builder()
            .endpointOverride(server.endpoint())
            .region(Region.of(S3TestServer.REGION))
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(S3TestServer.ACCESS_KEY_ID, "wrong-secret")))
            .build()) {
      assertThatThrownBy(() -> client.listObjectsV2(b -> b.bucket("fixture")))
          .isInstanceOfSatisfying(
              S3Exception.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));
    }
  }
}
