package dev.bucketsql.engine.join;

import dev.bucketsql.engine.BatchWriter;
import dev.bucketsql.format.ColumnType;
import java.util.List;

/**
 * The columns a join writes and holds when its consumer reads only some of its output ({@link
 * HashJoin#emitOnly}): a column nobody reads is neither gathered into each output batch nor held in
 * the build side's store.
 */
final class ColumnsRead {
  private ColumnsRead() {}

  /**
   * The writer of a join's output: a column its consumer does not read ({@code read[c]} false) is
   * NULL from the start, so the rows where the join writes nothing in it read as NULL.
   */
  static BatchWriter writer(List<ColumnType> types, boolean[] read, int capacity) {
    BatchWriter out = new BatchWriter(types, capacity);
    out.batch().nullUnread(read);
    return out;
  }

  /**
   * Which build columns the store holds, null for all: its keys, and those of its columns the
   * consumer reads, at {@code outputAt} on in the output ({@code -1}: the output has none of them:
   * SEMI, ANTI and MARK building the right side); every one with a residual, which may read any.
   * Without {@code read}, every column, unless the output has none of them.
   */
  static boolean[] heldBuildColumns(
      boolean[] read, int[] keys, int width, int outputAt, boolean residual) {
    if (residual || read == null && outputAt >= 0) {
      return null;
    }
    boolean[] held = new boolean[width];
    for (int k : keys) {
      held[k] = true;
    }
    if (outputAt >= 0) {
      for (int c = 0; c < width; c++) {
        held[c] |= read[outputAt + c];
      }
    }
    return held;
  }
}
