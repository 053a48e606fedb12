package dev.bucketsql.engine.spill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryBudget;
import dev.bucketsql.engine.memory.MemoryLimit;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every column type survives a spill file exactly: NULLs, the extremes of each integral type, NaN
 * (its payload too), -0.0 and the infinities, strings with any UTF-16 content (supplementary
 * characters and unpaired surrogates), decimals of any scale and size, binary values, and nested
 * lists, maps and rows.
 */
class RowCodecTest {
  @TempDir Path dir;

  private static final List<ColumnType> TYPES = List.of(ColumnType.values());

  @Test
  void everyTypeRoundTripsExactly() {
    Random random = new Random(7);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      Object[] row = new Object[TYPES.size()];
      for (int c = 0; c < row.length; c++) {
        row[c] = random.nextInt(6) == 0 ? null : value(random, TYPES.get(c));
      }
      rows.add(row);
    }
    ExecContext context = Spilling.context(dir, 1 << 20, 37);
    MemoryBudget budget =
        new MemoryBudget(new MemoryLimit(1, "queryMemory"), HeldBy.SORT, "its input");
    SpillFile file = context.spill().newFile(budget);
    ColumnBatch batch = new ColumnBatch(TYPES.toArray(new ColumnType[0]), rows.size());
    rows.forEach(batch::addRow);
    for (int r = 0; r < batch.size(); r++) {
      file.write(batch, r);
    }
    List<Object[]> back = Rows.collect(file.reader(TYPES, context, true));
    assertThat(back).hasSize(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      for (int c = 0; c < TYPES.size(); c++) {
        Object expected = rows.get(i)[c];
        Object actual = back.get(i)[c];
        int row = i;
        ColumnType type = TYPES.get(c);
        assertThat(same(expected, actual))
            .as(
                () ->
                    "row "
                        + row
                        + " column "
                        + type
                        + ": "
                        + Arrays.deepToString(new Object[] {expected})
                        + " read back as "
                        + Arrays.deepToString(new Object[] {actual}))
            .isTrue();
      }
    }
    assertThat(Spilling.leftUnder(dir)).as("files after the reader closed").isEmpty();
    assertThat(context.spill().bytesOnDisk()).isZero();
  }

  /** Equal, bit for bit where it matters: doubles by their raw bits, decimals with their scale. */
  private static boolean same(Object a, Object b) {
    if (a instanceof Double x && b instanceof Double y) {
      return Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y);
    }
    if (a instanceof Float x && b instanceof Float y) {
      return Float.floatToRawIntBits(x) == Float.floatToRawIntBits(y);
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return new ArrayList<>(x.keySet()).equals(new ArrayList<>(y.keySet()))
          && Arrays.deepEquals(x.values().toArray(), y.values().toArray());
    }
    return Arrays.deepEquals(new Object[] {a}, new Object[] {b});
  }

  private static Object value(Random random, ColumnType type) {
    return switch (type) {
      case BOOLEAN -> random.nextBoolean();
      case TINYINT ->
          pick(random, Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0, (byte) random.nextInt());
      case SMALLINT ->
          pick(random, Short.MIN_VALUE, Short.MAX_VALUE, (short) -1, (short) random.nextInt());
      case INTEGER, DATE, TIME ->
          pick(random, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, random.nextInt());
      case BIGINT, TIMESTAMP ->
          pick(random, Long.MIN_VALUE, Long.MAX_VALUE, -1L, random.nextLong());
      case REAL ->
          pick(random, Float.NaN, -0.0f, Float.NEGATIVE_INFINITY, random.nextFloat() - 0.5f);
      case DOUBLE ->
          pick(
              random,
              Double.longBitsToDouble(0x7ff8000000000123L),
              -0.0,
              Double.MIN_VALUE,
              Double.POSITIVE_INFINITY,
              random.nextGaussian() * 1e300);
      case DECIMAL ->
          pick(
              random,
              new BigDecimal("0.000"),
              new BigDecimal("-1E+30"),
              new BigDecimal(new BigInteger(200, random), random.nextInt(80) - 40),
              new BigDecimal(BigInteger.valueOf(random.nextLong()), random.nextInt(20)));
      case VARCHAR ->
          pick(
              random,
              "",
              "ascii",
              "é e\u0301 日本語 \uD83D\uDE00",
              "\uD800 lone \uDC00",
              "\u0000\uFFFF",
              "x".repeat(random.nextInt(300)));
      case VARBINARY -> pick(random, new byte[0], new byte[] {0, -1, 127, -128}, new byte[70_000]);
      case ARRAY -> Arrays.asList(1, null, "two", List.of(3.5, -0.0), new BigDecimal("1.10"));
      case MAP -> {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put("b", 1L);
        m.put("a", null);
        m.put("c", new Object[] {(byte) 1, (short) 2, 3.0f, true});
        yield m;
      }
      case ROW -> new Object[] {null, 1, "x", new byte[] {1, 2}, Map.of("k", List.of())};
    };
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... values) {
    return values[random.nextInt(values.length)];
  }
}
