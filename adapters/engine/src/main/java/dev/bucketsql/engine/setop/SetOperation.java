package dev.bucketsql.engine.setop;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.aggregate.AggregateCall;
import dev.bucketsql.engine.aggregate.HashAggregate;
import dev.bucketsql.engine.memory.HeldBy;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code UNION}, {@code INTERSECT} and {@code EXCEPT}, each with or without {@code ALL}, of any
 * number of inputs of the same column types. Rows are equal when every column is: NULL equals NULL,
 * and values compare as the engine's keys do ({@code KeyTable}: -0.0 equals 0.0, NaN equals NaN, a
 * decimal by its value). Rows come out in no defined order; a row's values are those of its first
 * copy, in input order.
 *
 * <p>Built on {@link HashAggregate}, so the rows held count in the operator's memory limit and
 * spill past it like any group: {@code UNION} is the aggregate of the {@link UnionAll} of its
 * inputs grouped by every column; {@code INTERSECT} and {@code EXCEPT} tag each input's rows with a
 * flag per input ({@link TaggedInput}), group the {@code UNION ALL} of them by every column with a
 * {@code COUNT(*) FILTER} per flag, and give each group as many rows as {@link #times} says ({@link
 * CountedRows}). Memory and spill errors name the set operation ({@link HeldBy#UNION}, {@link
 * HeldBy#INTERSECT}, {@link HeldBy#EXCEPT}).
 */
public enum SetOperation {
  /** The rows of every input; distinct without {@code ALL}. */
  UNION(HeldBy.UNION),
  /**
   * The rows in every input: once, or with {@code ALL} as many times as the input with the fewest
   * copies has them.
   */
  INTERSECT(HeldBy.INTERSECT),
  /**
   * The rows of the first input in none of the others: once, or with {@code ALL} as many times as
   * the first input has them beyond the others' copies together.
   */
  EXCEPT(HeldBy.EXCEPT);

  private final HeldBy heldBy;

  SetOperation(HeldBy heldBy) {
    this.heldBy = heldBy;
  }

  /** What memory and spill errors name. */
  public HeldBy heldBy() {
    return heldBy;
  }

  /**
   * The operator computing this operation over {@code inputs}.
   *
   * @param all whether duplicates count ({@code UNION ALL} holds nothing)
   * @param subject what the rows come from, for the memory error ({@code tables 'a', 'b'})
   * @throws IllegalArgumentException when there is no input, the inputs' column types differ or a
   *     column cannot be compared (ARRAY, MAP, ROW) where rows are compared
   */
  public Operator operator(
      List<Operator> inputs, boolean all, ExecContext context, String subject) {
    requireNonNull(context, "context is null");
    requireNonNull(subject, "subject is null");
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("a set operation has at least one input");
    }
    int width = inputs.get(0).types().size();
    UnionAll.checkSameTypes(inputs, inputs.get(0).types());
    int[] columns = new int[width];
    for (int c = 0; c < width; c++) {
      columns[c] = c;
    }
    if (this == UNION) {
      UnionAll union = new UnionAll(inputs, context);
      return all ? union : new HashAggregate(union, columns, List.of(), context, heldBy, subject);
    }
    int n = inputs.size();
    List<Operator> tagged = new ArrayList<>();
    List<AggregateCall> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      tagged.add(new TaggedInput(inputs.get(i), i, n));
      calls.add(AggregateCall.countStar().withFilter(width + i));
    }
    Operator counted =
        new HashAggregate(new UnionAll(tagged, context), columns, calls, context, heldBy, subject);
    return new CountedRows(counted, this, all, width, n, context);
  }

  /**
   * How many times a row the inputs have {@code counts[i]} copies of comes out, as SQL defines it
   * (and Calcite's and DuckDB's operators compute it): for {@code INTERSECT ALL} the least count,
   * for {@code EXCEPT ALL} the first count less the others' (at least 0), for {@code UNION ALL} the
   * sum; without {@code ALL} once where the row is in every input ({@code INTERSECT}), in the first
   * and no other ({@code EXCEPT}), in any ({@code UNION}), else never.
   */
  public long times(long[] counts, boolean all) {
    long n =
        switch (this) {
          case UNION -> {
            long sum = 0;
            for (long c : counts) {
              sum += c;
            }
            yield sum;
          }
          case INTERSECT -> {
            long min = Long.MAX_VALUE;
            for (long c : counts) {
              min = Math.min(min, c);
            }
            yield min;
          }
          case EXCEPT -> {
            long rest = counts[0];
            for (int i = 1; i < counts.length && rest > 0; i++) {
              // without ALL one copy in another input removes the row, however many the first has
              rest = all ? rest - counts[i] : counts[i] > 0 ? 0 : rest;
            }
            yield Math.max(0, rest);
          }
        };
    return all ? n : Math.min(n, 1);
  }
}
