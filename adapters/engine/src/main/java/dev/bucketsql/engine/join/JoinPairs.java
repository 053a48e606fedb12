package dev.bucketsql.engine.join;

import dev.bucketsql.engine.Cells;
import dev.bucketsql.engine.RowStore;
import dev.bucketsql.engine.expr.Expr;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;

/**
 * The candidate pairs of a {@link HashJoin} with a residual condition: a probe row and a build row
 * whose keys match, gathered into one batch of joined rows (the left columns, then the right ones)
 * so that the residual is evaluated over many pairs at once, as the nested-loop join evaluates its
 * condition over a whole left batch.
 */
final class JoinPairs {
  private final Expr residual;
  private final boolean probeLeft;
  private final int leftWidth;
  private final ColumnBatch pair;
  private final int[] probeRows;
  private final int[] buildRows;
  private final boolean[] pass;
  private final boolean[] unknown;
  private int size;

  /** The probe batch and build rows of the pairs added since {@link #clear}. */
  private ColumnBatch probe;

  private RowStore build;

  /**
   * @param residual a BOOLEAN expression over the left columns then the right columns
   * @param probeLeft whether the probe side is the left input
   */
  JoinPairs(
      Expr residual,
      boolean probeLeft,
      List<ColumnType> leftTypes,
      List<ColumnType> rightTypes,
      int capacity) {
    this.residual = residual;
    this.probeLeft = probeLeft;
    this.leftWidth = leftTypes.size();
    List<ColumnType> both = new ArrayList<>(leftTypes);
    both.addAll(rightTypes);
    pair = new ColumnBatch(both.toArray(new ColumnType[0]), capacity);
    probeRows = new int[capacity];
    buildRows = new int[capacity];
    pass = new boolean[capacity];
    unknown = new boolean[capacity];
  }

  void clear() {
    size = 0;
    probe = null;
    build = null;
  }

  int size() {
    return size;
  }

  boolean full() {
    return size == probeRows.length;
  }

  /**
   * Adds the pair of row {@code r} of {@code probe} and row {@code b} of {@code build}; every pair
   * until the next {@link #clear} comes of the same batch and store. Their values are gathered a
   * column at a time when {@link #evaluate} runs.
   */
  void add(ColumnBatch probe, int r, RowStore build, int b) {
    if (size == 0) {
      this.probe = probe;
      this.build = build;
    } else if (probe != this.probe || build != this.build) {
      throw new IllegalStateException("the pairs of one evaluation come of one probe batch");
    }
    int w = size++;
    probeRows[w] = r;
    buildRows[w] = b;
  }

  /**
   * Evaluates the residual over the pairs added: each is then {@link #passed} (TRUE), {@link
   * #unknown} (NULL) or neither (FALSE). An error of the residual leaves as thrown.
   */
  void evaluate() {
    if (size == 0) {
      return;
    }
    int probeAt = probeLeft ? 0 : leftWidth;
    for (int c = 0; c < probe.columnCount(); c++) {
      pair.gather(probe, c, probeRows, size, probeAt + c);
    }
    build.gather(buildRows, 0, size, pair, probeLeft ? leftWidth : 0);
    pair.setSize(size);
    ColumnBatch value = residual.evaluate(pair, null);
    boolean[] nulls = value.nulls(0);
    long[] truth = value.longs(0);
    for (int i = 0; i < size; i++) {
      unknown[i] = nulls[i];
      pass[i] = !nulls[i] && truth[i] != 0;
    }
  }

  int probeRow(int i) {
    return probeRows[i];
  }

  int buildRow(int i) {
    return buildRows[i];
  }

  boolean passed(int i) {
    return pass[i];
  }

  boolean unknown(int i) {
    return unknown[i];
  }

  /** Copies pair {@code i}, the left columns then the right ones, to row {@code w} of {@code o}. */
  void copyTo(int i, ColumnBatch o, int w) {
    for (int c = 0; c < pair.columnCount(); c++) {
      Cells.copy(pair, c, i, o, c, w);
    }
  }
}
