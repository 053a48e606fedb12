package dev.bucketsql.engine.hash;

import dev.bucketsql.engine.Cells;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnBatch.Kind;
import dev.bucketsql.format.ColumnType;
import java.util.List;

/**
 * Numbers the distinct keys of one or more columns of any comparable type 0, 1, 2, ... in order of
 * first appearance, and keeps each key's values (as first seen) for output. SQL-equal values are
 * one key: -0.0 and 0.0, every NaN, 1.0 and 1.00. NULL is a key value of its own here; a join
 * leaves rows with a NULL key out before it asks.
 *
 * <p>One LONG or DOUBLE column goes through a {@link LongKeyTable}, whose slots hold the key
 * itself. Every other key goes through an open-addressing table of {@code long} slots, each the
 * key's 32-bit hash and its number (at most half of them used, doubled when that fills), with the
 * key values kept by {@link KeyRows} (a key's numbers and null flags side by side): a probe
 * compares hashes first and the values in place only on a match, so it allocates nothing (a string
 * key costs no more than the string the batch already holds). Callers that probe a whole batch hash
 * it first, a column at a time ({@link #hash(ColumnBatch, int[], int, int[])}), and pass each row's
 * hash to {@link #find(ColumnBatch, int[], int, int)} and {@link #add(ColumnBatch, int[], int,
 * int)}.
 *
 * <p>A grouping table ({@link #forGroups}) whose key mixes numbers (LONG, DOUBLE) and objects
 * hashes the numbers alone at first: equal keys still hash alike, and when the numbers tell the
 * keys apart (a customer's number beside its name, address and comment) no string is read to hash a
 * row, a cost of reading memory every string's first hash pays. Keys that share their numbers then
 * share their hash, so the table counts the probes that meet an equal hash of another key; past
 * {@link #WIDEN_AFTER} more of them than it holds keys it rehashes every key over all its columns
 * and hashes so from then on. A hash handed out before that (a batch's, already computed) is
 * recomputed where it is used, until the next batch is hashed.
 */
public final class KeyTable {
  /** Probes meeting another key's equal hash, beyond one per key, that make a table hash widely. */
  static final long WIDEN_AFTER = 1024;

  /** Slot bytes per key at most, just after the table doubled: what a new key is charged. */
  private static final long SLOT_BYTES_PER_KEY = 4 * 8;

  /**
   * What a new key of the one-column table is charged: up to four 16-byte slots (just after its
   * table doubled) and two 8-byte places in its keys by number (just after that array doubled).
   */
  private static final long PRIMITIVE_BYTES_PER_KEY = 4 * 16 + 2 * 8;

  private final Kind[] kinds;

  /**
   * The keys' values as first seen; null for one LONG column, whose values are the primitive
   * table's keys by number.
   */
  private final KeyRows firstValues;

  private final LongKeyTable primitive;
  private int nullId = -1;

  /**
   * The places of the LONG and DOUBLE key columns, the only ones hashed while not null (a grouping
   * table's key of numbers and objects); null once every column is hashed.
   */
  private int[] narrow;

  /** Whether a hash handed out since the last batch was hashed may be narrow: set by widening. */
  private boolean staleHashes;

  /**
   * Whether a probe has to look at {@link #probeHash} ({@link #narrow} or {@link #staleHashes}):
   * one test on the path of every other table.
   */
  private boolean watch;

  /** Probes that met an equal hash of another key while {@link #narrow}. */
  private long falseHits;

  /** Per slot: the key's hash in the high half, its number + 1 in the low half; 0 when empty. */
  private long[] slots;

  private int mask;

  /**
   * A table of keys of the columns {@code types}, at least one, whose {@link #find} changes nothing
   * (threads may probe it at once).
   */
  public KeyTable(List<ColumnType> types) {
    this(types, false);
  }

  /**
   * A table of keys of the columns {@code types} for one thread's grouping: one LONG or DOUBLE
   * column is numbered by {@link LongKeyTable#forGroups}, which hashes its keys only once they stop
   * coming in increasing order, and whose {@link #find} may therefore change it.
   */
  public static KeyTable forGroups(List<ColumnType> types) {
    return new KeyTable(types, true);
  }

