package dev.bucketsql.engine.aggregate;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnBatch.Kind;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;

/**
 * Several SUM, $SUM0 and AVG calls of DOUBLE (or REAL) arguments of one aggregate, added in one
 * loop over a batch's rows instead of one loop per call (TPC-H q01 has five).
 *
 * <p>Why: a double sum adds in input order, so each group's sum is a chain of additions, each
 * waiting for the one before (its load, add and store). One call's loop runs at the pace of that
 * chain; the calls' chains are independent of each other, so a loop that advances all of them row
 * by row lets the processor overlap them. Each call's sum is still added from 0.0 in input order,
 * the very additions of a call alone, so the results are the same bit for bit. A call whose result
 * is never NULL and is no average ($SUM0) keeps no count.
 *
 * <p>The calls' accumulators are {@link Member}s; the first one's {@link Accumulator#add} adds for
 * all of them, the others' add nothing.
 */
final class DoubleSums {
  private final int[] columns;
  private final boolean[] averages;
  private final boolean[] zeros;
  private final double[][] sums;
  private final long[][] counts;

  private DoubleSums(List<AggregateCall> calls) {
    int k = calls.size();
    columns = new int[k];
    averages = new boolean[k];
    zeros = new boolean[k];
    sums = new double[k][0];
    counts = new long[k][];
    for (int j = 0; j < k; j++) {
      AggregateCall call = calls.get(j);
      columns[j] = call.column();
      averages[j] = call.function() == AggregateCall.Function.AVG;
      zeros[j] = call.function() == AggregateCall.Function.SUM0;
      counts[j] = zeros[j] ? null : new long[0];
    }
  }

