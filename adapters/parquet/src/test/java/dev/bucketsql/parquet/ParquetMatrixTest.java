package dev.bucketsql.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.PruningStats;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.format.TableSchema;
import dev.bucketsql.format.predicate.Domain;
import dev.bucketsql.format.predicate.Range;
import dev.bucketsql.format.predicate.ScanPredicate;
import dev.bucketsql.parquet.write.GroupParquetWriters;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.s3.S3ObjectStore;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The format-level test matrix: files written at test time with parquet-java into the real S3
 * server with each codec, with statistics on and off, dictionaries on and off and a bloom filter on
 * and off, several row groups; for each predicate shape the rows (pushdown on and off give the same
 * matching rows), the row groups skipped by statistics, dictionary and bloom filter, and the bytes
 * fetched.
 */
@ExtendWith(S3ServerExtension.class)
class ParquetMatrixTest {
  private static final String BUCKET = "parquet-matrix";
  private static final int ROWS = 4000;
  private static final int GROUPS = 8;
  private static final int PER_GROUP = ROWS / GROUPS;

  /** Small read-ahead and no merging: bytes fetched are the chunks plus bounded small reads. */
  private static final int READ_AHEAD = 2048;

  private static final ParquetReaderConfig CONFIG =
      new ParquetReaderConfig(64 << 10, READ_AHEAD, 0);
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message matrix {\n"
              + "  required int32 id;\n"
              + "  optional int64 big;\n"
              + "  optional double score;\n"
              + "  optional float ratio;\n"
              + "  optional binary name (STRING);\n"
              + "  optional int32 day (DATE);\n"
              + "  optional int64 ts (TIMESTAMP(MICROS,true));\n"
              + "  optional boolean flag;\n"
              + "  required binary cat (STRING);\n"
              + "  required binary tag (STRING);\n"
              + "  optional int32 small (INTEGER(16,true));\n"
              + "}");
  private static final List<Object[]> DATA = data();

  private static S3ObjectStore store;

  /** One way of writing the file. */
  record Variant(
      String name,
      CompressionCodecName codec,
      boolean statistics,
      boolean dictionary,
      boolean bloom) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** One predicate shape, with what min/max can rule out. */
  record Shape(String name, int column, Domain domain, boolean equalityOnly) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Variant> variants() {
    List<Variant> variants = new ArrayList<>();
    for (CompressionCodecName codec :
        List.of(
            CompressionCodecName.UNCOMPRESSED,
            CompressionCodecName.SNAPPY,
            CompressionCodecName.GZIP,
            CompressionCodecName.ZSTD,
            CompressionCodecName.LZ4_RAW)) {
      variants.add(new Variant(codec.name(), codec, true, true, false));
    }
    variants.add(new Variant("no-statistics", CompressionCodecName.SNAPPY, false, true, false));
    variants.add(new Variant("no-dictionary", CompressionCodecName.SNAPPY, true, false, false));
    variants.add(new Variant("bloom-on-tag", CompressionCodecName.ZSTD, true, false, true));
    variants.add(new Variant("nothing", CompressionCodecName.ZSTD, false, false, false));
    return variants;
  }

  static String tag(int id) {
    return "t" + Integer.toHexString((id * 0x9E3779B1) >>> 4);
  }

  private static List<Object[]> data() {
    List<Object[]> rows = new ArrayList<>();
    for (int id = 0; id < ROWS; id++) {
      int group = id / PER_GROUP;
      rows.add(
          new Object[] {
            id,
            id % 9 == 0 ? null : 1_000_000_000_000L + id,
            id % 11 == 0 ? null : id / 2.0,
            id % 13 == 0 ? null : (float) (id / 4.0),
            id % 7 == 0 ? null : String.format("name-%04d", id / 100),
            id % 17 == 0 ? null : 17000 + id / 10,
            id % 19 == 0 ? null : 1_500_000_000_000L + id * 1000L,
            id % 23 == 0 ? null : id % 3 == 0,
            group % 2 == 1 && id % 10 == 5 ? "m" : id % 2 == 0 ? "a" : "z",
            tag(id),
            id % 29 == 0 ? null : (short) (id % 1000 - 500)
          });
    }
    return rows;
  }

