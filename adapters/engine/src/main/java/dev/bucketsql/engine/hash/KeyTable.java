package dev.bucketsql.engine.hash;

import dev.bucketsql.engine.Cells;
import dev.bucketsql.engine.RowStore;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnBatch.Kind;
import dev.bucketsql.format.ColumnType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers the distinct keys of one or more columns of any comparable type 0, 1, 2, ... in order of
 * first appearance, and keeps each key's values (as first seen) for output. SQL-equal values are
 * one key: -0.0 and 0.0, every NaN, 1.0 and 1.00. NULL is a key value of its own here; a join
 * leaves rows with a NULL key out before it asks.
 *
 * <p>One LONG or DOUBLE column goes through a {@link LongKeyTable} (no boxing); other keys through
 * a map from the normalized values.
 */
public final class KeyTable {
  private final Kind[] kinds;
  private final RowStore firstValues;
  private final LongKeyTable primitive;
  private int nullId = -1;
  private final Map<Key, Integer> general;

  /** One row of key values, the form {@link RowStore#append} takes. */
  private final ColumnBatch keyRow;

  /** A table of keys of the columns {@code types}, at least one. */
  public KeyTable(List<ColumnType> types) {
    if (types.isEmpty()) {
      throw new IllegalArgumentException("a key has at least one column");
    }
    for (int i = 0; i < types.size(); i++) {
      Cells.checkComparable(types.get(i), "key", i);
    }
    kinds = new Kind[types.size()];
    for (int i = 0; i < kinds.length; i++) {
      kinds[i] = Kind.of(types.get(i));
    }
    firstValues = new RowStore(types);
    keyRow = new ColumnBatch(types.toArray(new ColumnType[0]), 1);
    boolean single = kinds.length == 1 && kinds[0] != Kind.OBJECT;
    primitive = single ? new LongKeyTable() : null;
    general = single ? null : new HashMap<>();
  }

  /** The kinds of the key columns, for a caller that checks two sides agree. */
  public Kind kind(int i) {
    return kinds[i];
  }

  /** Keys held. */
  public int size() {
    return firstValues.size();
  }

  /** Bytes held now, estimated. */
  public long bytes() {
    long table =
        primitive != null
            ? primitive.bytes()
            : general.size() * (48L + 16 + 8L * kinds.length + 16L * kinds.length);
    return table + firstValues.bytes();
  }

  /** Estimated bytes one more key of row {@code r} of {@code batch} would add. */
  public long bytesOfNewKey(ColumnBatch batch, int[] columns, int r) {
    long bytes = primitive != null ? LongKeyTable.bytesPerKey() : 48 + 32 + 24L * kinds.length;
    bytes += 9L * kinds.length;
    for (int i = 0; i < kinds.length; i++) {
      if (kinds[i] == Kind.OBJECT && !batch.nulls(columns[i])[r]) {
        bytes += Cells.bytesOf(batch.objects(columns[i])[r]);
      }
    }
    return bytes;
  }

  /** The number of the key in columns {@code columns} of row {@code r}, or -1 when absent. */
  public int find(ColumnBatch batch, int[] columns, int r) {
    if (primitive != null) {
      int c = columns[0];
      if (batch.nulls(c)[r]) {
        return nullId;
      }
      return primitive.find(primitiveKey(batch, c, r));
    }
    Integer id = general.get(new Key(values(batch, columns, r)));
    return id == null ? -1 : id;
  }

  /** Adds the key of row {@code r}, which {@link #find} does not know, and returns its number. */
  public int add(ColumnBatch batch, int[] columns, int r) {
    if (primitive != null) {
      int c = columns[0];
      if (batch.nulls(c)[r]) {
        if (nullId >= 0) {
          throw new IllegalArgumentException("NULL key already added");
        }
        nullId = primitive.addUnkeyed();
      } else {
        primitive.add(primitiveKey(batch, c, r));
      }
    } else if (general.putIfAbsent(new Key(values(batch, columns, r)), firstValues.size())
        != null) {
      throw new IllegalArgumentException("key already added");
    }
    keyRow.setSize(1);
    for (int i = 0; i < columns.length; i++) {
      Cells.copy(batch, columns[i], r, keyRow, i, 0);
    }
    return firstValues.append(keyRow, 0);
  }

  private long primitiveKey(ColumnBatch batch, int c, int r) {
    return kinds[0] == Kind.LONG
        ? batch.longs(c)[r]
        : Double.doubleToLongBits(Cells.normalize(batch.doubles(c)[r]));
  }

  private Object[] values(ColumnBatch batch, int[] columns, int r) {
    Object[] v = new Object[columns.length];
    for (int i = 0; i < columns.length; i++) {
      int c = columns[i];
      if (batch.nulls(c)[r]) {
        continue;
      }
      v[i] =
          switch (kinds[i]) {
            case LONG -> batch.longs(c)[r];
            case DOUBLE -> Cells.normalize(batch.doubles(c)[r]);
            default -> Cells.normalize(batch.objects(c)[r]);
          };
    }
    return v;
  }

  /** The values of key {@code id}, as first seen, copied to row {@code outRow} of {@code out}. */
  public void copyKey(int id, ColumnBatch out, int outRow, int outColumn) {
    firstValues.copyTo(id, out, outRow, outColumn);
  }

  /** The values of the keys, numbered as the table numbers them. */
  public RowStore keys() {
    return firstValues;
  }

  /** Normalized key values with value equality, binary values by content. */
  private record Key(Object[] values) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.deepEquals(values, k.values);
    }

    @Override
    public int hashCode() {
      return Arrays.deepHashCode(values);
    }
  }
}
