package dev.bucketsql.engine.join;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.RowStore;
import dev.bucketsql.engine.memory.MemoryBudget;
import dev.bucketsql.engine.spill.SpillFile;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.List;

/**
 * The spill files of a {@link NestedLoopJoin} whose right side does not fit: the right rows past
 * the first chunk, read once, a chunk that fits at a time; and the left input, written on the pass
 * of the first chunk and read again for every later chunk, always in the same order, so that a left
 * row keeps its number and one bit per left row carries its decision (matched by some right row)
 * from chunk to chunk.
 */
final class LoopSpill implements AutoCloseable {
  private final ExecContext context;
  private final MemoryBudget budget;
  private final List<ColumnType> leftTypes;
  private final List<ColumnType> rightTypes;
  private final SpillFile rightFile;
  private final SpillFile leftFile;
  private final RowBits decided = new RowBits();
  private Operator rightRest;
  private ColumnBatch pending;
  private int pendingRow;
  private Operator leftReader;
  private int chunks = 1;
  private boolean last;

  LoopSpill(
      ExecContext context,
      MemoryBudget budget,
      List<ColumnType> leftTypes,
      List<ColumnType> rightTypes) {
    this.context = context;
    this.budget = budget;
    this.leftTypes = leftTypes;
    this.rightTypes = rightTypes;
    rightFile = context.spill().newFile(budget);
    SpillFile l;
    try {
      l = context.spill().newFile(budget);
    } catch (RuntimeException e) {
      rightFile.delete();
      throw e;
    }
    leftFile = l;
  }

  /** Writes right row {@code r} of {@code b}: a row past the first chunk. */
  void writeRight(ColumnBatch b, int r) {
    rightFile.write(b, r);
  }

  /** Writes the rows of left batch {@code b}, on the pass of the first chunk. */
  void writeLeft(ColumnBatch b) {
    for (int r = 0; r < b.size(); r++) {
      leftFile.write(b, r);
    }
  }

  /** Left rows written: the whole left input once its first pass is over. */
  long leftRows() {
    return leftFile.rows();
  }

  /** Per left row in file order: matched by a right row of a chunk already joined. */
  RowBits decided() {
    return decided;
  }

  /** Chunks of the right side loaded so far, the first included. */
  int chunks() {
    return chunks;
  }

  /** Whether the chunk held now is the last. */
  boolean lastChunk() {
    return last;
  }

  /**
   * Replaces the rows of {@code store} with the next right rows that fit the budget (at least one;
   * a row that alone does not fit is the memory error), reserving them as {@code
   * NestedLoopJoin#holdRight} does, and returns the left input to pass over again.
   */
  Operator nextChunk(RowStore store, boolean flags) {
    closeLeftReader();
    if (rightRest == null) {
      rightFile.finish();
      leftFile.finish();
      rightRest = rightFile.reader(rightTypes, context, true);
    }
    store.clear();
    budget.releaseAll();
    while (true) {
      if (pending == null || pendingRow == pending.size()) {
        pending = rightRest.next();
        pendingRow = 0;
        if (pending == null) {
          break;
        }
      }
      long row = store.size();
      long needed = store.bytesAfterAppend(pending, pendingRow) + (flags ? row + 1 : 0);
      if (needed > budget.limit().bytes() && row > 0) {
        break;
      }
      budget.reserveUpTo(needed, row + 1);
      store.append(pending, pendingRow++);
    }
    if (pending != null && pendingRow == pending.size()) {
      // the reader reuses its batch: every row of this one is held, so look at the next
      pending = rightRest.next();
      pendingRow = 0;
    }
    last = pending == null;
    if (last) {
      // the right file is read to its end and deleted
      rightRest.close();
    }
    chunks++;
    leftReader = leftFile.reader(leftTypes, context, false);
    return leftReader;
  }

  private void closeLeftReader() {
    if (leftReader != null) {
      leftReader.close();
      leftReader = null;
    }
  }

  /** Deletes both files; safe to call again. */
  @Override
  public void close() {
    try {
      closeLeftReader();
      if (rightRest != null) {
        rightRest.close();
      }
    } finally {
      try {
        rightFile.delete();
      } finally {
        leftFile.delete();
      }
    }
  }
}
