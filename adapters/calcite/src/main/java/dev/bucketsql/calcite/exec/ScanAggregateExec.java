package dev.bucketsql.calcite.exec;

import dev.bucketsql.calcite.BucketBatchScan;
import dev.bucketsql.calcite.exec.JoinAggregatePlan.Input;
import dev.bucketsql.calcite.pushdown.ScanRegistry;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import dev.bucketsql.format.ColumnBatch;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.function.Function0;

/**
 * Runs a {@link ScanAggregatePlan}: reads the table in column batches ({@link
 * dev.bucketsql.calcite.BucketTable#scanBatches}, with the scan's pushed filter and columns) and
 * adds every row straight into its group's accumulators; a scan of no column ({@code COUNT(*)}
 * alone) only adds up the batch sizes. Cancel and timeout are checked per batch by the scan. Groups
 * are held in memory up to the connection's {@code queryMemory} ({@link GroupedAggregates}). Called
 * by the code Calcite generates for {@link dev.bucketsql.calcite.rel.BucketScanAggregate}.
 *
 * <p>With pushdown or the fused operators ({@code fused=false}) switched off for the connection the
 * plan Calcite would have run without the fused operator runs instead, so answers can be compared.
 */
public final class ScanAggregateExec {
  private ScanAggregateExec() {}

  /**
   * The aggregate's rows, computed on the first enumeration.
   *
   * @param unfused makes the same aggregate as Calcite plans it without this operator
   */
  public static Enumerable<Object[]> run(
      DataContext root, ScanAggregatePlan plan, Function0<Enumerable<Object[]>> unfused) {
    if (!pushdown(root)) {
      return unfused.apply();
    }
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return Linq4j.enumerator(execute(root, plan));
      }
    };
  }

  /**
   * Whether the connection runs the fused operators (pushdown and {@code fused} on, or not a
   * BucketSQL one).
   */
  static boolean pushdown(DataContext root) {
    var connection = root.getQueryProvider();
    ScanRegistry registry = connection == null ? null : ScanRegistry.of(connection);
    return registry == null || registry.fused();
  }

  private static List<Object[]> execute(DataContext root, ScanAggregatePlan plan) {
    Input input = plan.input();
    try (BucketBatchScan scan =
        input.table().scanBatches(root, input.pushed(), input.fileColumns())) {
      ColumnBatch batch = scan.newBatch();
      if (input.fileColumns().length == 0) {
        // no GROUP BY and only COUNT(*): every call is the row count
        long rows = 0;
        for (int n; (n = scan.next(batch)) > 0; ) {
          rows += n;
        }
        List<Object[]> result = new ArrayList<>();
        Object[] row = new Object[plan.aggregates().size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = plan.aggregates().get(i).result().box(rows);
        }
        result.add(row);
        return result;
      }
      GroupedAggregates aggregates =
          new GroupedAggregates(
              plan.groups(),
              plan.aggregates(),
              ConnectionMemory.limit(root, HeldBy.AGGREGATE),
              MemoryLimitExceededException.subject(List.of(input.name())));
      GroupIndex groups = aggregates.groups();
      Frame frame = new Frame();
      frame.columns[Frame.PROBE] = Frame.of(batch);
      boolean grouped = !plan.groups().isEmpty();
      int[] rowGroups = grouped ? new int[batch.capacity()] : null;
      int[] rows = new int[batch.capacity()];
      for (int r = 0; r < rows.length; r++) {
        rows[r] = r;
      }
      for (int n; (n = scan.next(batch)) > 0; ) {
        if (grouped) {
          groups.groupsOf(frame, n, rowGroups);
        }
        aggregates.addRows(rowGroups, rows, null, n, frame);
      }
      return aggregates.rows();
    }
  }
}
