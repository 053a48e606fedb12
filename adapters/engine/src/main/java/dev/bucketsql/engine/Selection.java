package dev.bucketsql.engine;

/**
 * Which rows of a batch are live: the answer of {@link Operator#nextSelected}, filled by the
 * operator that returned the batch. A filter that keeps most rows hands its input batch on with the
 * rows it kept named here instead of copying them into a batch of their own; an operator that reads
 * a selection works on the live rows alone (and never fails on another), every other operator asks
 * {@link Operator#next} and gets compacted batches, so no operator meets a selection it does not
 * read.
 *
 * <p>Both forms of the live rows are given, as the readers want them: a flag per row ({@link
 * #mask}), which expressions take as the rows to compute, and the row numbers in order ({@link
 * #rows}), which an aggregate's accumulators take. The arrays are the producing operator's and are
 * valid, like its batch, until its next call; a reader never writes them.
 */
public final class Selection {
  private int size;
  private int count;
  private boolean[] mask;
  private int[] rows;

  /** Every row of a batch of {@code size} rows is live. */
  public void all(int size) {
    this.size = size;
    this.count = size;
    this.mask = null;
    this.rows = null;
  }

  /**
   * The rows {@code r < size} with {@code mask[r]} are live, {@code count} of them, numbered in
   * order in {@code rows[0, count)}.
   */
  public void set(int size, boolean[] mask, int[] rows, int count) {
    if (count == size) {
      all(size);
      return;
    }
    this.size = size;
    this.count = count;
    this.mask = mask;
    this.rows = rows;
  }

  /** Whether every row is live (then {@link #mask} and {@link #rows} are null). */
  public boolean all() {
    return mask == null;
  }

  /** The rows of the batch, live or not. */
  public int size() {
    return size;
  }

  /** The live rows: never 0 for a batch an operator returned. */
  public int count() {
    return count;
  }

  /** Per row, whether it is live; null when all are. */
  public boolean[] mask() {
    return mask;
  }

  /** The live rows' numbers in ascending order, {@link #count} of them; null when all are live. */
  public int[] rows() {
    return rows;
  }
}
