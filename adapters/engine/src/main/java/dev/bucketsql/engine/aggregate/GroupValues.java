package dev.bucketsql.engine.aggregate;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnBatch.Kind;

/**
 * One value per group in a column kind's own representation (a long, a double or an object): what
 * MIN and MAX keep, and ARG_MIN and ARG_MAX for their value and their ordering value. The array of
 * the other kinds stays empty.
 */
final class GroupValues {
  private final Kind kind;
  private long[] longs = new long[0];
  private double[] doubles = new double[0];
  private Object[] objects = new Object[0];

  GroupValues(Kind kind) {
    this.kind = kind;
  }

  /** Makes room for {@code groups} groups. */
  void grow(int groups) {
    switch (kind) {
      case LONG -> longs = Accumulator.grown(longs, groups);
      case DOUBLE -> doubles = Accumulator.grown(doubles, groups);
      default -> objects = Accumulator.grown(objects, groups);
    }
  }

  /** Bytes a group's slot takes: an object slot also keeps a value the input made alive. */
  long bytesPerGroup() {
    return kind == Kind.OBJECT ? 12 + 88 : 12;
  }

  /** Group {@code g} takes the value of row {@code r} of {@code column}. */
  void set(int g, ColumnBatch batch, int column, int r) {
    switch (kind) {
      case LONG -> longs[g] = batch.longs(column)[r];
      case DOUBLE -> doubles[g] = batch.doubles(column)[r];
      default -> objects[g] = batch.objects(column)[r];
    }
  }

  long longAt(int g) {
    return longs[g];
  }

  double doubleAt(int g) {
    return doubles[g];
  }

  Object objectAt(int g) {
    return objects[g];
  }

  /** Drops group {@code g}'s object, so a reset group keeps no value alive. */
  void clear(int g) {
    if (kind == Kind.OBJECT) {
      objects[g] = null;
    }
  }

  /**
   * Writes group {@code g}'s value to row {@code r} of column {@code c}, NULL unless {@code seen}.
   */
  void write(int g, boolean seen, ColumnBatch out, int c, int r) {
    out.nulls(c)[r] = !seen;
    switch (kind) {
      case LONG -> out.longs(c)[r] = longs[g];
      case DOUBLE -> out.doubles(c)[r] = doubles[g];
      default -> out.objects(c)[r] = seen ? objects[g] : null;
    }
  }
}
