package dev.bucketsql.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.format.Column;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.format.TableSchema;
import dev.bucketsql.format.predicate.Domain;
import dev.bucketsql.format.predicate.ScanPredicate;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.s3.S3ObjectStore;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lists, maps and structs in every form writers produce read as ARRAY, MAP and ROW columns with
 * nulls at every level, from a real S3 server; projecting a nested column fetches only its leaves'
 * chunks.
 */
@ExtendWith(S3ServerExtension.class)
class ParquetNestedTypesTest {
  private static final String BUCKET = "parquet-nested";
  private static final String KEY = "nested/all-shapes.parquet";
  private static final int ROWS = 40;
  private static final int GROUPS = 4;

  private final S3ObjectStore store;
  private final ObjectInfo info;

  ParquetNestedTypesTest(S3TestServer server) {
    server.createBucket(BUCKET);
    SimpleGroupFactory factory = new SimpleGroupFactory(ParquetNestedFiles.SCHEMA);
    List<Group> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      rows.add(ParquetNestedFiles.row(factory, i));
    }
    server.putObject(
        BUCKET,
        KEY,
        ParquetFixtures.write(
            ParquetNestedFiles.SCHEMA, CompressionCodecName.ZSTD, ROWS / GROUPS, rows));
    store = ParquetNestedFiles.store(server, BUCKET);
    info = store.head(KEY);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private ParquetDataFile file(ParquetFooterCache cache, ParquetReaderConfig config) {
    return new ParquetDataFile(store, info, cache, config);
  }

  @Test
  void mapsEachNestedShapeToArrayMapOrRow() {
    TableSchema schema = file(new ParquetFooterCache(4), ParquetReaderConfig.DEFAULTS).schema();
    assertThat(schema.columns())
        .extracting(Column::typeName)
        .containsExactly(
            "BIGINT",
            "ARRAY<VARCHAR>",
            "ARRAY<INTEGER>",
            "ARRAY<ROW<x INTEGER, y INTEGER>>",
            "ARRAY<ROW<k VARCHAR>>",
            "ARRAY<INTEGER>",
            "MAP<VARCHAR, INTEGER>",
            "MAP<INTEGER, VARCHAR>",
            "ROW<name VARCHAR, age INTEGER, address ROW<city VARCHAR>, aliases ARRAY<VARCHAR>>",
            "ARRAY<ARRAY<DOUBLE>>",
            "ARRAY<ROW<at TIMESTAMP, day DATE>>",
            "VARCHAR");
    Column tags = schema.column(1);
    assertThat(tags.nullable()).isTrue();
    assertThat(tags.element().nullable()).isTrue();
    // Legacy two-level lists cannot hold a null element.
    assertThat(schema.column(2).element().nullable()).isFalse();
    assertThat(schema.column(3).element().fields()).allMatch(f -> !f.nullable());
    // A required LIST is never null; a bare repeated field neither (no occurrence: empty).
    assertThat(schema.column(4).nullable()).isFalse();
    assertThat(schema.column(5).nullable()).isFalse();
    assertThat(schema.column(5).element().nullable()).isFalse();
    Column attrs = schema.column(6);
    assertThat(attrs.key().nullable()).isFalse();
    assertThat(attrs.value().nullable()).isTrue();
    assertThat(schema.column(7).value().nullable()).isFalse();
    Column author = schema.column(8);
    assertThat(author.type()).isEqualTo(ColumnType.ROW);
    assertThat(author.fields())
        .extracting(Column::name)
        .containsExactly("name", "age", "address", "aliases");
    assertThat(author.fields().get(3).nullable()).isFalse();
  }

  @Test
  void readsNullsAtEveryLevel() {
    ParquetDataFile file = file(new ParquetFooterCache(4), ParquetReaderConfig.DEFAULTS);
    List<Object[]> rows = new ArrayList<>();
    try (ParquetRowCursor cursor = file.scan(ScanSpec.allColumns(file.schema(), new IoStats()))) {
      while (cursor.moveNext()) {
        rows.add(cursor.current());
      }
      assertThat(cursor.rowGroupsRead()).isEqualTo(GROUPS);
    }
    assertThat(rows).hasSize(ROWS);
    for (int i = 0; i < ROWS; i++) {
      assertThat(ParquetNestedFiles.deep(rows.get(i)))
          .as("row %d", i)
          .isEqualTo(ParquetNestedFiles.deep(ParquetNestedFiles.expected(i)));
    }
    // The representations Calcite's enumerable engine works with.
    Object[] row2 = rows.get(2);
    assertThat(row2[1]).isInstanceOf(List.class);
    assertThat(row2[6]).isInstanceOf(java.util.Map.class);
    assertThat(row2[8]).isInstanceOf(Object[].class);
  }

