package dev.bucketsql.engine.expr;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.Selection;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;

/**
 * SELECT's expressions: one output column per {@link Expr}, evaluated a batch at a time. Over a
 * batch that comes with a selection ({@link #nextSelected}) it computes the live rows only and
 * hands the selection on, so the rows a filter below removed are neither copied nor computed, and
 * nothing about them fails (a division by zero, an overflow).
 */
public final class Project implements Operator {
  private final Operator input;
  private final Expr[] exprs;
  private final Shared[] shared;
  private final ExecContext context;
  private final List<ColumnType> types;
  private final boolean[] read;
  private ColumnBatch out;
  private boolean closed;

  /** The values of {@code exprs} over each row of {@code input}. */
  public Project(Operator input, List<Expr> exprs, ExecContext context) {
    this(input, exprs, List.of(), context);
  }

  /**
   * The values of {@code exprs} over each row of {@code input}, where {@code shared} are the {@link
   * Shared} subexpressions they hold ({@link Exprs#shared}), each computed once per batch.
   */
  public Project(Operator input, List<Expr> exprs, List<Shared> shared, ExecContext context) {
    this(input, exprs, shared, context, null);
  }

  /**
   * As above, where the consumer reads only the columns {@code read} flags (all when null): the
   * others are neither computed nor copied, and come out NULL.
   */
  public Project(
      Operator input, List<Expr> exprs, List<Shared> shared, ExecContext context, boolean[] read) {
    if (read != null && read.length != exprs.size()) {
      throw new IllegalArgumentException(
          read.length + " flags of columns read for " + exprs.size() + " expressions");
    }
    this.read = read == null ? null : read.clone();
    this.input = requireNonNull(input, "input is null");
    this.exprs = exprs.toArray(new Expr[0]);
    this.shared = shared.toArray(new Shared[0]);
    this.context = requireNonNull(context, "context is null");
    List<ColumnType> t = new ArrayList<>();
    for (Expr e : this.exprs) {
      t.add(e.type());
    }
    types = List.copyOf(t);
  }

  @Override
  public List<ColumnType> types() {
    return types;
  }

  @Override
  public ColumnBatch next() {
    if (closed) {
      return null;
    }
    context.checkCancelled();
    ColumnBatch b = input.next();
    return b == null ? null : project(b, null);
  }

  /**
   * The expressions over the input's next batch with its selection, which stays that of the output:
   * the expressions compute the live rows only, so a row the filter below removed never fails.
   */
  @Override
  public ColumnBatch nextSelected(Selection live) {
    if (closed) {
      return null;
    }
    context.checkCancelled();
    ColumnBatch b = input.nextSelected(live);
    return b == null ? null : project(b, live.mask());
  }

  /**
   * The values of the expressions for the rows of {@code b} flagged in {@code rows} (null: all).
   */
  private ColumnBatch project(ColumnBatch b, boolean[] rows) {
    int n = b.size();
    if (out == null || out.capacity() < n) {
      out = new ColumnBatch(types.toArray(new ColumnType[0]), Math.max(n, b.capacity()));
      // the columns never written: NULL in every batch
      out.nullUnread(read);
    }
    // a new batch: the shared subexpressions' values are those of the last one
    for (Shared s : shared) {
      s.start();
    }
    for (int i = 0; i < exprs.length; i++) {
      if (read != null && !read[i]) {
        continue;
      }
      if (ColumnRef.in(exprs[i], b)) {
        // straight from the input: not first into the reference's own batch, then here
        out.copyColumn(b, ((ColumnRef) exprs[i]).column(), n, i);
      } else {
        out.copyColumn(exprs[i].evaluate(b, rows), 0, n, i);
      }
    }
    out.setSize(n);
    return out;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      input.close();
    }
  }
}
