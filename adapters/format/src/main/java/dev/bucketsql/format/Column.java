package dev.bucketsql.format;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One column of a data file, or one part of a nested column's type.
 *
 * <p>Nested types describe their parts as child columns: an {@link ColumnType#ARRAY} has one child,
 * its element; a {@link ColumnType#MAP} two, its key and its value; a {@link ColumnType#ROW} one
 * per field, named. Each child says whether its values may be null, so "a null list", "an empty
 * list" and "a list holding a null" are all describable.
 *
 * @param name the column name as the file spells it; for an element, key or value the fixed names
 *     {@code element}, {@code key} and {@code value}
 * @param type the SQL type values are read as
 * @param nullable whether values may be null
 * @param precision for DECIMAL the precision, for VARCHAR a maximum length or -1 when unknown
 * @param scale for DECIMAL the scale, else 0
 * @param children the element (ARRAY), key and value (MAP) or fields (ROW); empty for other types
 */
public record Column(
    String name,
    ColumnType type,
    boolean nullable,
    int precision,
    int scale,
    List<Column> children) {
  /** Checks the arguments: nested types need their parts, other types have none. */
  public Column {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    children = List.copyOf(requireNonNull(children, "children is null"));
    int expected =
        switch (type) {
          case ARRAY -> 1;
          case MAP -> 2;
          case ROW -> -1;
          default -> 0;
        };
    if (expected >= 0 ? children.size() != expected : children.isEmpty()) {
      throw new IllegalArgumentException(
          "column '" + name + "' of type " + type + " has " + children.size() + " child columns");
    }
  }

  /** A column of a type without parts (not ARRAY, MAP or ROW). */
  public Column(String name, ColumnType type, boolean nullable, int precision, int scale) {
    this(name, type, nullable, precision, scale, List.of());
  }

  /** A nullable column with no precision or scale. */
  public static Column of(String name, ColumnType type) {
    return new Column(name, type, true, -1, 0);
  }

  /** An ARRAY column whose elements are described by {@code element} (its name is ignored). */
  public static Column array(String name, boolean nullable, Column element) {
    return new Column(
        name, ColumnType.ARRAY, nullable, -1, 0, List.of(element.withName("element")));
  }

  /** A MAP column; {@code key}'s and {@code value}'s names are ignored, keys are not null. */
  public static Column map(String name, boolean nullable, Column key, Column value) {
    return new Column(
        name,
        ColumnType.MAP,
        nullable,
        -1,
        0,
        List.of(key.withName("key").withNullable(false), value.withName("value")));
  }

  /** A ROW column with {@code fields}, in order. */
  public static Column row(String name, boolean nullable, List<Column> fields) {
    return new Column(name, ColumnType.ROW, nullable, -1, 0, fields);
  }

  /** The element of an ARRAY column. */
  public Column element() {
    requireType(ColumnType.ARRAY);
    return children.get(0);
  }

  /** The key of a MAP column. */
  public Column key() {
    requireType(ColumnType.MAP);
    return children.get(0);
  }

  /** The value of a MAP column. */
  public Column value() {
    requireType(ColumnType.MAP);
    return children.get(1);
  }

  /** The fields of a ROW column, in order. */
  public List<Column> fields() {
    requireType(ColumnType.ROW);
    return children;
  }

  /** This column under another name, with the same type and parts. */
  public Column withName(String newName) {
    return new Column(newName, type, nullable, precision, scale, children);
  }

  /** This column with another nullability, with the same type and parts. */
  public Column withNullable(boolean newNullable) {
    return new Column(name, type, newNullable, precision, scale, children);
  }

  /** The type as SQL spells it, e.g. {@code ARRAY<INTEGER>}, {@code ROW<a BIGINT, b VARCHAR>}. */
  public String typeName() {
    return switch (type) {
      case DECIMAL -> "DECIMAL(" + precision + ", " + scale + ")";
      case ARRAY -> "ARRAY<" + children.get(0).typeName() + ">";
      case MAP -> "MAP<" + children.get(0).typeName() + ", " + children.get(1).typeName() + ">";
      case ROW -> {
        StringBuilder s = new StringBuilder("ROW<");
        for (int i = 0; i < children.size(); i++) {
          s.append(i == 0 ? "" : ", ")
              .append(children.get(i).name())
              .append(' ')
              .append(children.get(i).typeName());
        }
        yield s.append('>').toString();
      }
      default -> type.name();
    };
  }

  private void requireType(ColumnType wanted) {
    if (type != wanted) {
      throw new IllegalStateException("column '" + name + "' is " + type + ", not " + wanted);
    }
  }
}
