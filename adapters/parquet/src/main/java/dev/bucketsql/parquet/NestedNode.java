package dev.bucketsql.parquet;

import java.util.List;

/**
 * How the values of one nested Parquet field are assembled, the shape {@link
 * ParquetNestedConverters} builds its converter tree from. The column's SQL description is kept
 * apart, in {@link dev.bucketsql.format.Column}.
 */
sealed interface NestedNode {
  /** A primitive value, converted like a flat column of the same Parquet type. */
  record Leaf(ParquetValueReader reader) implements NestedNode {}

  /**
   * A struct: one value per field. A field marked {@code bare} is a repeated field without a LIST
   * wrapper; it reads as a list of its values, empty when the field does not occur.
   */
  record Struct(List<NestedNode> fields, boolean[] bare) implements NestedNode {}

  /**
   * A LIST group. With {@code threeLevel} its repeated child is a synthetic layer holding the
   * (possibly null) element; otherwise the repeated child is the element itself.
   */
  record ListOf(NestedNode element, boolean threeLevel) implements NestedNode {}

  /** A MAP group: a repeated key-value group holding a key and a (possibly null) value. */
  record MapOf(NestedNode key, NestedNode value) implements NestedNode {}
}
