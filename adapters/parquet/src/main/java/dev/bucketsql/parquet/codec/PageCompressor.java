package dev.bucketsql.parquet.codec;

import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** Adapts a {@link PageCodec} to parquet-java's compressor interface. */
final class PageCompressor implements BytesInputCompressor {
  private final PageCodec codec;

  PageCompressor(PageCodec codec) {
    this.codec = codec;
  }

  @Override
  public BytesInput compress(BytesInput bytes) throws IOException {
    byte[] input = bytes.toByteArray();
    return BytesInput.from(codec.compress(input, 0, input.length));
  }

  @Override
  public CompressionCodecName getCodecName() {
    return codec.name();
  }

  @Override
  public void release() {}
}
