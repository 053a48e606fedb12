package dev.bucketsql.engine.expr;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.RowSelection;
import dev.bucketsql.engine.Selection;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * WHERE: the input rows for which a BOOLEAN condition is TRUE (not FALSE, not NULL); a batch where
 * no row passes is skipped, never returned empty.
 *
 * <p>To a consumer that reads selections ({@link #nextSelected}) it hands on the input batch itself
 * with the passing rows named, copying nothing, unless few rows pass ({@link #COMPACT_BELOW}); to
 * any other ({@link #next}) the passing rows compacted into a batch of its own ({@link
 * RowSelection}). An input that hands on a selection itself is read as one: only its live rows are
 * tested.
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
  /**
   * A batch where fewer than one row in this many passes is compacted even for a consumer that
   * reads selections: the operators after a selection compute over every row of the batch (an
   * expression over dead rows too, an aggregate's key hashes), which costs more than copying the
   * few live rows once. Measured (docs/engine.md, "Selections"): a selection pays from about 25% of
   * rows live without grouping keys and from about 60% with them; half is between.
   */
  static final int COMPACT_BELOW = 2;

  private final Operator input;
  private final ExecContext context;
  private final RowSelection selection;
  private final List<Expr> conjuncts = new ArrayList<>();
  private final Selection inputLive = new Selection();
  private final Selection own = new Selection();
  private boolean[] pass = new boolean[0];
  private int[] rows = new int[0];
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
    ColumnBatch b = nextSelected(own);
    // the one place a filter's selection becomes a batch of its own, for a consumer that asked so
    return b == null ? null : selection.compact(b, own);
  }

  /**
   * The next input batch with at least one row passing, the passing rows named in {@code live} (the
   * input's own selection, if it had one, narrowed further); a batch where fewer than one row in
   * {@link #COMPACT_BELOW} passes comes compacted, every row live.
   */
  @Override
  public ColumnBatch nextSelected(Selection live) {
    while (!closed) {
      context.checkCancelled();
      ColumnBatch b = input.nextSelected(inputLive);
      if (b == null) {
        return null;
      }
      int n = b.size();
      if (pass.length < n) {
        pass = new boolean[Math.max(n, b.capacity())];
        rows = new int[pass.length];
      }
      int passing;
      if (inputLive.all()) {
        passing = n;
        Arrays.fill(pass, 0, n, true);
      } else {
        passing = inputLive.count();
        System.arraycopy(inputLive.mask(), 0, pass, 0, n);
      }
      passing = narrow(b, n, passing);
      if (passing == 0) {
        continue;
      }
      if (passing == n) {
        live.all(n);
        return b;
      }
      RowSelection.list(pass, n, passing, rows);
      live.set(n, pass, rows, passing);
      if ((long) passing * COMPACT_BELOW < n) {
        // few rows pass: the operators after would compute over many dead rows for few live ones
        ColumnBatch kept = selection.compact(b, live);
        live.all(passing);
        return kept;
      }
      return b;
    }
    return null;
  }

  /** Clears the rows of {@code pass} some conjunct does not make TRUE: how many are left. */
  private int narrow(ColumnBatch b, int n, int passing) {
    for (Expr conjunct : conjuncts) {
      if (conjunct instanceof Narrowing c) {
        int narrowed = c.narrow(b, pass, passing == n, n);
        if (narrowed >= 0) {
          passing = narrowed;
          if (passing == 0) {
            return 0;
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
        return 0;
      }
    }
    return passing;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      input.close();
    }
  }
}
