package dev.bucketsql.calcite.exec;

/**
 * A join's in-memory side needs more than the connection allows ({@code joinMemory}): the
 * query fails with this, naming the table, rather than exhausting the heap.
 */
public final class JoinMemoryExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  JoinMemoryExceededException(String table, long limit, long rows, String key) {
    super(
        "the join holds table '"
            + table
            + "' in memory and needs more than "
            + limit
            + " bytes for its first "
            + rows
            + " rows: the limit is the connection setting "
            + key
            + "="
            + limit
            + "; raise it (e.g. "
            + key
            + "=2g) or filter that table more");
  }
}