  private KeyTable(List<ColumnType> types, boolean grouping) {
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
    boolean single = kinds.length == 1 && kinds[0] != Kind.OBJECT;
    // a double's first-seen bits (-0.0, a NaN's) differ from its key bits: kept apart
    firstValues = single && kinds[0] == Kind.LONG ? null : new KeyRows(kinds);
    primitive = !single ? null : grouping ? LongKeyTable.forGroups() : new LongKeyTable();
    if (!single) {
      slots = new long[64];
      mask = 63;
    }
    int numbers = 0;
    for (Kind k : kinds) {
      numbers += k == Kind.OBJECT ? 0 : 1;
    }
    if (grouping && numbers > 0 && numbers < kinds.length) {
      narrow = new int[numbers];
      for (int i = 0, k = 0; i < kinds.length; i++) {
        if (kinds[i] != Kind.OBJECT) {
          narrow[k++] = i;
        }
      }
      watch = true;
    }
  }

  /** Whether a key has an OBJECT column, whose values {@link #bytesOfNewKey} reads. */
  public boolean holdsObjects() {
    for (Kind k : kinds) {
      if (k == Kind.OBJECT) {
        return true;
      }
    }
    return false;
  }

  /** The kinds of the key columns, for a caller that checks two sides agree. */
  public Kind kind(int i) {
    return kinds[i];
  }

  /** Keys held. */
  public int size() {
    return firstValues == null ? primitive.size() : firstValues.size();
  }

  /** Bytes held now, estimated. */
  public long bytes() {
    long table = primitive != null ? primitive.bytes() : slots.length * 8L;
    return table + (firstValues == null ? 0 : firstValues.bytes());
  }

  /**
   * Estimated bytes one more key of row {@code r} of {@code batch} would add: its share of the
   * slots just after they doubled, its row of stored values as that store grows, and its objects.
   */
  public long bytesOfNewKey(ColumnBatch batch, int[] columns, int r) {
    long bytes = bytesOfNewKeyAside();
    for (int i = 0; i < kinds.length; i++) {
      if (kinds[i] == Kind.OBJECT && !batch.nulls(columns[i])[r]) {
        bytes += Cells.bytesOf(batch.objects(columns[i])[r]);
      }
    }
    return bytes;
  }

  /**
   * What {@link #bytesOfNewKey} charges a key besides its objects: all it charges when no key
   * column is an OBJECT ({@link #holdsObjects}), the same for every key.
   */
  public long bytesOfNewKeyAside() {
    long bytes = primitive != null ? PRIMITIVE_BYTES_PER_KEY : SLOT_BYTES_PER_KEY;
    return bytes + (firstValues == null ? 0 : firstValues.bytesPerRow());
  }

  /**
   * {@link #bytesOfNewKey} of each row of {@code [0, n)} whose number {@code ids} gives as -1 (a
   * key {@link #findAll} did not find), into {@code bytes}; the other rows' entries are left alone.
   * A column at a time: reading the strings' headers, the loads of different rows do not wait on
   * each other, where a key at a time, amid a probe of the table, waits for each in turn.
   */
  public void bytesOfNewKeys(ColumnBatch batch, int[] columns, int n, int[] ids, long[] bytes) {
    long base = bytesOfNewKeyAside();
    for (int r = 0; r < n; r++) {
      if (ids[r] < 0) {
        bytes[r] = base;
      }
    }
    for (int i = 0; i < kinds.length; i++) {
      if (kinds[i] != Kind.OBJECT) {
        continue;
      }
      boolean[] nulls = batch.nulls(columns[i]);
      Object[] values = batch.objects(columns[i]);
      for (int r = 0; r < n; r++) {
        if (ids[r] < 0 && !nulls[r]) {
          bytes[r] += Cells.bytesOf(values[r]);
        }
      }
    }
  }

  /**
   * The hashes of the keys of rows {@code [0, n)} of {@code batch} into {@code hashes}, for {@link
   * #find(ColumnBatch, int[], int, int)} and {@link #add(ColumnBatch, int[], int, int)}. A table of
   * one LONG or DOUBLE column hashes the value itself and leaves {@code hashes} alone.
   */
  public void hash(ColumnBatch batch, int[] columns, int n, int[] hashes) {
    if (primitive == null) {
      KeyHashes.hashColumns(batch, columns, kinds, narrow, n, hashes);
      staleHashes = false;
      watch = narrow != null;
    }
  }

