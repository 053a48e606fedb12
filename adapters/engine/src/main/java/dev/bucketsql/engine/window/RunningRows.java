package dev.bucketsql.engine.window;

import dev.bucketsql.engine.Cells;
import dev.bucketsql.engine.aggregate.AggregateCall;
import dev.bucketsql.engine.aggregate.RunningAggregates;
import dev.bucketsql.engine.sort.RowOrder;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;

/**
 * The functions of a {@link Window} whose values are known as soon as their row is read:
 * ROW_NUMBER, RANK, DENSE_RANK, and aggregates over {@code ROWS BETWEEN UNBOUNDED PRECEDING AND
 * CURRENT ROW}. Over input in partition and peer order, each input batch comes out with its columns
 * copied whole and one column per function beside them: no row is held, where the general path
 * appends each row to the held store and copies it out again.
 *
 * <p>Partitions and peers are told apart as the general path tells them (the previous row's keys
 * kept across batches), and the aggregates are the same {@link RunningAggregates}, so values and
 * overflow errors are the same.
 */
final class RunningRows {
  private final WindowFunction[] functions;
  private final ColumnType[] types;
  private final int inputColumns;
  private final RowOrder partitionKeys;
  private final RowOrder peerKeys;

  /** The key columns of the previous batch's last row are kept in {@link #last}. */
  private final int[] keyColumns;

  private final ColumnBatch last;
  private final RunningAggregates aggregates;
  private final ColumnBatch values;

  /** Per aggregate function, its column in {@link #values}. */
  private final int[] slots;

  private ColumnBatch out;
  private boolean started;
  private long rowNumber;
  private long rank;
  private long denseRank;

  /**
   * Whether these functions over this frame have their values once their row is read: ranks (which
   * ignore the frame, or take one to the current row) and aggregates over a ROWS frame from the
   * partition's start to the current row.
   */
  static boolean handles(List<WindowFunction> functions, Frame frame) {
    boolean toRow = frame.rows() && frame.fromStart() && frame.upper() == 0;
    for (WindowFunction f : functions) {
      boolean now =
          switch (f.kind()) {
            case ROW_NUMBER, RANK, DENSE_RANK -> true;
            case AGGREGATE -> toRow;
            default -> false;
          };
      if (!now) {
        return false;
      }
    }
    return true;
  }

  RunningRows(
      List<WindowFunction> functions,
      List<ColumnType> input,
      List<ColumnType> types,
      RowOrder partitionKeys,
      RowOrder peerKeys,
      int[] keyColumns) {
    this.functions = functions.toArray(new WindowFunction[0]);
    this.types = types.toArray(new ColumnType[0]);
    inputColumns = input.size();
    this.partitionKeys = partitionKeys;
    this.peerKeys = peerKeys;
    this.keyColumns = keyColumns.clone();
    last = new ColumnBatch(input.toArray(new ColumnType[0]), 1);
    slots = new int[this.functions.length];
    List<AggregateCall> calls = new ArrayList<>();
    for (int i = 0; i < this.functions.length; i++) {
      if (this.functions[i].kind() == WindowFunction.Kind.AGGREGATE) {
        slots[i] = calls.size();
        calls.add(this.functions[i].aggregate());
      }
    }
    aggregates = calls.isEmpty() ? null : new RunningAggregates(calls, input);
    values =
        aggregates == null
            ? null
            : new ColumnBatch(aggregates.types().toArray(new ColumnType[0]), 1);
  }

  /**
   * The rows of {@code in}, the next input batch, with the functions' values. The batch returned is
   * the same object each time, filled again by the next call.
   *
   * @throws dev.bucketsql.format.SqlStateException when a BIGINT sum is out of range
   */
  ColumnBatch apply(ColumnBatch in) {
    int n = in.size();
    if (out == null || out.capacity() < n) {
      out = new ColumnBatch(types, Math.max(n, 1));
    }
    for (int c = 0; c < inputColumns; c++) {
      switch (in.kind(c)) {
        case LONG -> System.arraycopy(in.longs(c), 0, out.longs(c), 0, n);
        case DOUBLE -> System.arraycopy(in.doubles(c), 0, out.doubles(c), 0, n);
        default -> System.arraycopy(in.objects(c), 0, out.objects(c), 0, n);
      }
      System.arraycopy(in.nulls(c), 0, out.nulls(c), 0, n);
    }
    for (int r = 0; r < n; r++) {
      classify(in, r);
      if (aggregates != null) {
        aggregates.add(in, r);
        aggregates.write(values, 0, 0);
      }
      for (int i = 0; i < functions.length; i++) {
        int c = inputColumns + i;
        switch (functions[i].kind()) {
          case ROW_NUMBER -> setLong(out, c, r, rowNumber);
          case RANK -> setLong(out, c, r, rank);
          case DENSE_RANK -> setLong(out, c, r, denseRank);
          default -> Cells.copy(values, slots[i], 0, out, c, r);
        }
      }
    }
    if (n > 0) {
      for (int c : keyColumns) {
        Cells.copy(in, c, n - 1, last, c, 0);
      }
    }
    out.setSize(n);
    return out;
  }

  /** Counts row {@code r} of {@code in} in its partition and group of peers. */
  private void classify(ColumnBatch in, int r) {
    ColumnBatch pb = r > 0 ? in : last;
    int pr = r > 0 ? r - 1 : 0;
    if (!started || partitionKeys.compare(in, r, pb, pr) != 0) {
      started = true;
      rowNumber = 1;
      rank = 1;
      denseRank = 1;
      if (aggregates != null) {
        aggregates.reset();
      }
      return;
    }
    if (peerKeys.compare(in, r, pb, pr) != 0) {
      rank = rowNumber + 1;
      denseRank++;
    }
    rowNumber++;
  }

  private static void setLong(ColumnBatch b, int c, int r, long v) {
    b.nulls(c)[r] = false;
    b.longs(c)[r] = v;
  }
}
