package dev.bucketsql.engine.join;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.RowSelection;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnBatch.Kind;
import dev.bucketsql.format.ColumnType;
import java.util.Arrays;
import java.util.List;

/**
 * The rows of its input whose LONG column {@code column} is among a {@link KeyFilter}'s keys, once
 * the filter is published; every row before that. Batches where every row stays go through as they
 * are; one where none stays is skipped.
 */
public final class KeyFiltered implements Operator {
  private final Operator input;
  private final int column;
  private final KeyFilter filter;
  private final ExecContext context;
  private final RowSelection selection;
  private boolean[] keep = new boolean[0];
  private long dropped;
  private boolean closed;

  /** The rows of {@code input} whose {@code column} {@code filter} keeps. */
  public KeyFiltered(Operator input, int column, KeyFilter filter, ExecContext context) {
    this.input = requireNonNull(input, "input is null");
    this.filter = requireNonNull(filter, "filter is null");
    this.context = requireNonNull(context, "context is null");
    ColumnType type = input.types().get(column);
    if (Kind.of(type) != Kind.LONG) {
      throw new IllegalArgumentException("a key filter reads a LONG column, not " + type);
    }
    this.column = column;
    this.selection = new RowSelection(input.types());
  }

  @Override
  public List<ColumnType> types() {
    return input.types();
  }

  /** Rows dropped so far, for tests. */
  public long dropped() {
    return dropped;
  }

  @Override
  public ColumnBatch next() {
    while (!closed) {
      context.checkCancelled();
      ColumnBatch b = input.next();
      if (b == null || !filter.published()) {
        return b;
      }
      int n = b.size();
      if (keep.length < n) {
        keep = new boolean[Math.max(n, b.capacity())];
      }
      Arrays.fill(keep, 0, n, true);
      int kept = filter.apply(b.longs(column), b.nulls(column), n, keep);
      dropped += n - kept;
      ColumnBatch out = selection.keep(b, keep, n, kept);
      if (out != null) {
        return out;
      }
    }
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