  static List<Shape> shapes() {
    return List.of(
        new Shape("id = 1234", 0, Domain.singleValue(ColumnType.INTEGER, 1234), false),
        new Shape(
            "id BETWEEN 1000 AND 1499",
            0,
            Domain.range(ColumnType.INTEGER, new Range(1000, true, 1499, true)),
            false),
        new Shape("id IN (5, 2600)", 0, Domain.values(ColumnType.INTEGER, List.of(5, 2600)), false),
        new Shape(
            "id < 0", 0, Domain.range(ColumnType.INTEGER, new Range(null, false, 0, false)), false),
        new Shape(
            "big >= 1e12 + 3900",
            1,
            Domain.range(ColumnType.BIGINT, new Range(1_000_000_003_900L, true, null, false)),
            false),
        new Shape(
            "score > 100 AND score < 200",
            2,
            Domain.range(ColumnType.DOUBLE, new Range(100.0, false, 200.0, false)),
            false),
        new Shape(
            "ratio <= 10",
            3,
            Domain.range(ColumnType.REAL, new Range(null, false, 10.0f, true)),
            false),
        new Shape(
            "name = 'name-0012'", 4, Domain.singleValue(ColumnType.VARCHAR, "name-0012"), false),
        new Shape("name IS NULL", 4, Domain.onlyNull(ColumnType.VARCHAR), false),
        new Shape(
            "day >= 17390",
            5,
            Domain.range(ColumnType.DATE, new Range(17390, true, null, false)),
            false),
        new Shape(
            "ts < 1.5e12 + 400 s",
            6,
            Domain.range(ColumnType.TIMESTAMP, new Range(null, false, 1_500_000_400_000L, false)),
            false),
        new Shape("flag = true", 7, Domain.singleValue(ColumnType.BOOLEAN, true), false),
        new Shape("cat = 'm'", 8, Domain.singleValue(ColumnType.VARCHAR, "m"), true),
        new Shape("tag = tag(1234)", 9, Domain.singleValue(ColumnType.VARCHAR, tag(1234)), true),
        new Shape(
            "tag IN (tag(10), tag(3999))",
            9,
            Domain.values(ColumnType.VARCHAR, List.of(tag(10), tag(3999))),
            true),
        new Shape(
            "small BETWEEN -500 AND -490",
            10,
            Domain.range(ColumnType.SMALLINT, new Range((short) -500, true, (short) -490, true)),
            false));
  }

  private record Written(ObjectInfo info, ParquetMetadata footer) {}

  private static final Map<String, Written> FILES = new java.util.concurrent.ConcurrentHashMap<>();

  @BeforeAll
  static void upload(S3TestServer server) throws IOException {
    server.createBucket(BUCKET);
    store = ParquetNestedFiles.store(server, BUCKET);
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    for (Variant v : variants()) {
      ParquetFixtures.MemoryOutputFile out = new ParquetFixtures.MemoryOutputFile();
      var builder = GroupParquetWriters.builder(out, SCHEMA);
      if (v.bloom()) {
        // Without an NDV parquet-java writes 1 MiB filters, each read whole to prune. (Setting
        // one also turns the filter on, so only here.)
        builder = builder.withBloomFilterNDV("tag", PER_GROUP);
      }
      ParquetWriter<Group> writer =
          builder
              .withCompressionCodec(v.codec())
              .withRowGroupRowCountLimit(PER_GROUP)
              .withPageRowCountLimit(100)
              .withStatisticsEnabled(v.statistics())
              .withDictionaryEncoding(v.dictionary())
              .withBloomFilterEnabled("tag", v.bloom())
              .build();
      try (writer) {
        for (Object[] row : DATA) {
          Group g = factory.newGroup();
          for (int c = 0; c < row.length; c++) {
            append(g, SCHEMA.getFieldName(c), row[c]);
          }
          writer.write(g);
        }
      }
      String key = "matrix/" + v.name() + ".parquet";
      server.putObject(BUCKET, key, out.bytes.toByteArray());
      FILES.put(v.name(), new Written(store.head(key), writer.getFooter()));
    }
  }

