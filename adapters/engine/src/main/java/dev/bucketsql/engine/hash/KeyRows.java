package dev.bucketsql.engine.hash;

import dev.bucketsql.engine.Cells;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnBatch.Kind;
import java.util.Arrays;

/**
 * The values of a {@link KeyTable}'s keys, numbered 0, 1, 2, ... as appended, as first seen (not
 * normalized). The LONG and DOUBLE values of a key (a double by its raw bits) and its null flags
 * sit side by side in one {@code long[]}, a row of {@link #stride} words per key, so comparing a
 * probed row with a key of numbers reads one or two cache lines rather than one line per column and
 * per null flag; OBJECT values are kept in an array per column.
 */
final class KeyRows {
  private final Kind[] kinds;

  /** Per column: its word in a row (LONG, DOUBLE) or its object array (OBJECT). */
  private final int[] place;

  private final int numbers;
  private final int stride;
  private final Object[][] objects;
  private long[] words;
  private int capacity;
  private int size;
  private long objectBytes;

  KeyRows(Kind[] kinds) {
    this.kinds = kinds.clone();
    place = new int[kinds.length];
    int n = 0;
    int o = 0;
    for (int i = 0; i < kinds.length; i++) {
      place[i] = kinds[i] == Kind.OBJECT ? o++ : n++;
    }
    numbers = n;
    // the null flags follow the numbers: one bit a column, 64 to a word
    stride = n + (kinds.length + 63) / 64;
    objects = new Object[o][];
    grow(16);
  }

  int size() {
    return size;
  }

  /** Bytes held: the arrays as allocated and the objects stored. */
  long bytes() {
    return capacity * (stride + (long) objects.length) * 8 + objectBytes;
  }

  /**
   * The bytes a key's row costs, its objects aside: its words and object references in arrays that
   * grow by half when full.
   */
  long bytesPerRow() {
    return (stride + (long) objects.length) * 12;
  }

  /** Appends the key of row {@code r} of columns {@code columns} of {@code batch}; its number. */
  int append(ColumnBatch batch, int[] columns, int r) {
    return append(batch, columns, r, -1);
  }

  /**
   * As {@link #append(ColumnBatch, int[], int)}, given the estimated bytes of the key's objects
   * ({@link Cells#bytesOf}), or -1 to have them counted here.
   */
  int append(ColumnBatch batch, int[] columns, int r, long keyObjectBytes) {
    if (size == capacity) {
      grow(capacity + Math.max(16, capacity >> 1));
    }
    int base = size * stride;
    for (int i = 0; i < kinds.length; i++) {
      int c = columns[i];
      if (batch.nulls(c)[r]) {
        words[base + numbers + (i >>> 6)] |= 1L << (i & 63);
        continue;
      }
      switch (kinds[i]) {
        case LONG -> words[base + place[i]] = batch.longs(c)[r];
        case DOUBLE -> words[base + place[i]] = Double.doubleToRawLongBits(batch.doubles(c)[r]);
        default -> {
          Object v = batch.objects(c)[r];
          objects[place[i]][size] = v;
          if (keyObjectBytes < 0) {
            objectBytes += Cells.bytesOf(v);
          }
        }
      }
    }
    if (keyObjectBytes >= 0) {
      objectBytes += keyObjectBytes;
    }
    return size++;
  }

  /**
   * Whether the key of row {@code r} equals key {@code id}: every column null in both, or non-null
   * in both with SQL-equal values (-0.0 = 0.0, NaN = NaN, decimals by value, strings by value).
   */
  boolean same(ColumnBatch batch, int[] columns, int r, int id) {
    long[] w = words;
    int base = id * stride;
    for (int i = 0; i < kinds.length; i++) {
      int c = columns[i];
      boolean isNull = batch.nulls(c)[r];
      if (isNull != ((w[base + numbers + (i >>> 6)] & (1L << (i & 63))) != 0)) {
        return false;
      }
      if (isNull) {
        continue;
      }
      boolean same =
          switch (kinds[i]) {
            case LONG -> batch.longs(c)[r] == w[base + place[i]];
            case DOUBLE ->
                KeyHashes.sameDouble(
                    batch.doubles(c)[r], Double.longBitsToDouble(w[base + place[i]]));
            default -> KeyHashes.sameObject(batch.objects(c)[r], objects[place[i]][id]);
          };
      if (!same) {
        return false;
      }
    }
    return true;
  }

  /**
   * The hash of key {@code id} over every column: what {@link KeyHashes#hashRow} gives for a row
   * holding its values (SQL-equal values hash alike, so its first-seen values will do).
   */
  int hash(int id) {
    int base = id * stride;
    int h = 0;
    for (int i = 0; i < kinds.length; i++) {
      int v;
      if ((words[base + numbers + (i >>> 6)] & (1L << (i & 63))) != 0) {
        v = KeyHashes.NULL_HASH;
      } else {
        v =
            switch (kinds[i]) {
              case LONG -> KeyHashes.longHash(words[base + place[i]]);
              case DOUBLE -> KeyHashes.doubleHash(Double.longBitsToDouble(words[base + place[i]]));
              default -> KeyHashes.objectHash(objects[place[i]][id]);
            };
      }
      h = h * KeyHashes.COMBINE + v;
    }
    return h;
  }

  /** Copies key {@code id} to row {@code outRow} of {@code out}, columns from {@code outColumn}. */
  void copyTo(int id, ColumnBatch out, int outRow, int outColumn) {
    int base = id * stride;
    for (int i = 0; i < kinds.length; i++) {
      int oc = outColumn + i;
      boolean isNull = (words[base + numbers + (i >>> 6)] & (1L << (i & 63))) != 0;
      out.nulls(oc)[outRow] = isNull;
      switch (kinds[i]) {
        case LONG -> out.longs(oc)[outRow] = isNull ? 0 : words[base + place[i]];
        case DOUBLE ->
            out.doubles(oc)[outRow] = isNull ? 0 : Double.longBitsToDouble(words[base + place[i]]);
        default -> out.objects(oc)[outRow] = isNull ? null : objects[place[i]][id];
      }
    }
  }

  private void grow(int newCapacity) {
    words = Arrays.copyOf(words == null ? new long[0] : words, newCapacity * stride);
    for (int o = 0; o < objects.length; o++) {
      objects[o] = Arrays.copyOf(objects[o] == null ? new Object[0] : objects[o], newCapacity);
    }
    capacity = newCapacity;
  }
}
