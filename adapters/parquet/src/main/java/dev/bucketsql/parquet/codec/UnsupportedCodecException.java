package dev.bucketsql.parquet.codec;

import static java.util.Objects.requireNonNull;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * A Parquet file uses a compression codec that {@link ParquetCodecFactory} does not implement. The
 * message names the codec, lists the supported ones and hints at the fix.
 */
public final class UnsupportedCodecException extends UnsupportedOperationException {
  private static final long serialVersionUID = 1L;

  private final CompressionCodecName codec;

  /** The codec {@code codec} is not supported. */
  public UnsupportedCodecException(CompressionCodecName codec) {
    super(
        "Parquet compression codec "
            + requireNonNull(codec, "codec is null")
            + " is not supported (supported: UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW);"
            + " rewrite the file with one of those, ZSTD or SNAPPY for example");
    this.codec = codec;
  }

  /** The codec that is not supported. */
  public CompressionCodecName codec() {
    return codec;
  }
}
