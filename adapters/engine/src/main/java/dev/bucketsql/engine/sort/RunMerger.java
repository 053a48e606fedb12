package dev.bucketsql.engine.sort;

import dev.bucketsql.engine.BatchWriter;
import dev.bucketsql.engine.Cells;
import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.memory.MemoryBudget;
import dev.bucketsql.engine.spill.SpillFile;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The merge of an external sort: sorted runs on disk, read a batch at a time and merged through a
 * heap into one ordered stream. Equal rows come from the earlier run first, and runs are in input
 * order, so the merge is as stable as the sort of each run. More than {@link #FAN_IN} runs are
 * first merged in groups into longer runs, so that few files are open at once.
 */
final class RunMerger implements Operator {
  /** Runs merged at once. */
  static final int FAN_IN = 16;

  private final List<ColumnType> types;
  private final RowOrder order;
  private final ExecContext context;
  private final List<Operator> sources = new ArrayList<>();
  private final List<SpillFile> files;
  private ColumnBatch[] batches;
  private int[] rows;
  private PriorityQueue<Integer> heap;
  private final BatchWriter out;
  private boolean closed;

  RunMerger(
      List<SpillFile> runs,
      RowOrder order,
      List<ColumnType> types,
      ExecContext context,
      MemoryBudget budget) {
    this.types = types;
    this.order = order;
    this.context = context;
    this.files = new ArrayList<>(runs);
    this.out = new BatchWriter(types, context.batchSize());
    List<SpillFile> longer = new ArrayList<>();
    try {
      mergeDown(budget, longer);
    } catch (RuntimeException e) {
      files.forEach(SpillFile::delete);
      longer.forEach(SpillFile::delete);
      throw e;
    }
  }

  /** Merges groups of {@link #FAN_IN} runs into longer runs until at most that many are left. */
  private void mergeDown(MemoryBudget budget, List<SpillFile> longer) {
    while (files.size() > FAN_IN) {
      context.checkCancelled();
      longer.clear();
      for (int i = 0; i < files.size(); i += FAN_IN) {
        List<SpillFile> group = files.subList(i, Math.min(files.size(), i + FAN_IN));
        if (group.size() == 1) {
          longer.add(group.get(0));
          continue;
        }
        SpillFile merged = context.spill().newFile(budget);
        longer.add(merged);
        try (RunMerger m = new RunMerger(group, order, types, context, budget)) {
          for (ColumnBatch b = m.next(); b != null; b = m.next()) {
            for (int r = 0; r < b.size(); r++) {
              merged.write(b, r);
            }
          }
        }
        merged.finish();
      }
      files.clear();
      files.addAll(longer);
    }
  }

  @Override
  public List<ColumnType> types() {
    return types;
  }

  private void open() {
    int n = files.size();
    batches = new ColumnBatch[n];
    rows = new int[n];
    heap =
        new PriorityQueue<>(
            Math.max(1, n),
            (x, y) -> {
              int c = order.compare(batches[x], rows[x], batches[y], rows[y]);
              return c != 0 ? c : Integer.compare(x, y);
            });
    for (int i = 0; i < n; i++) {
      Operator source = files.get(i).reader(types, context, true);
      sources.add(source);
      batches[i] = source.next();
      if (batches[i] != null) {
        heap.add(i);
      }
    }
  }

  @Override
  public ColumnBatch next() {
    if (closed) {
      return null;
    }
    if (heap == null) {
      open();
    }
    context.checkCancelled();
    ColumnBatch o = out.batch();
    while (!heap.isEmpty() && !out.full()) {
      int i = heap.poll();
      ColumnBatch b = batches[i];
      int w = out.row();
      for (int c = 0; c < types.size(); c++) {
        Cells.copy(b, c, rows[i], o, c, w);
      }
      out.commit();
      if (++rows[i] == b.size()) {
        batches[i] = sources.get(i).next();
        rows[i] = 0;
      }
      if (batches[i] != null) {
        heap.add(i);
      }
    }
    return out.take();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Operator s : sources) {
      s.close();
    }
    for (SpillFile f : files) {
      f.delete();
    }
  }
}
