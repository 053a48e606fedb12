package dev.bucketsql.engine.expr;

import dev.bucketsql.engine.Cells;
import dev.bucketsql.engine.expr.Comparison.Op;

/**
 * The loops of {@link Comparison} over integers and doubles: one loop per operator, so the operator
 * is chosen once per batch, not per row, and each loop is a plain compare the JIT can unroll.
 * Values are written for every row, NULL ones included (their nulls say to ignore them).
 *
 * <p>Doubles order as {@link dev.bucketsql.engine.Cells#compareDoubles}: NaN above every number and
 * equal to itself, -0.0 equal to 0.0. Java's {@code <} and {@code ==} are false for NaN, so the
 * loops that NaN could make true add that case ({@code x != x} is NaN).
 */
final class PrimitiveCompare {
  private PrimitiveCompare() {}

  static void longs(Op op, long[] x, long c, int n, long[] out) {
    switch (op) {
      case EQ -> {
        for (int r = 0; r < n; r++) {
          out[r] = x[r] == c ? 1 : 0;
        }
      }
      case NE -> {
        for (int r = 0; r < n; r++) {
          out[r] = x[r] != c ? 1 : 0;
        }
      }
      case LT -> {
        for (int r = 0; r < n; r++) {
          out[r] = x[r] < c ? 1 : 0;
        }
      }
      case LE -> {
        for (int r = 0; r < n; r++) {
          out[r] = x[r] <= c ? 1 : 0;
        }
      }
      case GT -> {
        for (int r = 0; r < n; r++) {
          out[r] = x[r] > c ? 1 : 0;
        }
      }
      case GE -> {
        for (int r = 0; r < n; r++) {
          out[r] = x[r] >= c ? 1 : 0;
        }
      }
    }
  }

  static void longs(Op op, long[] x, long[] y, int n, long[] out) {
    switch (op) {
      case EQ -> {
        for (int r = 0; r < n; r++) {
          out[r] = x[r] == y[r] ? 1 : 0;
        }
      }
      case NE -> {
        for (int r = 0; r < n; r++) {
          out[r] = x[r] != y[r] ? 1 : 0;
        }
      }
      case LT -> {
        for (int r = 0; r < n; r++) {
          out[r] = x[r] < y[r] ? 1 : 0;
        }
      }
      case LE -> {
        for (int r = 0; r < n; r++) {
          out[r] = x[r] <= y[r] ? 1 : 0;
        }
      }
      case GT -> {
        for (int r = 0; r < n; r++) {
          out[r] = x[r] > y[r] ? 1 : 0;
        }
      }
      case GE -> {
        for (int r = 0; r < n; r++) {
          out[r] = x[r] >= y[r] ? 1 : 0;
        }
      }
    }
  }

  /** {@code x op c} for a constant {@code c}. */
  static void doubles(Op op, double[] x, double c, int n, long[] out) {
    if (c != c) {
      // a NaN constant: the loops below assume Java's comparisons with c order as SQL's do
      for (int r = 0; r < n; r++) {
        out[r] = op.test(Cells.compareDoubles(x[r], c)) ? 1 : 0;
      }
      return;
    }
    switch (op) {
      case EQ -> {
        for (int r = 0; r < n; r++) {
          out[r] = x[r] == c ? 1 : 0;
        }
      }
      case NE -> {
        for (int r = 0; r < n; r++) {
          out[r] = x[r] == c ? 0 : 1;
        }
      }
      case LT -> {
        for (int r = 0; r < n; r++) {
          out[r] = x[r] < c ? 1 : 0;
        }
      }
      case LE -> {
        for (int r = 0; r < n; r++) {
          out[r] = x[r] <= c ? 1 : 0;
        }
      }
      case GT -> {
        for (int r = 0; r < n; r++) {
          double v = x[r];
          out[r] = (v > c) | (v != v) ? 1 : 0;
        }
      }
      case GE -> {
        for (int r = 0; r < n; r++) {
          double v = x[r];
          out[r] = (v >= c) | (v != v) ? 1 : 0;
        }
      }
    }
  }

  static void doubles(Op op, double[] x, double[] y, int n, long[] out) {
    for (int r = 0; r < n; r++) {
      out[r] = op.test(Cells.compareDoubles(x[r], y[r])) ? 1 : 0;
    }
  }

