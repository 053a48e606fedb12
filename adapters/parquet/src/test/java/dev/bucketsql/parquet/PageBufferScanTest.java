package dev.bucketsql.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.format.predicate.Domain;
import dev.bucketsql.format.predicate.Range;
import dev.bucketsql.format.predicate.ScanPredicate;
import dev.bucketsql.parquet.LateFilterFiles.Layout;
import dev.bucketsql.storage.IoStats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The numeric page decoders decompress each column's pages into one array, page after page and row
 * group after row group ({@code PageBuffer}): every value read, in rows, in batches and through the
 * late filter, equals the value written, over many small pages of every codec, pages V1 and V2,
 * PLAIN and dictionary-encoded ones, NULLs, and STRING columns beside (whose values may slice their
 * pages, and whose pages are therefore never reused). All values are compared after the whole file
 * is read, so a value that still referred to a page overwritten later would show.
 */
class PageBufferScanTest {
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message t { required int64 id; optional int32 i32; required double price;"
              + " optional double disc; optional float f; optional binary s (STRING);"
              + " required int32 day (DATE); optional binary tag (STRING); }");
  private static final int ROWS = 9_001;

  @AfterEach
  void restoreDecoder() {
    System.clearProperty("bucketsql.parquet.pageDecoder");
  }

  static List<Arguments> variants() {
    List<Arguments> variants = new ArrayList<>();
    for (CompressionCodecName codec :
        List.of(
            CompressionCodecName.SNAPPY,
            CompressionCodecName.GZIP,
            CompressionCodecName.ZSTD,
            CompressionCodecName.UNCOMPRESSED)) {
      for (int version = 1; version <= 2; version++) {
        variants.add(Arguments.of(codec, version));
      }
    }
    return variants;
  }

  @ParameterizedTest
  @MethodSource("variants")
  void valuesReadThroughReusedPagesEqualTheValuesWritten(CompressionCodecName codec, int version)
      throws IOException {
    List<Group> groups = groups();
    ParquetDataFile file = file(groups, codec, version);
    int[] all = new int[SCHEMA.getFieldCount()];
    Arrays.setAll(all, i -> i);
    int[] decoded = new int[1];
    List<Object[]> rows = rows(file, all, decoded);
    List<Object[]> batches = LateFilterFiles.batches(file, all, ScanPredicate.all(), 1000);
    List<Object[]> small = LateFilterFiles.batches(file, all, ScanPredicate.all(), 7);
    assertThat(decoded[0]).isPositive();
    assertThat(rows).hasSize(ROWS);
    assertThat(batches).hasSize(ROWS);
    assertThat(small).hasSize(ROWS);
    for (int r = 0; r < ROWS; r++) {
      Object[] expected = expected(groups.get(r));
      assertThat(rows.get(r)).as("row %d", r).containsExactly(expected);
      assertThat(batches.get(r)).as("batch row %d", r).containsExactly(expected);
      assertThat(small.get(r)).as("small batch row %d", r).containsExactly(expected);
    }
  }

  /** The late filter selects rows page by page (dictionary ids and PLAIN values), then the rest. */
  @ParameterizedTest
  @MethodSource("variants")
  void filteredScansKeepExactlyTheMatchingRows(CompressionCodecName codec, int version)
      throws IOException {
    List<Group> groups = groups();
    ParquetDataFile file = file(groups, codec, version);
    int[] projection = {0, 2, 3, 5, 6};
    ScanPredicate predicate =
        ScanPredicate.of(
            Map.of(
                3, Domain.range(ColumnType.DOUBLE, new Range(0.02, true, 0.06, true)),
                0, Domain.range(ColumnType.BIGINT, new Range(100L, true, 8_500L, false))));
    List<Object[]> kept = LateFilterFiles.batches(file, projection, predicate, 1000);
    List<Object[]> expected = new ArrayList<>();
    for (Group g : groups) {
      Object[] row = expected(g);
      Double disc = (Double) row[3];
      long id = (Long) row[0];
      if (disc != null && disc >= 0.02 && disc <= 0.06 && id >= 100 && id < 8_500) {
        expected.add(new Object[] {row[0], row[2], row[3], row[5], row[6]});
      }
    }
    // the scan may hand on rows the filter above it drops: keep those that match
    List<Object[]> matching = new ArrayList<>();
    for (Object[] row : kept) {
      Double disc = (Double) row[2];
      long id = (Long) row[0];
      if (disc != null && disc >= 0.02 && disc <= 0.06 && id >= 100 && id < 8_500) {
        matching.add(row);
      }
    }
    assertThat(matching).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(matching.get(i)).as("kept row %d", i).containsExactly(expected.get(i));
    }
  }

  private static List<Group> groups() {
    Random random = new Random(2026);
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      // the first rows repeat a few values (dictionary pages), later ones are all distinct (PLAIN)
      boolean few = i < ROWS / 2;
      Group g =
          factory
              .newGroup()
              .append("id", (long) i)
              .append("price", few ? random.nextInt(20) * 1.5 : random.nextGaussian() * 1e6)
              .append("day", 8_000 + random.nextInt(few ? 30 : 3_000));
      if (i % 7 != 2) {
        g.append("i32", few ? random.nextInt(9) : random.nextInt());
        g.append("s", "v" + random.nextInt(few ? 6 : 1_000_000));
      }
      if (i % 11 != 5) {
        g.append("disc", random.nextInt(11) / 100.0);
        g.append("f", few ? (float) random.nextInt(3) : random.nextFloat());
      }
      if (i % 3 == 0) {
        g.append("tag", "t" + (i % 5));
      }
      groups.add(g);
    }
    return groups;
  }

  private static Object[] expected(Group g) {
    return new Object[] {
      g.getLong("id", 0),
      g.getFieldRepetitionCount("i32") == 0 ? null : g.getInteger("i32", 0),
      g.getDouble("price", 0),
      g.getFieldRepetitionCount("disc") == 0 ? null : g.getDouble("disc", 0),
      g.getFieldRepetitionCount("f") == 0 ? null : g.getFloat("f", 0),
      g.getFieldRepetitionCount("s") == 0 ? null : g.getString("s", 0),
      g.getInteger("day", 0),
      g.getFieldRepetitionCount("tag") == 0 ? null : g.getString("tag", 0)
    };
  }

  private static ParquetDataFile file(List<Group> groups, CompressionCodecName codec, int version)
      throws IOException {
    // many small pages: arrays are reused many times over within a chunk and across row groups
    Layout layout = new Layout(version, 1 << 20, true, true, 2_000, 97);
    return LateFilterFiles.file("pagebuf", LateFilterFiles.write(SCHEMA, groups, layout, codec));
  }

  private static List<Object[]> rows(ParquetDataFile file, int[] projection, int[] decoded) {
    List<Object[]> rows = new ArrayList<>();
    try (ParquetRowCursor cursor = file.scan(new ScanSpec(projection, new IoStats()))) {
      while (cursor.moveNext()) {
        rows.add(cursor.current());
      }
      decoded[0] = cursor.chunksDecodedByPage();
    }
    return rows;
  }
}
