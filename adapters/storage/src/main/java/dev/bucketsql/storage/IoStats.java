package dev.bucketsql.storage;

import java.util.concurrent.atomic.LongAdder;

/**
 * Thread-safe counters of requests made and bytes fetched. Counters form a tree: what is recorded
 * in a child is also recorded in its parent, so a store keeps totals while each query keeps its
 * own. A query's node ({@link #forQuery()}) also holds the object versions the query confirmed with
 * the server ({@link VersionChecks}), shared by every input opened under it.
 */
public final class IoStats {
  private final IoStats parent;
  private final LongAdder listRequests = new LongAdder();
  private final LongAdder headRequests = new LongAdder();
  private final LongAdder getRequests = new LongAdder();
  private final LongAdder bytesFetched = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder openBodies = new LongAdder();
  private final VersionChecks versions;
  private final boolean defers;

  /** A root counter set. */
  public IoStats() {
    this(null, null, false);
  }

  private IoStats(IoStats parent, VersionChecks versions, boolean defers) {
    this.parent = parent;
    this.versions = versions;
    this.defers = defers;
  }

  /** A new counter set whose records are added to this one too. */
  public IoStats child() {
    return new IoStats(this, null, false);
  }

  /**
   * A child whose inputs read the cached bytes of a version whose check the query started ahead
   * ({@link VersionChecks#deferRead}) without waiting for the server's answer: for a reader whose
   * results are held back until every started check answered ({@link VersionChecks#awaitStarted}),
   * so the round trip overlaps the reading instead of coming before it. A version whose check was
   * not started is still confirmed before its cached bytes are read.
   */
  public IoStats deferringChecks() {
    return new IoStats(this, null, true);
  }

  /** Whether inputs under this node may read before their started check answered. */
  public boolean defersChecks() {
    for (IoStats s = this; s != null && s.versions == null; s = s.parent) {
      if (s.defers) {
        return true;
      }
    }
    return false;
  }

  /**
   * A child for one query: the inputs opened under it or its children confirm each object version
   * with the server once for the whole query ({@link #versionChecks()}).
   */
  public IoStats forQuery() {
    return new IoStats(this, new VersionChecks(), false);
  }

  /**
   * As {@link #forQuery()}, for a query that may be stopped: {@code stopped} says why ("query
   * cancelled"), or null while it goes on, and a wait for a version check ends when it does.
   */
  public IoStats forQuery(java.util.function.Supplier<String> stopped) {
    return new IoStats(this, new VersionChecks(stopped), false);
  }

  /**
   * The version checks of the nearest query node above (or at) this one, or null outside a query
   * (then each input checks on its own).
   */
  public VersionChecks versionChecks() {
    for (IoStats s = this; s != null; s = s.parent) {
      if (s.versions != null) {
        return s.versions;
      }
    }
    return null;
  }

  /** Counts one LIST request (one page). */
  public void recordList() {
    for (IoStats s = this; s != null; s = s.parent) {
      s.listRequests.increment();
    }
  }

  /** Counts one HEAD request. */
  public void recordHead() {
    for (IoStats s = this; s != null; s = s.parent) {
      s.headRequests.increment();
    }
  }

  /** Counts one GET request. */
  public void recordGet() {
    for (IoStats s = this; s != null; s = s.parent) {
      s.getRequests.increment();
    }
  }

  /** Counts one retried request. */
  public void recordRetry() {
    for (IoStats s = this; s != null; s = s.parent) {
      s.retries.increment();
    }
  }

  /** Counts {@code n} bytes of object data received. */
  public void recordBytes(long n) {
    for (IoStats s = this; s != null; s = s.parent) {
      s.bytesFetched.add(n);
    }
  }

  /** Counts one object body opened: its HTTP connection is held until {@link #recordBodyClosed}. */
  public void recordBodyOpened() {
    for (IoStats s = this; s != null; s = s.parent) {
      s.openBodies.increment();
    }
  }

  /** Counts one object body read to its end or aborted: its connection is free again. */
  public void recordBodyClosed() {
    for (IoStats s = this; s != null; s = s.parent) {
      s.openBodies.decrement();
    }
  }

  /**
   * Object bodies open now, each holding one connection of the pool. Zero once every query is
   * closed; more means a stream was left open and its connection is lost to the pool.
   */
  public long openBodies() {
    return openBodies.sum();
  }

  /** LIST requests (pages) made. */
  public long listRequests() {
    return listRequests.sum();
  }

  /** HEAD requests made. */
  public long headRequests() {
    return headRequests.sum();
  }

  /** GET requests made, ranged or not. */
  public long getRequests() {
    return getRequests.sum();
  }

  /** Requests retried after a transient failure. */
  public long retries() {
    return retries.sum();
  }

  /** All requests: LIST, HEAD and GET. */
  public long requests() {
    return listRequests() + headRequests() + getRequests();
  }

  /** Bytes of object data received. */
  public long bytesFetched() {
    return bytesFetched.sum();
  }

  /** An immutable copy of the counters now. */
  public Snapshot snapshot() {
    return new Snapshot(listRequests(), headRequests(), getRequests(), retries(), bytesFetched());
  }

  @Override
  public String toString() {
    return snapshot().toString();
  }

  /**
   * The counters at one moment.
   *
   * @param listRequests LIST requests (pages)
   * @param headRequests HEAD requests
   * @param getRequests GET requests
   * @param retries retried requests
   * @param bytesFetched bytes of object data received
   */
  public record Snapshot(
      long listRequests, long headRequests, long getRequests, long retries, long bytesFetched) {
    /** All requests. */
    public long requests() {
      return listRequests + headRequests + getRequests;
    }

    /** What happened between {@code before} and this snapshot. */
    public Snapshot minus(Snapshot before) {
      return new Snapshot(
          listRequests - before.listRequests,
          headRequests - before.headRequests,
          getRequests - before.getRequests,
          retries - before.retries,
          bytesFetched - before.bytesFetched);
    }
  }
}
