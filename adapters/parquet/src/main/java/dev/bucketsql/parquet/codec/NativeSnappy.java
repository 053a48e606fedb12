package dev.bucketsql.parquet.codec;

import io.airlift.compress.snappy.SnappyCompressor;
import java.util.Arrays;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyError;

/**
 * Whether Snappy's own C++ library (through snappy-java) decompresses SNAPPY pages in this JVM.
 *
 * <p>It does when the system property {@value #PROPERTY} is unset or {@code native} and the library
 * loads on this platform; {@code java} keeps the pure-Java decoder. The library is tried once per
 * JVM: it must decompress a block the pure-Java compressor wrote back to the same bytes. A platform
 * without a bundled library, or a temporary directory the library cannot be unpacked to or loaded
 * from, leaves the pure-Java decoder in place and logs why once; no query fails for it.
 */
final class NativeSnappy {
  /**
   * The system property that chooses the SNAPPY decoder: {@code native} (default) or {@code java}.
   */
  static final String PROPERTY = "bucketsql.snappy";

  private static final Logger LOG = LoggerFactory.getLogger(NativeSnappy.class);

  private NativeSnappy() {}

  /** True when SNAPPY pages are decompressed by the native library. */
  static boolean available() {
    return Probe.AVAILABLE;
  }

  /** Holds the outcome of the one probe, made when first asked. */
  private static final class Probe {
    static final boolean AVAILABLE = probe();

    private static boolean probe() {
      String choice = System.getProperty(PROPERTY, "native").trim().toLowerCase(Locale.ROOT);
      if (choice.equals("java")) {
        return false;
      }
      if (!choice.equals("native")) {
        LOG.warn("{}={} is neither native nor java; trying the native decoder", PROPERTY, choice);
      }
      try {
        byte[] plain = new byte[4096];
        for (int i = 0; i < plain.length; i++) {
          plain[i] = (byte) (i * 31 / 7);
        }
        SnappyCompressor compressor = new SnappyCompressor();
        byte[] packed = new byte[compressor.maxCompressedLength(plain.length)];
        int length = compressor.compress(plain, 0, plain.length, packed, 0, packed.length);
        byte[] out = new byte[plain.length];
        int written = Snappy.uncompress(packed, 0, length, out, 0);
        if (written == plain.length && Arrays.equals(out, plain)) {
          return true;
        }
        LOG.info("native Snappy failed its self-test; SNAPPY pages use the pure-Java decoder");
        return false;
      } catch (Exception | LinkageError | SnappyError e) {
        // a library snappy-java cannot unpack or load surfaces as its own SnappyError or as a
        // LinkageError; either way the pure-Java decoder stays.
        LOG.info(
            "native Snappy is not available on {}/{} ({}); SNAPPY pages use the pure-Java decoder",
            System.getProperty("os.name"),
            System.getProperty("os.arch"),
            e.toString());
        return false;
      }
    }
  }
}