  /**
   * The hash of the key of row {@code r}: what {@link #hash(ColumnBatch, int[], int, int[])} gives.
   */
  public int hash(ColumnBatch batch, int[] columns, int r) {
    return primitive == null ? KeyHashes.hashRow(batch, columns, kinds, narrow, r) : 0;
  }

  /**
   * The hash to probe with for row {@code r}, given the one the caller has: widens first when the
   * narrow hash has stopped telling keys apart, and recomputes a hash that may predate that.
   */
  private int probeHash(ColumnBatch batch, int[] columns, int r, int hash) {
    if (narrow != null && falseHits > WIDEN_AFTER + firstValues.size()) {
      widen();
    }
    return staleHashes ? KeyHashes.hashRow(batch, columns, kinds, r) : hash;
  }

  /** Rehashes every key over all its columns, into slots of the same size, and hashes so on. */
  private void widen() {
    narrow = null;
    staleHashes = true;
    watch = true;
    long[] fresh = new long[slots.length];
    int m = mask;
    for (int id = 0; id < firstValues.size(); id++) {
      int h = firstValues.hash(id);
      int i = h & m;
      while (fresh[i] != 0) {
        i = (i + 1) & m;
      }
      fresh[i] = ((long) h << 32) | (id + 1L);
    }
    slots = fresh;
  }

  /** Whether the table hashes only the number columns of its keys now (for tests). */
  boolean hashesNarrowly() {
    return narrow != null;
  }

  /** The number of the key in columns {@code columns} of row {@code r}, or -1 when absent. */
  public int find(ColumnBatch batch, int[] columns, int r) {
    return find(batch, columns, r, hash(batch, columns, r));
  }

  /** As {@link #find(ColumnBatch, int[], int)}, given the row's {@link #hash}. */
  public int find(ColumnBatch batch, int[] columns, int r, int hash) {
    if (primitive != null) {
      int c = columns[0];
      if (batch.nulls(c)[r]) {
        return nullId;
      }
      return primitive.find(primitiveKey(batch, c, r));
    }
    int h = watch ? probeHash(batch, columns, r, hash) : hash;
    long[] s = slots;
    int m = mask;
    for (int i = h & m; ; i = (i + 1) & m) {
      long e = s[i];
      if (e == 0) {
        return -1;
      }
      if ((int) (e >>> 32) == h) {
        int id = (int) e - 1;
        if (firstValues.same(batch, columns, r, id)) {
          return id;
        }
        missedOn();
      }
    }
  }

  private void missedOn() {
    // a probing join's table is never narrow, and stays unwritten while threads probe it
    if (narrow != null) {
      falseHits++;
    }
  }

  /**
   * The numbers of the keys of rows {@code [0, n)} into {@code ids} (-1 for a key never added; a
   * NULL key is a key of its own, as in {@link #find}), given their {@link #hash}es. One tight loop
   * over the batch: the lookups of different rows do not wait on each other, so their cache misses
   * overlap, where a lookup per row amid other work waits for each in turn.
   */
  public void findAll(ColumnBatch batch, int[] columns, int n, int[] hashes, int[] ids) {
    if (primitive == null) {
      for (int r = 0; r < n; r++) {
        ids[r] = find(batch, columns, r, hashes[r]);
      }
      return;
    }
    int c = columns[0];
    boolean[] nulls = batch.nulls(c);
    LongKeyTable t = primitive;
    int nullNumber = nullId;
    if (kinds[0] == Kind.LONG) {
      t.findAll(batch.longs(c), nulls, n, nullNumber, ids);
    } else {
      double[] values = batch.doubles(c);
      for (int r = 0; r < n; r++) {
        ids[r] = nulls[r] ? nullNumber : t.find(Cells.keyBits(values[r]));
      }
    }
  }

