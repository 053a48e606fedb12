package dev.bucketsql.parquet;

import java.io.IOException;
import java.lang.invoke.VarHandle;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes one flat INT32, INT64, FLOAT or DOUBLE column chunk a whole page at a time into primitive
 * arrays (INT32 and INT64 as {@code long}, FLOAT and DOUBLE as {@code double}) plus a null flag per
 * value, instead of one {@code ColumnReader} call per value.
 *
 * <p>parquet-java still reads the file: footers, page headers, checksums and decompression all come
 * from its {@link PageReader}; only the values of a page are decoded here, for the encodings that
 * carry nearly all such data: PLAIN, and dictionary ids (PLAIN_DICTIONARY / RLE_DICTIONARY) over a
 * PLAIN dictionary, with RLE definition levels (or the deprecated BIT_PACKED ones of old writers,
 * through parquet-java's reader). {@link #supports} says whether a chunk is made only of those; any
 * other chunk keeps parquet-java's column reader.
 */
final class PrimitivePageDecoder {
  private static final VarHandle LONGS = PageLevels.LONGS;
  private static final VarHandle INTS = PageLevels.INTS;

  private final PageReader pages;
  private final ColumnDescriptor descriptor;
  private final PrimitiveTypeName type;
  private final boolean floating;
  private long[] dictionaryLongs;
  private double[] dictionaryDoubles;
  private long[] longs = new long[0];
  private double[] doubles = new double[0];
  private boolean[] nulls = new boolean[0];
  private int[] ids = new int[0];
  private final PageLevels levels;
  private int size;
  private int next;

  PrimitivePageDecoder(PageReader pages, ColumnDescriptor descriptor) {
    this.pages = pages;
    this.descriptor = descriptor;
    this.type = descriptor.getPrimitiveType().getPrimitiveTypeName();
    this.floating = type == PrimitiveTypeName.FLOAT || type == PrimitiveTypeName.DOUBLE;
    this.levels = new PageLevels(descriptor);
    DictionaryPage dictionary = pages.readDictionaryPage();
    if (dictionary != null) {
      readDictionary(dictionary, descriptor);
    }
  }

  /**
   * Whether a chunk of {@code descriptor}'s column can be decoded here: a flat column (no
   * repetition, at most one definition level) of a fixed-width numeric type, every page PLAIN or
   * dictionary-encoded.
   */
  static boolean supports(ColumnDescriptor descriptor, ColumnChunkMetaData chunk) {
    PrimitiveTypeName t = descriptor.getPrimitiveType().getPrimitiveTypeName();
    boolean numeric =
        t == PrimitiveTypeName.INT32
            || t == PrimitiveTypeName.INT64
            || t == PrimitiveTypeName.FLOAT
            || t == PrimitiveTypeName.DOUBLE;
    return numeric && PageLevels.decodable(descriptor, chunk);
  }

  /** Whether values are held as doubles (FLOAT, DOUBLE) rather than longs. */
  boolean floating() {
    return floating;
  }

  /**
   * Copies the next {@code n} values into {@code out[from, from + n)} and their null flags into
   * {@code outNulls}; for INT32 and INT64 columns.
   */
  void readLongs(long[] out, boolean[] outNulls, int from, int n) {
    int done = 0;
    while (done < n) {
      int k = Math.min(available(), n - done);
      System.arraycopy(longs, next, out, from + done, k);
      System.arraycopy(nulls, next, outNulls, from + done, k);
      next += k;
      done += k;
    }
  }

  /** As {@link #readLongs}, for FLOAT and DOUBLE columns. */
  void readDoubles(double[] out, boolean[] outNulls, int from, int n) {
    int done = 0;
    while (done < n) {
      int k = Math.min(available(), n - done);
      System.arraycopy(doubles, next, out, from + done, k);
      System.arraycopy(nulls, next, outNulls, from + done, k);
      next += k;
      done += k;
    }
  }

  /**
   * Moves to the next value and stores it in {@code leaf} (in the field of its physical type).
   *
   * @return false when the value is null (the leaf is then unchanged)
   */
  boolean next(LeafValue leaf) {
    available();
    int at = next++;
    if (nulls[at]) {
      return false;
    }
    switch (type) {
      case INT32 -> leaf.integer = (int) longs[at];
      case INT64 -> leaf.lng = longs[at];
      case FLOAT -> leaf.flt = (float) doubles[at];
      default -> leaf.dbl = doubles[at];
    }
    return true;
  }

  /** Values decoded and not yet taken, reading the next page when none is left (at least 1). */
  private int available() {
    while (next == size) {
      DataPage page = pages.readPage();
      if (page == null) {
        throw new IllegalStateException("the column chunk has fewer values than its row group");
      }
      levels.read(page);
      ensure(levels.count);
      values();
      nulls = levels.nulls;
      size = levels.count;
      next = 0;
    }
    return size - next;
  }

  /** Decodes the page's values into the first {@code count} slots; null slots get 0. */
  private void values() {
    int count = levels.count;
    int present = levels.present;
    boolean[] isNull = levels.nulls;
    byte[] bytes = levels.bytes;
    if (levels.encoding == Encoding.PLAIN) {
      int width = type == PrimitiveTypeName.INT32 || type == PrimitiveTypeName.FLOAT ? 4 : 8;
      if ((long) present * width > levels.end - levels.offset) {
        throw new IllegalStateException(
            "a PLAIN page holds "
                + (levels.end - levels.offset)
                + " bytes for "
                + present
                + " values");
      }
      int p = levels.offset;
      if (present == count) {
        plainValues(bytes, p, count);
        return;
      }
      for (int i = 0; i < count; i++) {
        if (isNull[i]) {
          store(i, 0, 0);
          continue;
        }
        switch (type) {
          case INT32 -> longs[i] = (int) INTS.get(bytes, p);
          case INT64 -> longs[i] = (long) LONGS.get(bytes, p);
          case FLOAT -> doubles[i] = Float.intBitsToFloat((int) INTS.get(bytes, p));
          default -> doubles[i] = Double.longBitsToDouble((long) LONGS.get(bytes, p));
        }
        p += width;
      }
    } else if (levels.dictionaryEncoded()) {
      if (dictionaryLongs == null && dictionaryDoubles == null) {
        throw new IllegalStateException(
            "a dictionary-encoded page but the chunk has no dictionary");
      }
      ids = levels.dictionaryIds(ids, floating ? dictionaryDoubles.length : dictionaryLongs.length);
      if (present == count) {
        // no NULL: one loop per kind, without a test per value
        int[] d = ids;
        if (floating) {
          double[] dict = dictionaryDoubles;
          double[] out = doubles;
          for (int i = 0; i < count; i++) {
            out[i] = dict[d[i]];
          }
        } else {
          long[] dict = dictionaryLongs;
          long[] out = longs;
          for (int i = 0; i < count; i++) {
            out[i] = dict[d[i]];
          }
        }
        return;
      }
      int v = 0;
      for (int i = 0; i < count; i++) {
        if (isNull[i]) {
          store(i, 0, 0);
          continue;
        }
        int id = ids[v++];
        if (floating) {
          doubles[i] = dictionaryDoubles[id];
        } else {
          longs[i] = dictionaryLongs[id];
        }
      }
    } else {
      throw new IllegalStateException(
          "values encoded as " + levels.encoding + " are not decoded here");
    }
  }

  /**
   * PLAIN values of a page without NULLs, one loop per physical type with no test per value; the
   * caller checked the page holds them all.
   */
  private void plainValues(byte[] bytes, int offset, int count) {
    int p = offset;
    switch (type) {
      case INT32 -> {
        long[] out = longs;
        for (int i = 0; i < count; i++, p += 4) {
          out[i] = (int) INTS.get(bytes, p);
        }
      }
      case INT64 -> {
        long[] out = longs;
        for (int i = 0; i < count; i++, p += 8) {
          out[i] = (long) LONGS.get(bytes, p);
        }
      }
      case FLOAT -> {
        double[] out = doubles;
        for (int i = 0; i < count; i++, p += 4) {
          out[i] = Float.intBitsToFloat((int) INTS.get(bytes, p));
        }
      }
      default -> {
        double[] out = doubles;
        for (int i = 0; i < count; i++, p += 8) {
          out[i] = Double.longBitsToDouble((long) LONGS.get(bytes, p));
        }
      }
    }
  }

  private void store(int i, long l, double d) {
    if (floating) {
      doubles[i] = d;
    } else {
      longs[i] = l;
    }
  }

  private void readDictionary(DictionaryPage page, ColumnDescriptor descriptor) {
    Dictionary dictionary;
    try {
      dictionary = page.getEncoding().initDictionary(descriptor, page);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the dictionary page: " + e.getMessage(), e);
    }
    int n = dictionary.getMaxId() + 1;
    if (floating) {
      dictionaryDoubles = new double[n];
      for (int i = 0; i < n; i++) {
        dictionaryDoubles[i] =
            type == PrimitiveTypeName.FLOAT
                ? dictionary.decodeToFloat(i)
                : dictionary.decodeToDouble(i);
      }
    } else {
      dictionaryLongs = new long[n];
      for (int i = 0; i < n; i++) {
        dictionaryLongs[i] =
            type == PrimitiveTypeName.INT32
                ? dictionary.decodeToInt(i)
                : dictionary.decodeToLong(i);
      }
    }
  }

  private void ensure(int count) {
    int have = floating ? doubles.length : longs.length;
    if (have < count) {
      int c = Math.max(count, have * 2);
      if (floating) {
        doubles = new double[c];
      } else {
        longs = new long[c];
      }
    }
  }
}
