package dev.bucketsql.engine.window;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.BatchWriter;
import dev.bucketsql.engine.Cells;
import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryBudget;
import dev.bucketsql.engine.sort.Limit;
import dev.bucketsql.engine.sort.PartitionLimit;
import dev.bucketsql.engine.sort.RowOrder;
import dev.bucketsql.engine.sort.Sort;
import dev.bucketsql.engine.sort.SortKey;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Window functions of one window ({@code OVER (PARTITION BY ... ORDER BY ... frame)}): each input
 * row with one more column per {@link WindowFunction}. The input is sorted by the partition keys,
 * then the order keys ({@link Sort}: stable, so peers keep their input order, and it spills), then
 * read once: rows come out partition after partition, in order within each. Where every function's
 * value is known as its row is read (ROW_NUMBER, RANK, DENSE_RANK, aggregates from the partition's
 * start to the current row) each sorted batch comes out with the functions' columns beside it
 * ({@link RunningRows}); otherwise rows pass through the held store.
 *
 * <p>Partitions and peers are told apart by SQL equality ({@link Cells}: NULL keys are one
 * partition, -0.0 equals 0.0, NaN equals NaN, 1.0 equals 1.00). A row waits, held, until its values
 * are known: until LEAD's offset or the frame's end has been read, until its last peer has been
 * read (a RANGE frame), or until its partition ends (NTILE, a frame to the partition's end). A held
 * row leaves once no later row's LAG or frame reaches back to it. Held rows are counted in the
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

  private final RowValues functions;

  /** The functions when their values are known as each row is read; else null. */
  private final RunningRows running;

  private final List<ColumnType> types;
  private final ExecContext context;
  private final MemoryBudget budget;
  private final ColumnBatch last;
  private final BatchWriter out;
  private HeldRows held;
  private ColumnBatch batch;
  private int row;
  private boolean inputDone;
  private boolean classified;
  private boolean newPartition;
  private boolean newPeers;
  private boolean started;

  /** The partition's rows are all read. */
  private boolean ended;

  /** Position of the next row to write. */
  private long next;

  private long rank;
  private long denseRank;

  /** Position of the first row of the current group of peers. */
  private long peersStart;

  private boolean closed;

  /**
   * @param input the rows, in any order
   * @param partition the PARTITION BY columns (none: one partition)
   * @param orderKeys the ORDER BY keys within a partition, with Calcite's directions and NULL
   *     placement (none: every row of a partition is a peer of every other)
   * @param frame the frame of the aggregates, FIRST_VALUE and LAST_VALUE; RANK and DENSE_RANK need
   *     one that starts at the partition and ends at the current row (the others take any)
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
    this(input, partition, orderKeys, frame, functions, context, subject, false);
  }

  /**
   * The rows of a window of ROW_NUMBER, RANK and DENSE_RANK whose function {@code limited} has a
   * value of at most {@code limit} (a filter such as {@code rn <= 3} or {@code rn = 1} above it
   * keeps no other row), with the same values and in the same order as the window's: its sort cuts
   * each partition to its first rows before they are copied out ({@link PartitionLimit}), and the
   * window numbers the rows kept, a prefix of each partition.
   *
   * @throws IllegalArgumentException when a function is not ROW_NUMBER, RANK or DENSE_RANK
   */
  public static Window ranksUpTo(
      Operator input,
      int[] partition,
      List<SortKey> orderKeys,
      List<WindowFunction> functions,
      int limited,
      long limit,
      ExecContext context,
      String subject) {
    for (WindowFunction f : functions) {
      if (measure(f.kind()) == null) {
        throw new IllegalArgumentException(f.name() + " is no rank: no limit per partition");
      }
    }
    List<SortKey> sortKeys = new ArrayList<>();
    for (int c : partition) {
      sortKeys.add(SortKey.asc(c));
    }
    sortKeys.addAll(orderKeys);
    PartitionLimit.Measure m = measure(functions.get(limited).kind());
    Operator in;
    if (!sortKeys.isEmpty()) {
      in =
          new Sort(
              input,
              sortKeys,
              context,
              HeldBy.WINDOW,
              subject,
              new PartitionLimit(partition.length, m, limit));
    } else {
      // no keys: one partition in input order, every row a peer of every other (rank 1)
      long rows = m == PartitionLimit.Measure.ROW_NUMBER ? limit : limit >= 1 ? Long.MAX_VALUE : 0;
      in = new Limit(input, 0, Math.max(0, rows), context);
    }
    return new Window(
        in, partition, orderKeys, Frame.ROWS_TO_CURRENT, functions, context, subject, true);
  }

  private static PartitionLimit.Measure measure(WindowFunction.Kind kind) {
    return switch (kind) {
      case ROW_NUMBER -> PartitionLimit.Measure.ROW_NUMBER;
      case RANK -> PartitionLimit.Measure.RANK;
      case DENSE_RANK -> PartitionLimit.Measure.DENSE_RANK;
      default -> null;
    };
  }

  /**
   * A window whose input may come sorted already, as a window of the same keys gives its rows
   * ({@link #sortsAlike}): then it does not sort it again.
   *
   * @param presorted whether {@code input} comes sorted by the partition columns (in any order of
   *     them) then the order keys, peers in the order a sort would keep
   */
  public Window(
      Operator input,
      int[] partition,
      List<SortKey> orderKeys,
      Frame frame,
      List<WindowFunction> functions,
      ExecContext context,
      String subject,
      boolean presorted) {
    requireNonNull(input, "input is null");
    requireNonNull(frame, "frame is null");
    this.context = requireNonNull(context, "context is null");
    List<ColumnType> in = input.types();
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
    List<ColumnType> t = new ArrayList<>(in);
    for (WindowFunction f : functions) {
      boolean ranks =
          f.kind() == WindowFunction.Kind.RANK || f.kind() == WindowFunction.Kind.DENSE_RANK;
      if (ranks && (!frame.fromStart() || frame.upper() != 0)) {
        throw new IllegalArgumentException(
            f.name() + " has a value only over a frame from the partition's start to the row");
      }
      if (f.column() >= in.size() || f.aggregate() != null && f.aggregate().column() >= in.size()) {
        throw new IllegalArgumentException(f.name() + " reads a column the input does not have");
      }
      t.add(f.resultType(in));
    }
    types = List.copyOf(t);
    this.functions = new RowValues(functions, frame, in);
    int[] keyColumns =
        IntStream.concat(Arrays.stream(this.partition), Arrays.stream(order)).distinct().toArray();
    running =
        RunningRows.handles(functions, frame)
            ? new RunningRows(functions, in, types, partitionKeys, peerKeys, keyColumns)
            : null;
    budget = context.budget(HeldBy.WINDOW, requireNonNull(subject, "subject is null"));
    this.input =
        sortKeys.isEmpty() || presorted
            ? input
            : new Sort(input, sortKeys, context, HeldBy.WINDOW, subject);
    last = new ColumnBatch(in.toArray(new ColumnType[0]), 1);
    held = new HeldRows(in);
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
    if (running != null) {
      return nextRunning();
    }
    while (!out.full()) {
      if (next < held.end() && ready(next)) {
        functions.write(held, next, held.end(), out.batch(), out.row());
        out.commit();
        next++;
        held.dropBefore(functions.keepFrom(next));
        continue;
      }
      if (ended) {
        // every row of the partition is written
        if (inputDone) {
          break;
        }
        startPartition();
      }
      if (batch == null || row == batch.size()) {
        if (batch != null) {
          remember(batch, batch.size() - 1);
        }
        batch = input.next();
        row = 0;
        if (batch == null) {
          inputDone = true;
          input.close();
          endPartition();
        }
        continue;
      }
      if (!classified) {
        classify(batch, row);
        classified = true;
      }
      if (newPartition && held.end() > 0) {
        endPartition();
        continue;
      }
      add(batch, row);
      row++;
      classified = false;
    }
    return out.take();
  }

  /** The next input batch with the functions' columns, no row held. */
  private ColumnBatch nextRunning() {
    while (!inputDone) {
      ColumnBatch b = input.next();
      if (b == null) {
        inputDone = true;
        input.close();
      } else if (b.size() > 0) {
        return running.apply(b);
      }
    }
    return null;
  }

  /** Whether the values of the row at position {@code p}, read, are known. */
  private boolean ready(long p) {
    if (ended) {
      return true;
    }
    if (functions.needsEnd() || functions.needsPeers() && held.lastPeer(p) < 0) {
      return false;
    }
    return held.end() - 1 >= p + functions.lookahead();
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

  private void add(ColumnBatch b, int r) {
    long p = held.end();
    if (p == 0) {
      started = true;
      rank = 1;
      denseRank = 1;
      peersStart = 0;
      functions.startPartition(b, r);
    } else if (newPeers) {
      endPeers(peersStart, p - 1);
      rank = p + 1;
      denseRank++;
      peersStart = p;
    }
    budget.reserveUpTo(held.bytesAfterAppend(b, r) + functions.bytes(), held.size() + 1L);
    held.append(b, r, rank, denseRank);
  }

  private void endPartition() {
    if (held.end() > 0) {
      endPeers(peersStart, held.end() - 1);
    }
    ended = true;
  }

  /** Marks the rows from {@code from} to {@code last} peers, when a function asks for peers. */
  private void endPeers(long from, long last) {
    if (functions.needsPeers()) {
      held.endPeers(from, last);
    }
  }

  private void startPartition() {
    held.clear();
    budget.releaseAll();
    ended = false;
    next = 0;
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

  /**
   * Whether a window over partition columns {@code partition} and order keys {@code order} gives
   * its rows in an order that a window over {@code otherPartition} and {@code otherOrder} would not
   * change by sorting them: the same set of partition columns (one order of them groups the
   * partitions as well as another, and a partition's rows come in the same order either way) and
   * the same order keys. A window whose input comes so needs no sort of its own.
   */
  public static boolean sortsAlike(
      int[] partition, List<SortKey> order, int[] otherPartition, List<SortKey> otherOrder) {
    int[] a = partition.clone();
    int[] b = otherPartition.clone();
    Arrays.sort(a);
    Arrays.sort(b);
    return Arrays.equals(a, b) && order.equals(otherOrder);
  }

  /** Whether its rows come out batch by batch, none held ({@link RunningRows}), for tests. */
  boolean holdsNoRow() {
    return running != null;
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