  /**
   * The number of the key of row {@code r}, given its {@link #hash}, added first when the table
   * does not hold it ({@link #size} then grows): one search of the slots where a {@link #find} and
   * then an {@link #add} take two.
   */
  public int findOrAdd(ColumnBatch batch, int[] columns, int r, int hash) {
    if (primitive != null) {
      int id = find(batch, columns, r, hash);
      return id >= 0 ? id : add(batch, columns, r, hash);
    }
    int h = watch ? probeHash(batch, columns, r, hash) : hash;
    int i = h & mask;
    for (long e = slots[i]; e != 0; e = slots[i]) {
      if ((int) (e >>> 32) == h) {
        int id = (int) e - 1;
        if (firstValues.same(batch, columns, r, id)) {
          return id;
        }
        missedOn();
      }
      i = (i + 1) & mask;
    }
    return claim(i, h, batch, columns, r, -1);
  }

  /**
   * Puts the key of row {@code r} in empty slot {@code i} as the next number, and returns it; its
   * objects cost {@code objectBytes}, or -1 when not known yet.
   */
  private int claim(int i, int hash, ColumnBatch batch, int[] columns, int r, long objectBytes) {
    int id = firstValues.size();
    slots[i] = ((long) hash << 32) | (id + 1L);
    if ((id + 1L) * 2 > slots.length) {
      rehash();
    }
    return firstValues.append(batch, columns, r, objectBytes);
  }

  /** Adds the key of row {@code r}, which {@link #find} does not know, and returns its number. */
  public int add(ColumnBatch batch, int[] columns, int r) {
    return add(batch, columns, r, hash(batch, columns, r));
  }

  /** As {@link #add(ColumnBatch, int[], int)}, given the row's {@link #hash}. */
  public int add(ColumnBatch batch, int[] columns, int r, int hash) {
    return add(batch, columns, r, hash, -1);
  }

  /**
   * As {@link #add(ColumnBatch, int[], int, int)}, given also the key's {@link #bytesOfNewKey} when
   * the caller has it ({@code -1} when not), which spares reading its objects again.
   */
  public int add(ColumnBatch batch, int[] columns, int r, int hash, long newKeyBytes) {
    long objectBytes = newKeyBytes < 0 ? -1 : newKeyBytes - bytesOfNewKeyAside();
    if (primitive != null) {
      int c = columns[0];
      int id;
      if (batch.nulls(c)[r]) {
        if (nullId >= 0) {
          throw new IllegalArgumentException("NULL key already added");
        }
        nullId = primitive.addUnkeyed();
        id = nullId;
      } else {
        id = primitive.add(primitiveKey(batch, c, r));
      }
      if (firstValues == null) {
        return id;
      }
    } else {
      int h = watch ? probeHash(batch, columns, r, hash) : hash;
      int i = h & mask;
      for (long e = slots[i]; e != 0; e = slots[i]) {
        if ((int) (e >>> 32) == h) {
          if (firstValues.same(batch, columns, r, (int) e - 1)) {
            throw new IllegalArgumentException("key already added");
          }
          missedOn();
        }
        i = (i + 1) & mask;
      }
      return claim(i, h, batch, columns, r, objectBytes);
    }
    return firstValues.append(batch, columns, r, objectBytes);
  }

  private void rehash() {
    long[] old = slots;
    long[] grown = new long[old.length * 2];
    int m = grown.length - 1;
    for (long e : old) {
      if (e != 0) {
        int i = (int) (e >>> 32) & m;
        while (grown[i] != 0) {
          i = (i + 1) & m;
        }
        grown[i] = e;
      }
    }
    slots = grown;
    mask = m;
  }

  private long primitiveKey(ColumnBatch batch, int c, int r) {
    return kinds[0] == Kind.LONG ? batch.longs(c)[r] : Cells.keyBits(batch.doubles(c)[r]);
  }

  /** The values of key {@code id}, as first seen, copied to row {@code outRow} of {@code out}. */
  public void copyKey(int id, ColumnBatch out, int outRow, int outColumn) {
    if (firstValues == null) {
      boolean isNull = id == nullId;
      out.nulls(outColumn)[outRow] = isNull;
      out.longs(outColumn)[outRow] = isNull ? 0 : primitive.key(id);
      return;
    }
    firstValues.copyTo(id, out, outRow, outColumn);
  }
}
