package dev.bucketsql.calcite;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.pushdown.FilterTranslator;
import dev.bucketsql.calcite.pushdown.PredicateText;
import dev.bucketsql.calcite.pushdown.ScanRegistry;
import dev.bucketsql.calcite.pushdown.ScanReport;
import dev.bucketsql.calcite.rel.BucketTableScan;
import dev.bucketsql.format.DataFile;
import dev.bucketsql.format.FileSummary;
import dev.bucketsql.format.PrunableCursor;
import dev.bucketsql.format.PruningStats;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.format.TableSchema;
import dev.bucketsql.format.predicate.ScanPredicate;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One data file as a SQL table. The planner turns it into a {@link BucketTableScan}, into which
 * rules push the projected columns and the translatable filter conjuncts; at run time the conjuncts
 * become a {@link ScanPredicate} (with the values of {@code ?} parameters) passed to {@link
 * DataFile#scan}, where Parquet prunes row groups with it. The filter itself always stays above the
 * scan, so results do not depend on what was pruned.
 *
 * <p>Not a {@code ProjectableFilterableTable} on purpose: Calcite's own rules for those would also
 * rewrite our scans, and its interpreter path (Bindables) is slower than the generated code of our
 * enumerable scan.
 */
public final class BucketTable extends AbstractTable implements ScannableTable, TranslatableTable {
  private static final Logger LOG = LoggerFactory.getLogger(BucketTable.class);

  /** Bytes a CSV row is guessed to take when no row count is known. */
  static final int BYTES_PER_ROW_GUESS = 100;

  private final ObjectInfo object;
  private final DataFile file;

  BucketTable(ObjectInfo object, DataFile file) {
    this.object = requireNonNull(object, "object is null");
    this.file = requireNonNull(file, "file is null");
  }

  /** The object this table reads. */
  public ObjectInfo object() {
    return object;
  }

  /** The format reader behind this table. */
  public DataFile file() {
    return file;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return ColumnTypes.rowType(typeFactory, file.schema());
  }

  /** The row count when the format knows it from metadata (Parquet footers), for join planning. */
  @Override
  public Statistic getStatistic() {
    if (file instanceof FileSummary summary) {
      try {
        OptionalLong rows = summary.exactRowCount();
        if (rows.isPresent()) {
          return Statistics.of(rows.getAsLong(), List.of());
        }
      } catch (RuntimeException e) {
        LOG.debug("no row count for '{}'", object.key(), e);
      }
    }
    return Statistics.UNKNOWN;
  }

  /**
   * Rows this table probably holds, to choose which side of a join to hold in memory: the footer's
   * row count where the format knows it, else the object's size at {@value #BYTES_PER_ROW_GUESS}
   * bytes a row (a CSV table is not read to plan a statement).
   */
  public double estimatedRows() {
    Double rows = getStatistic().getRowCount();
    return rows != null ? rows : Math.max(1D, object.size() / (double) BYTES_PER_ROW_GUESS);
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return BucketTableScan.create(context.getCluster(), relOptTable, this);
  }

  /** Every row, every column. */
  @Override
  public Enumerable<@Nullable Object[]> scan(DataContext root) {
    return scanPushed(root, List.of(), null);
  }

  /**
   * {@link #scanPushed} for exactly one projected column, each row as its bare value: the row
   * format Calcite's generated code expects for one-column rows.
   */
  public Enumerable<@Nullable Object> scanPushedScalar(
      DataContext root, List<RexNode> pushed, int[] projects) {
    if (projects.length != 1) {
      throw new IllegalArgumentException(
          "a scalar scan projects one column, not " + projects.length);
    }
    return scanPushed(root, pushed, projects).select(row -> row[0]);
  }

  /**
   * The rows of the projected columns, reading only what {@code pushed} may need. Called by the
   * code Calcite generates for a {@link BucketTableScan}.
   *
   * @param pushed filter conjuncts over the table's columns ({@code RexInputRef} index = file
   *     column index); they are translated with the values of the statement's parameters and only
   *     used to skip data, never to drop rows
   * @param projects file column indexes to produce, null for all
   */
  public Enumerable<@Nullable Object[]> scanPushed(
      DataContext root, List<RexNode> pushed, int @Nullable [] projects) {
    ScanSetup setup = setup(root, pushed, projects);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<@Nullable Object[]> enumerator() {
        // The store counts every request in its own totals too; the scan's counters are its own,
        // and go on to the connection's.
        IoStats stats = setup.newStats(root);
        ScanSpec spec = setup.spec(stats);
        CursorEnumerator e =
            new CursorEnumerator(file, spec, setup.cancelFlag(), setup.timeoutMillis());
        setup.record(
            root,
            file,
            stats,
            () -> e.cursor() instanceof PrunableCursor p ? p.pruningStats() : PruningStats.NONE,
            e::rows);
        return e;
      }
    };
  }

  /**
   * Starts the checks of the object versions this table reads ({@link DataFile#checkAhead}) before
   * its scans ask, for the execution whose counters are {@code execution}: a child of the query's
   * ({@link #queryStats}), which owns the checks and ends them.
   */
  public void checkAhead(IoStats execution) {
    file.checkAhead(execution);
  }

  /** The counters of the query running {@code root}, or null outside a connection. */
  public static @Nullable IoStats queryStats(DataContext root) {
    QueryProvider connection = root.getQueryProvider();
    return connection == null ? null : ScanRegistry.of(connection).queryStats(root);
  }

  /**
   * A scan of the projected columns read batch by batch ({@link BucketBatchScan}), for operators
   * that consume many rows column by column; the same pruning, statistics, scan report and cancel
   * and timeout checks as {@link #scanPushed}.
   */
  public BucketBatchScan scanBatches(DataContext root, List<RexNode> pushed, int[] projects) {
    return scanBatches(root, pushed, projects, List.of(), false);
  }

  /**
   * As {@link #scanBatches(DataContext, List, int[])}, with {@code attachments} added to the scan's
   * spec (the runtime keys of joins above, {@code RuntimeKeyFilter}), for an engine execution: its
   * rows leave the execution only once the query's started version checks answered ({@code
   * EngineExec}), so the scan reads cached bytes while its object's check is under way ({@link
   * IoStats#deferringChecks()}).
   */
  public BucketBatchScan scanBatches(
      DataContext root, List<RexNode> pushed, int[] projects, List<Object> attachments) {
    return scanBatches(root, pushed, projects, attachments, true);
  }

  private BucketBatchScan scanBatches(
      DataContext root,
      List<RexNode> pushed,
      int[] projects,
      List<Object> attachments,
      boolean checksAwaited) {
    ScanSetup setup = setup(root, pushed, projects);
    IoStats stats = checksAwaited ? setup.newDeferringStats(root) : setup.newStats(root);
    ScanSpec spec = setup.spec(stats);
    for (Object a : attachments) {
      spec = spec.with(a);
    }
    BucketBatchScan scan =
        new BucketBatchScan(file, spec, setup.cancelFlag(), setup.timeoutMillis());
    setup.record(root, file, stats, scan::pruningStats, scan::rows);
    return scan;
  }

  /**
   * One scan, as {@link #scanBatches}, divided into pieces that threads read independently ({@link
   * DataFile#splits}): each piece prunes by the pushed filter and checks the cancel flag and the
   * scan's one deadline, and the scan reports once, the pieces' rows and pruning added up. For the
   * workers of an engine execution, whose rows wait for the query's version checks as {@link
   * #scanBatches(DataContext, List, int[], List)}'s.
   */
  public BucketScanPieces scanPieces(DataContext root, List<RexNode> pushed, int[] projects) {
    ScanSetup setup = setup(root, pushed, projects);
    IoStats stats = setup.newDeferringStats(root);
    ScanSpec spec = setup.spec(stats);
    BucketScanPieces pieces =
        new BucketScanPieces(file.splits(spec), spec, setup.cancelFlag(), setup.timeoutMillis());
    setup.record(root, file, stats, pieces::pruningStats, pieces::rows);
    return pieces;
  }

  private ScanSetup setup(DataContext root, List<RexNode> pushed, int @Nullable [] projects) {
    TableSchema schema = file.schema();
    QueryProvider connection = root.getQueryProvider();
    ScanRegistry registry = connection == null ? null : ScanRegistry.of(connection);
    boolean pushdown = registry == null || registry.pushdown();
    ScanPredicate predicate =
        pushdown && !pushed.isEmpty()
            ? FilterTranslator.translate(pushed, schema, i -> root.get("?" + i))
            : ScanPredicate.all();
    int[] projection =
        projects == null
            ? ScanSpec.allColumns(schema, new IoStats()).projection()
            : projects.clone();
    List<String> names = new ArrayList<>();
    for (int p : projection) {
      names.add(schema.column(p).name());
    }
    String predicateText = PredicateText.of(predicate, schema);
    AtomicBoolean cancelFlag = DataContext.Variable.CANCEL_FLAG.get(root);
    Long timeout = DataContext.Variable.TIMEOUT.get(root);
    long timeoutMillis = timeout == null ? 0 : timeout;
    return new ScanSetup(
        registry, pushdown, predicate, projection, names, predicateText, cancelFlag, timeoutMillis);
  }

  /** What one scan of a statement is given: its predicate, projection and cancel checks. */
  private record ScanSetup(
      @Nullable ScanRegistry registry,
      boolean pushdown,
      ScanPredicate predicate,
      int[] projection,
      List<String> names,
      String predicateText,
      @Nullable AtomicBoolean cancelFlag,
      long timeoutMillis) {
    /**
     * Counters for one scan, adding up into its query's and the connection's; the scans of one
     * query confirm each object version with the server once between them.
     */
    IoStats newStats(DataContext root) {
      return registry == null ? new IoStats().forQuery() : registry.queryStats(root).child();
    }

    /**
     * As {@link #newStats}, for a scan whose rows wait for the query's version checks before they
     * leave its execution ({@link IoStats#deferringChecks()}).
     */
    IoStats newDeferringStats(DataContext root) {
      return registry == null
          ? new IoStats().forQuery()
          : registry.queryStats(root).deferringChecks();
    }

    /** The scan's spec, carrying the connection's CSV reject log when it has one. */
    ScanSpec spec(IoStats stats) {
      ScanSpec spec = new ScanSpec(projection, stats, predicate);
      return registry == null ? spec : registry.rejects().map(spec::with).orElse(spec);
    }

    void record(
        DataContext root,
        DataFile file,
        IoStats stats,
        Supplier<PruningStats> pruning,
        LongSupplier rows) {
      if (registry == null) {
        return;
      }
      registry.record(
          root,
          () ->
              new ScanReport(
                  file.key(),
                  names,
                  pushdown,
                  predicateText,
                  pruning.get(),
                  stats.snapshot(),
                  rows.getAsLong()));
    }
  }
}
