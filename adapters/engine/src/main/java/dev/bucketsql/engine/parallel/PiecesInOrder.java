package dev.bucketsql.engine.parallel;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.Operator;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.List;

/**
 * A {@link Fragment}'s pieces one after the other on the caller's thread: what an {@link Exchange}
 * returns with one worker, without the worker. Each piece's operators are closed before the next
 * piece's are opened.
 */
final class PiecesInOrder implements Operator {
  private final Fragment fragment;
  private final int pieces;
  private final List<ColumnType> types;
  private int piece;
  private Operator current;
  private boolean closed;

  PiecesInOrder(Fragment fragment, int pieces, List<ColumnType> types) {
    this.fragment = requireNonNull(fragment, "fragment is null");
    this.pieces = pieces;
    this.types = List.copyOf(types);
  }

  @Override
  public List<ColumnType> types() {
    return types;
  }

  @Override
  public ColumnBatch next() {
    while (!closed) {
      if (current == null) {
        if (piece == pieces) {
          return null;
        }
        current = fragment.open(piece++, () -> false);
      }
      ColumnBatch batch = current.next();
      if (batch != null) {
        return batch;
      }
      Operator done = current;
      current = null;
      done.close();
    }
    return null;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (current != null) {
        Operator open = current;
        current = null;
        open.close();
      }
    }
  }
}
