package dev.bucketsql.parquet.codec;

import java.io.IOException;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * One compression algorithm applied to whole pages held in byte arrays, which is how Parquet
 * compresses: each page is one independent compressed block whose uncompressed size the page header
 * records.
 *
 * <p>Instances may keep per-instance state, so each is used by one thread at a time.
 */
interface PageCodec {
  /** The Parquet codec this implements. */
  CompressionCodecName name();

  /**
   * Compresses {@code length} bytes of {@code input} from {@code offset}.
   *
   * @return a new array holding exactly the compressed bytes
   */
  byte[] compress(byte[] input, int offset, int length) throws IOException;

  /**
   * Decompresses {@code length} bytes of {@code input} from {@code offset} into exactly {@code
   * outputLength} bytes of {@code output} from {@code outputOffset}.
   *
   * @throws IOException when the data is corrupt or does not decompress to exactly {@code
   *     outputLength} bytes: a page that decompresses to another size than its header says is
   *     corrupt, and reading it anyway would produce wrong values
   */
  void decompress(
      byte[] input, int offset, int length, byte[] output, int outputOffset, int outputLength)
      throws IOException;
}
