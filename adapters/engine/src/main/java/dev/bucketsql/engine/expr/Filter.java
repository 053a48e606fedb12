package dev.bucketsql.engine.expr;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.RowSelection;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * WHERE: the input rows for which a BOOLEAN condition is TRUE (not FALSE, not NULL), compacted into
 * batches of their own; a batch where no row passes is skipped, never returned empty.
 *
 * <p>A condition that is an AND is evaluated a conjunct at a time, each over the rows every
 * conjunct before it made TRUE: a row FALSE or NULL for one conjunct is out, whatever the others
 * say, so no three-valued AND is computed per row, and a later conjunct is never evaluated (and
 * never fails) on a row an earlier one has ruled out, as with DuckDB's filters and the SQL layer's
 * generated code. A conjunct that compares integers or doubles with a constant or with each other,
 * or tests an IN list, clears the rows it rules out in one loop, writing no BOOLEAN column ({@link
 * Narrowing}).
 */
public final class Filter implements Operator {
  private final Operator input;
  private final ExecContext context;
  private final RowSelection selection;
  private final List<Expr> conjuncts = new ArrayList<>();
  private boolean[] pass = new boolean[0];
  private boolean closed;

  /** Keeps the rows of {@code input} where {@code condition} is TRUE. */
  public Filter(Operator input, Expr condition, ExecContext context) {
    this.input = requireNonNull(input, "input is null");
    requireNonNull(condition, "condition is null");
    this.context = requireNonNull(context, "context is null");
    if (condition.type() != ColumnType.BOOLEAN) {
      throw new IllegalArgumentException("a filter condition is BOOLEAN, not " + condition.type());
    }
    Logic.conjuncts(condition, conjuncts);
    this.selection = new RowSelection(input.types());
  }

  @Override
  public List<ColumnType> types() {
    return input.types();
  }

  @Override
  public ColumnBatch next() {
    while (!closed) {
      context.checkCancelled();
      ColumnBatch b = input.next();
      if (b == null) {
        return null;
      }
      int n = b.size();
      if (pass.length < n) {
        pass = new boolean[Math.max(n, b.capacity())];
      }
      int passing = n;
      Arrays.fill(pass, 0, n, true);
      for (Expr conjunct : conjuncts) {
        if (conjunct instanceof Narrowing c) {
          int narrowed = c.narrow(b, pass, passing == n, n);
          if (narrowed >= 0) {
            passing = narrowed;
            if (passing == 0) {
              break;
            }
            continue;
          }
        }
        ColumnBatch keep = conjunct.evaluate(b, passing == n ? null : pass);
        boolean[] nulls = keep.nulls(0);
        long[] values = keep.longs(0);
        passing = 0;
        for (int r = 0; r < n; r++) {
          boolean p = pass[r] & !nulls[r] & values[r] != 0;
          pass[r] = p;
          passing += p ? 1 : 0;
        }
        if (passing == 0) {
          break;
        }
      }
      ColumnBatch kept = selection.keep(b, pass, n, passing);
      if (kept != null) {
        return kept;
      }
    }
    return null;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      input.close();
    }
  }
}
