package dev.bucketsql.engine.window;

import dev.bucketsql.engine.Cells;
import dev.bucketsql.engine.aggregate.AggregateCall;
import dev.bucketsql.engine.aggregate.RunningAggregates;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of a {@link Window}'s functions for one row, from the rows of its partition the window
 * holds ({@link HeldRows}), and what those functions need held: how many rows before and after the
 * row, whether the group of peers or the whole partition must be complete.
 *
 * <p>Aggregates are {@link RunningAggregates}, so their types, values and overflow errors are the
 * hash aggregate's. Over a frame that starts at the partition's first row they only ever add rows
 * (the frame's end never moves back); over a frame with an offset start MIN and MAX keep a
 * monotonic deque ({@link MovingExtreme}), COUNT and the exact sums (of integers and decimals) take
 * out the rows leaving the frame and add the rows entering it ({@link MovingSums}), and sums of
 * doubles are computed again from the frame's rows for each row whose frame differs from the row
 * before's (the same sum, in the same order, as a fresh aggregate over the frame gives).
 */
final class RowValues {
  private final WindowFunction[] functions;
  private final Frame frame;
  private final int inputColumns;
  private final RunningAggregates aggregates;

  /** Per function, its MIN or MAX over a frame with an offset start; null for the others. */
  private final MovingExtreme[] extremes;

  /** The exact sums and counts over a frame with an offset start; null when there are none. */
  private final MovingSums moving;

  /** Per aggregate function, its column in {@link #values} or its call in {@link #moving}. */
  private final int[] slots;

  /** Per function, whether it is one of {@link #moving}'s calls. */
  private final boolean[] slides;

  private final ColumnBatch values;
  private final ColumnBatch scratch;

  /** The input columns the aggregates read: all a held row gives them. */
  private final int[] aggregateColumns;

  private final ColumnBatch firstRow;

  /** The input columns FIRST_VALUE reads: the ones of the partition's first row kept. */
  private final int[] firstValueColumns;

  private final boolean framed;
  private final long lookahead;
  private final long lookbehind;
  private final boolean needsEnd;

  /** Rows added to the aggregates, from position 0, when the frame starts there. */
  private long added;

  /** Whether {@link #values} hold the aggregates of the frame from valuesLo to valuesHi. */
  private boolean valuesKnown;

  private long valuesLo;
  private long valuesHi;

  RowValues(List<WindowFunction> functions, Frame frame, List<ColumnType> input) {
    this.functions = functions.toArray(new WindowFunction[0]);
    this.frame = frame;
    inputColumns = input.size();
    List<AggregateCall> calls = new ArrayList<>();
    List<AggregateCall> movingCalls = new ArrayList<>();
    slots = new int[this.functions.length];
    slides = new boolean[this.functions.length];
    boolean f = false;
    long ahead = 0;
    long behind = 0;
    boolean end = false;
    extremes = new MovingExtreme[this.functions.length];
    for (int i = 0; i < this.functions.length; i++) {
      WindowFunction w = this.functions[i];
      f |= w.kind().framed();
      switch (w.kind()) {
        case AGGREGATE -> {
          AggregateCall.Function fn = w.aggregate().function();
          if (!frame.fromStart()
              && (fn == AggregateCall.Function.MIN || fn == AggregateCall.Function.MAX)) {
            // the frame's start moves: a deque, not the whole frame again for each row
            int column = w.aggregate().column();
            Cells.checkComparable(input.get(column), "MIN/MAX argument", column);
            extremes[i] = new MovingExtreme(column, fn == AggregateCall.Function.MAX);
          } else if (!frame.fromStart() && RunningAggregates.removable(w.aggregate(), input)) {
            // exact sums: the rows leaving the frame are taken out, not the frame added again
            slides[i] = true;
            slots[i] = movingCalls.size();
            movingCalls.add(w.aggregate());
          } else {
            slots[i] = calls.size();
            calls.add(w.aggregate());
          }
        }
        case LAG -> behind = Math.max(behind, w.offset());
        case LEAD -> ahead = Math.max(ahead, w.offset());
        case NTILE -> end = true;
        default -> {}
      }
    }
    if (f) {
      end |= frame.toEnd();
      if (!frame.fromStart() && frame.lower() < 0) {
        behind = Math.max(behind, -frame.lower());
      }
      if (!frame.toEnd()) {
        behind = Math.max(behind, -frame.upper());
        ahead = Math.max(ahead, frame.upper());
      }
    }
    framed = f;
    lookahead = ahead;
    lookbehind = behind;
    needsEnd = end;
    aggregates = calls.isEmpty() ? null : new RunningAggregates(calls, input);
    moving = movingCalls.isEmpty() ? null : new MovingSums(movingCalls, input);
    aggregateColumns =
        calls.stream().mapToInt(AggregateCall::column).filter(c -> c >= 0).distinct().toArray();
    values =
        aggregates == null
            ? null
            : new ColumnBatch(aggregates.types().toArray(new ColumnType[0]), 1);
    ColumnType[] in = input.toArray(new ColumnType[0]);
    scratch = new ColumnBatch(in, 1);
    firstRow = new ColumnBatch(in, 1);
    firstValueColumns =
        functions.stream()
            .filter(w -> w.kind() == WindowFunction.Kind.FIRST_VALUE)
            .mapToInt(WindowFunction::column)
            .distinct()
            .toArray();
  }

  /** Rows after a row that must be read before its values are known. */
  long lookahead() {
    return lookahead;
  }

  /** Whether a row's values wait for the end of its partition. */
  boolean needsEnd() {
    return needsEnd;
  }

  /** Whether a row's values wait for its last peer. */
  boolean needsPeers() {
    return framed && !frame.rows();
  }

  /** Bytes of the aggregates' state. */
  long bytes() {
    return (aggregates == null ? 0 : aggregates.bytes()) + (moving == null ? 0 : moving.bytes());
  }

  /** Starts a partition whose first row is row {@code r} of {@code batch}. */
  void startPartition(ColumnBatch batch, int r) {
    for (int c : firstValueColumns) {
      Cells.copy(batch, c, r, firstRow, c, 0);
    }
    if (aggregates != null) {
      aggregates.reset();
    }
    if (moving != null) {
      moving.reset();
    }
    for (MovingExtreme e : extremes) {
      if (e != null) {
        e.reset();
      }
    }
    added = 0;
    valuesKnown = false;
  }

  /** The first position the rows from {@code next} on still need held. */
  long keepFrom(long next) {
    long keep = Math.max(0, next - lookbehind);
    if (moving != null) {
      // the rows the moving sums hold are taken out of them when the frame moves on
      keep = Math.min(keep, moving.keepFrom());
    }
    return aggregates != null && frame.fromStart() ? Math.min(keep, added) : keep;
  }

  /**
   * Writes the row at position {@code p} and its values to row {@code o} of {@code out}.
   *
   * @param read the rows of the partition read, all of it when the partition has ended
   */
  void write(HeldRows held, long p, long read, ColumnBatch out, int o) {
    held.store().copyTo(held.index(p), out, o, 0);
    long lo = 0;
    long hi = -1;
    if (framed) {
      if (frame.rows()) {
        lo = frame.fromStart() ? 0 : Math.max(0, p + frame.lower());
        hi = frame.toEnd() ? read - 1 : Math.min(read - 1, p + frame.upper());
      } else {
        hi = held.lastPeer(p);
      }
    }
    for (int i = 0; i < functions.length; i++) {
      WindowFunction f = functions[i];
      int c = inputColumns + i;
      switch (f.kind()) {
        case ROW_NUMBER -> setLong(out, c, o, p + 1);
        case RANK -> setLong(out, c, o, held.rank(p));
        case DENSE_RANK -> setLong(out, c, o, held.denseRank(p));
        case NTILE -> setLong(out, c, o, ntile(p, read, f.offset()));
        case LAG -> shifted(held, p - f.offset(), read, f, out, c, o);
        case LEAD -> shifted(held, p + f.offset(), read, f, out, c, o);
        case FIRST_VALUE -> {
          if (lo > hi) {
            Cells.setNull(out, c, o);
          } else if (lo < held.first()) {
            Cells.copy(firstRow, f.column(), 0, out, c, o);
          } else {
            held.copyCell(lo, f.column(), out, c, o);
          }
        }
        case LAST_VALUE -> {
          if (lo > hi) {
            Cells.setNull(out, c, o);
          } else {
            held.copyCell(hi, f.column(), out, c, o);
          }
        }
        case AGGREGATE -> {
          if (extremes[i] != null) {
            extremes[i].write(held, lo, hi, out, c, o);
          } else if (slides[i]) {
            moving.moveTo(held, lo, hi);
            moving.copy(slots[i], out, c, o);
          } else {
            aggregate(held, lo, hi);
            Cells.copy(values, slots[i], 0, out, c, o);
          }
        }
      }
    }
  }

  private static void shifted(
      HeldRows held, long q, long read, WindowFunction f, ColumnBatch out, int c, int o) {
    if (q >= 0 && q < read) {
      held.copyCell(q, f.column(), out, c, o);
    } else {
      out.set(c, o, f.defaultValue());
    }
  }

  /**
   * Tile of position {@code p} of {@code rows}: the first {@code rows % tiles} tiles have one row
   * more than the others.
   */
  static long ntile(long p, long rows, long tiles) {
    long size = rows / tiles;
    long large = rows - tiles * size;
    long inLarge = large * (size + 1);
    return p < inLarge ? 1 + p / (size + 1) : 1 + large + (p - inLarge) / size;
  }

  /** Makes {@link #values} the aggregates over the frame's rows {@code lo} to {@code hi}. */
  private void aggregate(HeldRows held, long lo, long hi) {
    if (valuesKnown && lo == valuesLo && hi == valuesHi) {
      return;
    }
    if (frame.fromStart()) {
      for (; added <= hi; added++) {
        add(held, added);
      }
    } else {
      aggregates.reset();
      for (long q = lo; q <= hi; q++) {
        add(held, q);
      }
    }
    aggregates.write(values, 0, 0);
    valuesKnown = true;
    valuesLo = lo;
    valuesHi = hi;
  }

  private void add(HeldRows held, long q) {
    for (int c : aggregateColumns) {
      held.copyCell(q, c, scratch, c, 0);
    }
    aggregates.add(scratch, 0);
  }

  private static void setLong(ColumnBatch b, int c, int r, long v) {
    b.nulls(c)[r] = false;
    b.longs(c)[r] = v;
  }
}