  @Test
  void nestedAndFlatColumnsMixInAnyOrder() {
    ParquetDataFile file = file(new ParquetFooterCache(4), ParquetReaderConfig.DEFAULTS);
    TableSchema schema = file.schema();
    int[] projection = {
      schema.indexOf("author"),
      schema.indexOf("name"),
      schema.indexOf("tags"),
      schema.indexOf("author"),
      schema.indexOf("legacy_steps")
    };
    int i = 0;
    try (ParquetRowCursor cursor = file.scan(new ScanSpec(projection, new IoStats()))) {
      while (cursor.moveNext()) {
        Object[] expected = ParquetNestedFiles.expected(i);
        assertThat(ParquetNestedFiles.deep(cursor.current()))
            .as("row %d", i)
            .isEqualTo(
                ParquetNestedFiles.deep(
                    new Object[] {
                      expected[8], expected[11], expected[1], expected[8], expected[5]
                    }));
        i++;
      }
    }
    assertThat(i).isEqualTo(ROWS);
  }

  @Test
  void projectingANestedColumnFetchesOnlyItsLeafChunks() {
    ParquetFooterCache cache = new ParquetFooterCache(4);
    // No merging across gaps: every byte fetched belongs to a requested chunk.
    ParquetDataFile file = file(cache, new ParquetReaderConfig(64 << 10, 64 << 10, 0));
    TableSchema schema = file.schema();
    ParquetFooter footer =
        cache.get(
            store.location(),
            info,
            () -> {
              throw new AssertionError("footer should be cached");
            });
    long authorChunks = 0;
    long allChunks = 0;
    for (BlockMetaData block : footer.metadata().getBlocks()) {
      for (ColumnChunkMetaData chunk : block.getColumns()) {
        allChunks += chunk.getTotalSize();
        if (chunk.getPath().toDotString().startsWith("author.")) {
          authorChunks += chunk.getTotalSize();
        }
      }
    }
    IoStats stats = new IoStats();
    int rows = 0;
    try (ParquetRowCursor cursor =
        file.scan(new ScanSpec(new int[] {schema.indexOf("author")}, stats))) {
      while (cursor.moveNext()) {
        assertThat(ParquetNestedFiles.deep(cursor.current()[0]))
            .isEqualTo(ParquetNestedFiles.deep(ParquetNestedFiles.expected(rows)[8]));
        rows++;
      }
    }
    assertThat(rows).isEqualTo(ROWS);
    assertThat(authorChunks).isPositive().isLessThan(allChunks / 3);
    assertThat(stats.bytesFetched()).isEqualTo(authorChunks);
  }

  @Test
  void predicatesOnNestedColumnsAreNotPushedAndKeepEveryRowGroup() {
    ParquetDataFile file = file(new ParquetFooterCache(4), ParquetReaderConfig.DEFAULTS);
    int author = file.schema().indexOf("author");
    int steps = file.schema().indexOf("legacy_steps");
    ScanPredicate predicate =
        ScanPredicate.of(
            java.util.Map.of(
                author, Domain.onlyNull(ColumnType.ROW), steps, Domain.notNull(ColumnType.ARRAY)));
    int rows = 0;
    try (ParquetRowCursor cursor =
        file.scan(new ScanSpec(new int[] {0, author}, new IoStats(), predicate))) {
      while (cursor.moveNext()) {
        rows++;
      }
      assertThat(cursor.pushedFilter()).isEmpty();
      assertThat(cursor.pruningStats().skipped()).isZero();
      assertThat(cursor.rowGroupsRead()).isEqualTo(GROUPS);
    }
    assertThat(rows).isEqualTo(ROWS);
  }

  @Test
  void footerAggregatesIgnoreNestedColumns() {
    ParquetDataFile file = file(new ParquetFooterCache(4), ParquetReaderConfig.DEFAULTS);
    assertThat(file.exactMinMax(file.schema().indexOf("legacy_steps"))).isEmpty();
    assertThat(file.exactMinMax(file.schema().indexOf("scores"))).isEmpty();
    assertThat(file.exactMinMax(0)).isPresent();
  }
}
