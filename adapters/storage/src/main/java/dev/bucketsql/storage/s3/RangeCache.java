package dev.bucketsql.storage.s3;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Byte ranges of object versions read before, kept in memory up to a number of bytes, the least
 * recently used dropped first: a query over the objects the last one read fetches only what that
 * one did not.
 *
 * <p>A piece is the bytes {@code [start, start + data.length)} of one version (key and ETag) of one
 * object, exactly as a ranged GET returned them; pieces of one version never overlap, since readers
 * fetch only the gaps between the pieces they found. One cache belongs to one set of store settings
 * (endpoint, bucket, credentials), so a store only ever finds bytes that its own credentials read.
 *
 * <p>All the caches of a JVM together hold at most the largest capacity any of them was given: a
 * server whose users hold different credentials has one cache each, and their sum stays bounded. A
 * cache that would pass that bound drops its own least recently used pieces, and keeps the new one
 * only if that makes room. The caches on one {@link Budget} share its lock. Thread-safe.
 */
final class RangeCache {
  /** A cached range of one object version: its first byte's offset and its bytes. */
  record Piece(long start, byte[] data) {
    long end() {
      return start + data.length;
    }
  }

  private record Version(String key, String etag) {}

  private record PieceKey(Version version, long start) {}

  /**
   * What a set of caches may hold together, and the lock that guards them all: the largest capacity
   * any of them was given, and what they hold now.
   */
  static final class Budget {
    /** The budget of the JVM's stores. */
    static final Budget JVM = new Budget();

    private long held;
    private long bound;

    /** Bytes held by the caches on this budget. */
    long held() {
      synchronized (this) {
        return held;
      }
    }

    /** What the caches on this budget may hold together. */
    long bound() {
      synchronized (this) {
        return bound;
      }
    }
  }

  private final Budget budget;
  private final long capacity;
  private final Map<Version, TreeMap<Long, Piece>> byVersion = new HashMap<>();
  private final LinkedHashMap<PieceKey, Piece> byUse = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;

  /** A cache holding at most {@code capacity} bytes of pieces. */
  RangeCache(long capacity) {
    this(capacity, Budget.JVM);
  }

  /** A cache holding at most {@code capacity} bytes, and with the others on {@code budget}. */
  RangeCache(long capacity, Budget budget) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.budget = budget;
    synchronized (budget) {
      budget.bound = Math.max(budget.bound, capacity);
    }
  }

  /** The most bytes held. */
  long capacity() {
    return capacity;
  }

  /** The bytes held now. */
  long bytes() {
    synchronized (budget) {
      return bytes;
    }
  }

  /** Whether any bytes of version {@code etag} of {@code key} are held. */
  boolean holds(String key, String etag) {
    synchronized (budget) {
      TreeMap<Long, Piece> pieces = byVersion.get(new Version(key, etag));
      return pieces != null && !pieces.isEmpty();
    }
  }

  /**
   * The pieces of version {@code etag} of {@code key} that overlap {@code [start, end)}, in order
   * of offset, each counted as used now.
   */
  List<Piece> overlapping(String key, String etag, long start, long end) {
    synchronized (budget) {
      return find(key, etag, start, end);
    }
  }

  private List<Piece> find(String key, String etag, long start, long end) {
    Version v = new Version(key, etag);
    TreeMap<Long, Piece> pieces = byVersion.get(v);
    if (pieces == null) {
      return List.of();
    }
    List<Piece> found = new ArrayList<>();
    Map.Entry<Long, Piece> before = pieces.floorEntry(start);
    Long from = before != null && before.getValue().end() > start ? before.getKey() : start;
    for (Piece p : pieces.subMap(from, true, end, false).values()) {
      found.add(p);
      byUse.get(new PieceKey(v, p.start()));
    }
    return found;
  }

  /**
   * Keeps {@code data} as the bytes at {@code start} of version {@code etag} of {@code key}, unless
   * it overlaps a piece already held (another reader fetched the same gap meanwhile) or is larger
   * than the whole cache; then drops the least recently used pieces until the cache fits again.
   */
  void put(String key, String etag, long start, byte[] data) {
    synchronized (budget) {
      keep(key, etag, start, data);
    }
  }

  private void keep(String key, String etag, long start, byte[] data) {
    if (data.length == 0 || data.length > capacity) {
      return;
    }
    Version v = new Version(key, etag);
    TreeMap<Long, Piece> held = byVersion.get(v);
    if (held != null) {
      Map.Entry<Long, Piece> before = held.floorEntry(start);
      Long after = held.ceilingKey(start);
      if ((before != null && before.getValue().end() > start)
          || (after != null && after < start + data.length)) {
        return;
      }
    }
    Iterator<Map.Entry<PieceKey, Piece>> oldest = byUse.entrySet().iterator();
    while ((bytes + data.length > capacity || budget.held + data.length > budget.bound)
        && oldest.hasNext()) {
      Map.Entry<PieceKey, Piece> e = oldest.next();
      oldest.remove();
      forget(e.getKey().version(), e.getValue());
    }
    if (budget.held + data.length > budget.bound) {
      return;
    }
    TreeMap<Long, Piece> pieces = byVersion.computeIfAbsent(v, k -> new TreeMap<>());
    Piece piece = new Piece(start, data);
    pieces.put(start, piece);
    byUse.put(new PieceKey(v, start), piece);
    bytes += data.length;
    budget.held += data.length;
  }

  /** Drops every piece: the stores on this cache are closed. */
  void clear() {
    synchronized (budget) {
      budget.held -= bytes;
      bytes = 0;
      byUse.clear();
      byVersion.clear();
    }
  }

  /** Drops every piece of every version of {@code key}. */
  void drop(String key) {
    synchronized (budget) {
      dropKey(key);
    }
  }

  private void dropKey(String key) {
    Iterator<Map.Entry<PieceKey, Piece>> it = byUse.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<PieceKey, Piece> e = it.next();
      if (e.getKey().version().key().equals(key)) {
        it.remove();
        forget(e.getKey().version(), e.getValue());
      }
    }
  }

  private void forget(Version v, Piece piece) {
    TreeMap<Long, Piece> pieces = byVersion.get(v);
    pieces.remove(piece.start());
    if (pieces.isEmpty()) {
      byVersion.remove(v);
    }
    bytes -= piece.data().length;
    budget.held -= piece.data().length;
  }
}