  private static void append(Group g, String field, Object value) {
    if (value == null) {
      return;
    }
    if (value instanceof Integer i) {
      g.append(field, i);
    } else if (value instanceof Long l) {
      g.append(field, field.equals("ts") ? l * 1000 : l);
    } else if (value instanceof Double d) {
      g.append(field, d);
    } else if (value instanceof Float f) {
      g.append(field, f);
    } else if (value instanceof Boolean b) {
      g.append(field, b);
    } else if (value instanceof Short s) {
      g.append(field, (int) s);
    } else {
      g.append(field, (String) value);
    }
  }

  @AfterAll
  static void closeStore() {
    store.close();
  }

  static List<Object[]> cases() {
    List<Object[]> cases = new ArrayList<>();
    for (Variant v : variants()) {
      for (Shape s : shapes()) {
        cases.add(new Object[] {v, s});
      }
    }
    return cases;
  }

  private record Scan(List<Object[]> matching, PruningStats pruning, long bytes, int read) {}

  private static Scan scan(ParquetDataFile file, ScanPredicate predicate, Shape shape) {
    TableSchema schema = file.schema();
    IoStats stats = new IoStats();
    List<Object[]> matching = new ArrayList<>();
    try (ParquetRowCursor cursor =
        file.scan(ScanSpec.allColumns(schema, stats).withPredicate(predicate))) {
      while (cursor.moveNext()) {
        Object[] row = cursor.current();
        if (matches(shape, row[shape.column()])) {
          matching.add(row);
        }
      }
      return new Scan(
          matching, cursor.pruningStats(), stats.bytesFetched(), cursor.rowGroupsRead());
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean matches(Shape shape, Object value) {
    return value == null
        ? shape.domain().nullAllowed()
        : shape.domain().contains((Comparable) value);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void rowsRowGroupsAndBytesForEachShape(Variant variant, Shape shape) {
    Written written = FILES.get(variant.name());
    ParquetFooterCache cache = new ParquetFooterCache(4);
    ParquetDataFile file = new ParquetDataFile(store, written.info(), cache, CONFIG);
    file.schema(); // footer cached: scans count data only

    List<Object[]> expected = new ArrayList<>();
    boolean[] groupHasMatch = new boolean[GROUPS];
    for (Object[] row : DATA) {
      if (matches(shape, row[shape.column()])) {
        expected.add(row);
        groupHasMatch[(Integer) row[0] / PER_GROUP] = true;
      }
    }
    Scan off = scan(file, ScanPredicate.all(), shape);
    Scan on = scan(file, ScanPredicate.of(shape.column(), shape.domain()), shape);

    // Rows: the same matching rows with pushdown on and off, and the ones the data holds.
    assertThat(on.matching()).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(on.matching().get(i)).as("%s row %d", shape, i).containsExactly(expected.get(i));
      assertThat(off.matching().get(i)).containsExactly(expected.get(i));
    }
    assertThat(off.pruning().skipped()).isZero();
    assertThat(off.read()).isEqualTo(GROUPS);

    // Row groups: never one holding a match; by statistics exactly those min/max rule out.
    PruningStats p = on.pruning();
    assertThat(p.total()).isEqualTo(GROUPS);
    int withoutMatch = 0;
    for (boolean b : groupHasMatch) {
      withoutMatch += b ? 0 : 1;
    }
    assertThat(p.skipped()).isLessThanOrEqualTo(withoutMatch);
    assertThat(on.read()).isEqualTo(GROUPS - p.skipped());
    int byStats = variant.statistics() ? statsRuleOut(written.footer(), shape) : 0;
    assertThat(p.skippedByStatistics()).as("skipped by statistics").isEqualTo(byStats);
    int left = withoutMatch - byStats;
    boolean dictionaryUsable =
        variant.dictionary() && fullyDictionaryEncoded(written.footer(), shape);
    // Without statistics only dictionaries (where every page uses one) can prune.
    assertThat(p.skippedByDictionary())
        .as("skipped by dictionary")
        .isEqualTo(dictionaryUsable ? left : 0);
    boolean bloomUsable = variant.bloom() && shape.column() == 9 && !dictionaryUsable;
    if (bloomUsable) {
      // A bloom filter may (rarely) say "maybe"; with these values it rules out every group.
      assertThat(p.skippedByBloomFilter()).as("skipped by bloom filter").isEqualTo(left);
    } else {
      assertThat(p.skippedByBloomFilter()).isZero();
    }

    // Bytes: the kept groups' chunks, plus at most one small read per group checked by
    // dictionary or bloom filter; never more than without pushdown when something was skipped.
    long keptChunks = 0;
    long allChunks = 0;
    List<BlockMetaData> blocks = written.footer().getBlocks();
    for (int g = 0; g < GROUPS; g++) {
      long bytes =
          blocks.get(g).getColumns().stream().mapToLong(ColumnChunkMetaData::getTotalSize).sum();
      allChunks += bytes;
    }
    assertThat(off.bytes()).isEqualTo(allChunks);
    keptChunks = allChunks;
    // Which groups were skipped is not reported one by one; bound by the largest ones.
    long[] sizes =
        blocks.stream()
            .mapToLong(
                b -> b.getColumns().stream().mapToLong(ColumnChunkMetaData::getTotalSize).sum())
            .sorted()
            .toArray();
    long minKept = 0;
    for (int g = 0; g < GROUPS - p.skipped(); g++) {
      minKept += sizes[g];
    }
    long maxKept = 0;
    for (int g = p.skipped(); g < GROUPS; g++) {
      maxKept += sizes[g];
    }
    int checked = GROUPS - p.skippedByStatistics();
    boolean smallReads = dictionaryUsable || variant.bloom() || !variant.statistics();
    assertThat(on.bytes()).isGreaterThanOrEqualTo(minKept);
    assertThat(on.bytes())
        .isLessThanOrEqualTo(maxKept + (smallReads ? (long) checked * 2 * READ_AHEAD : 0));
    if (p.skipped() > 0) {
      assertThat(on.bytes()).isLessThan(keptChunks);
    }
  }

  /** Whether every chunk of the shape's column holds only dictionary-encoded data pages. */
  private static boolean fullyDictionaryEncoded(ParquetMetadata footer, Shape shape) {
    for (BlockMetaData block : footer.getBlocks()) {
      var stats = block.getColumns().get(shape.column()).getEncodingStats();
      if (stats == null || !stats.hasDictionaryPages() || stats.hasNonDictionaryEncodedPages()) {
        return false;
      }
    }
    return true;
  }

  /** How many row groups the footer's min/max and null counts rule out for {@code shape}. */
  private static int statsRuleOut(ParquetMetadata footer, Shape shape) {
    int out = 0;
    int first = 0;
    for (BlockMetaData block : footer.getBlocks()) {
      boolean any = false;
      Comparable<Object> min = null;
      Comparable<Object> max = null;
      boolean nulls = false;
      for (int id = first; id < first + block.getRowCount(); id++) {
        @SuppressWarnings("unchecked")
        Comparable<Object> v = (Comparable<Object>) DATA.get(id)[shape.column()];
        if (v == null) {
          nulls = true;
          continue;
        }
        any = true;
        min = min == null || v.compareTo(min) < 0 ? v : min;
        max = max == null || v.compareTo(max) > 0 ? v : max;
      }
      boolean possible = nulls && shape.domain().nullAllowed();
      if (any && !shape.equalityOnly()) {
        possible |= overlaps(shape.domain(), min, max);
      } else if (any) {
        possible |= overlaps(shape.domain(), min, max);
      }
      if (!possible) {
        out++;
      }
      first += (int) block.getRowCount();
    }
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean overlaps(Domain domain, Comparable min, Comparable max) {
    for (Range r : domain.ranges()) {
      Comparable low = r.low();
      Comparable high = r.high();
      boolean belowMax =
          low == null || (r.lowInclusive() ? low.compareTo(max) <= 0 : low.compareTo(max) < 0);
      boolean aboveMin =
          high == null || (r.highInclusive() ? high.compareTo(min) >= 0 : high.compareTo(min) > 0);
      if (belowMax && aboveMin) {
        return true;
      }
    }
    return false;
  }
}
