package dev.bucketsql.engine.expr;

import dev.bucketsql.engine.Cells;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.List;

/**
 * {@code CASE WHEN c1 THEN v1 [WHEN c2 THEN v2]... [ELSE e] END}: for each row the value of the
 * first branch whose condition is TRUE (not FALSE, not NULL), else the ELSE value (NULL without
 * one). Evaluated as the SQL layer's generated code evaluates it, lazily: each condition only for
 * the rows no earlier condition took, each value only for the rows that take its branch, so an
 * error in a branch a row does not take is no error.
 */
final class Case implements Expr {
  private final Expr[] conditions;
  private final Expr[] values;
  private final Expr otherwise;
  private final ColumnType type;
  private final Result result;
  private boolean[] open = new boolean[0];
  private boolean[] taking = new boolean[0];

  /**
   * @param whenThen conditions and values alternating
   * @param otherwise the ELSE value, or null for none (NULL)
   * @param type the type of every value
   */
  Case(List<Expr> whenThen, Expr otherwise, ColumnType type) {
    if (whenThen.isEmpty() || whenThen.size() % 2 != 0) {
      throw new IllegalArgumentException("CASE takes pairs of a condition and a value");
    }
    int branches = whenThen.size() / 2;
    this.conditions = new Expr[branches];
    this.values = new Expr[branches];
    for (int i = 0; i < branches; i++) {
      conditions[i] = whenThen.get(2 * i);
      values[i] = whenThen.get(2 * i + 1);
      if (conditions[i].type() != ColumnType.BOOLEAN) {
        throw new IllegalArgumentException(
            "a WHEN condition is BOOLEAN, not " + conditions[i].type());
      }
      check(values[i], type);
    }
    if (otherwise != null) {
      check(otherwise, type);
    }
    this.otherwise = otherwise;
    this.type = type;
    this.result = new Result(type);
  }

  private static void check(Expr value, ColumnType type) {
    if (value.type() != type) {
      throw new IllegalArgumentException(
          "a CASE of " + type + " cannot take a value of " + value.type());
    }
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public ColumnBatch evaluate(ColumnBatch input, boolean[] rows) {
    int n = input.size();
    if (open.length < n) {
      open = new boolean[Math.max(n, 16)];
      taking = new boolean[open.length];
    }
    ColumnBatch out = result.of(n);
    boolean[] nulls = out.nulls(0);
    int left = 0;
    for (int r = 0; r < n; r++) {
      open[r] = rows == null || rows[r];
      nulls[r] = true;
      left += open[r] ? 1 : 0;
    }
    for (int i = 0; i < conditions.length && left > 0; i++) {
      ColumnBatch c = conditions[i].evaluate(input, left == n ? null : open);
      boolean[] cn = c.nulls(0);
      long[] cv = c.longs(0);
      int took = 0;
      for (int r = 0; r < n; r++) {
        boolean t = open[r] && !cn[r] && cv[r] != 0;
        taking[r] = t;
        if (t) {
          open[r] = false;
          took++;
        }
      }
      if (took > 0) {
        left -= took;
        copy(values[i].evaluate(input, took == n ? null : taking), taking, out, n);
      }
    }
    if (otherwise != null && left > 0) {
      copy(otherwise.evaluate(input, left == n ? null : open), open, out, n);
    }
    return out;
  }

  private static void copy(ColumnBatch from, boolean[] rows, ColumnBatch out, int n) {
    for (int r = 0; r < n; r++) {
      if (rows[r]) {
        Cells.copy(from, 0, r, out, 0, r);
      }
    }
  }
}
