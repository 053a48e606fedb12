package dev.bucketsql.parquet;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.Column;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.TableSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * A Parquet file schema seen as SQL columns: one column per top-level field, in file order.
 *
 * <p>Groups and repeated fields become ARRAY, MAP or ROW columns ({@link ParquetNestedTypes}).
 * Fields of types not supported yet (INTERVAL, FLOAT16, ...) are still listed, as nullable VARCHAR
 * placeholders, so the table keeps its shape and a query that names them fails with a clear
 * message, while queries over the other columns work.
 */
final class ParquetSchemaMapping {
  private final MessageType fileSchema;
  private final List<MappedColumn> columns;
  private final TableSchema tableSchema;

  private ParquetSchemaMapping(MessageType fileSchema, List<MappedColumn> columns) {
    this.fileSchema = fileSchema;
    this.columns = List.copyOf(columns);
    List<Column> sql = new ArrayList<>();
    for (MappedColumn c : columns) {
      sql.add(c.column());
    }
    this.tableSchema = new TableSchema(sql);
  }

  static ParquetSchemaMapping of(MessageType fileSchema) {
    requireNonNull(fileSchema, "fileSchema is null");
    List<MappedColumn> columns = new ArrayList<>();
    for (Type field : fileSchema.getFields()) {
      columns.add(ParquetTypeMapper.map(field));
    }
    return new ParquetSchemaMapping(fileSchema, columns);
  }

  MessageType fileSchema() {
    return fileSchema;
  }

  TableSchema tableSchema() {
    return tableSchema;
  }

  MappedColumn column(int index) {
    return columns.get(index);
  }

  int size() {
    return columns.size();
  }

  /**
   * One top-level field and how it is read.
   *
   * @param field the Parquet field
   * @param column the SQL column
   * @param reader the value converter of a flat column, else null
   * @param nested how a nested column's values are assembled, else null
   * @param unsupported why the field cannot be read yet, null when supported
   */
  record MappedColumn(
      Type field, Column column, ParquetValueReader reader, NestedNode nested, String unsupported) {
    static MappedColumn supported(Type field, ColumnType type, ParquetValueReader reader) {
      return supported(field, type, -1, 0, reader);
    }

    static MappedColumn supported(
        Type field, ColumnType type, int precision, int scale, ParquetValueReader reader) {
      boolean nullable = field.getRepetition() != Type.Repetition.REQUIRED;
      return new MappedColumn(
          field, new Column(field.getName(), type, nullable, precision, scale), reader, null, null);
    }

    static MappedColumn nested(Type field, Column column, NestedNode node) {
      return new MappedColumn(field, column, null, node, null);
    }

    static MappedColumn unsupported(Type field, String why) {
      return new MappedColumn(
          field, Column.of(field.getName(), ColumnType.VARCHAR), null, null, why);
    }

    /** Whether the column is an ARRAY, MAP or ROW, read by record assembly. */
    boolean isNested() {
      return nested != null;
    }
  }
}
