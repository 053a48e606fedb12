package dev.bucketsql.engine.setop;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.List;

/**
 * {@code UNION ALL} of any number of inputs of the same column types: every batch of the first
 * input, then of the second, and so on, passed on as they come (no copy). Holds nothing; an input
 * is closed as soon as it is exhausted, so that its scan lets go of its object before the next
 * input starts.
 */
public final class UnionAll implements Operator {
  private final List<Operator> inputs;
  private final ExecContext context;
  private final List<ColumnType> types;
  private int current;
  private boolean closed;

  /**
   * The rows of {@code inputs}, in that order.
   *
   * @throws IllegalArgumentException when there is no input or two inputs' column types differ
   */
  public UnionAll(List<Operator> inputs, ExecContext context) {
    this.inputs = List.copyOf(inputs);
    this.context = requireNonNull(context, "context is null");
    if (this.inputs.isEmpty()) {
      throw new IllegalArgumentException("a union has at least one input");
    }
    types = List.copyOf(this.inputs.get(0).types());
    checkSameTypes(this.inputs, types);
  }

  /** Fails unless every one of {@code inputs} has column types {@code types}. */
  static void checkSameTypes(List<Operator> inputs, List<ColumnType> types) {
    for (int i = 1; i < inputs.size(); i++) {
      if (!inputs.get(i).types().equals(types)) {
        throw new IllegalArgumentException(
            "input "
                + i
                + " of a set operation has columns "
                + inputs.get(i).types()
                + ", input 0 has "
                + types);
      }
    }
  }

  @Override
  public List<ColumnType> types() {
    return types;
  }

  @Override
  public ColumnBatch next() {
    while (!closed && current < inputs.size()) {
      context.checkCancelled();
      ColumnBatch b = inputs.get(current).next();
      if (b != null) {
        return b;
      }
      inputs.get(current++).close();
    }
    return null;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = null;
    // the inputs before the current one are closed already
    for (int i = current; i < inputs.size(); i++) {
      try {
        inputs.get(i).close();
      } catch (RuntimeException e) {
        // close every input even when one fails; the first failure is the one reported
        if (failure == null) {
          failure = e;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
