package dev.bucketsql.parquet;

import dev.bucketsql.format.Column;
import dev.bucketsql.parquet.ParquetSchemaMapping.MappedColumn;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.Type;

/**
 * Maps a nested top-level Parquet field (a group, or a repeated field) to an ARRAY, MAP or ROW
 * column, following the backward-compatibility rules of the Parquet format specification
 * (LogicalTypes.md) so that files of older writers read as their authors meant:
 *
 * <ul>
 *   <li>{@code LIST}: the standard three levels ({@code optional group l (LIST) { repeated group
 *       list { optional T element; } }}), and the legacy two levels where the repeated child is the
 *       element itself: a repeated primitive, a repeated group of several fields, one named {@code
 *       array} or {@code <name>_tuple} (parquet-avro, parquet-thrift), or one whose only field is
 *       repeated. Such elements are never null.
 *   <li>{@code MAP} and legacy {@code MAP_KEY_VALUE}: a repeated key-value group of a required key
 *       and an optional or required value.
 *   <li>An unannotated group: a ROW of its fields.
 *   <li>A repeated field outside any LIST (a top-level {@code repeated int32 x}, or inside a
 *       struct): an ARRAY of non-null elements, empty when the field does not occur.
 * </ul>
 *
 * A field whose parts include a type not supported yet, or a malformed LIST or MAP, stays a
 * placeholder column as before, with the reason naming the part.
 */
final class ParquetNestedTypes {
  private ParquetNestedTypes() {}

  /** Thrown while mapping when one part of the field cannot be read. */
  private static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported(String message) {
      super(message, null, false, false);
    }
  }

  private record Mapped(Column column, NestedNode node) {}

  static MappedColumn map(Type field) {
    try {
      Mapped mapped = mapField(field, field.getName());
      return MappedColumn.nested(field, mapped.column(), mapped.node());
    } catch (Unsupported e) {
      return MappedColumn.unsupported(field, e.getMessage());
    }
  }

  /** Maps {@code t} with its own repetition: a repeated field becomes a non-null ARRAY. */
  private static Mapped mapField(Type t, String path) throws Unsupported {
    if (t.isRepetition(Type.Repetition.REPEATED)) {
      Mapped element = mapValue(t, path, false);
      return new Mapped(Column.array(t.getName(), false, element.column()), element.node());
    }
    return mapValue(t, path, t.isRepetition(Type.Repetition.OPTIONAL));
  }

  /** Maps the values of {@code t}, whatever its repetition, as {@code nullable} says. */
  private static Mapped mapValue(Type t, String path, boolean nullable) throws Unsupported {
    if (t.isPrimitive()) {
      MappedColumn leaf = ParquetTypeMapper.primitive(t.asPrimitiveType());
      if (leaf.unsupported() != null) {
        throw new Unsupported("its part '" + path + "': " + leaf.unsupported());
      }
      Column c = leaf.column();
      return new Mapped(
          new Column(t.getName(), c.type(), nullable, c.precision(), c.scale()),
          new NestedNode.Leaf(leaf.reader()));
    }
    GroupType group = t.asGroupType();
    LogicalTypeAnnotation logical = group.getLogicalTypeAnnotation();
    if (logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
      return list(group, path, nullable);
    }
    if (logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
      return map(group, path, nullable);
    }
    if (logical != null) {
      throw new Unsupported(
          "its part '" + path + "' is a group annotated " + logical + ", which is not supported");
    }
    return struct(group, path, nullable);
  }

  private static Mapped list(GroupType list, String path, boolean nullable) throws Unsupported {
    if (list.getFieldCount() != 1 || !list.getType(0).isRepetition(Type.Repetition.REPEATED)) {
      throw new Unsupported(
          "its part '" + path + "' is a LIST group without exactly one repeated field");
    }
    Type repeated = list.getType(0);
    String repeatedPath = path + "." + repeated.getName();
    if (isElement(repeated, list.getName())) {
      Mapped element = mapValue(repeated, repeatedPath, false);
      return new Mapped(
          Column.array(list.getName(), nullable, element.column()),
          new NestedNode.ListOf(element.node(), false));
    }
    Type inner = repeated.asGroupType().getType(0);
    Mapped element =
        mapValue(
            inner,
            repeatedPath + "." + inner.getName(),
            inner.isRepetition(Type.Repetition.OPTIONAL));
    return new Mapped(
        Column.array(list.getName(), nullable, element.column()),
        new NestedNode.ListOf(element.node(), true));
  }

  /** The spec's rules for telling a legacy two-level list from the standard three levels. */
  private static boolean isElement(Type repeated, String listName) {
    if (repeated.isPrimitive()) {
      return true;
    }
    GroupType g = repeated.asGroupType();
    return g.getFieldCount() != 1
        || g.getType(0).isRepetition(Type.Repetition.REPEATED)
        || g.getName().equals("array")
        || g.getName().equals(listName + "_tuple");
  }

  private static Mapped map(GroupType map, String path, boolean nullable) throws Unsupported {
    if (map.getFieldCount() != 1
        || map.getType(0).isPrimitive()
        || !map.getType(0).isRepetition(Type.Repetition.REPEATED)
        || map.getType(0).asGroupType().getFieldCount() != 2) {
      throw new Unsupported(
          "its part '"
              + path
              + "' is a MAP group without one repeated key-value group of two fields");
    }
    GroupType keyValue = map.getType(0).asGroupType();
    String kvPath = path + "." + keyValue.getName();
    Type keyType = keyValue.getType(0);
    Type valueType = keyValue.getType(1);
    if (keyType.isRepetition(Type.Repetition.REPEATED)
        || valueType.isRepetition(Type.Repetition.REPEATED)) {
      throw new Unsupported("its part '" + kvPath + "' has a repeated key or value");
    }
    Mapped key = mapValue(keyType, kvPath + "." + keyType.getName(), false);
    Mapped value =
        mapValue(
            valueType,
            kvPath + "." + valueType.getName(),
            valueType.isRepetition(Type.Repetition.OPTIONAL));
    return new Mapped(
        Column.map(map.getName(), nullable, key.column(), value.column()),
        new NestedNode.MapOf(key.node(), value.node()));
  }

  private static Mapped struct(GroupType group, String path, boolean nullable) throws Unsupported {
    if (group.getFieldCount() == 0) {
      throw new Unsupported("its part '" + path + "' is a group without fields");
    }
    List<Column> fields = new ArrayList<>();
    List<NestedNode> nodes = new ArrayList<>();
    boolean[] bare = new boolean[group.getFieldCount()];
    for (int i = 0; i < group.getFieldCount(); i++) {
      Type field = group.getType(i);
      Mapped mapped = mapField(field, path + "." + field.getName());
      fields.add(mapped.column());
      nodes.add(mapped.node());
      bare[i] = field.isRepetition(Type.Repetition.REPEATED);
    }
    return new Mapped(
        Column.row(group.getName(), nullable, fields), new NestedNode.Struct(nodes, bare));
  }
}
