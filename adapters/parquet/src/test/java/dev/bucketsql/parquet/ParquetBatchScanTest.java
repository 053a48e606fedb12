package dev.bucketsql.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link ParquetRowCursor#nextBatch} against the row-by-row path over the same object on a real S3
 * server: every type the batch reads unboxed (INT32, INT64, DATE, DOUBLE, FLOAT) and one it
 * converts (strings, unsigned), NULLs, several row groups and batches that straddle them, and a
 * projection that names one column twice.
 */
@ExtendWith(S3ServerExtension.class)
class ParquetBatchScanTest {
  private static final String BUCKET = "parquet-batches";
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message t { required int32 id; optional int64 big; optional int32 day (DATE);"
              + " optional double score; optional float ratio; optional binary name (STRING);"
              + " optional int32 small (INTEGER(8,false)); }");

  private final S3TestServer server;

  ParquetBatchScanTest(S3TestServer server) {
    this.server = server;
    server.createBucket(BUCKET);
  }

  @Test
  void batchesHoldTheSameValuesAsRows() {
    int rows = 10_000;
    Random random = new Random(7);
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      Group g = factory.newGroup().append("id", i);
      if (i % 7 != 0) {
        g.append("big", random.nextLong())
            .append("day", random.nextInt(20_000))
            .append("score", random.nextGaussian())
            .append("ratio", random.nextFloat())
            .append("name", "n" + random.nextInt(100))
            .append("small", random.nextInt(256));
      }
      groups.add(g);
    }
    server.putObject(
        BUCKET,
        "t.parquet",
        ParquetFixtures.write(SCHEMA, CompressionCodecName.SNAPPY, 3000, groups));
    int[] projection = {1, 0, 2, 3, 4, 5, 6, 0};
    try (S3ObjectStore store = ParquetS3Stores.store(server, BUCKET)) {
      ObjectInfo info = store.head("t.parquet");
      ParquetDataFile file = new ParquetDataFile(store, info, new ParquetFooterCache(4));
      List<Object[]> expected = new ArrayList<>();
      try (ParquetRowCursor cursor = file.scan(new ScanSpec(projection, new IoStats()))) {
        while (cursor.moveNext()) {
          expected.add(cursor.current());
        }
      }
      ColumnType[] types = new ColumnType[projection.length];
      for (int i = 0; i < projection.length; i++) {
        types[i] = file.schema().column(projection[i]).type();
      }
      List<Object[]> read = new ArrayList<>();
      int batches = 0;
      try (ParquetRowCursor cursor = file.scan(new ScanSpec(projection, new IoStats()))) {
        ColumnBatch batch = new ColumnBatch(types, 4096);
        int n;
        while ((n = cursor.nextBatch(batch)) > 0) {
          batches++;
          for (int r = 0; r < n; r++) {
            read.add(row(batch, r));
          }
        }
        assertThat(cursor.nextBatch(batch)).isZero();
        assertThat(cursor.rowGroupsRead()).isEqualTo(4);
      }
      assertThat(batches).isEqualTo(3);
      assertThat(read).hasSize(rows);
      for (int i = 0; i < rows; i++) {
        assertThat(read.get(i)).as("row %d", i).containsExactly(normalized(expected.get(i), types));
      }
    }
  }

  /** Row r of the batch, numbers as long or double. */
  private static Object[] row(ColumnBatch batch, int r) {
    Object[] row = new Object[batch.columnCount()];
    for (int c = 0; c < row.length; c++) {
      if (batch.nulls(c)[r]) {
        continue;
      }
      row[c] =
          switch (batch.kind(c)) {
            case LONG -> batch.longs(c)[r];
            case DOUBLE -> batch.doubles(c)[r];
            default -> batch.objects(c)[r];
          };
    }
    return row;
  }

  private static Object[] normalized(Object[] row, ColumnType[] types) {
    Object[] out = new Object[row.length];
    for (int c = 0; c < row.length; c++) {
      Object v = row[c];
      out[c] =
          v == null
              ? null
              : switch (ColumnBatch.Kind.of(types[c])) {
                case LONG -> ((Number) v).longValue();
                case DOUBLE -> ((Number) v).doubleValue();
                default -> v;
              };
    }
    return out;
  }
}
