package dev.bucketsql.parquet.codec;

import static java.util.Objects.requireNonNull;

import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.util.EnumSet;
import java.util.Set;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Compresses and decompresses Parquet pages with no Hadoop class: UNCOMPRESSED, SNAPPY, GZIP (the
 * JDK's zlib), ZSTD and LZ4_RAW (aircompressor). SNAPPY pages are decompressed by Snappy's native
 * decoder where it loads ({@link NativeSnappy}) and by aircompressor elsewhere.
 *
 * <p>parquet-java's own factory is built on Hadoop's codec classes; pass this one instead, to the
 * reader through {@code ParquetReadOptions.Builder.withCodecFactory} and to the writer through
 * {@code ParquetWriter.Builder.withCodecFactory} (together with a {@code
 * PlainParquetConfiguration}), and no Hadoop jar is needed.
 *
 * <p>The factory holds no state and is safe to share between threads and files; each compressor or
 * decompressor it returns belongs to one thread at a time, as parquet-java expects. {@link
 * #release()} does nothing.
 *
 * <p>Compression levels: {@link #getCompressor(CompressionCodecName, int)} honours GZIP levels 1 to
 * 9; aircompressor's ZSTD has one fixed level (comparable to zstd's level 3, parquet's default), so
 * ZSTD levels are ignored, as are levels of codecs that have none.
 *
 * <p>LZO, BROTLI and the deprecated Hadoop-framed LZ4 are not supported: asking for them throws an
 * {@link UnsupportedCodecException} whose message lists what is supported.
 */
public final class ParquetCodecFactory implements CompressionCodecFactory {
  /** The codecs this factory compresses and decompresses. */
  public static final Set<CompressionCodecName> SUPPORTED =
      Set.copyOf(
          EnumSet.of(
              CompressionCodecName.UNCOMPRESSED,
              CompressionCodecName.SNAPPY,
              CompressionCodecName.GZIP,
              CompressionCodecName.ZSTD,
              CompressionCodecName.LZ4_RAW));

  /** The GZIP level used when none is given: zlib's default, 6, as parquet-java uses. */
  public static final int DEFAULT_GZIP_LEVEL = 6;

  /** A factory for every codec in {@link #SUPPORTED}. */
  public ParquetCodecFactory() {}

  /**
   * A compressor for {@code codecName}, for one writing thread.
   *
   * @throws UnsupportedCodecException if the codec is not in {@link #SUPPORTED}
   */
  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
    return getCompressor(codecName, DEFAULT_GZIP_LEVEL);
  }

  /**
   * A compressor for {@code codecName} at {@code level}, for one writing thread. Only GZIP has
   * levels here (1 to 9); the level is ignored for the other codecs.
   *
   * @throws UnsupportedCodecException if the codec is not in {@link #SUPPORTED}
   * @throws IllegalArgumentException if a GZIP level is outside 1 to 9
   */
  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codecName, int level) {
    requireNonNull(codecName, "codecName is null");
    if (codecName == CompressionCodecName.UNCOMPRESSED) {
      return PassThroughCodec.COMPRESSOR;
    }
    return new PageCompressor(codec(codecName, level));
  }

  /**
   * A decompressor for {@code codecName}, for one reading thread. Every page it decompresses must
   * come out at exactly the size its header records, or it throws an {@link java.io.IOException}:
   * corrupt data never turns into wrong values.
   *
   * @throws UnsupportedCodecException if the codec is not in {@link #SUPPORTED}
   */
  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
    requireNonNull(codecName, "codecName is null");
    if (codecName == CompressionCodecName.UNCOMPRESSED) {
      return PassThroughCodec.DECOMPRESSOR;
    }
    return new PageDecompressor(codec(codecName, DEFAULT_GZIP_LEVEL));
  }

  /** Does nothing: the factory holds no resources. */
  @Override
  public void release() {}

  private static PageCodec codec(CompressionCodecName codecName, int gzipLevel) {
    switch (codecName) {
      case SNAPPY:
        if (NativeSnappy.available()) {
          return new NativeSnappyCodec();
        }
        return new AirliftPageCodec(codecName, SnappyCompressor::new, new SnappyDecompressor());
      case GZIP:
        return new GzipPageCodec(gzipLevel);
      case ZSTD:
        return new AirliftPageCodec(codecName, ZstdCompressor::new, new ZstdDecompressor());
      case LZ4_RAW:
        return new AirliftPageCodec(codecName, Lz4Compressor::new, new Lz4Decompressor());
      default:
        throw new UnsupportedCodecException(codecName);
    }
  }

  @Override
  public String toString() {
    return "ParquetCodecFactory" + SUPPORTED;
  }
}
