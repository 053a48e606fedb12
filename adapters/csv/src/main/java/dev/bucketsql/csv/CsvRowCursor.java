package dev.bucketsql.csv;

import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.TableSchema;
import dev.bucketsql.storage.ObjectInput;
import java.util.Set;

/**
 * Rows of a scan that projects at least one column. Only projected fields are converted; a value
 * that does not fit its column's type fails the scan rather than becoming NULL.
 */
final class CsvRowCursor implements RowCursor {
  private final String key;
  private final ObjectInput input;
  private final CsvRecordReader reader;
  private final TableSchema schema;
  private final int[] projection;
  private final ColumnType[] types;
  private final String nullString;
  private final Set<String> declared;
  private boolean headerPending;
  private Object[] current;
  private boolean closed;

  CsvRowCursor(
      String key,
      ObjectInput input,
      CsvRecordReader reader,
      TableSchema schema,
      int[] projection,
      String nullString,
      Set<String> declared,
      boolean header) {
    this.headerPending = header;
    this.key = key;
    this.input = input;
    this.reader = reader;
    this.schema = schema;
    this.projection = projection;
    this.nullString = nullString;
    this.declared = declared;
    this.types = new ColumnType[projection.length];
    for (int i = 0; i < projection.length; i++) {
      types[i] = schema.column(projection[i]).type();
    }
  }

  @Override
  public boolean moveNext() {
    if (closed) {
      return false;
    }
    String[] row;
    try {
      if (headerPending) {
        headerPending = false;
        reader.next();
      }
      row = reader.next();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    if (row == null) {
      close();
      current = null;
      return false;
    }
    Object[] values = new Object[projection.length];
    for (int i = 0; i < projection.length; i++) {
      values[i] = convert(row[projection[i]], i);
    }
    current = values;
    return true;
  }

  private Object convert(String raw, int i) {
    if (raw == null || raw.equals(nullString)) {
      return null;
    }
    ColumnType type = types[i];
    if (type == ColumnType.VARCHAR) {
      return raw;
    }
    String text = raw.strip();
    if (text.isEmpty()) {
      return null;
    }
    Object value = CsvValues.parse(text, type);
    if (value == CsvValues.NO_FIT) {
      String column = schema.column(projection[i]).name();
      close();
      throw CsvMessages.typeMismatch(
          key, reader.recordLine(), column, raw, type, declared.contains(column));
    }
    return value;
  }

  @Override
  public Object[] current() {
    if (current == null) {
      throw new IllegalStateException("no current row: call moveNext() first");
    }
    return current;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        reader.close();
      } finally {
        input.close();
      }
    }
  }
}
