package dev.bucketsql.engine.join;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.BatchWriter;
import dev.bucketsql.engine.Cells;
import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.RowStore;
import dev.bucketsql.engine.expr.Expr;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryBudget;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A join on any condition (a theta join, a cross join, the scalar side of {@code NOT IN}): the
 * right input is read once into memory, then each batch of the left input is paired with every held
 * right row, the condition evaluated over the whole batch for one right row at a time. Output as
 * {@link HashJoin}'s: for INNER, LEFT, RIGHT and FULL the left columns then the right columns; for
 * SEMI and ANTI the left columns. A pair matches where the condition is TRUE (not FALSE, not NULL);
 * rows come in no defined order.
 *
 * <p>Reading the right input once is the point: a row-at-a-time nested loop enumerates it again for
 * every left row, which for a scan means reading the object again each time. The held rows are
 * reserved in the operator's memory budget row by row. When they do not fit and the query may
 * spill, the join holds the right side a chunk that fits at a time ({@link LoopSpill}): the rest of
 * the right side goes to a spill file, the left input to another as it is read for the first chunk,
 * and the left file is read again for every later chunk. A RIGHT or FULL join's unmatched right
 * rows are known at the end of their chunk's pass, as every left row has then met them; a left
 * row's match is carried across chunks by one bit per left row, and LEFT, FULL and ANTI emit their
 * unmatched left rows on the last chunk's pass. Without spilling, the memory error.
 */
public final class NestedLoopJoin implements Operator {
  private enum Phase {
    LEFT,
    RIGHT_TAIL,
    DONE
  }

  private final Operator left;
  private final Operator right;
  private final Expr condition;
  private final JoinType type;
  private final ExecContext context;
  private final MemoryBudget budget;
  private final List<ColumnType> types;
  private final ColumnType[] pairTypes;
  private final int leftWidth;
  private final int rightWidth;
  private final boolean keepsLeft;
  private final boolean keepsRight;
  private final boolean decides;

  private RowStore store;
  private boolean[] rightMatched;
  private BatchWriter out;
  private Phase phase = Phase.LEFT;

  private ColumnBatch pair;
  private ColumnBatch leftBatch;
  private boolean[] leftMatched;
  private boolean[] pass;
  private int undecided;
  private int rightRow;
  private int emitting = -1;
  private int position;
  private boolean finishing;
  private boolean closed;

  private Operator leftSource;
  private LoopSpill spill;
  private boolean[] known;
  private long leftBase;
  private long leftRowsRead;

  /**
   * @param condition a BOOLEAN expression over the left columns then the right columns; null joins
   *     every pair (a cross join)
   * @param type any but {@link JoinType#MARK}
   * @param subject what the right side holds, for the memory error ({@code table 'x'})
   */
  public NestedLoopJoin(
      Operator left,
      Operator right,
      Expr condition,
      JoinType type,
      ExecContext context,
      String subject) {
    this.left = requireNonNull(left, "left is null");
    this.right = requireNonNull(right, "right is null");
    this.type = requireNonNull(type, "type is null");
    this.context = requireNonNull(context, "context is null");
    this.condition = condition;
    if (type == JoinType.MARK) {
      throw new IllegalArgumentException("a nested-loop join does not make marks");
    }
    if (condition != null && condition.type() != ColumnType.BOOLEAN) {
      throw new IllegalArgumentException("a join condition is BOOLEAN, not " + condition.type());
    }
    this.budget = context.budget(HeldBy.JOIN, requireNonNull(subject, "subject is null"));
    leftWidth = left.types().size();
    rightWidth = right.types().size();
    List<ColumnType> both = new ArrayList<>(left.types());
    both.addAll(right.types());
    pairTypes = both.toArray(new ColumnType[0]);
    types = List.copyOf(type.outputsRight() ? both : left.types());
    keepsLeft = type == JoinType.LEFT || type == JoinType.FULL;
    keepsRight = type == JoinType.RIGHT || type == JoinType.FULL;
    decides = type == JoinType.SEMI || type == JoinType.ANTI;
    leftSource = left;
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
    try {
      return produce();
    } catch (RuntimeException e) {
      // a failure or a cancel: the spill files go now, not when the consumer closes
      if (spill != null) {
        spill.close();
      }
      throw e;
    }
  }

