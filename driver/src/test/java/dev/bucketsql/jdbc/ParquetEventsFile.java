package dev.bucketsql.jdbc;

import dev.bucketsql.parquet.write.GroupParquetWriters;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * A Parquet object written at test time for pushdown tests, in bucket {@value #BUCKET}: {@value
 * #ROWS} rows in {@value #GROUPS} row groups, sorted by {@code id}, with statistics, dictionaries
 * (except on {@code tag}), a bloom filter on {@code tag}, column indexes and NULLs and NaNs.
 *
 * <ul>
 *   <li>{@code id} 0..7999; {@code event_day} DATE 17000 + id / 10; {@code ts} TIMESTAMP(MICROS)
 *       1.5e12 ms + id seconds
 *   <li>{@code name} 'name-NNNN' with NNNN = id / 100, NULL when id % 7 = 0
 *   <li>{@code score} id / 2.0, NaN when id % 50 = 3 in the first row group, NULL when id % 11 = 0
 *   <li>{@code flag} id % 3 = 0
 *   <li>{@code cat} 'a' or 'z', and 'm' only in odd row groups: statistics cannot rule out 'm',
 *       dictionaries can
 *   <li>{@code tag} 't' + hash of id, not dictionary-encoded: only the bloom filter rules out a
 *       missing tag
 * </ul>
 */
final class ParquetEventsFile {
  static final String BUCKET = "pushdown";
  static final String KEY = "events.parquet";
  static final int ROWS = 8000;
  static final int GROUPS = 8;
  static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message events {\n"
              + "  required int32 id;\n"
              + "  required int32 event_day (DATE);\n"
              + "  required int64 ts (TIMESTAMP(MICROS,true));\n"
              + "  optional binary name (STRING);\n"
              + "  optional double score;\n"
              + "  optional boolean flag;\n"
              + "  required binary cat (STRING);\n"
              + "  required binary tag (STRING);\n"
              + "}");

  private static ParquetMetadata footer;
  private static long size;

  private ParquetEventsFile() {}

  static String tag(int id) {
    return "t" + Integer.toHexString((id * 0x9E3779B1) >>> 4);
  }

  static synchronized ParquetMetadata ensure(S3TestServer server) {
    if (footer != null) {
      return footer;
    }
    try {
      Path file = Files.createTempFile("events", ".parquet");
      Files.delete(file);
      SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
      ParquetWriter<Group> writer =
          GroupParquetWriters.builder(new LocalOutputFile(file), SCHEMA)
              .withCompressionCodec(CompressionCodecName.ZSTD)
              .withRowGroupRowCountLimit(ROWS / GROUPS)
              .withPageRowCountLimit(250)
              .withDictionaryEncoding("tag", false)
              .withBloomFilterEnabled("tag", true)
              .build();
      try (writer) {
        for (int id = 0; id < ROWS; id++) {
          Group g =
              groups
                  .newGroup()
                  .append("id", id)
                  .append("event_day", 17000 + id / 10)
                  .append("ts", (1_500_000_000_000L + id * 1000L) * 1000L);
          if (id % 7 != 0) {
            g.append("name", String.format("name-%04d", id / 100));
          }
          if (id % 11 != 0) {
            g.append("score", id < 1000 && id % 50 == 3 ? Double.NaN : id / 2.0);
          }
          g.append("flag", id % 3 == 0);
          int group = id / (ROWS / GROUPS);
          g.append("cat", group % 2 == 1 && id % 10 == 5 ? "m" : id % 2 == 0 ? "a" : "z");
          g.append("tag", tag(id));
          writer.write(g);
        }
      }
      footer = writer.getFooter();
      size = Files.size(file);
      server.createBucket(BUCKET);
      server.putObject(BUCKET, KEY, file);
      Files.delete(file);
      return footer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long size() {
    return size;
  }

  /**
   * Bytes of the chunks of {@code columns} in row group {@code group}: what an ideal scan reads.
   */
  static long chunkBytes(int group, String... columns) {
    BlockMetaData block = footer.getBlocks().get(group);
    long bytes = 0;
    for (ColumnChunkMetaData chunk : block.getColumns()) {
      for (String c : columns) {
        if (chunk.getPath().toDotString().equals(c)) {
          bytes += chunk.getTotalSize();
        }
      }
    }
    return bytes;
  }

  static Connection connect(S3TestServer server) throws SQLException {
    ensure(server);
    return DriverManager.getConnection(server.jdbcUrl(BUCKET), S3TestServer.jdbcKeys());
  }
}
