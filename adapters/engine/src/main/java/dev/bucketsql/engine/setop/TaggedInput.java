package dev.bucketsql.engine.setop;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.Operator;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One input of an {@code INTERSECT} or {@code EXCEPT} with a BOOLEAN column per input of the
 * operation after its own columns, TRUE in the column of this input and FALSE in the others: the
 * aggregate above counts each row's copies per input with {@code COUNT(*) FILTER} on those columns.
 * The flags are written once per output batch allocated, since they never change.
 */
final class TaggedInput implements Operator {
  private final Operator input;
  private final int index;
  private final int width;
  private final List<ColumnType> types;
  private ColumnBatch out;

  /** Input number {@code index} of {@code inputs}. */
  TaggedInput(Operator input, int index, int inputs) {
    this.input = requireNonNull(input, "input is null");
    if (index < 0 || index >= inputs) {
      throw new IllegalArgumentException("input " + index + " of " + inputs);
    }
    this.index = index;
    this.width = input.types().size();
    List<ColumnType> t = new ArrayList<>(input.types());
    for (int i = 0; i < inputs; i++) {
      t.add(ColumnType.BOOLEAN);
    }
    types = List.copyOf(t);
  }

  @Override
  public List<ColumnType> types() {
    return types;
  }

  @Override
  public ColumnBatch next() {
    ColumnBatch b = input.next();
    if (b == null) {
      return null;
    }
    int n = b.size();
    if (out == null || out.capacity() < n) {
      out = new ColumnBatch(types.toArray(new ColumnType[0]), Math.max(n, b.capacity()));
      Arrays.fill(out.longs(width + index), 1L);
    }
    for (int c = 0; c < width; c++) {
      switch (out.kind(c)) {
        case LONG -> System.arraycopy(b.longs(c), 0, out.longs(c), 0, n);
        case DOUBLE -> System.arraycopy(b.doubles(c), 0, out.doubles(c), 0, n);
        default -> System.arraycopy(b.objects(c), 0, out.objects(c), 0, n);
      }
      System.arraycopy(b.nulls(c), 0, out.nulls(c), 0, n);
    }
    out.setSize(n);
    return out;
  }

  @Override
  public void close() {
    input.close();
  }
}