  private ColumnBatch produce() {
    if (out == null) {
      holdRight();
      out = new BatchWriter(types, context.batchSize());
      if (store.size() == 0 && !keepsLeft && type != JoinType.ANTI) {
        // no pair can match and no left row is kept alone: the left input need not be read
        left.close();
        phase = Phase.DONE;
      }
    }
    while (!out.full() && phase != Phase.DONE) {
      if (phase == Phase.RIGHT_TAIL) {
        rightTail();
      } else if (leftBatch == null) {
        context.checkCancelled();
        ColumnBatch b = leftSource.next();
        if (b == null) {
          leftSource.close();
          position = 0;
          phase = keepsRight ? Phase.RIGHT_TAIL : afterPass();
        } else {
          if (spill != null && spill.chunks() == 1) {
            spill.writeLeft(b);
          }
          startLeft(b);
        }
      } else if (emitting >= 0) {
        emitPairs();
      } else if (rightRow < store.size() && (!decides || undecided > 0)) {
        context.checkCancelled();
        evaluate(rightRow++);
      } else {
        if (!finishing) {
          finishing = true;
          position = 0;
        }
        finishLeft();
      }
    }
    return out.take();
  }

  private void holdRight() {
    store = new RowStore(right.types());
    for (ColumnBatch b = right.next(); b != null; b = right.next()) {
      context.checkCancelled();
      for (int r = 0; r < b.size(); r++) {
        if (spill != null) {
          spill.writeRight(b, r);
          continue;
        }
        long row = store.size();
        // a RIGHT or FULL join also keeps a flag per held row
        long needed = store.bytesAfterAppend(b, r) + (keepsRight ? row + 1 : 0);
        if (needed > budget.limit().bytes() && row > 0 && context.spill().enabled()) {
          // the rows held are the first chunk; the rest waits on disk
          spill = new LoopSpill(context, budget, left.types(), right.types());
          spill.writeRight(b, r);
          continue;
        }
        budget.reserveUpTo(needed, row + 1);
        store.append(b, r);
      }
    }
    right.close();
    if (keepsRight) {
      rightMatched = new boolean[store.size()];
    }
  }

  /**
   * After a pass over the left input (and the right tail of its chunk): the next chunk's pass, or
   * the end.
   */
  private Phase afterPass() {
    if (spill == null || spill.lastChunk()) {
      return finish();
    }
    long leftRows = spill.leftRows();
    if (!keepsRight && (leftRows == 0 || decides && spill.decided().count() == leftRows)) {
      // no later chunk can add a row: no left row, or every one decided (SEMI emitted them)
      return finish();
    }
    leftSource = spill.nextChunk(store, keepsRight);
    if (keepsRight) {
      rightMatched = new boolean[store.size()];
    }
    leftRowsRead = 0;
    return Phase.LEFT;
  }

  private Phase finish() {
    if (spill != null) {
      spill.close();
    }
    return Phase.DONE;
  }

  /**
   * Copies the left columns of {@code b} into the pair batch, where they stay for every right row.
   */
  private void startLeft(ColumnBatch b) {
    int n = b.size();
    if (pair == null || pair.capacity() < n) {
      pair = new ColumnBatch(pairTypes, Math.max(n, context.batchSize()));
      leftMatched = new boolean[pair.capacity()];
      known = new boolean[pair.capacity()];
      pass = new boolean[pair.capacity()];
    }
    for (int c = 0; c < leftWidth; c++) {
      switch (pair.kind(c)) {
        case LONG -> System.arraycopy(b.longs(c), 0, pair.longs(c), 0, n);
        case DOUBLE -> System.arraycopy(b.doubles(c), 0, pair.doubles(c), 0, n);
        default -> System.arraycopy(b.objects(c), 0, pair.objects(c), 0, n);
      }
      System.arraycopy(b.nulls(c), 0, pair.nulls(c), 0, n);
    }
    pair.setSize(n);
    leftBatch = b;
    leftBase = leftRowsRead;
    leftRowsRead += n;
    undecided = n;
    if (spill != null && (keepsLeft || decides)) {
      // a row matched in an earlier chunk stays matched; SEMI and ANTI need not ask again
      RowBits decided = spill.decided();
      for (int r = 0; r < n; r++) {
        known[r] = decided.get(leftBase + r);
        leftMatched[r] = known[r];
        if (known[r]) {
          undecided--;
        }
      }
    } else {
      Arrays.fill(leftMatched, 0, n, false);
      Arrays.fill(known, 0, n, false);
    }
    rightRow = 0;
    emitting = -1;
    position = 0;
    finishing = false;
  }

