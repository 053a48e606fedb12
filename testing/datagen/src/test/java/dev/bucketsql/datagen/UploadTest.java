package dev.bucketsql.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Uploads to the real S3 test server, through the real AWS SDK. */
@ExtendWith(S3ServerExtension.class)
class UploadTest {
  @Test
  void createsTheBucketAndPutsEveryFileUnderItsKey(S3TestServer server, @TempDir Path dir)
      throws IOException {
    SampleManifest manifest =
        SampleData.generateAndUpload(new SampleSpec(7, 50, 300), dir, server, "datagen-upload");

    try (S3Client client = server.newClient()) {
      Map<String, Long> listed =
          client.listObjectsV2(b -> b.bucket("datagen-upload")).contents().stream()
              .collect(Collectors.toMap(S3Object::key, S3Object::size));
      Map<String, Long> expected =
          manifest.files().stream().collect(Collectors.toMap(SampleFile::key, SampleFile::size));
      assertThat(listed).isEqualTo(expected);

      byte[] reviews =
          client
              .getObjectAsBytes(b -> b.bucket("datagen-upload").key(SampleData.RAW_INTERACTIONS))
              .asByteArray();
      assertThat(reviews).isEqualTo(Files.readAllBytes(dir.resolve(SampleData.RAW_INTERACTIONS)));
    }
  }

  @Test
  void uploadingAgainIntoAnExistingBucketReplacesTheObjects(S3TestServer server, @TempDir Path dir)
      throws IOException {
    server.createBucket("datagen-again");
    SampleManifest first = SampleData.generate(new SampleSpec(1, 40, 200), dir.resolve("a"));
    SampleManifest second = SampleData.generate(new SampleSpec(2, 40, 200), dir.resolve("b"));

    SampleData.upload(first, server, "datagen-again");
    SampleData.upload(second, server, "datagen-again");

    try (S3Client client = server.newClient()) {
      byte[] stored =
          client
              .getObjectAsBytes(b -> b.bucket("datagen-again").key(SampleData.RAW_RECIPES_PARQUET))
              .asByteArray();
      assertThat(stored)
          .isEqualTo(Files.readAllBytes(second.file(SampleData.RAW_RECIPES_PARQUET).path()));
    }
  }

  @Test
  void aRefusedUploadNamesTheBucketButNotTheSecret(S3TestServer server, @TempDir Path dir) {
    SampleManifest manifest = SampleData.generate(new SampleSpec(3, 20, 50), dir);
    String wrongSecret = "wrong-secret-0123456789";
    try (S3Client client =
        S3Client.builder()
            .endpointOverride(server.endpoint())
            .region(Region.of(S3TestServer.REGION))
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(S3TestServer.ACCESS_KEY_ID, wrongSecret)))
            .build()) {
      assertThatThrownBy(() -> SampleData.upload(manifest, client, "datagen-refused"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("datagen-refused")
          .hasMessageContaining("credentials")
          .hasMessageNotContaining(wrongSecret);
    }
  }
}
