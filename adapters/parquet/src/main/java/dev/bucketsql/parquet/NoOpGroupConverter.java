package dev.bucketsql.parquet;

import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;

/**
 * parquet-java's column store wants a converter tree; the scan reads values from the column readers
 * directly instead, so every converter here ignores what it is given.
 */
final class NoOpGroupConverter extends GroupConverter {
  private static final PrimitiveConverter PRIMITIVE = new PrimitiveConverter() {};

  @Override
  public Converter getConverter(int fieldIndex) {
    return PRIMITIVE;
  }

  @Override
  public void start() {}

  @Override
  public void end() {}
}
