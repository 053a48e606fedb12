package dev.bucketsql.csv;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where lenient and skipping scans report what they stepped over: totals of every reject, and the
 * most recent {@link #capacity()} rejects themselves. A connection keeps one and shows it as a
 * table; it is thread-safe.
 */
public final class CsvRejectLog {
  /** Default number of rejects kept. */
  public static final int DEFAULT_CAPACITY = 10_000;

  private final int capacity;
  private final Deque<CsvReject> recent = new ArrayDeque<>();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong nulled = new AtomicLong();

  /** A log keeping the last {@code capacity} rejects. */
  public CsvRejectLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
  }

  /** A log keeping the last {@value #DEFAULT_CAPACITY} rejects. */
  public CsvRejectLog() {
    this(DEFAULT_CAPACITY);
  }

  /** How many rejects are kept. */
  public int capacity() {
    return capacity;
  }

  /** Records {@code reject}. */
  public void add(CsvReject reject) {
    (reject.kind() == CsvReject.Kind.SKIPPED ? skipped : nulled).incrementAndGet();
    synchronized (recent) {
      if (recent.size() == capacity) {
        recent.removeFirst();
      }
      recent.addLast(reject);
    }
  }

  /** The most recent rejects, oldest first. */
  public List<CsvReject> recent() {
    synchronized (recent) {
      return new ArrayList<>(recent);
    }
  }

  /** Records skipped since this log was created. */
  public long skipped() {
    return skipped.get();
  }

  /** Values nulled since this log was created. */
  public long nulled() {
    return nulled.get();
  }

  /** Forgets the kept rejects (the totals stay). */
  public void clear() {
    synchronized (recent) {
      recent.clear();
    }
  }
}
