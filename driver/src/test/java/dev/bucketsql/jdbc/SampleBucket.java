package dev.bucketsql.jdbc;

import dev.bucketsql.datagen.SampleData;
import dev.bucketsql.datagen.SampleManifest;
import dev.bucketsql.datagen.SampleScale;
import dev.bucketsql.datagen.SampleSpec;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The tiny sample data set in bucket {@value #BUCKET} of the shared test server, made once. */
final class SampleBucket {
  static final String BUCKET = "mangetamain";
  private static SampleManifest manifest;

  private SampleBucket() {}

  static synchronized SampleManifest ensure(S3TestServer server) {
    if (manifest == null) {
      try {
        Path dir = Files.createTempDirectory("bucketsql-sample");
        manifest =
            SampleData.generateAndUpload(SampleSpec.of(SampleScale.TINY), dir, server, BUCKET);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return manifest;
  }

  static String url(S3TestServer server) {
    return server.jdbcUrl(BUCKET);
  }

  static Connection connect(S3TestServer server) throws SQLException {
    ensure(server);
    return DriverManager.getConnection(url(server), S3TestServer.jdbcKeys());
  }
}