  /**
   * Sets {@code pass} to the left rows that match right row {@code row}. SEMI and ANTI ask only for
   * the left rows no earlier right row matched, as a row-at-a-time loop stops at a row's first
   * match, so the condition is evaluated for the same pairs.
   */
  private void evaluate(int row) {
    int n = leftBatch.size();
    if (condition == null) {
      Arrays.fill(pass, 0, n, true);
    } else {
      for (int c = 0; c < rightWidth; c++) {
        broadcast(row, c, n);
      }
      boolean[] ask = null;
      if (decides) {
        ask = pass;
        for (int r = 0; r < n; r++) {
          ask[r] = !leftMatched[r];
        }
      }
      ColumnBatch value = condition.evaluate(pair, ask);
      boolean[] nulls = value.nulls(0);
      long[] truth = value.longs(0);
      for (int r = 0; r < n; r++) {
        pass[r] = (ask == null || ask[r]) && !nulls[r] && truth[r] != 0;
      }
    }
    boolean any = false;
    for (int r = 0; r < n; r++) {
      if (pass[r]) {
        any = true;
        if (!leftMatched[r]) {
          leftMatched[r] = true;
          undecided--;
        }
      }
    }
    if (any && keepsRight) {
      rightMatched[row] = true;
    }
    if (any && type.outputsRight()) {
      emitting = row;
      position = 0;
    }
  }

  /** Sets right column {@code c} of the pair batch to the value of held row {@code row}. */
  private void broadcast(int row, int c, int n) {
    int pc = leftWidth + c;
    boolean isNull = store.isNull(c, row);
    Arrays.fill(pair.nulls(pc), 0, n, isNull);
    switch (store.kind(c)) {
      case LONG -> Arrays.fill(pair.longs(pc), 0, n, isNull ? 0 : store.longAt(c, row));
      case DOUBLE -> Arrays.fill(pair.doubles(pc), 0, n, isNull ? 0 : store.doubleAt(c, row));
      default -> Arrays.fill(pair.objects(pc), 0, n, store.objectAt(c, row));
    }
  }

  /** Writes the pairs of right row {@code emitting} that passed, as far as the batch holds. */
  private void emitPairs() {
    int n = leftBatch.size();
    ColumnBatch o = out.batch();
    while (position < n && !out.full()) {
      int r = position++;
      if (pass[r]) {
        int w = out.row();
        for (int c = 0; c < leftWidth; c++) {
          Cells.copy(leftBatch, c, r, o, c, w);
        }
        store.copyTo(emitting, o, w, leftWidth);
        out.commit();
      }
    }
    if (position == n) {
      emitting = -1;
    }
  }

  /**
   * After every right row of the chunk: the left rows a LEFT, FULL, SEMI or ANTI join outputs on
   * their own. SEMI emits a row on the pass where it first matched; the others, a row no right row
   * matched, on the last chunk's pass, when no right row is left to match it.
   */
  private void finishLeft() {
    int n = leftBatch.size();
    if (position == 0 && spill != null && (keepsLeft || decides)) {
      RowBits decided = spill.decided();
      for (int r = 0; r < n; r++) {
        if (leftMatched[r] && !known[r]) {
          decided.set(leftBase + r);
        }
      }
    }
    boolean semi = type == JoinType.SEMI;
    if (keepsLeft || decides) {
      if (!semi && spill != null && !spill.lastChunk()) {
        position = n;
      }
      ColumnBatch o = out.batch();
      while (position < n && !out.full()) {
        int r = position++;
        if (semi ? leftMatched[r] && !known[r] : !leftMatched[r]) {
          int w = out.row();
          for (int c = 0; c < leftWidth; c++) {
            Cells.copy(leftBatch, c, r, o, c, w);
          }
          if (keepsLeft) {
            for (int c = 0; c < rightWidth; c++) {
              Cells.setNull(o, leftWidth + c, w);
            }
          }
          out.commit();
        }
      }
      if (position < n) {
        return;
      }
    }
    leftBatch = null;
  }

  /** After the left input: the right rows of a RIGHT or FULL join no left row matched. */
  private void rightTail() {
    ColumnBatch o = out.batch();
    while (position < store.size() && !out.full()) {
      int row = position++;
      if (!rightMatched[row]) {
        int w = out.row();
        for (int c = 0; c < leftWidth; c++) {
          Cells.setNull(o, c, w);
        }
        store.copyTo(row, o, w, leftWidth);
        out.commit();
      }
    }
    if (position == store.size()) {
      phase = afterPass();
      position = 0;
    }
  }

  /** Whether the right side did not fit and went to a spill file. */
  public boolean spilled() {
    return spill != null;
  }

  /** Chunks of the right side joined so far: 1 when it fit, more when it spilled. */
  public int chunks() {
    return spill == null ? 1 : spill.chunks();
  }

  /** Bytes reserved now, for tests. */
  public long reservedBytes() {
    return budget.reserved();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    store = null;
    pair = null;
    leftBatch = null;
    budget.releaseAll();
    try {
      if (spill != null) {
        spill.close();
      }
    } finally {
      try {
        leftSource.close();
        left.close();
      } finally {
        right.close();
      }
    }
  }
}