  /**
   * Replaces the accumulators of the plain (not DISTINCT, not filtered) SUM, $SUM0 and AVG calls of
   * DOUBLE or REAL arguments in {@code accumulators} by members of one {@code DoubleSums}, when
   * there are two or more of them.
   */
  static void fuse(List<AggregateCall> calls, List<ColumnType> input, Accumulator[] accumulators) {
    List<Integer> fused = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      if (fusable(calls.get(i), input)) {
        fused.add(i);
      }
    }
    if (fused.size() < 2) {
      return;
    }
    List<AggregateCall> members = new ArrayList<>();
    for (int i : fused) {
      members.add(calls.get(i));
    }
    DoubleSums sums = new DoubleSums(members);
    for (int j = 0; j < fused.size(); j++) {
      accumulators[fused.get(j)] = sums.new Member(j);
    }
  }

  private static boolean fusable(AggregateCall call, List<ColumnType> input) {
    AggregateCall.Function f = call.function();
    if (call.distinct() || call.filter() >= 0 || call.column() < 0) {
      return false;
    }
    if (f != AggregateCall.Function.SUM
        && f != AggregateCall.Function.SUM0
        && f != AggregateCall.Function.AVG) {
      return false;
    }
    ColumnType type = input.get(call.column());
    return Kind.of(type) == Kind.DOUBLE && call.resultType(type) == ColumnType.DOUBLE;
  }

  private void add(ColumnBatch batch, int[] groups, int[] rows, int n) {
    int k = columns.length;
    // a few calls per loop, their arrays in locals: as many independent chains as fit in
    // registers, with no array of arrays to load from per row and value
    for (int j = 0; j < k; ) {
      int left = k - j;
      int width = left <= 5 ? left : left == 6 ? 3 : 4;
      switch (width) {
        case 1 -> add1(batch, j, groups, rows, n);
        case 2 -> add2(batch, j, groups, rows, n);
        case 3 -> add3(batch, j, groups, rows, n);
        case 4 -> add4(batch, j, groups, rows, n);
        default -> add5(batch, j, groups, rows, n);
      }
      j += width;
    }
    for (int j = 0; j < k; j++) {
      if (counts[j] != null) {
        count(counts[j], batch.nulls(columns[j]), groups, rows, n);
      }
    }
  }

  /*
   * A NULL adds 0.0 instead of being skipped, so that no branch depends on the data: every sum
   * starts at 0.0 and so is never -0.0 (0.0 + -0.0 is 0.0), and x + 0.0 is x, bit for bit, for
   * every other x, NaN and the infinities included. The sums stay those of each call alone.
   */

  private void add1(ColumnBatch b, int j, int[] groups, int[] rows, int n) {
    double[] s0 = sums[j];
    double[] v0 = b.doubles(columns[j]);
    boolean[] n0 = b.nulls(columns[j]);
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      s0[groups[i]] += n0[r] ? 0.0 : v0[r];
    }
  }

  private void add2(ColumnBatch b, int j, int[] groups, int[] rows, int n) {
    double[] s0 = sums[j];
    double[] s1 = sums[j + 1];
    double[] v0 = b.doubles(columns[j]);
    double[] v1 = b.doubles(columns[j + 1]);
    boolean[] n0 = b.nulls(columns[j]);
    boolean[] n1 = b.nulls(columns[j + 1]);
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      int g = groups[i];
      s0[g] += n0[r] ? 0.0 : v0[r];
      s1[g] += n1[r] ? 0.0 : v1[r];
    }
  }

  private void add3(ColumnBatch b, int j, int[] groups, int[] rows, int n) {
    double[] s0 = sums[j];
    double[] s1 = sums[j + 1];
    double[] s2 = sums[j + 2];
    double[] v0 = b.doubles(columns[j]);
    double[] v1 = b.doubles(columns[j + 1]);
    double[] v2 = b.doubles(columns[j + 2]);
    boolean[] n0 = b.nulls(columns[j]);
    boolean[] n1 = b.nulls(columns[j + 1]);
    boolean[] n2 = b.nulls(columns[j + 2]);
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      int g = groups[i];
      s0[g] += n0[r] ? 0.0 : v0[r];
      s1[g] += n1[r] ? 0.0 : v1[r];
      s2[g] += n2[r] ? 0.0 : v2[r];
    }
  }

  private void add4(ColumnBatch b, int j, int[] groups, int[] rows, int n) {
    double[] s0 = sums[j];
    double[] s1 = sums[j + 1];
    double[] s2 = sums[j + 2];
    double[] s3 = sums[j + 3];
    double[] v0 = b.doubles(columns[j]);
    double[] v1 = b.doubles(columns[j + 1]);
    double[] v2 = b.doubles(columns[j + 2]);
    double[] v3 = b.doubles(columns[j + 3]);
    boolean[] n0 = b.nulls(columns[j]);
    boolean[] n1 = b.nulls(columns[j + 1]);
    boolean[] n2 = b.nulls(columns[j + 2]);
    boolean[] n3 = b.nulls(columns[j + 3]);
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      int g = groups[i];
      s0[g] += n0[r] ? 0.0 : v0[r];
      s1[g] += n1[r] ? 0.0 : v1[r];
      s2[g] += n2[r] ? 0.0 : v2[r];
      s3[g] += n3[r] ? 0.0 : v3[r];
    }
  }

  private void add5(ColumnBatch b, int j, int[] groups, int[] rows, int n) {
    double[] s0 = sums[j];
    double[] s1 = sums[j + 1];
    double[] s2 = sums[j + 2];
    double[] s3 = sums[j + 3];
    double[] s4 = sums[j + 4];
    double[] v0 = b.doubles(columns[j]);
    double[] v1 = b.doubles(columns[j + 1]);
    double[] v2 = b.doubles(columns[j + 2]);
    double[] v3 = b.doubles(columns[j + 3]);
    double[] v4 = b.doubles(columns[j + 4]);
    boolean[] n0 = b.nulls(columns[j]);
    boolean[] n1 = b.nulls(columns[j + 1]);
    boolean[] n2 = b.nulls(columns[j + 2]);
    boolean[] n3 = b.nulls(columns[j + 3]);
    boolean[] n4 = b.nulls(columns[j + 4]);
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      int g = groups[i];
      s0[g] += n0[r] ? 0.0 : v0[r];
      s1[g] += n1[r] ? 0.0 : v1[r];
      s2[g] += n2[r] ? 0.0 : v2[r];
      s3[g] += n3[r] ? 0.0 : v3[r];
      s4[g] += n4[r] ? 0.0 : v4[r];
    }
  }

  private static void count(long[] count, boolean[] nulls, int[] groups, int[] rows, int n) {
    for (int i = 0; i < n; i++) {
      count[groups[i]] += nulls[rows[i]] ? 0 : 1;
    }
  }

  /** One call's part: its sums and counts, written as that call's result. */
  final class Member extends Accumulator {
    private final int j;

    Member(int j) {
      this.j = j;
    }

    @Override
    void grow(int groups) {
      sums[j] = grown(sums[j], groups);
      if (counts[j] != null) {
        counts[j] = grown(counts[j], groups);
      }
    }

    @Override
    long bytesPerGroup() {
      return counts[j] == null ? 12 : 24;
    }

    @Override
    void add(ColumnBatch batch, int[] groups, int[] rows, int n) {
      if (j == 0) {
        DoubleSums.this.add(batch, groups, rows, n);
      }
    }

    @Override
    void write(int g, ColumnBatch out, int c, int r) {
      double sum = sums[j][g];
      if (zeros[j]) {
        out.nulls(c)[r] = false;
        out.doubles(c)[r] = sum;
        return;
      }
      long count = counts[j][g];
      out.nulls(c)[r] = count == 0;
      out.doubles(c)[r] = averages[j] && count > 0 ? sum / count : sum;
    }
  }
}
