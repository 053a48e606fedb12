package dev.bucketsql.parquet.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputDecompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Page-level round trips and failure modes of each codec. */
class ParquetCodecFactoryTest {
  private final ParquetCodecFactory factory = new ParquetCodecFactory();

  /** Repetitive text, so every real codec actually shrinks it, plus random noise. */
  private static byte[] page(long seed, int size) {
    Random random = new Random(seed);
    byte[] data = new byte[size];
    byte[] word = "recipe,review,rating;".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < size; i++) {
      data[i] = (i % 7 == 0) ? (byte) random.nextInt() : word[i % word.length];
    }
    return data;
  }

  @ParameterizedTest
  @EnumSource(
      value = CompressionCodecName.class,
      names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
  void roundTripsPagesOfManySizes(CompressionCodecName codec) throws IOException {
    BytesInputCompressor compressor = factory.getCompressor(codec);
    BytesInputDecompressor decompressor = factory.getDecompressor(codec);
    assertThat(compressor.getCodecName()).isEqualTo(codec);
    for (int size : new int[] {0, 1, 17, 4096, 300_000}) {
      byte[] data = page(size, size);
      byte[] compressed = compressor.compress(BytesInput.from(data)).toByteArray();
      if (codec != CompressionCodecName.UNCOMPRESSED && size >= 4096) {
        assertThat(compressed.length).as("%s of %d bytes", codec, size).isLessThan(size);
      }
      byte[] restored = decompressor.decompress(BytesInput.from(compressed), size).toByteArray();
      assertThat(restored).as("%s of %d bytes", codec, size).isEqualTo(data);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = CompressionCodecName.class,
      names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
  void decompressesBetweenByteBuffersAndAdvancesBoth(CompressionCodecName codec)
      throws IOException {
    byte[] data = page(7, 10_000);
    byte[] compressed = factory.getCompressor(codec).compress(BytesInput.from(data)).toByteArray();
    for (boolean direct : new boolean[] {false, true}) {
      // A prefix before the page checks that positions, not buffer starts, are honoured.
      ByteBuffer input = allocate(direct, compressed.length + 3);
      input.put(new byte[] {9, 9, 9}).put(compressed).flip().position(3);
      ByteBuffer output = allocate(direct, data.length + 5);
      output.position(5);
      factory.getDecompressor(codec).decompress(input, compressed.length, output, data.length);
      assertThat(input.remaining()).isZero();
      assertThat(output.position()).isEqualTo(data.length + 5);
      byte[] restored = new byte[data.length];
      output.flip().position(5);
      output.get(restored);
      assertThat(restored).isEqualTo(data);
    }
  }

  private static ByteBuffer allocate(boolean direct, int size) {
    return direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
  }

  @ParameterizedTest
  @EnumSource(
      value = CompressionCodecName.class,
      names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
  void refusesAPageWhoseSizeDisagreesWithItsHeader(CompressionCodecName codec) throws IOException {
    byte[] data = page(3, 5000);
    byte[] compressed = factory.getCompressor(codec).compress(BytesInput.from(data)).toByteArray();
    BytesInputDecompressor decompressor = factory.getDecompressor(codec);
    assertThatThrownBy(() -> decompressor.decompress(BytesInput.from(compressed), 5001))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(codec.name());
    assertThatThrownBy(() -> decompressor.decompress(BytesInput.from(compressed), 4999))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(codec.name());
  }

  @ParameterizedTest
  @EnumSource(
      value = CompressionCodecName.class,
      names = {"SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
  void reportsCorruptDataAsIoExceptionNamingTheCodec(CompressionCodecName codec)
      throws IOException {
    byte[] data = page(5, 20_000);
    byte[] compressed = factory.getCompressor(codec).compress(BytesInput.from(data)).toByteArray();
    byte[] truncated = java.util.Arrays.copyOf(compressed, compressed.length / 2);
    BytesInputDecompressor decompressor = factory.getDecompressor(codec);
    assertThatThrownBy(() -> decompressor.decompress(BytesInput.from(truncated), data.length))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(codec.name());
  }

  @Test
  void writesStandardGzipThatTheJdkReadsAtEveryLevel() throws IOException {
    byte[] data = page(11, 50_000);
    int fastest = -1;
    int best = -1;
    for (int level = 1; level <= 9; level++) {
      byte[] compressed =
          factory
              .getCompressor(CompressionCodecName.GZIP, level)
              .compress(BytesInput.from(data))
              .toByteArray();
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
        assertThat(in.readAllBytes()).isEqualTo(data);
      }
      if (level == 1) {
        fastest = compressed.length;
      } else if (level == 9) {
        best = compressed.length;
      }
    }
    assertThat(best).as("level 9 is no larger than level 1").isLessThanOrEqualTo(fastest);
    assertThatThrownBy(() -> factory.getCompressor(CompressionCodecName.GZIP, 12))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("12");
  }

  @ParameterizedTest
  @EnumSource(
      value = CompressionCodecName.class,
      names = {"LZO", "BROTLI", "LZ4"})
  void refusesUnsupportedCodecsWithAHint(CompressionCodecName codec) {
    assertThatThrownBy(() -> factory.getDecompressor(codec))
        .isInstanceOfSatisfying(
            UnsupportedCodecException.class, e -> assertThat(e.codec()).isEqualTo(codec))
        .hasMessageContaining(codec.name())
        .hasMessageContaining("rewrite the file");
    assertThatThrownBy(() -> factory.getCompressor(codec))
        .isInstanceOf(UnsupportedCodecException.class);
    assertThat(ParquetCodecFactory.SUPPORTED).doesNotContain(codec);
  }
}
