package dev.bucketsql.parquet;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;

/**
 * A column reader standing on one value handed over by record assembly, so that nested leaves
 * convert through exactly the {@link ParquetValueReader}s of flat columns. Only the value getters
 * work; the reader never moves.
 */
final class LeafValue implements ColumnReader {
  int integer;
  long lng;
  float flt;
  double dbl;
  boolean bool;
  Binary binary;

  @Override
  public int getInteger() {
    return integer;
  }

  @Override
  public boolean getBoolean() {
    return bool;
  }

  @Override
  public long getLong() {
    return lng;
  }

  @Override
  public Binary getBinary() {
    return binary;
  }

  @Override
  public float getFloat() {
    return flt;
  }

  @Override
  public double getDouble() {
    return dbl;
  }

  @Override
  @Deprecated
  public long getTotalValueCount() {
    throw unsupported();
  }

  @Override
  public void consume() {
    throw unsupported();
  }

  @Override
  public int getCurrentRepetitionLevel() {
    throw unsupported();
  }

  @Override
  public int getCurrentDefinitionLevel() {
    throw unsupported();
  }

  @Override
  public void writeCurrentValueToConverter() {
    throw unsupported();
  }

  @Override
  public void skip() {
    throw unsupported();
  }

  @Override
  public int getCurrentValueDictionaryID() {
    throw unsupported();
  }

  @Override
  public ColumnDescriptor getDescriptor() {
    throw unsupported();
  }

  private static UnsupportedOperationException unsupported() {
    return new UnsupportedOperationException("a nested leaf value only has a value");
  }
}
