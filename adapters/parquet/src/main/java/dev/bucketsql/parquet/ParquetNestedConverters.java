package dev.bucketsql.parquet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;

/**
 * The converter tree parquet-java's record assembly drives for nested columns: it calls {@code
 * start}/{@code end} on a group only when the group is present (definition levels), and a primitive
 * converter once per present value (repetition levels), so nulls at every level fall out naturally:
 * a null struct or list is never started and its slot stays null, an empty list is started and
 * ended with no element, a null element passes through the synthetic list layer without a value.
 *
 * <p>Values take {@link dev.bucketsql.format.ColumnType}'s representation: ARRAY a {@link List},
 * MAP a {@link LinkedHashMap} (a repeated key keeps its last value), ROW an {@code Object[]};
 * leaves are converted by the same {@link ParquetValueReader}s as flat columns.
 */
final class ParquetNestedConverters {
  private ParquetNestedConverters() {}

  /** Where a converter delivers each value it assembled. */
  @FunctionalInterface
  interface Sink {
    void accept(Object value);
  }

  static Converter converter(NestedNode node, Sink sink) {
    if (node instanceof NestedNode.Leaf leaf) {
      return new LeafConverter(leaf.reader(), sink);
    }
    if (node instanceof NestedNode.Struct struct) {
      return new StructConverter(struct, sink);
    }
    if (node instanceof NestedNode.ListOf list) {
      return new ListConverter(list, sink);
    }
    return new MapConverter((NestedNode.MapOf) node, sink);
  }

  /** A struct, or the root of a record: one slot per field. */
  static final class StructConverter extends GroupConverter {
    private final Converter[] children;
    private final boolean[] bare;
    private final Sink sink;
    private Object[] values;

    StructConverter(NestedNode.Struct node, Sink sink) {
      this.sink = sink;
      this.bare = node.bare().clone();
      this.children = new Converter[node.fields().size()];
      for (int i = 0; i < children.length; i++) {
        int at = i;
        children[i] =
            converter(
                node.fields().get(i), bare[i] ? v -> appendTo(values[at], v) : v -> values[at] = v);
      }
    }

    @SuppressWarnings("unchecked")
    private static void appendTo(Object list, Object value) {
      ((List<Object>) list).add(value);
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return children[fieldIndex];
    }

    @Override
    public void start() {
      values = new Object[children.length];
      for (int i = 0; i < bare.length; i++) {
        if (bare[i]) {
          values[i] = new ArrayList<>();
        }
      }
    }

    @Override
    public void end() {
      sink.accept(values);
    }

    /** The values of the struct last started. */
    Object[] values() {
      return values;
    }
  }

  private static final class ListConverter extends GroupConverter {
    private final Converter child;
    private final Sink sink;
    private List<Object> list;
    private Object pending;

    ListConverter(NestedNode.ListOf node, Sink sink) {
      this.sink = sink;
      this.child =
          node.threeLevel()
              ? new ElementLayer(converter(node.element(), v -> pending = v))
              : converter(node.element(), v -> list.add(v));
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return child;
    }

    @Override
    public void start() {
      list = new ArrayList<>();
    }

    @Override
    public void end() {
      sink.accept(list);
    }

    /** The repeated group of a three-level list: one per element, null or not. */
    private final class ElementLayer extends GroupConverter {
      private final Converter element;

      ElementLayer(Converter element) {
        this.element = element;
      }

      @Override
      public Converter getConverter(int fieldIndex) {
        return element;
      }

      @Override
      public void start() {
        pending = null;
      }

      @Override
      public void end() {
        list.add(pending);
      }
    }
  }

  private static final class MapConverter extends GroupConverter {
    private final Converter entry;
    private final Sink sink;
    private Map<Object, Object> map;
    private Object key;
    private Object value;

    MapConverter(NestedNode.MapOf node, Sink sink) {
      this.sink = sink;
      Converter keys = converter(node.key(), v -> key = v);
      Converter values = converter(node.value(), v -> value = v);
      this.entry =
          new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
              return fieldIndex == 0 ? keys : values;
            }

            @Override
            public void start() {
              key = null;
              value = null;
            }

            @Override
            public void end() {
              map.put(key, value);
            }
          };
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return entry;
    }

    @Override
    public void start() {
      map = new LinkedHashMap<>();
    }

    @Override
    public void end() {
      sink.accept(map);
    }
  }

  /** Hands each value to the flat columns' converter through a one-value column reader. */
  private static final class LeafConverter extends PrimitiveConverter {
    private final ParquetValueReader reader;
    private final Sink sink;
    private final LeafValue value = new LeafValue();

    LeafConverter(ParquetValueReader reader, Sink sink) {
      this.reader = reader;
      this.sink = sink;
    }

    @Override
    public void addBinary(Binary v) {
      value.binary = v;
      sink.accept(reader.read(value));
    }

    @Override
    public void addBoolean(boolean v) {
      value.bool = v;
      sink.accept(reader.read(value));
    }

    @Override
    public void addDouble(double v) {
      value.dbl = v;
      sink.accept(reader.read(value));
    }

    @Override
    public void addFloat(float v) {
      value.flt = v;
      sink.accept(reader.read(value));
    }

    @Override
    public void addInt(int v) {
      value.integer = v;
      sink.accept(reader.read(value));
    }

    @Override
    public void addLong(long v) {
      value.lng = v;
      sink.accept(reader.read(value));
    }
  }
}
