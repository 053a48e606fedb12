package dev.bucketsql.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.s3.S3ObjectStore;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Files written with each codec, uploaded to a real S3 server and scanned through the SDK, read
 * back every row, over several row groups.
 */
@ExtendWith(S3ServerExtension.class)
class ParquetS3CodecScanTest {
  private static final String BUCKET = "parquet-codecs";
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message review { required int64 user_id; optional int32 rating (INTEGER(8,true));"
              + " optional binary review (STRING); optional double score; }");

  private final S3TestServer server;

  ParquetS3CodecScanTest(S3TestServer server) {
    this.server = server;
    server.createBucket(BUCKET);
  }

  @ParameterizedTest
  @EnumSource(
      value = CompressionCodecName.class,
      names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
  void scansEveryRowOfEveryRowGroup(CompressionCodecName codec) {
    int rows = 2500;
    Random random = new Random(codec.ordinal());
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    List<Group> groups = new ArrayList<>();
    List<Object[]> expected = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      long user = random.nextLong();
      Group g = factory.newGroup().append("user_id", user);
      Byte rating = null;
      String review = null;
      Double score = null;
      if (i % 11 != 0) {
        rating = (byte) random.nextInt(6);
        review = "review " + random.nextInt(1000) + " of recipe " + i;
        score = random.nextGaussian();
        g.append("rating", rating.intValue()).append("review", review).append("score", score);
      }
      groups.add(g);
      expected.add(new Object[] {user, rating, review, score});
    }
    String key = "reviews/" + codec.name().toLowerCase() + ".parquet";
    server.putObject(BUCKET, key, ParquetFixtures.write(SCHEMA, codec, 600, groups));

    try (S3ObjectStore store = ParquetS3Stores.store(server, BUCKET)) {
      ObjectInfo info = store.head(key);
      ParquetDataFile file = new ParquetDataFile(store, info, new ParquetFooterCache(4));
      List<Object[]> read = new ArrayList<>();
      try (ParquetRowCursor cursor = file.scan(ScanSpec.allColumns(file.schema(), new IoStats()))) {
        while (cursor.moveNext()) {
          read.add(cursor.current());
        }
        assertThat(cursor.rowGroupsTotal()).isEqualTo(5);
        assertThat(cursor.rowGroupsRead()).isEqualTo(5);
      }
      assertThat(read).hasSize(rows);
      for (int i = 0; i < rows; i++) {
        assertThat(read.get(i)).as("row %d", i).containsExactly(expected.get(i));
      }
    }
  }
}
