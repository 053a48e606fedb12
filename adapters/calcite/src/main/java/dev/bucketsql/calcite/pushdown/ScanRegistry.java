package dev.bucketsql.calcite.pushdown;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.csv.CsvRejectLog;
import dev.bucketsql.engine.spill.SpillSettings;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.VersionChecks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Per-connection pushdown and memory settings and the scans of the connection's latest query, for
 * tests, the driver ({@code BucketSqlConnections}) and the server.
 *
 * <p>Keyed by the connection object (Calcite's {@code DataContext.getQueryProvider()} is the
 * connection), held weakly, so a closed and forgotten connection leaves nothing behind. The scans
 * of one query are those run with the same {@code DataContext}; the first scan of a new query
 * replaces the list.
 */
public final class ScanRegistry {
  /** Default for new connections: system property {@code bucketsql.pushdown}, else on. */
  private static final boolean DEFAULT_PUSHDOWN =
      Boolean.parseBoolean(System.getProperty("bucketsql.pushdown", "true"));

  /** Default for new connections: system property {@code bucketsql.engine}, else on. */
  private static final boolean DEFAULT_ENGINE =
      Boolean.parseBoolean(System.getProperty("bucketsql.engine", "true"));

  private static final Map<Object, ScanRegistry> REGISTRIES = new WeakHashMap<>();

  /** The connection setting that bounds what one operator of a query holds in memory. */
  public static final String QUERY_MEMORY_KEY = "queryMemory";

  /** The connection setting that bounds the threads of one pipeline. */
  public static final String THREADS_KEY = "threads";

  /** Threads of one pipeline unless the connection sets {@code threads}: the available cores. */
  public static final int DEFAULT_THREADS = Runtime.getRuntime().availableProcessors();

  /** The connection setting that, when given, bounds a join's in-memory side instead. */
  public static final String JOIN_MEMORY_KEY = "joinMemory";

  /**
   * Default memory one operator of a query may hold (an aggregate's groups, a sort's or a window's
   * rows, a join's in-memory side): system property {@code bucketsql.queryMemory} (bytes), else a
   * quarter of the JVM's maximum heap.
   */
  public static final long DEFAULT_QUERY_MEMORY =
      Long.getLong("bucketsql.queryMemory", Runtime.getRuntime().maxMemory() / 4);

  /** The system property {@code bucketsql.joinMemory} (bytes), or 0 when not given. */
  private static final long JOIN_MEMORY_PROPERTY = Long.getLong("bucketsql.joinMemory", 0L);

  /**
   * Default memory for the in-memory side of a join: system property {@code bucketsql.joinMemory}
   * (bytes), else {@link #DEFAULT_QUERY_MEMORY}.
   */
  public static final long DEFAULT_JOIN_MEMORY =
      JOIN_MEMORY_PROPERTY > 0 ? JOIN_MEMORY_PROPERTY : DEFAULT_QUERY_MEMORY;

  /**
   * The setting that bounds a join without a connection: {@link #JOIN_MEMORY_KEY} when the system
   * property {@code bucketsql.joinMemory} was given, else {@link #QUERY_MEMORY_KEY}.
   */
  public static final String DEFAULT_JOIN_MEMORY_KEY =
      JOIN_MEMORY_PROPERTY > 0 ? JOIN_MEMORY_KEY : QUERY_MEMORY_KEY;

  private volatile boolean pushdown = DEFAULT_PUSHDOWN;
  private volatile boolean fused = true;
  private volatile boolean engine = DEFAULT_ENGINE;
  private volatile long queryMemory = DEFAULT_QUERY_MEMORY;
  private volatile int threads = DEFAULT_THREADS;

  /** The joins' own limit; 0 while joins follow {@link #queryMemory}. */
  private volatile long joinMemory = JOIN_MEMORY_PROPERTY > 0 ? JOIN_MEMORY_PROPERTY : 0;

  private volatile @Nullable CsvRejectLog rejects;
  private volatile @Nullable SpillSettings spill;

  /** What this connection's scans fetched: each scan counts into a child of it. */
  private final IoStats io = new IoStats();

  private Object currentQuery;

  /** Each running query's counters, a child of {@link #io}, held while its context lives. */
  private final Map<Object, IoStats> queries = new WeakHashMap<>();

  private final List<Supplier<ScanReport>> scans = new ArrayList<>();

  /** Scans of the current query beyond {@link #LISTED}, counted but not kept. */
  private long unlisted;

  /** The most scans of one query whose reports are kept. */
  static final int LISTED = 1_000;

  private ScanRegistry() {}

