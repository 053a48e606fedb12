package dev.bucketsql.parquet;

import org.apache.parquet.column.ColumnReader;

/**
 * Converts the current non-null value of a column reader into the Java value its {@link
 * dev.bucketsql.format.ColumnType} prescribes, without intermediate objects where possible.
 */
@FunctionalInterface
interface ParquetValueReader {
  Object read(ColumnReader reader);
}
