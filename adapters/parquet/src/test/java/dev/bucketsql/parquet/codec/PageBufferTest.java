package dev.bucketsql.parquet.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputDecompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link PageBuffer}: the pages read through it are decompressed into the array of the page read
 * before when it fits, each one exact, and no other array is ever written again: pages read without
 * it, pages that were not decompressed (UNCOMPRESSED slices of the chunk), and the page last
 * returned until the next read.
 */
class PageBufferTest {
  private static final ParquetCodecFactory CODECS = new ParquetCodecFactory();

  @ParameterizedTest
  @EnumSource(
      value = CompressionCodecName.class,
      names = {"SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
  void pagesReadThroughTheBufferReuseTheArrayOfThePageBefore(CompressionCodecName codec) {
    List<byte[]> plain = List.of(page(1, 1000), page(2, 900), page(3, 1000), page(4, 1200));
    FakePages pages = new FakePages(codec);
    plain.forEach(pages::add);
    pages.add(page(5, 50));
    PageBuffer buffer = new PageBuffer();
    byte[] before = null;
    List<byte[]> arrays = new ArrayList<>();
    for (byte[] expected : append(plain, page(5, 50))) {
      DataPage page = buffer.read(pages);
      assertThat(bytes(page)).isEqualTo(expected);
      byte[] array = array(page);
      arrays.add(array);
      assertThat(array).isNotSameAs(before);
      before = Arrays.copyOf(array, array.length);
    }
    assertThat(buffer.read(pages)).isNull();
    // 900 and 1000 bytes fit in the first page's 1000; 1200 does not (a new array with room), 50
    // fits in that one
    assertThat(arrays.get(1)).isSameAs(arrays.get(0));
    assertThat(arrays.get(2)).isSameAs(arrays.get(0));
    assertThat(arrays.get(3)).isNotSameAs(arrays.get(0));
    assertThat(arrays.get(3).length).isGreaterThanOrEqualTo(1200);
    assertThat(arrays.get(4)).isSameAs(arrays.get(3));
    assertThat(buffer.allocated()).isEqualTo(2);
    assertThat(buffer.reused()).isEqualTo(3);
  }

  @Test
  void thePageLastReadStaysIntactUntilTheNextRead() {
    FakePages pages = new FakePages(CompressionCodecName.SNAPPY);
    byte[] first = page(7, 4096);
    pages.add(first);
    pages.add(page(8, 4096));
    pages.dictionary(page(9, 4096));
    PageBuffer buffer = new PageBuffer();
    DataPage page = buffer.read(pages);
    // a dictionary page, and a page of another reader, decompressed meanwhile on this thread
    DictionaryPage dictionary = pages.readDictionaryPage();
    FakePages other = new FakePages(CompressionCodecName.SNAPPY);
    other.add(page(10, 4096));
    DataPage foreign = other.readPage();
    assertThat(array(dictionary.getBytes())).isNotSameAs(array(page));
    assertThat(array(foreign)).isNotSameAs(array(page));
    assertThat(bytes(page)).isEqualTo(first);
    assertThat(buffer.allocated()).isEqualTo(1);
    assertThat(buffer.reused()).isZero();
    // the dictionary stays as read while the buffer takes the next page
    byte[] dictionaryBytes = bytes(dictionary.getBytes());
    assertThat(bytes(buffer.read(pages))).isEqualTo(page(8, 4096));
    assertThat(bytes(dictionary.getBytes())).isEqualTo(dictionaryBytes);
    assertThat(buffer.reused()).isEqualTo(1);
  }

  @Test
  void pagesReadWithoutTheBufferGetNewArrays() {
    FakePages pages = new FakePages(CompressionCodecName.SNAPPY);
    for (int i = 0; i < 4; i++) {
      pages.add(page(i, 2048));
    }
    byte[] a = array(pages.readPage());
    byte[] b = array(pages.readPage());
    assertThat(b).isNotSameAs(a);
    // a buffer's spare array is not handed to a page read without the buffer
    PageBuffer buffer = new PageBuffer();
    byte[] c = array(buffer.read(pages));
    DataPage d = pages.readPage();
    assertThat(array(d)).isNotSameAs(c);
    assertThat(bytes(d)).isEqualTo(page(3, 2048));
  }

  /**
   * An UNCOMPRESSED page is a slice of the column chunk, which holds the pages still to come: its
   * array is never decompressed into, even between pages that were.
   */
  @Test
  void slicesOfTheChunkAreNeverWrittenTo() {
    byte[] chunk = new byte[8192];
    new Random(3).nextBytes(chunk);
    byte[] chunkCopy = chunk.clone();
    FakePages snappy = new FakePages(CompressionCodecName.SNAPPY);
    PageBuffer buffer = new PageBuffer();
    BytesInputDecompressor passThrough = CODECS.getDecompressor(CompressionCodecName.UNCOMPRESSED);
    Deque<DataPage> mixed = new ArrayDeque<>();
    PageReader reader =
        new PageReader() {
          int read;

          @Override
          public DictionaryPage readDictionaryPage() {
            return null;
          }

          @Override
          public long getTotalValueCount() {
            return 0;
          }

          @Override
          public DataPage readPage() {
            int i = read++;
            if (i >= 8) {
              return null;
            }
            if (i % 2 == 0) {
              try {
                BytesInput slice = BytesInput.from(chunk, 1024 * i, 1024);
                return v1(passThrough.decompress(slice, 1024));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
            snappy.add(page(i, 1024));
            return snappy.readPage();
          }
        };
    for (DataPage page; (page = buffer.read(reader)) != null; ) {
      mixed.add(page);
    }
    assertThat(mixed).hasSize(8);
    assertThat(chunk).isEqualTo(chunkCopy);
    assertThat(buffer.allocated()).isEqualTo(1);
    assertThat(buffer.reused()).isEqualTo(3);
    // only the last page read is intact (the others may have been overwritten, as promised)
    assertThat(bytes(mixed.getLast())).isEqualTo(page(7, 1024));
  }

  @Test
  void randomPagesComeOutExact() {
    Random random = new Random(11);
    for (CompressionCodecName codec :
        List.of(
            CompressionCodecName.SNAPPY, CompressionCodecName.ZSTD, CompressionCodecName.GZIP)) {
      FakePages pages = new FakePages(codec);
      List<byte[]> expected = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        int size = random.nextInt(5) == 0 ? random.nextInt(3) : 1 + random.nextInt(30_000);
        byte[] p = page(random.nextInt(), size);
        expected.add(p);
        pages.add(p);
      }
      PageBuffer buffer = new PageBuffer();
      for (byte[] e : expected) {
        DataPage page = buffer.read(pages);
        assertThat(bytes(page)).isEqualTo(e);
        assertThat(page.getUncompressedSize()).isEqualTo(e.length);
      }
      assertThat(buffer.read(pages)).isNull();
      assertThat(buffer.allocated() + buffer.reused()).isEqualTo(expected.size());
      assertThat(buffer.reused()).isGreaterThan(buffer.allocated());
    }
  }

  @Test
  void aCorruptPageFailsAndLeavesNoWrongValues() {
    FakePages pages = new FakePages(CompressionCodecName.SNAPPY);
    pages.add(page(1, 512));
    pages.addCorrupt(page(2, 512));
    pages.add(page(3, 512));
    PageBuffer buffer = new PageBuffer();
    assertThat(bytes(buffer.read(pages))).isEqualTo(page(1, 512));
    assertThatThrownBy(() -> buffer.read(pages)).isInstanceOf(UncheckedIOException.class);
    assertThat(bytes(buffer.read(pages))).isEqualTo(page(3, 512));
  }

  /** Bytes of a page: compressible (runs) with some noise, from {@code seed}. */
  private static byte[] page(int seed, int size) {
    Random random = new Random(seed);
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (random.nextInt(8) == 0 ? random.nextInt() : i / 16 + seed);
    }
    return b;
  }

  private static List<byte[]> append(List<byte[]> list, byte[] last) {
    List<byte[]> all = new ArrayList<>(list);
    all.add(last);
    return all;
  }

  private static DataPageV1 v1(BytesInput bytes) {
    return new DataPageV1(
        bytes,
        (int) bytes.size(),
        (int) bytes.size(),
        null,
        Encoding.RLE,
        Encoding.RLE,
        Encoding.PLAIN);
  }

  private static byte[] bytes(DataPage page) {
    return bytes(((DataPageV1) page).getBytes());
  }

  private static byte[] bytes(BytesInput input) {
    try {
      ByteBuffer b = input.toByteBuffer();
      byte[] out = new byte[b.remaining()];
      b.duplicate().get(out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] array(DataPage page) {
    return array(((DataPageV1) page).getBytes());
  }

  private static byte[] array(BytesInput input) {
    try {
      return input.toByteBuffer().array();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Pages decompressed as parquet-java's column chunk reader does: one decompressor per chunk,
   * called once per page, inside {@code readPage}, on the reading thread.
   */
  private static final class FakePages implements PageReader {
    private final BytesInputCompressor compressor;
    private final BytesInputDecompressor decompressor;
    private final Deque<byte[][]> compressed = new ArrayDeque<>();
    private byte[][] dictionary;

    FakePages(CompressionCodecName name) {
      this.compressor = CODECS.getCompressor(name);
      this.decompressor = CODECS.getDecompressor(name);
    }

    void add(byte[] plain) {
      compressed.add(new byte[][] {compress(plain), plain});
    }

    void addCorrupt(byte[] plain) {
      byte[] c = compress(plain);
      // a truncated block: every codec here refuses it
      compressed.add(new byte[][] {Arrays.copyOf(c, Math.max(1, c.length / 2)), plain});
    }

    void dictionary(byte[] plain) {
      dictionary = new byte[][] {compress(plain), plain};
    }

    private byte[] compress(byte[] plain) {
      try {
        return compressor.compress(BytesInput.from(plain)).toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public DictionaryPage readDictionaryPage() {
      try {
        return new DictionaryPage(
            decompressor.decompress(BytesInput.from(dictionary[0]), dictionary[1].length),
            16,
            Encoding.PLAIN);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public long getTotalValueCount() {
      return 0;
    }

    @Override
    public DataPage readPage() {
      byte[][] next = compressed.poll();
      if (next == null) {
        return null;
      }
      try {
        return v1(decompressor.decompress(BytesInput.from(next[0]), next[1].length));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
