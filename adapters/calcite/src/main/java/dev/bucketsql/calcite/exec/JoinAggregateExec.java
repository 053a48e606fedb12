package dev.bucketsql.calcite.exec;

import dev.bucketsql.calcite.BucketBatchScan;
import dev.bucketsql.calcite.exec.JoinAggregatePlan.Input;
import dev.bucketsql.engine.hash.JoinIndex;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryLimit;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnBatch.Kind;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.function.Function0;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Runs a {@link JoinAggregatePlan}: reads the build input into a {@link JoinIndex} (rows with a
 * NULL key are dropped: they never match), counting its memory against the connection's {@code
 * joinMemory} (or {@code queryMemory} when that is not given); then streams the probe input batch
 * by batch and, for every build row with the same key, adds the joined row to its group's
 * accumulators, whose groups count against {@code queryMemory} ({@link GroupedAggregates}). When
 * the probe input is a plain scan it is read ahead on a thread of its own ({@link ProbeReadAhead},
 * at most 64 MB or an eighth of {@code joinMemory} of batches) while the build input is read, so
 * the two downloads and parsers overlap. Called by the code Calcite generates for {@link
 * dev.bucketsql.calcite.rel.BucketJoinAggregate}.
 *
 * <p>With pushdown switched off for the connection ({@code BucketSqlConnections.setPushdown}) the
 * plan Calcite would have run without the fused operator runs instead, so answers can be compared.
 */
public final class JoinAggregateExec {
  private final DataContext root;
  private final JoinAggregatePlan plan;
  private final @Nullable Enumerable<Object[]> buildRows;
  private final @Nullable Enumerable<Object[]> probeRows;
  private final MemoryLimit limit;
  private final long memoryLimit;

  /** Most bytes of probe batches read ahead while the build input is read. */
  private static final long READ_AHEAD_BYTES = 64L << 20;

  private JoinAggregateExec(
      DataContext root,
      JoinAggregatePlan plan,
      @Nullable Enumerable<Object[]> buildRows,
      @Nullable Enumerable<Object[]> probeRows,
      MemoryLimit limit) {
    this.root = root;
    this.plan = plan;
    this.buildRows = buildRows;
    this.probeRows = probeRows;
    this.limit = limit;
    this.memoryLimit = limit.bytes();
  }

