package dev.bucketsql.engine.sort;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.List;

/**
 * OFFSET o FETCH n without an order: skips the first {@code o} rows, returns the next {@code n},
 * and stops pulling its input (and closes it) as soon as it has them. Holds no rows.
 */
public final class Limit implements Operator {
  /** The fetch of a LIMIT without one: every row after the offset. */
  public static final long ALL = Long.MAX_VALUE;

  private final Operator input;
  private final ExecContext context;
  private long toSkip;
  private long toReturn;
  private ColumnBatch slice;
  private boolean closed;

  /**
   * @param offset rows to skip, at least 0
   * @param fetch rows to return, at least 0 ({@link #ALL} for no limit)
   */
  public Limit(Operator input, long offset, long fetch, ExecContext context) {
    this.input = requireNonNull(input, "input is null");
    this.context = requireNonNull(context, "context is null");
    if (offset < 0 || fetch < 0) {
      throw new IllegalArgumentException(
          "OFFSET and FETCH are not negative: " + offset + ", " + fetch);
    }
    this.toSkip = offset;
    this.toReturn = fetch;
  }

  @Override
  public List<ColumnType> types() {
    return input.types();
  }

  @Override
  public ColumnBatch next() {
    while (!closed && toReturn > 0) {
      context.checkCancelled();
      ColumnBatch b = input.next();
      if (b == null) {
        break;
      }
      int n = b.size();
      if (toSkip >= n) {
        toSkip -= n;
        continue;
      }
      int from = (int) toSkip;
      toSkip = 0;
      int count = (int) Math.min(n - from, toReturn);
      toReturn -= count;
      if (from == 0 && count == n) {
        return b;
      }
      if (slice == null || slice.capacity() < count) {
        slice =
            new ColumnBatch(
                input.types().toArray(new ColumnType[0]), Math.max(count, b.capacity()));
      }
      slice.clear();
      slice.append(b, from, count);
      return slice;
    }
    close();
    return null;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      input.close();
    }
  }
}
