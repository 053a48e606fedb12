package dev.bucketsql.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.format.Column;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.format.TableSchema;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.memory.InMemoryObjectStore;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every supported Parquet type maps to its SQL type and Java representation, nulls included. */
class ParquetTypeMappingTest {
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message all_types {\n"
              + "  required int32 id;\n"
              + "  optional boolean flag;\n"
              + "  optional int32 i8 (INTEGER(8,true));\n"
              + "  optional int32 i16 (INTEGER(16,true));\n"
              + "  optional int32 i32 (INTEGER(32,true));\n"
              + "  optional int32 u8 (INTEGER(8,false));\n"
              + "  optional int32 u16 (INTEGER(16,false));\n"
              + "  optional int32 u32 (INTEGER(32,false));\n"
              + "  optional int64 u64 (INTEGER(64,false));\n"
              + "  optional int64 i64;\n"
              + "  optional float f;\n"
              + "  optional double d;\n"
              + "  optional int32 dec_int (DECIMAL(9,2));\n"
              + "  optional int64 dec_long (DECIMAL(18,4));\n"
              + "  optional fixed_len_byte_array(16) dec_fixed (DECIMAL(30,5));\n"
              + "  optional binary dec_bin (DECIMAL(38,10));\n"
              + "  optional binary s (STRING);\n"
              + "  optional binary e (ENUM);\n"
              + "  optional binary j (JSON);\n"
              + "  optional binary raw;\n"
              + "  optional fixed_len_byte_array(3) fixed_raw;\n"
              + "  optional int32 day (DATE);\n"
              + "  optional int32 t_ms (TIME(MILLIS,true));\n"
              + "  optional int64 t_us (TIME(MICROS,false));\n"
              + "  optional int64 ts_ms (TIMESTAMP(MILLIS,true));\n"
              + "  optional int64 ts_us (TIMESTAMP(MICROS,false));\n"
              + "  optional int64 ts_ns (TIMESTAMP(NANOS,true));\n"
              + "  optional int96 ts96;\n"
              + "  optional fixed_len_byte_array(16) id_uuid (UUID);\n"
              + "}");
  private static final int ROWS = 300;
  private static final LocalDateTime BASE = LocalDateTime.of(2021, 3, 14, 15, 9, 26, 535_897_000);

  private static List<Object[]> rows;
  private static TableSchema schema;

