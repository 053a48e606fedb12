package dev.bucketsql.engine.window;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.BatchWriter;
import dev.bucketsql.engine.Cells;
import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.RowStore;
import dev.bucketsql.engine.aggregate.AggregateCall;
import dev.bucketsql.engine.aggregate.RunningAggregates;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryBudget;
import dev.bucketsql.engine.sort.RowOrder;
import dev.bucketsql.engine.sort.Sort;
import dev.bucketsql.engine.sort.SortKey;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;

/**
 * Window functions of one window ({@code OVER (PARTITION BY ... ORDER BY ... frame)}): each input
 * row with one more column per {@link WindowFunction}. The input is sorted by the partition keys,
 * then the order keys ({@link Sort}: stable, so peers keep their input order, and it spills), then
 * read once: rows come out partition after partition, in order within each.
 *
 * <p>Partitions and peers are told apart by SQL equality ({@link Cells}: NULL keys are one
 * partition, -0.0 equals 0.0, NaN equals NaN, 1.0 equals 1.00). Ranks and {@link
 * Frame#ROWS_TO_CURRENT} aggregates are computed as the rows pass, holding nothing. An aggregate
 * over {@link Frame#RANGE_TO_CURRENT} holds the current group of peers, and over {@link
 * Frame#PARTITION} the current partition, until its value is known: those rows are counted in the
 * window's memory budget (the memory error beyond it; they are not spilled).
 */
public final class Window implements Operator {
  private final Operator input;
  private final int[] partition;
  private final int[] order;

  /** Equal for two rows of one partition. */
  private final RowOrder partitionKeys;

  /** Equal for two peers of one partition. */
  private final RowOrder peerKeys;

  private final Frame frame;
  private final WindowFunction.Kind[] kinds;
  private final RunningAggregates aggregates;
  private final boolean holding;
  private final int inputColumns;
  private final List<ColumnType> types;
  private final ExecContext context;
  private final MemoryBudget budget;
  private final ColumnBatch last;
  private final ColumnBatch values;
  private final BatchWriter out;
  private RowStore held;
  private ColumnBatch batch;
  private int row;
  private boolean inputDone;
  private boolean classified;
  private boolean newPartition;
  private boolean newPeers;
  private boolean started;
  private long position;
  private long rank;
  private long denseRank;
  private long segmentPosition;
  private long segmentRank;
  private long segmentDenseRank;
  private int emitting = -1;
  private boolean closed;

  /**
   * @param input the rows, in any order
   * @param partition the PARTITION BY columns (none: one partition)
   * @param orderKeys the ORDER BY keys within a partition, with Calcite's directions and NULL
   *     placement (none: every row of a partition is a peer of every other)
   * @param frame the frame of the aggregates; ranking functions need one that starts at the
   *     partition and ends at the current row (ROW_NUMBER takes any)
   * @param functions what to compute, one output column each
   * @param subject what the rows come from, for the memory error ({@code table 'x'})
   */
  public Window(
      Operator input,
      int[] partition,
      List<SortKey> orderKeys,
      Frame frame,
      List<WindowFunction> functions,
      ExecContext context,
      String subject) {
    requireNonNull(input, "input is null");
    this.frame = requireNonNull(frame, "frame is null");
    this.context = requireNonNull(context, "context is null");
    List<ColumnType> in = input.types();
    inputColumns = in.size();
    this.partition = partition.clone();
    order = orderKeys.stream().mapToInt(SortKey::column).toArray();
    List<SortKey> sortKeys = new ArrayList<>();
    for (int c : this.partition) {
      Cells.checkComparable(in.get(c), "partition", c);
      sortKeys.add(SortKey.asc(c));
    }
    partitionKeys = new RowOrder(List.copyOf(sortKeys), in);
    peerKeys = new RowOrder(orderKeys, in);
    sortKeys.addAll(orderKeys);
    kinds = new WindowFunction.Kind[functions.size()];
    List<AggregateCall> calls = new ArrayList<>();
    List<ColumnType> t = new ArrayList<>(in);
    for (int i = 0; i < kinds.length; i++) {
      WindowFunction f = functions.get(i);
      kinds[i] = f.kind();
      if ((f.kind() == WindowFunction.Kind.RANK || f.kind() == WindowFunction.Kind.DENSE_RANK)
          && frame == Frame.PARTITION) {
        throw new IllegalArgumentException(f.name() + " has no value over a whole partition");
      }
      if (f.kind() == WindowFunction.Kind.AGGREGATE) {
        calls.add(f.aggregate());
      }
      t.add(f.resultType(in));
    }
    types = List.copyOf(t);
    aggregates = calls.isEmpty() ? null : new RunningAggregates(calls, in);
    budget = context.budget(HeldBy.WINDOW, requireNonNull(subject, "subject is null"));
    this.input =
        sortKeys.isEmpty() ? input : new Sort(input, sortKeys, context, HeldBy.WINDOW, subject);
    holding = aggregates != null && frame != Frame.ROWS_TO_CURRENT;
    ColumnType[] inArray = in.toArray(new ColumnType[0]);
    last = new ColumnBatch(inArray, 1);
    values =
        aggregates == null
            ? null
            : new ColumnBatch(aggregates.types().toArray(new ColumnType[0]), 1);
    held = new RowStore(in);
    out = new BatchWriter(types, context.batchSize());
  }

