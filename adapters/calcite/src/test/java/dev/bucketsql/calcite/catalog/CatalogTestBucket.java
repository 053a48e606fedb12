package dev.bucketsql.calcite.catalog;

import dev.bucketsql.calcite.BucketSchema;
import dev.bucketsql.calcite.Formats;
import dev.bucketsql.parquet.write.GroupParquetWriters;
import dev.bucketsql.storage.config.S3Settings;
import dev.bucketsql.storage.s3.S3ObjectStore;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * A bucket laid out like our users' ones, uploaded once to the shared test server: a root file, a
 * folder of part files with different columns, a Hive-partitioned Parquet table, a folder schema
 * with a non-data object, nested folders, a name collision and a type conflict.
 */
final class CatalogTestBucket {
  static final String BUCKET = "catalog-layout";
  private static final MessageType INTERACTION =
      MessageTypeParser.parseMessageType(
          "message interaction { required int32 user_id; required int32 rating; }");
  private static boolean uploaded;

  private CatalogTestBucket() {}

  static synchronized void ensure(S3TestServer server) {
    if (uploaded) {
      return;
    }
    server.createBucket(BUCKET);
    put(server, "PP_recipes.csv", "id,name\n1,soup\n2,cake\n");
    put(server, "ratings/part-0000.csv", "user,rating\n1,5\n2,4\n");
    put(server, "ratings/part-0001.csv", "user,rating,comment\n3,3,ok\n");
    put(server, "ratings/_SUCCESS", "");
    put(server, "results/analysis.csv", "metric,value\nusers,3\n");
    put(server, "results/notes.txt", "not a table");
    put(server, "archive/readme.md", "# archive");
    put(server, "archive/2024/x.csv", "k\n1\n");
    put(server, "archive/2024/y.csv", "k\n2\n");
    put(server, "archive/old/x.csv", "k\n3\n");
    put(server, "archive/old/y.parquet", parquet(new int[][] {{9, 9}}));
    put(server, "a.csv", "v\ncsv\n");
    put(server, "a.parquet", parquet(new int[][] {{7, 1}}));
    put(server, "bad/p0.csv", "id\n1\n");
    put(server, "bad/p1.csv", "id\nx\n");
    put(server, "logs/2025-01.csv", "t\n1\n");
    put(server, "logs/2025-02.csv", "t\n2\n");
    put(server, "logs/2024-12.csv", "t\n0\n");
    put(server, "logs/index.html", "<html/>");
    put(
        server,
        "interactions/year=2018/month=01/part-0.parquet",
        parquet(new int[][] {{1, 5}, {2, 4}}));
    put(server, "interactions/year=2018/month=02/part-0.parquet", parquet(new int[][] {{3, 3}}));
    put(
        server,
        "interactions/year=2019/month=01/part-0.parquet",
        parquet(new int[][] {{4, 2}, {5, 1}, {6, 5}}));
    uploaded = true;
  }

  static S3ObjectStore store(S3TestServer server) {
    return S3ObjectStore.create(
        S3Settings.builder()
            .endpoint(server.endpoint())
            .region(S3TestServer.REGION)
            .bucket(BUCKET)
            .credentials(S3TestServer.ACCESS_KEY_ID, S3TestServer.SECRET_ACCESS_KEY, null)
            .build());
  }

  static BucketCatalog catalog(S3ObjectStore store, Duration ttl) {
    return BucketSchema.catalog(store, "", Formats.DEFAULT, new CatalogOptions(ttl, "test"));
  }

  private static void put(S3TestServer server, String key, String text) {
    put(server, key, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void put(S3TestServer server, String key, byte[] data) {
    server.putObject(BUCKET, key, data);
  }

  /** A Parquet file of (user_id, rating) rows. */
  static byte[] parquet(int[][] rows) {
    try {
      Path dir = Files.createTempDirectory("catalog-parquet");
      Path file = dir.resolve("f.parquet");
      SimpleGroupFactory groups = new SimpleGroupFactory(INTERACTION);
      try (ParquetWriter<Group> writer =
          GroupParquetWriters.builder(new LocalOutputFile(file), INTERACTION).build()) {
        for (int[] row : rows) {
          writer.write(groups.newGroup().append("user_id", row[0]).append("rating", row[1]));
        }
      }
      byte[] data = Files.readAllBytes(file);
      Files.delete(file);
      Files.delete(dir);
      return data;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