  @BeforeAll
  static void readBack() {
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      groups.add(row(factory, i));
    }
    byte[] file = ParquetFixtures.write(SCHEMA, CompressionCodecName.ZSTD, 100, groups);
    InMemoryObjectStore store = new InMemoryObjectStore("types");
    ObjectInfo info = store.put("all_types.parquet", file);
    ParquetDataFile data = new ParquetDataFile(store, info, new ParquetFooterCache(8));
    schema = data.schema();
    rows = new ArrayList<>();
    try (RowCursor cursor = data.scan(ScanSpec.allColumns(schema, new IoStats()))) {
      while (cursor.moveNext()) {
        rows.add(cursor.current());
      }
    }
  }

  /** Row i has nulls in every optional column when i % 7 == 3. */
  private static boolean isNull(int i) {
    return i % 7 == 3;
  }

  private static Group row(SimpleGroupFactory factory, int i) {
    Group g = factory.newGroup().append("id", i);
    if (isNull(i)) {
      return g;
    }
    int sign = i % 2 == 0 ? 1 : -1;
    g.append("flag", i % 3 == 0)
        .append("i8", sign * (i % 128))
        .append("i16", sign * i * 100)
        .append("i32", sign * i * 7_000_000)
        .append("u8", 200 + i % 56) // above 127: reads wrong if taken as signed
        .append("u16", 60_000 + i)
        .append("u32", (int) (4_000_000_000L + i)) // stored as its two's complement
        .append("u64", Long.MIN_VALUE + i) // above 2^63 unsigned
        .append("i64", sign * (long) i * 1_000_000_000_000L)
        .append("f", i / 4.0f)
        .append("d", sign * i / 3.0)
        .append("dec_int", sign * i * 101)
        .append("dec_long", sign * (long) i * 1_000_003L)
        .append("dec_fixed", Binary.fromConstantByteArray(fixed16(bigDecimal(i).unscaledValue())))
        .append(
            "dec_bin", Binary.fromConstantByteArray(bigDecimalBin(i).unscaledValue().toByteArray()))
        .append("s", "récette n°" + i + " 🍰")
        .append("e", i % 2 == 0 ? "EASY" : "HARD")
        .append("j", "{\"n\":" + i + "}")
        .append("raw", Binary.fromConstantByteArray(new byte[] {(byte) i, 0, (byte) -i}))
        .append("fixed_raw", Binary.fromConstantByteArray(new byte[] {1, (byte) i, 2}))
        .append("day", (int) date(i).toEpochDay())
        .append("t_ms", (int) (time(i).toNanoOfDay() / 1_000_000))
        .append("t_us", time(i).toNanoOfDay() / 1_000 + 789)
        .append("ts_ms", Math.floorDiv(epochNanos(i), 1_000_000L))
        .append("ts_us", Math.floorDiv(epochNanos(i), 1_000L))
        .append("ts_ns", epochNanos(i))
        .append("ts96", Binary.fromConstantByteArray(int96(timestamp(i))))
        .append("id_uuid", Binary.fromConstantByteArray(uuidBytes(uuid(i))));
    return g;
  }

  private static LocalDate date(int i) {
    return LocalDate.of(1960, 1, 1).plusDays(i * 97L); // crosses 1970, negative days too
  }

  private static LocalTime time(int i) {
    return LocalTime.ofSecondOfDay(i * 271L % 86_400).plusNanos(i * 1_000_000L % 1_000_000_000);
  }

  private static LocalDateTime timestamp(int i) {
    return BASE.minusDays(20_000).plusHours(i * 1_000L).plusNanos(i * 1_003L);
  }

  private static long epochNanos(int i) {
    return ChronoUnit.NANOS.between(LocalDateTime.of(1970, 1, 1, 0, 0), timestamp(i));
  }

  private static BigDecimal bigDecimal(int i) {
    return new BigDecimal(BigInteger.TEN.pow(20).multiply(BigInteger.valueOf(i - 150)), 5)
        .add(BigDecimal.valueOf(i, 5));
  }

  private static BigDecimal bigDecimalBin(int i) {
    return new BigDecimal(BigInteger.valueOf(i - 77).pow(9), 10);
  }

  private static byte[] fixed16(BigInteger unscaled) {
    byte[] minimal = unscaled.toByteArray();
    byte[] out = new byte[16];
    byte pad = (byte) (unscaled.signum() < 0 ? -1 : 0);
    java.util.Arrays.fill(out, pad);
    System.arraycopy(minimal, 0, out, 16 - minimal.length, minimal.length);
    return out;
  }

  private static byte[] int96(LocalDateTime t) {
    long julianDay = t.toLocalDate().toEpochDay() + 2_440_588L;
    return ByteBuffer.allocate(12)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(t.toLocalTime().toNanoOfDay())
        .putInt((int) julianDay)
        .array();
  }

  private static UUID uuid(int i) {
    return UUID.nameUUIDFromBytes(("recipe-" + i).getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] uuidBytes(UUID u) {
    return ByteBuffer.allocate(16)
        .putLong(u.getMostSignificantBits())
        .putLong(u.getLeastSignificantBits())
        .array();
  }

  private static long millis(LocalDateTime t) {
    return t.toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private Object value(int row, String column) {
    return rows.get(row)[schema.indexOf(column)];
  }

  @Test
  void mapsEachParquetTypeToItsSqlType() {
    assertThat(schema.columns())
        .extracting(Column::name, Column::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("id", ColumnType.INTEGER),
            org.assertj.core.groups.Tuple.tuple("flag", ColumnType.BOOLEAN),
            org.assertj.core.groups.Tuple.tuple("i8", ColumnType.TINYINT),
            org.assertj.core.groups.Tuple.tuple("i16", ColumnType.SMALLINT),
            org.assertj.core.groups.Tuple.tuple("i32", ColumnType.INTEGER),
            org.assertj.core.groups.Tuple.tuple("u8", ColumnType.SMALLINT),
            org.assertj.core.groups.Tuple.tuple("u16", ColumnType.INTEGER),
            org.assertj.core.groups.Tuple.tuple("u32", ColumnType.BIGINT),
            org.assertj.core.groups.Tuple.tuple("u64", ColumnType.DECIMAL),
            org.assertj.core.groups.Tuple.tuple("i64", ColumnType.BIGINT),
            org.assertj.core.groups.Tuple.tuple("f", ColumnType.REAL),
            org.assertj.core.groups.Tuple.tuple("d", ColumnType.DOUBLE),
            org.assertj.core.groups.Tuple.tuple("dec_int", ColumnType.DECIMAL),
            org.assertj.core.groups.Tuple.tuple("dec_long", ColumnType.DECIMAL),
            org.assertj.core.groups.Tuple.tuple("dec_fixed", ColumnType.DECIMAL),
            org.assertj.core.groups.Tuple.tuple("dec_bin", ColumnType.DECIMAL),
            org.assertj.core.groups.Tuple.tuple("s", ColumnType.VARCHAR),
            org.assertj.core.groups.Tuple.tuple("e", ColumnType.VARCHAR),
            org.assertj.core.groups.Tuple.tuple("j", ColumnType.VARCHAR),
            org.assertj.core.groups.Tuple.tuple("raw", ColumnType.VARBINARY),
            org.assertj.core.groups.Tuple.tuple("fixed_raw", ColumnType.VARBINARY),
            org.assertj.core.groups.Tuple.tuple("day", ColumnType.DATE),
            org.assertj.core.groups.Tuple.tuple("t_ms", ColumnType.TIME),
            org.assertj.core.groups.Tuple.tuple("t_us", ColumnType.TIME),
            org.assertj.core.groups.Tuple.tuple("ts_ms", ColumnType.TIMESTAMP),
            org.assertj.core.groups.Tuple.tuple("ts_us", ColumnType.TIMESTAMP),
            org.assertj.core.groups.Tuple.tuple("ts_ns", ColumnType.TIMESTAMP),
            org.assertj.core.groups.Tuple.tuple("ts96", ColumnType.TIMESTAMP),
            org.assertj.core.groups.Tuple.tuple("id_uuid", ColumnType.VARCHAR));
    assertThat(schema.column(schema.indexOf("id")).nullable()).isFalse();
    assertThat(schema.column(schema.indexOf("s")).nullable()).isTrue();
    Column decFixed = schema.column(schema.indexOf("dec_fixed"));
    assertThat(decFixed.precision()).isEqualTo(30);
    assertThat(decFixed.scale()).isEqualTo(5);
    Column u64 = schema.column(schema.indexOf("u64"));
    assertThat(u64.precision()).isEqualTo(20);
    assertThat(u64.scale()).isZero();
  }

  @Test
  void readsEveryRowWithNullsWhereTheFileHasThem() {
    assertThat(rows).hasSize(ROWS);
    for (int i = 0; i < ROWS; i++) {
      Object[] row = rows.get(i);
      assertThat(row[0]).isEqualTo(i);
      for (int c = 1; c < row.length; c++) {
        if (isNull(i)) {
          assertThat(row[c]).as("row %d column %s", i, schema.column(c).name()).isNull();
        } else {
          assertThat(row[c]).as("row %d column %s", i, schema.column(c).name()).isNotNull();
        }
      }
    }
  }

  @Test
  void integersKeepTheirValueAndWidth() {
    for (int i = 0; i < ROWS; i++) {
      if (isNull(i)) {
        continue;
      }
      int sign = i % 2 == 0 ? 1 : -1;
      assertThat(value(i, "flag")).isEqualTo(i % 3 == 0);
      assertThat(value(i, "i8")).isEqualTo((byte) (sign * (i % 128)));
      assertThat(value(i, "i16")).isEqualTo((short) (sign * i * 100));
      assertThat(value(i, "i32")).isEqualTo(sign * i * 7_000_000);
      assertThat(value(i, "u8")).isEqualTo((short) (200 + i % 56));
      assertThat(value(i, "u16")).isEqualTo(60_000 + i);
      assertThat(value(i, "u32")).isEqualTo(4_000_000_000L + i);
      assertThat(value(i, "u64"))
          .isEqualTo(new BigDecimal(BigInteger.ONE.shiftLeft(63).add(BigInteger.valueOf(i))));
      assertThat(value(i, "i64")).isEqualTo(sign * (long) i * 1_000_000_000_000L);
      assertThat(value(i, "f")).isEqualTo(i / 4.0f);
      assertThat(value(i, "d")).isEqualTo(sign * i / 3.0);
    }
  }

  @Test
  void decimalsKeepPrecisionAndScale() {
    for (int i = 0; i < ROWS; i++) {
      if (isNull(i)) {
        continue;
      }
      int sign = i % 2 == 0 ? 1 : -1;
      assertThat(value(i, "dec_int")).isEqualTo(BigDecimal.valueOf(sign * i * 101L, 2));
      assertThat(value(i, "dec_long")).isEqualTo(BigDecimal.valueOf(sign * i * 1_000_003L, 4));
      assertThat(value(i, "dec_fixed")).isEqualTo(bigDecimal(i));
      assertThat(value(i, "dec_bin")).isEqualTo(bigDecimalBin(i));
    }
  }

  @Test
  void textAndBytesRoundTrip() {
    for (int i = 0; i < ROWS; i++) {
      if (isNull(i)) {
        continue;
      }
      assertThat(value(i, "s")).isEqualTo("récette n°" + i + " 🍰");
      assertThat(value(i, "e")).isEqualTo(i % 2 == 0 ? "EASY" : "HARD");
      assertThat(value(i, "j")).isEqualTo("{\"n\":" + i + "}");
      assertThat(value(i, "raw")).isEqualTo(new byte[] {(byte) i, 0, (byte) -i});
      assertThat(value(i, "fixed_raw")).isEqualTo(new byte[] {1, (byte) i, 2});
      assertThat(value(i, "id_uuid")).isEqualTo(uuid(i).toString());
    }
  }

  @Test
  void datesTimesAndTimestampsBecomeDaysAndMillis() {
    for (int i = 0; i < ROWS; i++) {
      if (isNull(i)) {
        continue;
      }
      assertThat(value(i, "day")).isEqualTo((int) date(i).toEpochDay());
      int timeMillis = (int) (time(i).toNanoOfDay() / 1_000_000);
      assertThat(value(i, "t_ms")).isEqualTo(timeMillis);
      // 789 extra microseconds are below TIME(3): they must not round up to another millisecond
      assertThat(value(i, "t_us")).isEqualTo(timeMillis);
      long expected = Math.floorDiv(epochNanos(i), 1_000_000L);
      assertThat(expected).isEqualTo(millis(timestamp(i).truncatedTo(ChronoUnit.MILLIS)));
      assertThat(value(i, "ts_ms")).as("row %d", i).isEqualTo(expected);
      assertThat(value(i, "ts_us")).as("row %d", i).isEqualTo(expected);
      assertThat(value(i, "ts_ns")).as("row %d", i).isEqualTo(expected);
      assertThat(value(i, "ts96")).as("row %d", i).isEqualTo(expected);
    }
  }
}