  @Override
  public List<ColumnType> types() {
    return types;
  }

  @Override
  public ColumnBatch next() {
    if (closed) {
      return null;
    }
    context.checkCancelled();
    while (!out.full()) {
      if (emitting >= 0) {
        while (emitting < held.size() && !out.full()) {
          emitHeld(emitting++);
        }
        if (emitting == held.size()) {
          endSegment();
        }
        continue;
      }
      if (batch == null || row == batch.size()) {
        if (inputDone) {
          break;
        }
        if (batch != null) {
          remember(batch, batch.size() - 1);
        }
        batch = input.next();
        row = 0;
        if (batch == null) {
          inputDone = true;
          input.close();
          if (held.size() > 0) {
            startEmitting();
          }
        }
        continue;
      }
      if (!classified) {
        classify(batch, row);
        classified = true;
      }
      if (held.size() > 0 && (newPartition || (frame == Frame.RANGE_TO_CURRENT && newPeers))) {
        // the held rows' frame ends before this row: their values are known
        startEmitting();
        continue;
      }
      process(batch, row);
      row++;
      classified = false;
    }
    return out.take();
  }

  private void classify(ColumnBatch b, int r) {
    if (!started) {
      newPartition = true;
      newPeers = true;
      return;
    }
    ColumnBatch pb = r > 0 ? b : last;
    int pr = r > 0 ? r - 1 : 0;
    newPartition = partitionKeys.compare(b, r, pb, pr) != 0;
    newPeers = newPartition || peerKeys.compare(b, r, pb, pr) != 0;
  }

  private void process(ColumnBatch b, int r) {
    if (newPartition) {
      started = true;
      position = 0;
      rank = 1;
      denseRank = 1;
      if (aggregates != null) {
        aggregates.reset();
      }
    } else {
      position++;
      if (newPeers) {
        rank = position + 1;
        denseRank++;
      }
    }
    if (aggregates != null) {
      aggregates.add(b, r);
    }
    if (holding) {
      if (held.size() == 0) {
        segmentPosition = position;
        segmentRank = rank;
        segmentDenseRank = denseRank;
      }
      budget.reserveUpTo(held.bytesAfterAppend(b, r) + aggregates.bytes(), held.size() + 1L);
      held.append(b, r);
      return;
    }
    int o = out.row();
    ColumnBatch ob = out.batch();
    for (int c = 0; c < inputColumns; c++) {
      Cells.copy(b, c, r, ob, c, o);
    }
    if (aggregates != null) {
      aggregates.write(values, 0, 0);
    }
    writeFunctions(ob, o, position, rank, denseRank);
    out.commit();
  }

  private void startEmitting() {
    if (aggregates != null) {
      aggregates.write(values, 0, 0);
    }
    emitting = 0;
  }

  private void emitHeld(int i) {
    int o = out.row();
    ColumnBatch ob = out.batch();
    held.copyTo(i, ob, o, 0);
    writeFunctions(ob, o, segmentPosition + i, segmentRank, segmentDenseRank);
    out.commit();
  }

  private void writeFunctions(ColumnBatch ob, int o, long pos, long rk, long dense) {
    int a = 0;
    for (int i = 0; i < kinds.length; i++) {
      int c = inputColumns + i;
      switch (kinds[i]) {
        case ROW_NUMBER -> setLong(ob, c, o, pos + 1);
        case RANK -> setLong(ob, c, o, rk);
        case DENSE_RANK -> setLong(ob, c, o, dense);
        case AGGREGATE -> Cells.copy(values, a++, 0, ob, c, o);
      }
    }
  }

  private static void setLong(ColumnBatch b, int c, int r, long v) {
    b.nulls(c)[r] = false;
    b.longs(c)[r] = v;
  }

  private void endSegment() {
    emitting = -1;
    // a store grown for a big partition gives its arrays back, not only its reservation
    held = held.size() > 4096 ? new RowStore(input.types()) : held;
    held.clear();
    budget.releaseAll();
  }

  /** Keeps the keys of the last row of a batch, to compare the next batch's first row with. */
  private void remember(ColumnBatch b, int r) {
    for (int c : partition) {
      Cells.copy(b, c, r, last, c, 0);
    }
    for (int c : order) {
      Cells.copy(b, c, r, last, c, 0);
    }
  }

  /** Bytes reserved now for held rows (the sort below has its own), for tests. */
  public long reservedBytes() {
    return budget.reserved();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      held = null;
      budget.releaseAll();
      input.close();
    }
  }
}
