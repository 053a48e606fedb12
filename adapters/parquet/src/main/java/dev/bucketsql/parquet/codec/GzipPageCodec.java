package dev.bucketsql.parquet.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
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

  /**
   * Inflates the page in one call into the caller's array: the gzip header is parsed here and the
   * deflate stream handed to an {@link Inflater} whole. {@code GZIPInputStream} instead feeds zlib
   * through a 512-byte buffer, one native call per 512 input bytes, which measured several times
   * slower on pages of a megabyte. The trailer's CRC-32 and length are checked, and concatenated
   * gzip members are read in turn, as {@code GZIPInputStream} does.
   */
  @Override
  public void decompress(
      byte[] input, int offset, int length, byte[] output, int outputOffset, int outputLength)
      throws IOException {
    Inflater inflater = new Inflater(true);
    try {
      int in = offset;
      int end = offset + length;
      int out = outputOffset;
      int outEnd = outputOffset + outputLength;
      do {
        in = GzipHeader.skip(input, in, end);
        inflater.reset();
        inflater.setInput(input, in, end - in);
        CRC32 crc = new CRC32();
        int start = out;
        byte[] probe = new byte[1];
        while (!inflater.finished()) {
          // with the output full, a one-byte probe lets zlib read the stream's end (or prove
          // that there is more than the header said)
          int n =
              out < outEnd
                  ? inflater.inflate(output, out, outEnd - out)
                  : inflater.inflate(probe, 0, 1);
          if (out == outEnd && n > 0) {
            throw new IOException(
                "GZIP page decompresses to more than the "
                    + outputLength
                    + " bytes its header says");
          }
          out += n;
          if (n == 0 && !inflater.finished()) {
            if (inflater.needsInput() || inflater.needsDictionary()) {
              throw new IOException("truncated GZIP data in a " + length + "-byte compressed page");
            }
          }
        }
        crc.update(output, start, out - start);
        in = end - inflater.getRemaining();
        if (end - in < 8) {
          throw new IOException("GZIP page lacks its 8-byte trailer");
        }
        long storedCrc = readIntLe(input, in) & 0xFFFF_FFFFL;
        long storedSize = readIntLe(input, in + 4) & 0xFFFF_FFFFL;
        if (storedCrc != crc.getValue() || storedSize != ((out - start) & 0xFFFF_FFFFL)) {
          throw new IOException("GZIP page fails its CRC-32 or length check");
        }
        in += 8;
      } while (in < end && out < outEnd);
      if (out != outEnd) {
        throw new IOException(
            "GZIP page decompressed to "
                + (out - outputOffset)
                + " bytes but its header says "
                + outputLength);
      }
      if (in < end) {
        throw new IOException(
            "GZIP page decompresses to more than the " + outputLength + " bytes its header says");
      }
    } catch (DataFormatException e) {
      throw new IOException(
          "corrupt GZIP data in a " + length + "-byte compressed page: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }

  private static int readIntLe(byte[] b, int at) {
    return (b[at] & 0xFF)
        | (b[at + 1] & 0xFF) << 8
        | (b[at + 2] & 0xFF) << 16
        | (b[at + 3] & 0xFF) << 24;
  }

  /** GZIPOutputStream exposes its deflater only to subclasses; the level is set through it. */
  private static final class LeveledGzipOutputStream extends GZIPOutputStream {
    LeveledGzipOutputStream(ByteArrayOutputStream out, int level) throws IOException {
      super(out);
      def.setLevel(level);
    }
  }
}
