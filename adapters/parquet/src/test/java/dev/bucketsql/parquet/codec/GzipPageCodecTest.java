package dev.bucketsql.parquet.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * {@link GzipPageCodec}'s one-call inflate on what other gzip writers produce: headers with a file
 * name, extra field and header CRC, several members in a row, and damaged trailers.
 */
class GzipPageCodecTest {
  private final GzipPageCodec codec = new GzipPageCodec(6);

  @Test
  void readsHeadersWithOptionalFields() throws IOException {
    byte[] data = data(5000);
    byte[] plain = gzip(data);
    // FEXTRA (4 bytes), FNAME "page", FCOMMENT "c" and FHCRC (2 bytes, not checked by zlib either)
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(plain, 0, 3);
    out.write(2 | 4 | 8 | 16);
    out.write(plain, 4, 6);
    out.write(new byte[] {4, 0, 'a', 'b', 'c', 'd'});
    out.write(new byte[] {'p', 'a', 'g', 'e', 0, 'c', 0, 0x12, 0x34});
    out.write(plain, 10, plain.length - 10);
    assertThat(inflate(out.toByteArray(), data.length)).isEqualTo(data);
  }

  @Test
  void readsConcatenatedMembers() throws IOException {
    byte[] a = data(3000);
    byte[] b = data(7000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(gzip(a));
    out.write(gzip(b));
    byte[] expected = new byte[a.length + b.length];
    System.arraycopy(a, 0, expected, 0, a.length);
    System.arraycopy(b, 0, expected, a.length, b.length);
    assertThat(inflate(out.toByteArray(), expected.length)).isEqualTo(expected);
  }

  @Test
  void refusesAWrongCrcOrATruncatedTrailer() throws IOException {
    byte[] data = data(4000);
    byte[] bad = gzip(data);
    bad[bad.length - 6] ^= 1;
    assertThatThrownBy(() -> inflate(bad, data.length))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("CRC-32");
    byte[] cut = Arrays.copyOf(gzip(data), gzip(data).length - 3);
    assertThatThrownBy(() -> inflate(cut, data.length))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("trailer");
  }

  @Test
  void refusesAnEmptyPageAsNotGzip() {
    assertThatThrownBy(() -> inflate(new byte[0], 10))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not in GZIP format");
  }

  private byte[] inflate(byte[] compressed, int size) throws IOException {
    byte[] out = new byte[size];
    codec.decompress(compressed, 0, compressed.length, out, 0, size);
    return out;
  }

  private static byte[] data(int n) {
    byte[] data = new byte[n];
    Random random = new Random(n);
    for (int i = 0; i < n; i++) {
      data[i] = (byte) (random.nextInt(20) + 'a');
    }
    return data;
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(out)) {
      g.write(data);
    }
    return out.toByteArray();
  }
}
