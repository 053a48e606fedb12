package dev.bucketsql.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * How an object's bytes are compressed. {@link #AUTO} decides by the key's extension: {@code .gz}
 * is gzip, {@code .zst} is Zstandard, anything else is plain. Compressed objects are decompressed
 * as a stream (never buffered whole) and are always read with one sequential request.
 */
public enum CsvCompression {
  /** By extension: {@code .gz} gzip, {@code .zst} Zstandard, else none. */
  AUTO,
  /** Plain bytes. */
  NONE,
  /** gzip (RFC 1952), decompressed with the JDK; concatenated members are read in turn. */
  GZIP,
  /** Zstandard, decompressed by aircompressor's pure-Java streaming decoder. */
  ZSTD;

  /** The compression of {@code key}: this one, or for {@link #AUTO} the one its extension says. */
  public CsvCompression resolve(String key) {
    if (this != AUTO) {
      return this;
    }
    String k = key.toLowerCase(Locale.ROOT);
    if (k.endsWith(".gz")) {
      return GZIP;
    }
    if (k.endsWith(".zst")) {
      return ZSTD;
    }
    return NONE;
  }

  /** Wraps {@code in}; {@code in} is closed with the result. */
  InputStream decompress(InputStream in) {
    try {
      return switch (this) {
        case GZIP -> new GZIPInputStream(in, 64 * 1024);
        case ZSTD -> new io.airlift.compress.zstd.ZstdInputStream(in);
        default -> in;
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses {@code auto}, {@code none}, {@code gzip}/{@code gz}, {@code zstd}/{@code zst}. */
  public static CsvCompression parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "auto" -> AUTO;
      case "none" -> NONE;
      case "gzip", "gz" -> GZIP;
      case "zstd", "zst" -> ZSTD;
      default ->
          throw new IllegalArgumentException(
              "compression '" + text + "' is not one of auto, none, gzip, zstd");
    };
  }
}
