package dev.bucketsql.engine;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The adapter between rows and batches: rows ({@code Object[]} in {@link ColumnType}'s
 * representation, as Calcite's enumerable operators pass them) become an {@link Operator}, and an
 * operator's batches become rows again. This is how a plan mixes engine operators with Calcite's
 * own where the engine has no operator yet.
 */
public final class Rows {
  private Rows() {}

  /** An operator returning {@code rows} in batches of {@code batchSize}. */
  public static Operator source(List<ColumnType> types, Iterator<Object[]> rows, int batchSize) {
    return new Source(types, rows, batchSize);
  }

  /** An operator of {@code types} that returns no row. */
  public static Operator empty(List<ColumnType> types) {
    return source(types, Collections.emptyIterator(), 1);
  }

  /** The rows of {@code op}, read lazily; the operator closes when they are exhausted. */
  public static Iterator<Object[]> iterator(Operator op) {
    return new RowIterator(op);
  }

  /** All rows of {@code op}, then closes it. */
  public static List<Object[]> collect(Operator op) {
    List<Object[]> rows = new ArrayList<>();
    try (op) {
      for (ColumnBatch b = op.next(); b != null; b = op.next()) {
        for (int r = 0; r < b.size(); r++) {
          rows.add(row(b, r));
        }
      }
    }
    return rows;
  }

  /** Row {@code r} of {@code b} as values. */
  public static Object[] row(ColumnBatch b, int r) {
    Object[] row = new Object[b.columnCount()];
    for (int c = 0; c < row.length; c++) {
      row[c] = b.value(c, r);
    }
    return row;
  }

  private static final class Source implements Operator {
    private final List<ColumnType> types;
    private final Iterator<Object[]> rows;
    private final ColumnBatch batch;

    Source(List<ColumnType> types, Iterator<Object[]> rows, int batchSize) {
      this.types = List.copyOf(types);
      this.rows = requireNonNull(rows, "rows is null");
      this.batch = new ColumnBatch(types.toArray(new ColumnType[0]), batchSize);
    }

    @Override
    public List<ColumnType> types() {
      return types;
    }

    @Override
    public ColumnBatch next() {
      batch.clear();
      while (batch.size() < batch.capacity() && rows.hasNext()) {
        batch.addRow(rows.next());
      }
      return batch.size() == 0 ? null : batch;
    }

    @Override
    public void close() {}
  }

  private static final class RowIterator implements Iterator<Object[]> {
    private final Operator op;
    private ColumnBatch batch;
    private int row;
    private boolean done;

    RowIterator(Operator op) {
      this.op = requireNonNull(op, "op is null");
    }

    @Override
    public boolean hasNext() {
      while (!done && (batch == null || row >= batch.size())) {
        batch = op.next();
        row = 0;
        if (batch == null) {
          done = true;
          op.close();
        }
      }
      return !done;
    }

    @Override
    public Object[] next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return row(batch, row++);
    }
  }
}
