package dev.bucketsql.jdbc;

import dev.bucketsql.parquet.write.GroupParquetWriters;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Bucket {@value #BUCKET} of the shared test server, laid out as our users' buckets are: root
 * files, part files, a Hive-partitioned Parquet table, folder schemas, a collision and a type
 * conflict. Made once per test run.
 */
final class CatalogBucket {
  static final String BUCKET = "catalog";
  private static final MessageType INTERACTION =
      MessageTypeParser.parseMessageType(
          "message interaction { required int32 user_id; required int32 rating; optional binary review (STRING); }");
  private static boolean uploaded;

  private CatalogBucket() {}

  static synchronized void ensure(S3TestServer server) {
    if (uploaded) {
      return;
    }
    server.createBucket(BUCKET);
    put(server, "PP_recipes.csv", "id,name,calories\n1,soup,120.5\n2,cake,450.25\n3,tea,1.0\n");
    put(server, "ratings/part-0000.csv", "user,rating\n1,5\n2,4\n");
    put(server, "ratings/part-0001.csv", "user,rating,comment\n3,3,ok\n");
    put(server, "ratings/_SUCCESS", "");
    put(server, "results/analysis.csv", "metric,value\nusers,3\n");
    put(server, "results/notes.txt", "not a table");
    put(server, "archive/readme.md", "# archive");
    put(server, "archive/old/x.csv", "k\n3\n");
    put(server, "archive/old/y.csv", "k,l\n4,5\n");
    put(server, "archive/old/z.parquet", parquet(new Object[][] {{1, 1, "z"}}));
    put(server, "a.csv", "v\ncsv\n");
    put(server, "a.parquet", parquet(new Object[][] {{7, 1, "parquet"}}));
    put(server, "bad/p0.csv", "id\n1\n");
    put(server, "bad/p1.csv", "id\nx\n");
    put(server, "logs/2025-01.csv", "t\n1\n");
    put(server, "logs/2025-02.csv", "t\n2\n");
    put(server, "logs/2024-12.csv", "t\n0\n");
    put(server, "logs/index.html", "<html/>");
    put(
        server,
        "interactions/year=2018/month=01/part-0.parquet",
        parquet(new Object[][] {{1, 5, "great"}, {2, 4, null}}));
    put(
        server,
        "interactions/year=2018/month=02/part-0.parquet",
        parquet(new Object[][] {{3, 3, "ok"}}));
    put(
        server,
        "interactions/year=2019/month=01/part-0.parquet",
        parquet(new Object[][] {{4, 2, "meh"}, {5, 1, "bad"}, {6, 5, "yum"}}));
    uploaded = true;
  }

  static String url(S3TestServer server) {
    return server.jdbcUrl(BUCKET);
  }

  static Properties credentials() {
    return S3TestServer.jdbcKeys();
  }

  static Connection connect(S3TestServer server) throws SQLException {
    ensure(server);
    return DriverManager.getConnection(url(server), credentials());
  }

  static void put(S3TestServer server, String key, String text) {
    server.putObject(BUCKET, key, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void put(S3TestServer server, String key, byte[] data) {
    server.putObject(BUCKET, key, data);
  }

  static byte[] parquet(Object[][] rows) {
    try {
      Path dir = Files.createTempDirectory("catalog-parquet");
      Path file = dir.resolve("f.parquet");
      SimpleGroupFactory groups = new SimpleGroupFactory(INTERACTION);
      try (ParquetWriter<Group> writer =
          GroupParquetWriters.builder(new LocalOutputFile(file), INTERACTION).build()) {
        for (Object[] row : rows) {
          Group g =
              groups.newGroup().append("user_id", (int) row[0]).append("rating", (int) row[1]);
          if (row[2] != null) {
            g.append("review", (String) row[2]);
          }
          writer.write(g);
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
