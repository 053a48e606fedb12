package dev.bucketsql.engine.parallel;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.aggregate.AggregateCall;
import dev.bucketsql.engine.aggregate.AggregateCall.Function;
import dev.bucketsql.engine.aggregate.HashAggregate;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;

/**
 * A GROUP BY over a fragment that runs on several threads: each piece is aggregated into a partial
 * {@link HashAggregate} by a worker, and one final aggregate on the consumer's thread merges the
 * partial groups, taken in piece order from an {@link Exchange}: COUNT and COUNT(*) by summing
 * counts, SUM and $SUM0 by summing sums, MIN and MAX by their own kind.
 *
 * <p>The answer does not depend on the number of threads: decimal sums are exact in any order,
 * extremes do not depend on order, a sum of REAL or DOUBLE adds each piece's values in order and
 * then the pieces' sums in piece order ({@link #byPiece}), and the final aggregate meets each group
 * first where one thread would, so groups come out in the same order. What cannot be merged from
 * partial results stays serial ({@link #mergeable}).
 */
public final class ParallelAggregate {
  private ParallelAggregate() {}

  /**
   * Whether {@code calls} over input columns of {@code input} can be merged from partial results:
   * no DISTINCT, no AVG (the binding hands SUM and COUNT instead), and sums of DECIMAL, REAL or
   * DOUBLE only. A sum of integers is exact only as a whole (a piece's own sum may pass BIGINT's
   * range where the total does not), and the binding sums integers as DECIMAL anyway. A sum of REAL
   * or DOUBLE is merged {@link #byPiece}.
   */
  public static boolean mergeable(List<AggregateCall> calls, List<ColumnType> input) {
    for (AggregateCall c : calls) {
      if (c.distinct()) {
        return false;
      }
      switch (c.function()) {
        case COUNT_STAR, COUNT, MIN, MAX -> {}
        case SUM, SUM0 -> {
          ColumnType t = input.get(c.column());
          if (t != ColumnType.DECIMAL && t != ColumnType.REAL && t != ColumnType.DOUBLE) {
            return false;
          }
        }
        default -> {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Whether the answer of {@code calls} depends on how the rows are divided into pieces: a sum of
   * REAL or DOUBLE rounds after each addition, so its last digits depend on the order in which the
   * values are added. Such a sum adds the values of each piece in order and then the pieces' sums
   * in piece order, whatever the number of threads: the caller aggregates by piece even on one
   * thread, so {@code threads=1} and {@code threads=8} give the same digits.
   */
  public static boolean byPiece(List<AggregateCall> calls, List<ColumnType> input) {
    for (AggregateCall c : calls) {
      if (!c.distinct()
          && (c.function() == Function.SUM || c.function() == Function.SUM0)
          && (input.get(c.column()) == ColumnType.REAL
              || input.get(c.column()) == ColumnType.DOUBLE)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The aggregate of the rows of {@code fragment} over its {@code pieces}, on up to {@code threads}
   * workers: as {@code new HashAggregate(input, keys, calls, context, subject)} over all the pieces
   * read in order, except that a sum of REAL or DOUBLE is the sum of its pieces' sums ({@link
   * #byPiece}). With one thread the pieces are aggregated one after the other on the caller's
   * thread.
   *
   * @param input the column types of the fragment's rows
   * @throws IllegalArgumentException when the calls are not {@link #mergeable}
   */
  public static Operator of(
      Fragment fragment,
      int pieces,
      int threads,
      List<ColumnType> input,
      int[] keys,
      List<AggregateCall> calls,
      ExecContext context,
      String subject) {
    requireNonNull(fragment, "fragment is null");
    requireNonNull(context, "context is null");
    if (!mergeable(calls, input)) {
      throw new IllegalArgumentException("calls cannot be merged from partial results: " + calls);
    }
    int[] k = keys.clone();
    List<AggregateCall> partialCalls = List.copyOf(calls);
    Fragment partial =
        (piece, stopped) ->
            new HashAggregate(
                fragment.open(piece, stopped), k, partialCalls, context.withStop(stopped), subject);
    List<ColumnType> partialTypes = new ArrayList<>();
    for (int key : k) {
      partialTypes.add(input.get(key));
    }
    int[] finalKeys = new int[k.length];
    List<AggregateCall> merge = new ArrayList<>();
    for (int i = 0; i < k.length; i++) {
      finalKeys[i] = i;
    }
    for (int i = 0; i < calls.size(); i++) {
      AggregateCall c = calls.get(i);
      partialTypes.add(c.resultType(c.column() < 0 ? null : input.get(c.column())));
      merge.add(new AggregateCall(mergeOf(c.function()), k.length + i, false, c.name()));
    }
    Operator partials =
        threads == 1
            ? new PiecesInOrder(partial, pieces, partialTypes)
            : new Exchange(
                partial, pieces, threads, partialTypes, context, HeldBy.AGGREGATE, subject);
    return new HashAggregate(partials, finalKeys, merge, context, subject);
  }

  /**
   * The aggregate of the rows of {@code fragment} over its {@code pieces}, with only the fragment
   * on up to {@code threads} workers: the aggregate itself runs on the consumer's thread over the
   * fragment's rows in piece order, the order of one thread, so any call (a DOUBLE sum, DISTINCT)
   * gives exactly the serial answer. For calls that are not {@link #mergeable}.
   */
  public static Operator ofRows(
      Fragment fragment,
      int pieces,
      int threads,
      List<ColumnType> input,
      int[] keys,
      List<AggregateCall> calls,
      ExecContext context,
      String subject) {
    Exchange exchange =
        new Exchange(fragment, pieces, threads, input, context, HeldBy.AGGREGATE, subject);
    return new HashAggregate(exchange, keys, calls, context, subject);
  }

  /**
   * {@link #of} when the calls are {@link #mergeable}, else {@link #ofRows}: the aggregate of the
   * rows of {@code fragment} over its {@code pieces}, on up to {@code threads} workers.
   */
  public static Operator over(
      Fragment fragment,
      int pieces,
      int threads,
      List<ColumnType> input,
      int[] keys,
      List<AggregateCall> calls,
      ExecContext context,
      String subject) {
    return mergeable(calls, input)
        ? of(fragment, pieces, threads, input, keys, calls, context, subject)
        : ofRows(fragment, pieces, threads, input, keys, calls, context, subject);
  }

  /** How partial results of {@code f} combine. */
  private static Function mergeOf(Function f) {
    return switch (f) {
      // a group seen in some piece has a count there: the sum of counts is never NULL
      case COUNT_STAR, COUNT, SUM0 -> Function.SUM0;
      case SUM -> Function.SUM;
      case MIN -> Function.MIN;
      case MAX -> Function.MAX;
      case AVG, ARG_MIN, ARG_MAX, STRING_AGG, FOLD ->
          throw new IllegalArgumentException(f + " is not merged from partial results");
    };
  }
}