  /** The registry of {@code connection}, created on first use. */
  public static ScanRegistry of(Object connection) {
    requireNonNull(connection, "connection is null");
    synchronized (REGISTRIES) {
      return REGISTRIES.computeIfAbsent(connection, c -> new ScanRegistry());
    }
  }

  /**
   * Drops the registry of {@code connection} (its pushdown setting and recorded scans) and ends the
   * version checks its queries started; the driver calls it when the connection closes, so nothing
   * of it stays until garbage collection.
   */
  public static void forget(Object connection) {
    requireNonNull(connection, "connection is null");
    ScanRegistry registry;
    synchronized (REGISTRIES) {
      registry = REGISTRIES.remove(connection);
    }
    if (registry != null) {
      registry.endQueries();
    }
  }

  /**
   * Ends the version checks that queries of this connection started ahead and that still run: the
   * connection closes, and a query left open on it (its result set never closed) must not keep a
   * HEAD going, or retry one, on an SDK client that other connections share.
   */
  private synchronized void endQueries() {
    for (IoStats query : queries.values()) {
      VersionChecks checks = query.versionChecks();
      if (checks != null) {
        checks.cancelAll();
      }
    }
  }

  /**
   * Whether a registry is held for {@code connection} (for tests and diagnostics; creates none).
   */
  public static boolean holds(Object connection) {
    requireNonNull(connection, "connection is null");
    synchronized (REGISTRIES) {
      return REGISTRIES.containsKey(connection);
    }
  }

  /**
   * Where CSV scans of this connection report what lenient and skipping reads stepped over. The
   * catalog and its tables are shared by the connections of equal settings, so the log travels with
   * each scan ({@link dev.bucketsql.format.ScanSpec#attachments()}), not with the table.
   */
  public Optional<CsvRejectLog> rejects() {
    return Optional.ofNullable(rejects);
  }

  /** Sets this connection's CSV reject log; see {@link #rejects()}. */
  public void setRejects(CsvRejectLog log) {
    this.rejects = requireNonNull(log, "log is null");
  }

  /**
   * The requests and bytes of this connection's scans since it opened: each scan counts into a
   * {@link IoStats#child()} of it. The catalog's own requests (listing, schema samples, Parquet
   * footers) are not here: the catalog is shared by the connections of equal settings, and its
   * store counts them ({@code BucketSchema.stats()}).
   */
  public IoStats ioStats() {
    return io;
  }

  /**
   * The counters of one query of this connection ({@code query} is its {@code DataContext}, new for
   * each execution): a {@link IoStats#forQuery()} child of {@link #ioStats()}, so the query's scans
   * confirm each object version with the server once between them. A scan waiting for a version
   * check stops when the statement is cancelled or its timeout passes (counted from the first
   * call).
   */
  public synchronized IoStats queryStats(DataContext query) {
    requireNonNull(query, "query is null");
    return queries.computeIfAbsent(query, q -> io.forQuery(stop(query)::get));
  }

  /** Why {@code root}'s statement stops (cancelled, timed out), or null while it goes on. */
  private static Supplier<@Nullable String> stop(DataContext root) {
    AtomicBoolean flag = DataContext.Variable.CANCEL_FLAG.get(root);
    Long timeout = DataContext.Variable.TIMEOUT.get(root);
    long millis = timeout == null ? 0 : timeout;
    long deadline = millis > 0 ? System.nanoTime() + millis * 1_000_000 : 0;
    return () -> {
      if (flag != null && flag.get()) {
        return "query cancelled";
      }
      if (deadline != 0 && System.nanoTime() - deadline > 0) {
        return "query timed out after " + millis + " ms";
      }
      return null;
    };
  }

  /** Whether filters are pushed into scans of this connection. */
  public boolean pushdown() {
    return pushdown;
  }

  /**
   * Turns pushdown on or off for later scans. Off, every scan reads every row group; results are
   * the same, since filters always run above the scan too.
   */
  public void setPushdown(boolean enabled) {
    this.pushdown = enabled;
  }

  /**
   * Whether this connection's queries run the fused operators ({@code BucketScanAggregate}, {@code
   * BucketJoinAggregate}) where the plan has them: only with pushdown on as well.
   */
  public boolean fused() {
    return fused && pushdown;
  }

  /**
   * Turns the fused operators on or off for later executions (the connection setting {@code
   * fused}); off, the plan Calcite chose without them runs, with the same answers. Plans stay the
   * same: the switch is read when a statement runs, so a prepared statement follows it.
   */
  public void setFused(boolean enabled) {
    this.fused = enabled;
  }

  /**
   * Whether this connection's queries run the engine nodes ({@code EngineHashJoin}, {@code
   * EngineHashAggregate}, ...) where the plan has them (the connection setting {@code engine}).
   */
  public boolean engine() {
    return engine;
  }