  /**
   * The aggregate's rows, computed on the first enumeration.
   *
   * @param left the join's left input as Calcite computes it, used when that input is not read
   *     directly, else null
   * @param right likewise for the right input
   * @param unfused makes the same aggregate as Calcite plans it without this operator
   */
  public static Enumerable<Object[]> run(
      DataContext root,
      JoinAggregatePlan plan,
      @Nullable Enumerable<Object[]> left,
      @Nullable Enumerable<Object[]> right,
      Function0<Enumerable<Object[]>> unfused) {
    if (!ScanAggregateExec.pushdown(root)) {
      return unfused.apply();
    }
    MemoryLimit limit = ConnectionMemory.limit(root, HeldBy.JOIN);
    Enumerable<Object[]> build = plan.buildIsLeft() ? left : right;
    Enumerable<Object[]> probe = plan.buildIsLeft() ? right : left;
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return Linq4j.enumerator(new JoinAggregateExec(root, plan, build, probe, limit).execute());
      }
    };
  }

  private List<Object[]> execute() {
    Frame frame = new Frame();
    Input build = plan.build();
    GroupedAggregates aggregates =
        new GroupedAggregates(
            plan.groups(),
            plan.aggregates(),
            ConnectionMemory.limit(root, HeldBy.AGGREGATE),
            MemoryLimitExceededException.subject(List.of(build.name(), plan.probe().name())));
    Kind[] kinds = new Kind[build.types().length];
    for (int c = 0; c < kinds.length; c++) {
      kinds[c] = Kind.of(build.types()[c]);
    }
    BuildRows rows = new BuildRows(kinds, plan.storedBuildColumns(), plan.groupsOnBuild());
    JoinIndex index = new JoinIndex();
    Input probe = plan.probe();
    // the probe input starts downloading and parsing now, on its own thread, beside the build
    try (Source probeSource = open(probe, probeRows, true);
        Source source = open(build, buildRows, false)) {
      build(build, source, frame, aggregates.groups(), rows, index);
      return probe(probe, probeSource, frame, aggregates, rows, index);
    }
  }

  private void build(
      Input build, Source source, Frame frame, GroupIndex groups, BuildRows rows, JoinIndex index) {
    {
      ColumnBatch batch;
      while ((batch = source.next()) != null) {
        int n = batch.size();
        frame.columns[Frame.BUILD] = Frame.of(batch);
        long[] keys = batch.longs(build.key());
        boolean[] keyNulls = batch.nulls(build.key());
        for (int k = 0; k < n; k++) {
          if (keyNulls[k]) {
            continue;
          }
          int row = rows.size();
          long after = rows.bytesAfterNextAdd() + index.bytesAfterAdding(row);
          if (after > memoryLimit) {
            throw buildTooBig(build, row);
          }
          int group = 0;
          if (plan.groupsOnBuild()) {
            frame.rows[Frame.BUILD] = k;
            group = groups.groupOf(frame);
          }
          rows.add(batch, k, group);
          index.add(keys[k], row);
        }
        if (rows.bytes() + index.bytes() > memoryLimit) {
          throw buildTooBig(build, rows.size());
        }
      }
    }
    if (!index.seal(memoryLimit - rows.bytes() - index.bytes())) {
      throw buildTooBig(build, rows.size());
    }
  }

  private MemoryLimitExceededException buildTooBig(Input build, int rows) {
    return limit.exceeded(
        HeldBy.JOIN, MemoryLimitExceededException.subject(List.of(build.name())), rows);
  }

  private List<Object[]> probe(
      Input probe,
      Source source,
      Frame frame,
      GroupedAggregates aggregates,
      BuildRows rows,
      JoinIndex index) {
    frame.columns[Frame.BUILD] = rows;
    aggregates.reserve();
    GroupIndex groups = aggregates.groups();
    boolean groupsOnBuild = plan.groupsOnBuild();
    // Matches are gathered and added a few thousand at a time: each call then runs one loop.
    int[] matchGroups = new int[ColumnBatch.DEFAULT_CAPACITY];
    int[] probeRows = new int[matchGroups.length];
    int[] buildRows = new int[matchGroups.length];
    ColumnBatch batch;
    while ((batch = source.next()) != null) {
      int n = batch.size();
      frame.columns[Frame.PROBE] = Frame.of(batch);
      long[] keys = batch.longs(probe.key());
      boolean[] keyNulls = batch.nulls(probe.key());
      int m = 0;
      for (int p = 0; p < n; p++) {
        if (keyNulls[p]) {
          continue;
        }
        int b = index.first(keys[p]);
        while (b >= 0) {
          int g;
          if (groupsOnBuild) {
            g = rows.group(b);
          } else {
            frame.rows[Frame.PROBE] = p;
            frame.rows[Frame.BUILD] = b;
            g = groups.groupOf(frame);
          }
          matchGroups[m] = g;
          probeRows[m] = p;
          buildRows[m] = b;
          if (++m == matchGroups.length) {
            aggregates.addRows(matchGroups, probeRows, buildRows, m, frame);
            m = 0;
          }
          b = index.next(b);
        }
      }
      // The probe batch is reused by the next read: add its matches first.
      aggregates.addRows(matchGroups, probeRows, buildRows, m, frame);
    }
    return aggregates.rows();
  }

  /**
   * The batches of {@code input}: read from its table directly when it is a plain scan (on a thread
   * of its own when {@code readAhead}), else from the rows Calcite computes for it.
   */
  private Source open(Input input, @Nullable Enumerable<Object[]> rows, boolean readAhead) {
    if (input.table() != null) {
      BucketBatchScan scan = input.table().scanBatches(root, input.pushed(), input.fileColumns());
      if (readAhead) {
        ColumnBatch sample = scan.newBatch();
        long batchBytes = ProbeReadAhead.estimatedBytes(sample);
        ProbeReadAhead ahead =
            new ProbeReadAhead(
                scan,
                ProbeReadAhead.slots(Math.min(READ_AHEAD_BYTES, memoryLimit / 8), batchBytes));
        return new Source() {
          @Override
          public @Nullable ColumnBatch next() {
            return ahead.next();
          }

          @Override
          public void close() {
            ahead.close();
          }
        };
      }
      ColumnBatch batch = scan.newBatch();
      return new Source() {
        @Override
        public @Nullable ColumnBatch next() {
          return scan.next(batch) > 0 ? batch : null;
        }

        @Override
        public void close() {
          scan.close();
        }
      };
    }
    if (rows == null) {
      throw new IllegalStateException("no rows for input '" + input.name() + "'");
    }
    Enumerator<Object[]> e = rows.enumerator();
    ColumnBatch batch = new ColumnBatch(input.types(), ColumnBatch.DEFAULT_CAPACITY);
    return new Source() {
      @Override
      public @Nullable ColumnBatch next() {
        batch.clear();
        while (batch.size() < batch.capacity() && e.moveNext()) {
          batch.addRow(e.current());
        }
        return batch.size() > 0 ? batch : null;
      }

      @Override
      public void close() {
        e.close();
      }
    };
  }

  /** Column batches of one input. */
  private interface Source extends AutoCloseable {
    /** The next batch, or null at the end; a batch may be reused by the next call. */
    @Nullable ColumnBatch next();

    @Override
    void close();
  }
}
