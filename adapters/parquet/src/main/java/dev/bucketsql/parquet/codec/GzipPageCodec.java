package dev.bucketsql.parquet.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** GZIP pages through the JDK's zlib: a gzip stream per page, as Parquet specifies. */
final class GzipPageCodec implements PageCodec {
  private final int level;

  /** {@code level} is a {@link java.util.zip.Deflater} level: 1 to 9, or -1 for zlib's default. */
  GzipPageCodec(int level) {
    if (level != -1 && (level < 1 || level > 9)) {
      throw new IllegalArgumentException("GZIP level must be 1 to 9 (or -1): " + level);
    }
    this.level = level;
  }

  @Override
  public CompressionCodecName name() {
    return CompressionCodecName.GZIP;
  }

  @Override
  public byte[] compress(byte[] input, int offset, int length) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length / 2));
    try (LeveledGzipOutputStream gzip = new LeveledGzipOutputStream(out, level)) {
      gzip.write(input, offset, length);
    }
    return out.toByteArray();
  }

  @Override
  public void decompress(
      byte[] input, int offset, int length, byte[] output, int outputOffset, int outputLength)
      throws IOException {
    try (GZIPInputStream gzip =
        new GZIPInputStream(new ByteArrayInputStream(input, offset, length))) {
      int read = gzip.readNBytes(output, outputOffset, outputLength);
      if (read != outputLength) {
        throw new IOException(
            "GZIP page decompressed to " + read + " bytes but its header says " + outputLength);
      }
      if (gzip.read() != -1) {
        throw new IOException(
            "GZIP page decompresses to more than the " + outputLength + " bytes its header says");
      }
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new IOException(
          "corrupt GZIP data in a " + length + "-byte compressed page: " + e.getMessage(), e);
    }
  }

  /** GZIPOutputStream exposes its deflater only to subclasses; the level is set through it. */
  private static final class LeveledGzipOutputStream extends GZIPOutputStream {
    LeveledGzipOutputStream(ByteArrayOutputStream out, int level) throws IOException {
      super(out);
      def.setLevel(level);
    }
  }
}
