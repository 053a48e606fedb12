package dev.bucketsql.calcite.exec;

import dev.bucketsql.calcite.BucketBatchScan;
import dev.bucketsql.calcite.exec.AggregateSpec.Accumulator;
import dev.bucketsql.calcite.exec.JoinAggregatePlan.Input;
import dev.bucketsql.calcite.pushdown.ScanRegistry;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnBatch.Kind;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.function.Function0;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Runs a {@link JoinAggregatePlan}: reads the build input into a {@link JoinIndex} (rows with a
 * NULL key are dropped: they never match), counting its memory against the connection's
 * {@code joinMemory}; then streams the probe input batch by batch and, for every build row
 * with the same key, adds the joined row to its group's accumulators. Called by the code
 * Calcite generates for {@link dev.bucketsql.calcite.rel.BucketJoinAggregate}.
 *
 * <p>With pushdown switched off for the connection ({@code BucketSqlConnections.setPushdown})
 * the plan Calcite would have run without the fused operator runs instead, so answers can be
 * compared.
 */
public final class JoinAggregateExec {
  private final DataContext root;
  private final JoinAggregatePlan plan;
  private final @Nullable Enumerable<Object[]> buildRows;
  private final @Nullable Enumerable<Object[]> probeRows;
  private final long memoryLimit;

  private JoinAggregateExec(
      DataContext root,
      JoinAggregatePlan plan,
      @Nullable Enumerable<Object[]> buildRows,
      @Nullable Enumerable<Object[]> probeRows,
      long memoryLimit) {
    this.root = root;
    this.plan = plan;
    this.buildRows = buildRows;
    this.probeRows = probeRows;
    this.memoryLimit = memoryLimit;
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
    QueryProvider connection = root.getQueryProvider();
    ScanRegistry registry = connection == null ? null : ScanRegistry.of(connection);
    if (registry != null && !registry.pushdown()) {
      return unfused.apply();
    }
    long limit = registry == null ? ScanRegistry.DEFAULT_JOIN_MEMORY : registry.joinMemory();
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
    GroupIndex groups = GroupIndex.of(plan.groups());
    List<Accumulator> accumulators = new ArrayList<>();
    for (AggregateSpec spec : plan.aggregates()) {
      accumulators.add(spec.newAccumulator());
    }
    Input build = plan.build();
    Kind[] kinds = new Kind[build.types().length];
    for (int c = 0; c < kinds.length; c++) {
      kinds[c] = Kind.of(build.types()[c]);
    }
    BuildRows rows = new BuildRows(kinds, plan.storedBuildColumns(), plan.groupsOnBuild());
    JoinIndex index = new JoinIndex();
    try (Source source = open(build, buildRows)) {
      ColumnBatch batch = source.newBatch();
      frame.columns[Frame.BUILD] = Frame.of(batch);
      int n;
      while ((n = source.next(batch)) > 0) {
        long[] keys = batch.longs(build.key());
        boolean[] keyNulls = batch.nulls(build.key());
        for (int k = 0; k < n; k++) {
          if (keyNulls[k]) {
            continue;
          }
          int row = rows.size();
          long after = rows.bytesAfterNextAdd() + index.bytesAfterAdding(row);
          if (after > memoryLimit) {
            throw new JoinMemoryExceededException(build.name(), memoryLimit, row, plan.memoryKey());
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
          throw new JoinMemoryExceededException(
              build.name(), memoryLimit, rows.size(), plan.memoryKey());
        }
      }
    }
    index.seal(memoryLimit - rows.bytes() - index.bytes());
    frame.columns[Frame.BUILD] = rows;
    int capacity = Math.max(groups.size(), 16);
    boolean[] hit = new boolean[capacity];
    for (Accumulator a : accumulators) {
      a.grow(capacity);
    }
    Accumulator[] accs = accumulators.toArray(new Accumulator[0]);
    boolean groupsOnBuild = plan.groupsOnBuild();
    Input probe = plan.probe();
    try (Source source = open(probe, probeRows)) {
      ColumnBatch batch = source.newBatch();
      frame.columns[Frame.PROBE] = Frame.of(batch);
      int n;
      while ((n = source.next(batch)) > 0) {
        long[] keys = batch.longs(probe.key());
        boolean[] keyNulls = batch.nulls(probe.key());
        for (int p = 0; p < n; p++) {
          if (keyNulls[p]) {
            continue;
          }
          int b = index.first(keys[p]);
          if (b < 0) {
            continue;
          }
          frame.rows[Frame.PROBE] = p;
          do {
            frame.rows[Frame.BUILD] = b;
            int g = groupsOnBuild ? rows.group(b) : groups.groupOf(frame);
            if (g >= capacity) {
              capacity = AggregateSpec.Accumulator.capacity(capacity, g + 1);
              hit = java.util.Arrays.copyOf(hit, capacity);
              for (Accumulator a : accs) {
                a.grow(capacity);
              }
            }
            hit[g] = true;
            for (Accumulator a : accs) {
              a.add(g, frame);
            }
            b = index.next(b);
          } while (b >= 0);
        }
      }
    }
    int groupCount = plan.groups().size();
    List<Object[]> result = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      // a group is there when a joined row fell in it; with no GROUP BY, always once
      if (groupCount > 0 && !hit[g]) {
        continue;
      }
      Object[] row = new Object[groupCount + accs.length];
      groups.keys(g, row);
      for (int i = 0; i < accs.length; i++) {
        row[groupCount + i] = accs[i].result(g);
      }
      result.add(row);
    }
    return result;
  }

  private Source open(Input input, @Nullable Enumerable<Object[]> rows) {
    if (input.table() != null) {
      BucketBatchScan scan = input.table().scanBatches(root, input.pushed(), input.fileColumns());
      return new Source() {
        @Override
        public ColumnBatch newBatch() {
          return scan.newBatch();
        }

        @Override
        public int next(ColumnBatch batch) {
          return scan.next(batch);
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
    return new Source() {
      @Override
      public ColumnBatch newBatch() {
        return new ColumnBatch(input.types(), ColumnBatch.DEFAULT_CAPACITY);
      }

      @Override
      public int next(ColumnBatch batch) {
        batch.clear();
        while (batch.size() < batch.capacity() && e.moveNext()) {
          batch.addRow(e.current());
        }
        return batch.size();
      }

      @Override
      public void close() {
        e.close();
      }
    };
  }

  /** Column batches of one input. */
  private interface Source extends AutoCloseable {
    ColumnBatch newBatch();

    int next(ColumnBatch batch);

    @Override
    void close();
  }
}
