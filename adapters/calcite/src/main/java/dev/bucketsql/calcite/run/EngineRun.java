package dev.bucketsql.calcite.run;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.BucketBatchScan;
import dev.bucketsql.calcite.BucketScanPieces;
import dev.bucketsql.calcite.exec.ConnectionMemory;
import dev.bucketsql.calcite.pushdown.ScanRegistry;
import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.join.HashJoin;
import dev.bucketsql.engine.join.KeyFilter;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.shared.SharedResult;
import dev.bucketsql.engine.spill.SpillSpace;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.function.Function0;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One execution of an engine plan: the statement's {@link DataContext}, the contexts its operators
 * share (memory limits from the connection, the statement's cancel flag and timeout) and the
 * enumerable inputs the plan reads rows from.
 */
public final class EngineRun {
  private final DataContext root;
  private final Function0<Enumerable<Object[]>>[] fallbacks;
  private final ExecContext query;
  private final ExecContext join;
  private final SpillSpace spill;
  private final int threads;
  private final @Nullable BucketScanPieces pieces;
  private final int piece;
  private final @Nullable SharedBuilds builds;
  private final @Nullable EngineRun whole;

  /** The key filters of this execution's joins, by the token each join's node made. */
  private final Map<Object, KeyFilter> keyFilters;

  /** The run the execution began with: whole tables, the statement's contexts, no worker's stop. */
  private final EngineRun base;

  /** The results of this execution's shared subplans, by their plan's token; the base run's. */
  private final Map<Object, SharedResult> shared;

  EngineRun(DataContext root, Function0<Enumerable<Object[]>>[] fallbacks) {
    this.root = requireNonNull(root, "root is null");
    this.fallbacks = fallbacks.clone();
    AtomicBoolean flag = DataContext.Variable.CANCEL_FLAG.get(root);
    Long timeout = DataContext.Variable.TIMEOUT.get(root);
    long deadline = timeout != null && timeout > 0 ? System.nanoTime() + timeout * 1_000_000 : 0;
    BooleanSupplier cancelled =
        () -> (flag != null && flag.get()) || (deadline != 0 && System.nanoTime() - deadline > 0);
    int batch = ColumnBatch.DEFAULT_CAPACITY;
    // one spill space for the query's operators: its files count against one spillLimit
    this.spill = new SpillSpace(ConnectionMemory.spill(root));
    this.query =
        new ExecContext(ConnectionMemory.limit(root, HeldBy.AGGREGATE), batch, cancelled, spill);
    // a join's build side follows joinMemory when the connection sets it
    this.join = new ExecContext(ConnectionMemory.limit(root, HeldBy.JOIN), batch, cancelled, spill);
    QueryProvider connection = root.getQueryProvider();
    this.threads =
        connection == null ? ScanRegistry.DEFAULT_THREADS : ScanRegistry.of(connection).threads();
    this.pieces = null;
    this.piece = -1;
    this.builds = null;
    this.whole = null;
    this.keyFilters = new ConcurrentHashMap<>();
    this.base = this;
    this.shared = new ConcurrentHashMap<>();
  }

  private EngineRun(
      EngineRun run,
      @Nullable BucketScanPieces pieces,
      int piece,
      @Nullable SharedBuilds builds,
      ExecContext query,
      ExecContext join) {
    this.root = run.root;
    this.fallbacks = run.fallbacks;
    this.spill = run.spill;
    this.query = query;
    this.join = join;
    this.threads = run.threads;
    this.pieces = pieces;
    this.piece = piece;
    this.builds = builds;
    this.keyFilters = run.keyFilters;
    this.base = run.base;
    this.shared = run.shared;
    this.whole = pieces == null ? null : new EngineRun(run, null, -1, null, query, join);
  }

  /**
   * The key filter of this execution for {@code token} (made when first asked for): a join
   * publishes its built keys to it and the operators under its probe side read it, whichever of
   * them opens first, on any thread of the execution.
   */
  KeyFilter keyFilter(Object token) {
    return keyFilters.computeIfAbsent(token, t -> new KeyFilter());
  }

  /**
   * This run as one worker of a parallel pipeline sees it: the scan of the pipeline reads only
   * piece {@code piece} of {@code pieces}, the hash joins of the pipeline probe the tables of
   * {@code builds} (null: each join builds its own), and the operators also stop once {@code
   * stopped} is true.
   */
  EngineRun forPiece(
      BucketScanPieces pieces, int piece, BooleanSupplier stopped, @Nullable SharedBuilds builds) {
    return new EngineRun(
        this, pieces, piece, builds, query.withStop(stopped), join.withStop(stopped));
  }

  /**
   * This run for the inputs outside a worker's pipeline (the build side of a join): whole tables,
   * with the worker's stop; this run itself when it is not a worker's.
   */
  EngineRun whole() {
    return whole == null ? this : whole;
  }

  /**
   * The result of the shared subplan {@code token} names in this execution, made by the first
   * consumer that opens: its input opens in the base run (whole tables, the statement's contexts),
   * whichever consumer, worker or not, asks first, and it is closed when the execution closes.
   */
  SharedResult shared(Object token, EngineNode input, List<ColumnType> types, String subject) {
    return shared.computeIfAbsent(
        token, t -> new SharedResult(() -> input.open(base), types, base.query, subject));
  }

  /**
   * Whether this run is a worker's whose joins probe shared tables ({@link #forPiece} with builds),
   * not whole tables nor the only piece read alone.
   */
  boolean sharesTables() {
    return builds != null;
  }

  /**
   * Whether this worker's piece comes after the scan's: the piece in which a join that tracks its
   * matches emits the build rows it owes, once every scan piece has probed its table.
   */
  boolean afterScan() {
    return pieces != null && piece >= pieces.count();
  }

  /** How many pieces the scan of this worker's pipeline has; 0 when it reads whole tables. */
  int scanPieces() {
    return pieces == null ? 0 : pieces.count();
  }

  /** The piece this worker reads, or -1 when it reads whole tables. */
  int piece() {
    return piece;
  }

  /** The shared table of {@code join} for this worker, or null (the join builds its own). */
  @Nullable HashJoin sharedJoin(SharedJoin join) {
    return builds == null ? null : builds.get(join, this);
  }

  /**
   * The scan of the piece this run reads, or null when it reads whole tables (not a worker of a
   * parallel pipeline).
   */
  @Nullable BucketBatchScan pieceScan() {
    return pieceScan(List.of());
  }

  /** As {@link #pieceScan()}, with {@code attachments} added to the piece's spec. */
  @Nullable BucketBatchScan pieceScan(List<Object> attachments) {
    if (afterScan()) {
      throw new IllegalStateException("the piece after the scan's reads no scan");
    }
    return pieces == null ? null : pieces.open(piece, attachments);
  }

  /** The most threads one pipeline runs on: the connection setting {@code threads}. */
  public int threads() {
    return threads;
  }

  /**
   * Closes the execution's shared results (their memory, spill files and inputs), then removes
   * whatever spill files are left, after the operators have closed (each deletes its own): a
   * backstop, so that no ending leaves files behind.
   */
  void close() {
    try {
      for (SharedResult r : shared.values()) {
        r.close();
      }
    } finally {
      spill.close();
    }
  }

  /** The statement's data context: dynamic parameters, the connection. */
  public DataContext root() {
    return root;
  }

  /** The context of operators bounded by {@code queryMemory} (aggregates, sorts, filters). */
  public ExecContext query() {
    return query;
  }

  /**
   * The context of hash joins, bounded by {@code joinMemory} when set, else {@code queryMemory}.
   */
  public ExecContext join() {
    return join;
  }

  /**
   * The rows of enumerable input {@code index} as an operator of {@code types}. Nothing runs before
   * its first batch is asked for: linq4j's iterator reads a row as it is made, and a failure then,
   * while the operator tree was still being opened, left the input's scans open with no one to
   * close them.
   */
  public Operator fallback(int index, List<ColumnType> types) {
    return new Operator() {
      private @Nullable Enumerator<Object[]> enumerator;
      private @Nullable Operator source;

      @Override
      public List<ColumnType> types() {
        return types;
      }

      @Override
      public ColumnBatch next() {
        query.checkCancelled();
        if (source == null) {
          Enumerator<Object[]> rows = fallbacks[index].apply().enumerator();
          enumerator = rows;
          source = Rows.source(types, Linq4j.enumeratorIterator(rows), query.batchSize());
        }
        return source.next();
      }

      @Override
      public void close() {
        try {
          if (source != null) {
            source.close();
          }
        } finally {
          if (enumerator != null) {
            enumerator.close();
          }
        }
      }
    };
  }
}
