package dev.bucketsql.engine.spill;

import dev.bucketsql.engine.RowStore;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnBatch.Kind;
import dev.bucketsql.format.ColumnType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of a row in a spill file: a null bitmap (one bit a column), then each non-null
 * value by its column's type. Integral, BOOLEAN, DATE, TIME and TIMESTAMP values are zigzag
 * varints; REAL and DOUBLE their raw 8 bits (NaN payloads and -0.0 survive); DECIMAL a scale and
 * the unscaled value (a varint when it fits a long, else its two's-complement bytes); VARCHAR its
 * UTF-16 units as varints (exact for any string, unpaired surrogates included; one byte an ASCII
 * character); VARBINARY a length and the bytes; ARRAY, MAP and ROW values a tagged tree.
 */
final class RowCodec {
  private static final int NULL = 0;
  private static final int BOOLEAN = 1;
  private static final int BYTE = 2;
  private static final int SHORT = 3;
  private static final int INT = 4;
  private static final int LONG = 5;
  private static final int FLOAT = 6;
  private static final int DOUBLE = 7;
  private static final int DECIMAL = 8;
  private static final int STRING = 9;
  private static final int BINARY = 10;
  private static final int LIST = 11;
  private static final int MAP = 12;
  private static final int ROW = 13;

  private final ColumnType[] types;
  private final Kind[] kinds;
  private final byte[] bitmap;

  RowCodec(List<ColumnType> types) {
    this.types = types.toArray(new ColumnType[0]);
    kinds = new Kind[this.types.length];
    for (int c = 0; c < kinds.length; c++) {
      kinds[c] = Kind.of(this.types[c]);
    }
    bitmap = new byte[(kinds.length + 7) / 8];
  }

  /** Writes row {@code r} of {@code b}. */
  void write(SpillOutput out, ColumnBatch b, int r) throws IOException {
    java.util.Arrays.fill(bitmap, (byte) 0);
    for (int c = 0; c < kinds.length; c++) {
      if (b.nulls(c)[r]) {
        bitmap[c >>> 3] |= (byte) (1 << (c & 7));
      }
    }
    for (byte x : bitmap) {
      out.writeByte(x);
    }
    for (int c = 0; c < kinds.length; c++) {
      if (!b.nulls(c)[r]) {
        switch (kinds[c]) {
          case LONG -> out.writeSignedVarLong(b.longs(c)[r]);
          case DOUBLE -> out.writeLong(Double.doubleToRawLongBits(b.doubles(c)[r]));
          default -> writeObject(out, types[c], b.objects(c)[r]);
        }
      }
    }
  }

  /** Writes row {@code row} of {@code store}. */
  void write(SpillOutput out, RowStore store, int row) throws IOException {
    java.util.Arrays.fill(bitmap, (byte) 0);
    for (int c = 0; c < kinds.length; c++) {
      if (store.isNull(c, row)) {
        bitmap[c >>> 3] |= (byte) (1 << (c & 7));
      }
    }
    for (byte x : bitmap) {
      out.writeByte(x);
    }
    for (int c = 0; c < kinds.length; c++) {
      if (!store.isNull(c, row)) {
        switch (kinds[c]) {
          case LONG -> out.writeSignedVarLong(store.longAt(c, row));
          case DOUBLE -> out.writeLong(Double.doubleToRawLongBits(store.doubleAt(c, row)));
          default -> writeObject(out, types[c], store.objectAt(c, row));
        }
      }
    }
  }

  /** Reads one row into row {@code r} of {@code b}. */
  void read(SpillInput in, ColumnBatch b, int r) throws IOException {
    for (int i = 0; i < bitmap.length; i++) {
      bitmap[i] = (byte) in.readByte();
    }
    for (int c = 0; c < kinds.length; c++) {
      boolean isNull = (bitmap[c >>> 3] & (1 << (c & 7))) != 0;
      b.nulls(c)[r] = isNull;
      switch (kinds[c]) {
        case LONG -> b.longs(c)[r] = isNull ? 0 : in.readSignedVarLong();
        case DOUBLE -> b.doubles(c)[r] = isNull ? 0 : Double.longBitsToDouble(in.readLong());
        default -> b.objects(c)[r] = isNull ? null : readObject(in, types[c]);
      }
    }
  }

  private static void writeObject(SpillOutput out, ColumnType type, Object v) throws IOException {
    switch (type) {
      case DECIMAL -> writeDecimal(out, (BigDecimal) v);
      case VARCHAR -> writeString(out, (String) v);
      case VARBINARY -> out.writeBytes((byte[]) v);
      default -> writeTagged(out, v);
    }
  }

  private static Object readObject(SpillInput in, ColumnType type) throws IOException {
    return switch (type) {
      case DECIMAL -> readDecimal(in);
      case VARCHAR -> readString(in);
      case VARBINARY -> in.readBytes();
      default -> readTagged(in);
    };
  }

  private static void writeDecimal(SpillOutput out, BigDecimal d) throws IOException {
    out.writeSignedVarLong(d.scale());
    BigInteger unscaled = d.unscaledValue();
    if (unscaled.bitLength() < 64) {
      out.writeByte(0);
      out.writeSignedVarLong(unscaled.longValue());
    } else {
      out.writeByte(1);
      out.writeBytes(unscaled.toByteArray());
    }
  }

  private static BigDecimal readDecimal(SpillInput in) throws IOException {
    int scale = (int) in.readSignedVarLong();
    BigInteger unscaled =
        in.readByte() == 0
            ? BigInteger.valueOf(in.readSignedVarLong())
            : new BigInteger(in.readBytes());
    return new BigDecimal(unscaled, scale);
  }

  private static void writeString(SpillOutput out, String s) throws IOException {
    int n = s.length();
    out.writeVarLong(n);
    for (int i = 0; i < n; i++) {
      out.writeVarLong(s.charAt(i));
    }
  }

  private static String readString(SpillInput in) throws IOException {
    int n = (int) in.readVarLong();
    char[] chars = new char[n];
    for (int i = 0; i < n; i++) {
      chars[i] = (char) in.readVarLong();
    }
    return new String(chars);
  }

  /** A value of a nested column (or inside one): a tag naming its class, then the value. */
  private static void writeTagged(SpillOutput out, Object v) throws IOException {
    if (v == null) {
      out.writeByte(NULL);
    } else if (v instanceof Boolean x) {
      out.writeByte(BOOLEAN);
      out.writeByte(x ? 1 : 0);
    } else if (v instanceof Byte x) {
      out.writeByte(BYTE);
      out.writeSignedVarLong(x);
    } else if (v instanceof Short x) {
      out.writeByte(SHORT);
      out.writeSignedVarLong(x);
    } else if (v instanceof Integer x) {
      out.writeByte(INT);
      out.writeSignedVarLong(x);
    } else if (v instanceof Long x) {
      out.writeByte(LONG);
      out.writeSignedVarLong(x);
    } else if (v instanceof Float x) {
      out.writeByte(FLOAT);
      out.writeLong(Float.floatToRawIntBits(x));
    } else if (v instanceof Double x) {
      out.writeByte(DOUBLE);
      out.writeLong(Double.doubleToRawLongBits(x));
    } else if (v instanceof BigDecimal x) {
      out.writeByte(DECIMAL);
      writeDecimal(out, x);
    } else if (v instanceof String x) {
      out.writeByte(STRING);
      writeString(out, x);
    } else if (v instanceof byte[] x) {
      out.writeByte(BINARY);
      out.writeBytes(x);
    } else if (v instanceof List<?> x) {
      out.writeByte(LIST);
      out.writeVarLong(x.size());
      for (Object e : x) {
        writeTagged(out, e);
      }
    } else if (v instanceof Map<?, ?> x) {
      out.writeByte(MAP);
      out.writeVarLong(x.size());
      for (Map.Entry<?, ?> e : x.entrySet()) {
        writeTagged(out, e.getKey());
        writeTagged(out, e.getValue());
      }
    } else if (v instanceof Object[] x) {
      out.writeByte(ROW);
      out.writeVarLong(x.length);
      for (Object e : x) {
        writeTagged(out, e);
      }
    } else {
      throw new IllegalArgumentException(
          "a spill file cannot hold a value of " + v.getClass().getName());
    }
  }

  private static Object readTagged(SpillInput in) throws IOException {
    int tag = in.readByte();
    return switch (tag) {
      case NULL -> null;
      case BOOLEAN -> in.readByte() != 0;
      case BYTE -> (byte) in.readSignedVarLong();
      case SHORT -> (short) in.readSignedVarLong();
      case INT -> (int) in.readSignedVarLong();
      case LONG -> in.readSignedVarLong();
      case FLOAT -> Float.intBitsToFloat((int) in.readLong());
      case DOUBLE -> Double.longBitsToDouble(in.readLong());
      case DECIMAL -> readDecimal(in);
      case STRING -> readString(in);
      case BINARY -> in.readBytes();
      case LIST -> {
        int n = (int) in.readVarLong();
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          list.add(readTagged(in));
        }
        yield list;
      }
      case MAP -> {
        int n = (int) in.readVarLong();
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          Object k = readTagged(in);
          map.put(k, readTagged(in));
        }
        yield map;
      }
      case ROW -> {
        Object[] row = new Object[(int) in.readVarLong()];
        for (int i = 0; i < row.length; i++) {
          row[i] = readTagged(in);
        }
        yield row;
      }
      default -> throw new IOException("a spill file holds an unknown value tag " + tag);
    };
  }
}