  /**
   * Clears {@code pass[r]} where {@code x[r] op c} is not TRUE (a NULL {@code x[r]} is not), and
   * returns how many rows still pass. One loop per operator, without branches, so rows already
   * cleared cost the same as the others and the JIT can unroll it.
   */
  static int narrowLongs(Op op, long[] x, boolean[] nulls, long c, int n, boolean[] pass) {
    int passing = 0;
    switch (op) {
      case EQ -> {
        for (int r = 0; r < n; r++) {
          boolean p = pass[r] & !nulls[r] & x[r] == c;
          pass[r] = p;
          passing += p ? 1 : 0;
        }
      }
      case NE -> {
        for (int r = 0; r < n; r++) {
          boolean p = pass[r] & !nulls[r] & x[r] != c;
          pass[r] = p;
          passing += p ? 1 : 0;
        }
      }
      case LT -> {
        for (int r = 0; r < n; r++) {
          boolean p = pass[r] & !nulls[r] & x[r] < c;
          pass[r] = p;
          passing += p ? 1 : 0;
        }
      }
      case LE -> {
        for (int r = 0; r < n; r++) {
          boolean p = pass[r] & !nulls[r] & x[r] <= c;
          pass[r] = p;
          passing += p ? 1 : 0;
        }
      }
      case GT -> {
        for (int r = 0; r < n; r++) {
          boolean p = pass[r] & !nulls[r] & x[r] > c;
          pass[r] = p;
          passing += p ? 1 : 0;
        }
      }
      case GE -> {
        for (int r = 0; r < n; r++) {
          boolean p = pass[r] & !nulls[r] & x[r] >= c;
          pass[r] = p;
          passing += p ? 1 : 0;
        }
      }
    }
    return passing;
  }

  /**
   * As {@link #narrowLongs} for doubles, ordered as {@link #doubles(Op, double[], double, int,
   * long[])} orders them: NaN above every number and equal to itself.
   */
  static int narrowDoubles(Op op, double[] x, boolean[] nulls, double c, int n, boolean[] pass) {
    int passing = 0;
    if (c != c) {
      for (int r = 0; r < n; r++) {
        boolean p = pass[r] && !nulls[r] && op.test(Cells.compareDoubles(x[r], c));
        pass[r] = p;
        passing += p ? 1 : 0;
      }
      return passing;
    }
    switch (op) {
      case EQ -> {
        for (int r = 0; r < n; r++) {
          boolean p = pass[r] & !nulls[r] & x[r] == c;
          pass[r] = p;
          passing += p ? 1 : 0;
        }
      }
      case NE -> {
        for (int r = 0; r < n; r++) {
          boolean p = pass[r] & !nulls[r] & x[r] != c;
          pass[r] = p;
          passing += p ? 1 : 0;
        }
      }
      case LT -> {
        for (int r = 0; r < n; r++) {
          boolean p = pass[r] & !nulls[r] & x[r] < c;
          pass[r] = p;
          passing += p ? 1 : 0;
        }
      }
      case LE -> {
        for (int r = 0; r < n; r++) {
          boolean p = pass[r] & !nulls[r] & x[r] <= c;
          pass[r] = p;
          passing += p ? 1 : 0;
        }
      }
      case GT -> {
        for (int r = 0; r < n; r++) {
          double v = x[r];
          boolean p = pass[r] & !nulls[r] & ((v > c) | (v != v));
          pass[r] = p;
          passing += p ? 1 : 0;
        }
      }
      case GE -> {
        for (int r = 0; r < n; r++) {
          double v = x[r];
          boolean p = pass[r] & !nulls[r] & ((v >= c) | (v != v));
          pass[r] = p;
          passing += p ? 1 : 0;
        }
      }
    }
    return passing;
  }

  /**
   * {@link #narrowLongs} of two operands: a row passes where neither is NULL and {@code x op y}.
   */
  static int narrowLongs(
      Op op, long[] x, boolean[] xn, long[] y, boolean[] yn, int n, boolean[] pass) {
    int passing = 0;
    switch (op) {
      case EQ -> {
        for (int r = 0; r < n; r++) {
          boolean p = pass[r] & !(xn[r] | yn[r]) & x[r] == y[r];
          pass[r] = p;
          passing += p ? 1 : 0;
        }
      }
      case NE -> {
        for (int r = 0; r < n; r++) {
          boolean p = pass[r] & !(xn[r] | yn[r]) & x[r] != y[r];
          pass[r] = p;
          passing += p ? 1 : 0;
        }
      }
      case LT -> {
        for (int r = 0; r < n; r++) {
          boolean p = pass[r] & !(xn[r] | yn[r]) & x[r] < y[r];
          pass[r] = p;
          passing += p ? 1 : 0;
        }
      }
      case LE -> {
        for (int r = 0; r < n; r++) {
          boolean p = pass[r] & !(xn[r] | yn[r]) & x[r] <= y[r];
          pass[r] = p;
          passing += p ? 1 : 0;
        }
      }
      case GT -> {
        for (int r = 0; r < n; r++) {
          boolean p = pass[r] & !(xn[r] | yn[r]) & x[r] > y[r];
          pass[r] = p;
          passing += p ? 1 : 0;
        }
      }
      case GE -> {
        for (int r = 0; r < n; r++) {
          boolean p = pass[r] & !(xn[r] | yn[r]) & x[r] >= y[r];
          pass[r] = p;
          passing += p ? 1 : 0;
        }
      }
    }
    return passing;
  }

  /** {@link #narrowDoubles} of two operands, ordered as {@link Cells#compareDoubles}. */
  static int narrowDoubles(
      Op op, double[] x, boolean[] xn, double[] y, boolean[] yn, int n, boolean[] pass) {
    int passing = 0;
    for (int r = 0; r < n; r++) {
      boolean p = pass[r] && !(xn[r] | yn[r]) && op.test(Cells.compareDoubles(x[r], y[r]));
      pass[r] = p;
      passing += p ? 1 : 0;
    }
    return passing;
  }
}
