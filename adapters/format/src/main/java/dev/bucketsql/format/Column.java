package dev.bucketsql.format;

import static java.util.Objects.requireNonNull;

/**
 * One column of a data file.
 *
 * @param name the column name as the file spells it
 * @param type the SQL type values are read as
 * @param nullable whether values may be null
 * @param precision for DECIMAL the precision, for VARCHAR a maximum length or -1 when unknown
 * @param scale for DECIMAL the scale, else 0
 */
public record Column(String name, ColumnType type, boolean nullable, int precision, int scale) {
  /** Checks the arguments. */
  public Column {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
  }

  /** A nullable column with no precision or scale. */
  public static Column of(String name, ColumnType type) {
    return new Column(name, type, true, -1, 0);
  }
}
