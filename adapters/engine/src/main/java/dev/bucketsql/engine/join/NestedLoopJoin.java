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
 * reserved in the operator's memory budget row by row and fail with the join's memory error when
 * they do not fit; this join does not spill.
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
        ColumnBatch b = left.next();
        if (b == null) {
          left.close();
          phase = keepsRight ? Phase.RIGHT_TAIL : Phase.DONE;
          position = 0;
        } else {
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
        long row = store.size();
        // a RIGHT or FULL join also keeps a flag per held row
        budget.reserveUpTo(store.bytesAfterAppend(b, r) + (keepsRight ? row + 1 : 0), row + 1);
        store.append(b, r);
      }
    }
    right.close();
    if (keepsRight) {
      rightMatched = new boolean[store.size()];
    }
  }

  /**
   * Copies the left columns of {@code b} into the pair batch, where they stay for every right row.
   */
  private void startLeft(ColumnBatch b) {
    int n = b.size();
    if (pair == null || pair.capacity() < n) {
      pair = new ColumnBatch(pairTypes, Math.max(n, context.batchSize()));
      leftMatched = new boolean[pair.capacity()];
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
    Arrays.fill(leftMatched, 0, n, false);
    leftBatch = b;
    undecided = n;
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

  /** After every right row: the left rows a LEFT, FULL, SEMI or ANTI join outputs on their own. */
  private void finishLeft() {
    int n = leftBatch.size();
    if (keepsLeft || decides) {
      ColumnBatch o = out.batch();
      boolean wanted = type == JoinType.SEMI;
      while (position < n && !out.full()) {
        int r = position++;
        if (leftMatched[r] == wanted) {
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
      phase = Phase.DONE;
    }
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
      left.close();
    } finally {
      right.close();
    }
  }
}
