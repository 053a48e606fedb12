package dev.bucketsql.engine.hash;

import dev.bucketsql.engine.Cells;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnBatch.Kind;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The hash and the equality of key values under SQL's rules, with no allocation for numbers, dates,
 * booleans and strings: -0.0 and 0.0 hash and compare alike, every NaN is one value, decimals hash
 * and compare by value (1.0 and 1.00), strings by value, NULL equals NULL.
 *
 * <p>A row's hash combines its columns' hashes in column order; {@link #hashColumns} computes it
 * for a whole batch a column at a time (one type switch per column, not per value), {@link
 * #hashRow} for one row, and both give the same value.
 */
final class KeyHashes {
  /** The hash of a NULL value: not 0, so NULL and a 0 of the same column rarely collide. */
  static final int NULL_HASH = 0x5bd1e995;

  /** What a row's hash so far is multiplied by before the next column's hash is added. */
  static final int COMBINE = 0x9E3779B1;

  private KeyHashes() {}

  /** The hashes of the keys of rows {@code [0, n)} into {@code hashes}, column by column. */
  static void hashColumns(ColumnBatch batch, int[] columns, Kind[] kinds, int n, int[] hashes) {
    hashColumns(batch, columns, kinds, null, n, hashes);
  }

  /**
   * As {@link #hashColumns(ColumnBatch, int[], Kind[], int, int[])} over the key columns whose
   * places {@code positions} lists (in that order), or all when it is null: equal keys still hash
   * alike, whatever columns are left out.
   */
  static void hashColumns(
      ColumnBatch batch, int[] columns, Kind[] kinds, int[] positions, int n, int[] hashes) {
    Arrays.fill(hashes, 0, n, 0);
    int count = positions == null ? columns.length : positions.length;
    for (int k = 0; k < count; k++) {
      int i = positions == null ? k : positions[k];
      int c = columns[i];
      boolean[] nulls = batch.nulls(c);
      switch (kinds[i]) {
        case LONG -> {
          long[] v = batch.longs(c);
          for (int r = 0; r < n; r++) {
            hashes[r] = hashes[r] * COMBINE + (nulls[r] ? NULL_HASH : longHash(v[r]));
          }
        }
        case DOUBLE -> {
          double[] v = batch.doubles(c);
          for (int r = 0; r < n; r++) {
            hashes[r] = hashes[r] * COMBINE + (nulls[r] ? NULL_HASH : doubleHash(v[r]));
          }
        }
        default -> {
          Object[] v = batch.objects(c);
          for (int r = 0; r < n; r++) {
            hashes[r] = hashes[r] * COMBINE + (nulls[r] ? NULL_HASH : objectHash(v[r]));
          }
        }
      }
    }
  }

  /** The hash of the key of row {@code r}: what {@link #hashColumns} gives for that row. */
  static int hashRow(ColumnBatch batch, int[] columns, Kind[] kinds, int r) {
    return hashRow(batch, columns, kinds, null, r);
  }

  /** The hash of the key of row {@code r} over the places {@code positions} (all when null). */
  static int hashRow(ColumnBatch batch, int[] columns, Kind[] kinds, int[] positions, int r) {
    int h = 0;
    int count = positions == null ? columns.length : positions.length;
    for (int k = 0; k < count; k++) {
      int i = positions == null ? k : positions[k];
      int c = columns[i];
      int v;
      if (batch.nulls(c)[r]) {
        v = NULL_HASH;
      } else {
        v =
            switch (kinds[i]) {
              case LONG -> longHash(batch.longs(c)[r]);
              case DOUBLE -> doubleHash(batch.doubles(c)[r]);
              default -> objectHash(batch.objects(c)[r]);
            };
      }
      h = h * COMBINE + v;
    }
    return h;
  }

  /** A well-mixed hash of a {@code long}, its low bits depending on all of its bits. */
  static int longHash(long v) {
    long h = v * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  /** The hash of a double: -0.0 as 0.0 and every NaN alike. */
  static int doubleHash(double d) {
    // doubleToLongBits already folds every NaN into one; only -0.0 needs a hand
    return longHash(Double.doubleToLongBits(d == 0.0 ? 0.0 : d));
  }

  /**
   * The hash of a non-null object value. A decimal hashes by its double, which is the correctly
   * rounded value of the decimal whatever its scale, so SQL-equal decimals hash alike without
   * stripping trailing zeros (an allocation per value).
   */
  static int objectHash(Object o) {
    int h;
    if (o instanceof String s) {
      h = s.hashCode();
    } else if (o instanceof BigDecimal d) {
      h = d.signum() == 0 ? 0 : Double.hashCode(d.doubleValue());
    } else if (o instanceof byte[] b) {
      h = Arrays.hashCode(b);
    } else {
      h = Cells.normalize(o).hashCode();
    }
    // String's and Arrays' hashes are weak in their low bits, which pick the slot
    h *= COMBINE;
    return h ^ (h >>> 16);
  }

  static boolean sameDouble(double a, double b) {
    return a == b || (a != a && b != b);
  }

  static boolean sameObject(Object a, Object b) {
    if (a instanceof String s) {
      return s.equals(b);
    }
    if (a instanceof BigDecimal x) {
      return b instanceof BigDecimal y && x.compareTo(y) == 0;
    }
    if (a instanceof byte[] x) {
      return b instanceof byte[] y && Arrays.equals(x, y);
    }
    return Cells.normalize(a).equals(Cells.normalize(b));
  }
}
