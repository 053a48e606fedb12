package dev.bucketsql.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.bucketsql.parquet.write.GroupParquetWriters;
import dev.bucketsql.storage.s3.S3ObjectStore;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.util.OptionalDouble;
import java.util.function.IntFunction;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The distinct-value estimate the planner reads from a column's dictionary: exact for a column
 * whose values repeat, scaled to the file for one whose values barely repeat, unknown without a
 * dictionary; from a real S3 server.
 */
@ExtendWith(S3ServerExtension.class)
class ParquetDistinctValuesTest {
  private static final String BUCKET = "parquet-distinct";
  private static final int ROWS = 3_000;
  private static final int GROUP_ROWS = 1_000;
  private static final int CATEGORIES = 7;
  private static final MessageType SCHEMA =
      Types.buildMessage()
          .required(PrimitiveTypeName.BINARY)
          .as(LogicalTypeAnnotation.stringType())
          .named("category")
          .required(PrimitiveTypeName.BINARY)
          .as(LogicalTypeAnnotation.stringType())
          .named("name")
          .required(PrimitiveTypeName.DOUBLE)
          .named("price")
          .named("items");

  /** Long enough that a dictionary pays for values seen one and a half times each. */
  private static final String NAME_PREFIX = "an item whose name is long enough: number ";

  private final S3TestServer server;
  private final S3ObjectStore store;

  ParquetDistinctValuesTest(S3TestServer server) {
    this.server = server;
    server.createBucket(BUCKET);
    store = ParquetS3Stores.store(server, BUCKET);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void countsTheDictionaryOfARepeatingColumn() throws IOException {
    ParquetDataFile file = upload("dictionary.parquet", true);
    assertThat(file.estimatedDistinctValues(0)).isEqualTo(OptionalDouble.of(CATEGORIES));
    // 667 values in the first row group of 1,000 rows barely repeat: scaled to the 3,000 rows
    assertThat(file.estimatedDistinctValues(1).orElseThrow()).isCloseTo(ROWS * 2 / 3, within(5D));
    // 10 prices repeat in every row group
    assertThat(file.estimatedDistinctValues(2)).isEqualTo(OptionalDouble.of(10));
    assertThat(file.estimatedDistinctValues(3)).isEmpty();
  }

  @Test
  void isUnknownWhenTheWriterFellBackToPlainValues() throws IOException {
    // unique values: parquet-java drops the dictionary that does not pay
    ParquetDataFile file = upload("unique.parquet", true, i -> "item-" + i);
    assertThat(file.estimatedDistinctValues(1)).isEmpty();
    assertThat(file.estimatedDistinctValues(0)).isEqualTo(OptionalDouble.of(CATEGORIES));
  }

  @Test
  void isUnknownWithoutADictionary() throws IOException {
    ParquetDataFile file = upload("plain.parquet", false);
    assertThat(file.estimatedDistinctValues(0)).isEmpty();
    assertThat(file.estimatedDistinctValues(2)).isEmpty();
  }

  private ParquetDataFile upload(String key, boolean dictionary) throws IOException {
    return upload(key, dictionary, i -> NAME_PREFIX + (i * 2 / 3));
  }

  private ParquetDataFile upload(String key, boolean dictionary, IntFunction<String> name)
      throws IOException {
    ParquetFixtures.MemoryOutputFile out = new ParquetFixtures.MemoryOutputFile();
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> writer =
        GroupParquetWriters.builder(out, SCHEMA)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withRowGroupRowCountLimit(GROUP_ROWS)
            .withDictionaryEncoding(dictionary)
            .build()) {
      for (int i = 0; i < ROWS; i++) {
        writer.write(
            groups
                .newGroup()
                .append("category", "category-" + (i * 31 % CATEGORIES))
                .append("name", name.apply(i))
                .append("price", (i % 10) * 1.25));
      }
    }
    server.putObject(BUCKET, key, out.bytes.toByteArray());
    return new ParquetDataFile(store, store.head(key), new ParquetFooterCache(4));
  }
}
