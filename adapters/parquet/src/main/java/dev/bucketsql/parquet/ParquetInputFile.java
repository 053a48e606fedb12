package dev.bucketsql.parquet;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.storage.ObjectInput;
import org.apache.parquet.io.InputFile;

/** A Parquet {@link InputFile} over one object version of the storage seam. */
final class ParquetInputFile implements InputFile {
  private final ObjectInput input;
  private final int readAhead;

  ParquetInputFile(ObjectInput input, int readAhead) {
    this.input = requireNonNull(input, "input is null");
    this.readAhead = readAhead;
  }

  @Override
  public long getLength() {
    return input.length();
  }

  @Override
  public ParquetInputStream newStream() {
    return new ParquetInputStream(input, readAhead);
  }

  @Override
  public String toString() {
    return input.object().key();
  }
}
