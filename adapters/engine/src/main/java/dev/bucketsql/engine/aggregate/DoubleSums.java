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
    double[][] values = new double[k][];
    boolean[][] nulls = new boolean[k][];
    for (int j = 0; j < k; j++) {
      values[j] = batch.doubles(columns[j]);
      nulls[j] = batch.nulls(columns[j]);
    }
    double[][] s = sums;
    long[][] c = counts;
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      int g = groups[i];
      for (int j = 0; j < k; j++) {
        if (!nulls[j][r]) {
          s[j][g] += values[j][r];
          long[] count = c[j];
          if (count != null) {
            count[g]++;
          }
        }
      }
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
