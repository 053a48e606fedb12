package dev.bucketsql.csv;

import dev.bucketsql.format.Column;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.TableSchema;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Turns a record's field text into the projected, typed values of a row. A value that does not fit
 * its column's type fails the scan with the key, line, column and value; in lenient mode it is read
 * as NULL and reported instead. Not thread-safe; one per scan or split.
 */
final class CsvRowConverter {
  private final String key;
  private final int[] projection;
  private final Column[] columns;
  private final String nullString;
  private final Set<String> declared;
  private final boolean lenient;
  private final ColumnType[] byteTypes;
  private final byte[] nullBytes;

  CsvRowConverter(String key, TableSchema schema, int[] projection, CsvOptions options) {
    this.key = key;
    this.projection = projection.clone();
    this.columns = new Column[projection.length];
    for (int i = 0; i < projection.length; i++) {
      columns[i] = schema.column(projection[i]);
    }
    this.nullString = options.nullString();
    // Declared names match columns without regard to case, as SQL names do.
    this.declared = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    declared.addAll(options.declaredColumns().keySet());
    this.lenient = options.lenient();
    this.byteTypes = new ColumnType[projection.length];
    for (int i = 0; i < projection.length; i++) {
      ColumnType type = columns[i].type();
      byteTypes[i] = CsvByteValues.handles(type) ? type : null;
    }
    // Compared with the bytes the reader sees: UTF-8 for a transcoded object.
    this.nullBytes = nullString.getBytes(CsvByteCharset.of(options.charset()).bytesCharset());
  }

  /**
   * The row for the current record of {@code reader}, which starts on physical line {@code line}:
   * integers and dates are read straight from the bytes when they are plain, everything else from
   * the field's text, with the same result.
   */
  Object[] convert(CsvByteRecordReader reader, long line, List<CsvReject> rejects) {
    Object[] values = new Object[projection.length];
    byte[] b = reader.buffer();
    for (int i = 0; i < projection.length; i++) {
      int c = projection[i];
      Object value =
          fromBytes(reader, i, c)
              ? CsvByteValues.parse(b, reader.start(c), reader.end(c), byteTypes[i])
              : null;
      values[i] = value != null ? value : convert(reader.text(c), i, line, rejects);
    }
    return values;
  }

  /**
   * Stores the current record of {@code reader} as row {@code r} of {@code batch}, whose columns
   * are this converter's projection: the values {@link #convert(CsvByteRecordReader, long, List)}
   * gives, with integers, dates and short decimals written unboxed into the batch's arrays.
   */
  void fill(
      CsvByteRecordReader reader, long line, ColumnBatch batch, int r, List<CsvReject> rejects) {
    byte[] b = reader.buffer();
    for (int i = 0; i < projection.length; i++) {
      int c = projection[i];
      if (fromBytes(reader, i, c)) {
        ColumnType type = byteTypes[i];
        int s = reader.start(c);
        int e = reader.end(c);
        if (type == ColumnType.DOUBLE) {
          double v = CsvByteValues.parseDouble(b, s, e);
          if (!Double.isNaN(v)) {
            batch.doubles(i)[r] = v;
            batch.nulls(i)[r] = false;
            continue;
          }
        } else {
          long v = CsvByteValues.parseLong(b, s, e, type);
          if (v != CsvByteValues.NO_LONG) {
            batch.longs(i)[r] = v;
            batch.nulls(i)[r] = false;
            continue;
          }
        }
      }
      batch.set(i, r, convert(reader.text(c), i, line, rejects));
    }
  }

  /**
   * Whether projected column {@code i} (field {@code c}) of the current record may be read straight
   * from the bytes: a type {@link CsvByteValues} reads, a plain field, and not the null string. The
   * byte path may still decline the value; the text path then decides.
   */
  private boolean fromBytes(CsvByteRecordReader reader, int i, int c) {
    if (byteTypes[i] == null || !reader.plain(c)) {
      return false;
    }
    return nullBytes.length == 0
        || !Arrays.equals(
            reader.buffer(), reader.start(c), reader.end(c), nullBytes, 0, nullBytes.length);
  }

  /**
   * The row for {@code record}, which starts on physical line {@code line}; nulled values are added
   * to {@code rejects} in lenient mode.
   */
  Object[] convert(String[] record, long line, List<CsvReject> rejects) {
    Object[] values = new Object[projection.length];
    for (int i = 0; i < projection.length; i++) {
      values[i] = convert(record[projection[i]], i, line, rejects);
    }
    return values;
  }

  private Object convert(String raw, int i, long line, List<CsvReject> rejects) {
    if (raw == null || raw.equals(nullString)) {
      return null;
    }
    Column column = columns[i];
    ColumnType type = column.type();
    if (type == ColumnType.VARCHAR) {
      return raw;
    }
    String text = raw.strip();
    if (text.isEmpty()) {
      return null;
    }
    Object value =
        type == ColumnType.DECIMAL
            ? CsvValues.parseDecimal(text, column.precision(), column.scale())
            : CsvValues.parse(text, type);
    if (value != CsvValues.NO_FIT) {
      return value;
    }
    String typeName =
        type == ColumnType.DECIMAL
            ? "DECIMAL(" + column.precision() + ", " + column.scale() + ")"
            : type.name();
    RuntimeException e =
        CsvMessages.typeMismatch(
            key, line, column.name(), raw, typeName, declared.contains(column.name()));
    if (!lenient) {
      throw e;
    }
    String message = e.getMessage();
    String reason = message.substring(message.indexOf(": ") + 2);
    rejects.add(new CsvReject(key, line, CsvReject.Kind.NULLED, column.name(), reason));
    return null;
  }
}
