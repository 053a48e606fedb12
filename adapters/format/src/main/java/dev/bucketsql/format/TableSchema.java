package dev.bucketsql.format;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The ordered columns of a data file.
 *
 * @param columns the columns, in file order
 */
public record TableSchema(List<Column> columns) {
  /** Copies the list. */
  public TableSchema {
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
  }

  /** The number of columns. */
  public int size() {
    return columns.size();
  }

  /** The column at {@code index}. */
  public Column column(int index) {
    return columns.get(index);
  }

  /** The index of the column named exactly {@code name}, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
