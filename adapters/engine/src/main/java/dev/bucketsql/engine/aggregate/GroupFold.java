package dev.bucketsql.engine.aggregate;

import dev.bucketsql.format.ColumnBatch;

/**
 * An aggregate function the engine computes by folding each group's rows, one at a time, into a
 * state the function owns: what the SQL layer computes with its own methods (the quantiles), handed
 * in by the binding so that the engine calls the very methods Calcite's generated code calls and
 * the answers cannot drift. The engine keeps one state per group, skips the rows where an argument
 * is NULL (the SQL layer's strict aggregates skip them), counts each value added in the aggregate's
 * memory and gives NULL for a group no row reached. Rows come in input order, except under
 * DISTINCT, whose values may come in another order once it spilled: a DISTINCT fold must not depend
 * on the order of its rows.
 */
public interface GroupFold {
  /** A new group's state, before its first row. */
  Object start();

  /**
   * Folds row {@code r} of {@code batch} into {@code state}; every argument column of the call is
   * non-null in that row. May throw the function's own error, which fails the query as it comes.
   */
  void add(Object state, ColumnBatch batch, int r);

  /**
   * The group's value in {@link dev.bucketsql.format.ColumnType}'s representation (what {@link
   * ColumnBatch#set} takes), or null for NULL.
   */
  Object result(Object state);
}