  /**
   * Turns the execution engine on or off for later executions; off, the enumerable plan the engine
   * nodes stand for runs, with the same answers. Read when a statement runs, like {@link
   * #setFused}.
   */
  public void setEngine(boolean enabled) {
    this.engine = enabled;
  }

  /**
   * The bytes one operator of this connection's queries may hold in memory: an aggregate's groups,
   * a sort's or a window's rows, and a join's in-memory side unless {@code joinMemory} was given. A
   * query that needs more fails with an error naming the operator, the table and the setting {@code
   * queryMemory}. Each operator counts on its own.
   */
  public long queryMemory() {
    return queryMemory;
  }

  /**
   * The most threads one pipeline of this connection's queries runs on (the connection setting
   * {@code threads}; default the available cores): the pieces of a scan (a folder's objects, a
   * Parquet object's row groups) are filtered, projected and partially aggregated on that many
   * workers. 1 runs every query on the thread that reads its result.
   */
  public int threads() {
    return threads;
  }

  /** Sets {@link #threads()} for later queries; at least 1. */
  public void setThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException(THREADS_KEY + " must be at least 1: " + threads);
    }
    this.threads = threads;
  }

  /** Sets {@link #queryMemory()} for later queries; at least 1. */
  public void setQueryMemory(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException(QUERY_MEMORY_KEY + " must be at least 1 byte: " + bytes);
    }
    this.queryMemory = bytes;
  }

  /**
   * Whether, where and how much the engine's operators of this connection's queries may spill to
   * local disk when they outgrow their memory (settings {@code spill}, {@code spillDirectory},
   * {@code spillLimit}): on, under {@code java.io.tmpdir}/bucketsql-spill, up to a tenth of that
   * disk's free space (at most 100 GiB) unless set.
   */
  public SpillSettings spill() {
    SpillSettings s = spill;
    if (s == null) {
      s = SpillSettings.defaults();
      spill = s;
    }
    return s;
  }

  /** Sets {@link #spill()} for later queries. */
  public void setSpill(SpillSettings settings) {
    this.spill = requireNonNull(settings, "settings is null");
  }

  /**
   * The bytes the in-memory side of one join (the rows of its smaller input, keyed by the join key)
   * may take in this connection's queries: {@code joinMemory} when given (for the connection or as
   * the system property {@code bucketsql.joinMemory}), else {@link #queryMemory()}. A query whose
   * build side needs more fails with an error naming the table and {@link #joinMemoryKey()}.
   */
  public long joinMemory() {
    long join = joinMemory;
    return join > 0 ? join : queryMemory;
  }

  /**
   * The setting {@link #joinMemory()} comes from: {@code joinMemory} when given, else {@code
   * queryMemory}.
   */
  public String joinMemoryKey() {
    return joinMemory > 0 ? JOIN_MEMORY_KEY : QUERY_MEMORY_KEY;
  }

  /**
   * Sets {@link #joinMemory()} for later queries, apart from {@link #queryMemory()}; at least 1.
   */
  public void setJoinMemory(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException(JOIN_MEMORY_KEY + " must be at least 1 byte: " + bytes);
    }
    this.joinMemory = bytes;
  }

  /**
   * Records a scan of query {@code query} (any object identifying one execution); {@code report} is
   * asked for a fresh report whenever the scans are listed.
   */
  public synchronized void record(Object query, Supplier<ScanReport> report) {
    requireNonNull(report, "report is null");
    if (query != currentQuery) {
      currentQuery = query;
      scans.clear();
      unlisted = 0;
    }
    if (scans.size() < LISTED) {
      scans.add(report);
    } else {
      // a report holds its scan; a plan that scans an input again for each row of another (a
      // nested-loop join) would keep every one of them: 600,000 scans ran a 1 GB heap out
      unlisted++;
    }
  }

  /**
   * The scans of the latest query that scanned something, in the order they started: the first
   * {@value #LISTED}; {@link #unlistedScans()} counts the rest.
   */
  public synchronized List<ScanReport> latestScans() {
    List<ScanReport> result = new ArrayList<>();
    for (Supplier<ScanReport> s : scans) {
      result.add(s.get());
    }
    return Collections.unmodifiableList(result);
  }

  /** Scans of the latest query beyond the {@value #LISTED} that {@link #latestScans()} lists. */
  public synchronized long unlistedScans() {
    return unlisted;
  }

  /** Forgets the recorded scans. */
  public synchronized void clear() {
    currentQuery = null;
    scans.clear();
    unlisted = 0;
  }
}
