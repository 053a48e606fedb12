package dev.bucketsql.parquet;

import dev.bucketsql.parquet.codec.PageBuffer;
import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
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

  /**
   * The array each page is decompressed into: the values of a page are copied out (or decoded into
   * arrays of this decoder) before the next page is read, and nothing handed on refers to its
   * bytes.
   */
  private final PageBuffer buffer;

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

  /**
   * Whether {@link #ids} hold the current page's ids: a page without NULLs has them decoded only
   * when read whole; read at a few rows, they are taken one by one from {@link #sparseIds}.
   */
  private boolean idsDecoded;

  private final HybridIdIndex sparseIds = new HybridIdIndex();
  private boolean sparseIndexed;
  private int size;
  private int next;

  /**
   * How the current page's values are held: decoded into {@link #longs} / {@link #doubles} with
   * {@link #nulls} (a page with NULLs), or, for a page without, as dictionary ids in {@link #ids}
   * or PLAIN bytes in the page, turned into values only as they are copied out (one pass, not two).
   */
  private byte mode;

  private static final byte DECODED = 0;
  private static final byte IDS = 1;
  private static final byte PLAIN = 2;

  PrimitivePageDecoder(PageReader pages, ColumnDescriptor descriptor) {
    this(pages, descriptor, new PageBuffer());
  }

  /**
   * A decoder whose pages are decompressed into {@code buffer}'s array, which the decoder of the
   * same column in the previous row group may have used: that decoder must be done.
   */
  PrimitivePageDecoder(PageReader pages, ColumnDescriptor descriptor, PageBuffer buffer) {
    this.pages = pages;
    this.buffer = buffer;
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
      int to = from + done;
      switch (mode) {
        case IDS -> {
          // straight from the page's dictionary ids into the batch: no array of the page's values
          long[] dict = dictionaryLongs;
          int[] d = pageIds();
          for (int i = 0, at = next; i < k; i++, at++) {
            out[to + i] = dict[d[at]];
          }
          Arrays.fill(outNulls, to, to + k, false);
        }
        case PLAIN -> {
          plainLongs(out, to, levels.offset, next, k);
          Arrays.fill(outNulls, to, to + k, false);
        }
        default -> {
          System.arraycopy(longs, next, out, to, k);
          System.arraycopy(nulls, next, outNulls, to, k);
        }
      }
      next += k;
      done += k;
    }
  }

  /** As {@link #readLongs}, for FLOAT and DOUBLE columns. */
  void readDoubles(double[] out, boolean[] outNulls, int from, int n) {
    int done = 0;
    while (done < n) {
      int k = Math.min(available(), n - done);
      int to = from + done;
      switch (mode) {
        case IDS -> {
          double[] dict = dictionaryDoubles;
          int[] d = pageIds();
          for (int i = 0, at = next; i < k; i++, at++) {
            out[to + i] = dict[d[at]];
          }
          Arrays.fill(outNulls, to, to + k, false);
        }
        case PLAIN -> {
          plainDoubles(out, to, levels.offset, next, k);
          Arrays.fill(outNulls, to, to + k, false);
        }
        default -> {
          System.arraycopy(doubles, next, out, to, k);
          System.arraycopy(nulls, next, outNulls, to, k);
        }
      }
      next += k;
      done += k;
    }
  }

  /**
   * Takes the next {@code n} values and copies only those at offsets {@code rows[0, k)} (ascending,
   * below {@code n}) into {@code out[from, from + k)}, their null flags into {@code outNulls}: the
   * other values are skipped without being looked up or converted. For INT32 and INT64 columns.
   */
  void readLongs(long[] out, boolean[] outNulls, int from, int n, int[] rows, int k) {
    int done = 0;
    int j = 0;
    while (done < n) {
      int step = Math.min(available(), n - done);
      int stop = done + step;
      int base = next - done; // the page position of window offset 0
      int first = j;
      while (j < k && rows[j] < stop) {
        j++;
      }
      switch (mode) {
        case IDS -> {
          long[] dict = dictionaryLongs;
          if (sparse(j - first, step)) {
            for (int i = first; i < j; i++) {
              out[from + i] = dict[sparseIds.id(base + rows[i])];
            }
          } else {
            int[] d = pageIds();
            for (int i = first; i < j; i++) {
              out[from + i] = dict[d[base + rows[i]]];
            }
          }
          Arrays.fill(outNulls, from + first, from + j, false);
        }
        case PLAIN -> {
          byte[] bytes = levels.bytes;
          int offset = levels.offset;
          if (type == PrimitiveTypeName.INT32) {
            for (int i = first; i < j; i++) {
              out[from + i] = (int) INTS.get(bytes, offset + 4 * (base + rows[i]));
            }
          } else {
            for (int i = first; i < j; i++) {
              out[from + i] = (long) LONGS.get(bytes, offset + 8 * (base + rows[i]));
            }
          }
          Arrays.fill(outNulls, from + first, from + j, false);
        }
        default -> {
          for (int i = first; i < j; i++) {
            out[from + i] = longs[base + rows[i]];
            outNulls[from + i] = nulls[base + rows[i]];
          }
        }
      }
      next += step;
      done = stop;
    }
  }

  /** As {@link #readLongs(long[], boolean[], int, int, int[], int)}, for FLOAT and DOUBLE. */
  void readDoubles(double[] out, boolean[] outNulls, int from, int n, int[] rows, int k) {
    int done = 0;
    int j = 0;
    while (done < n) {
      int step = Math.min(available(), n - done);
      int stop = done + step;
      int base = next - done;
      int first = j;
      while (j < k && rows[j] < stop) {
        j++;
      }
      switch (mode) {
        case IDS -> {
          double[] dict = dictionaryDoubles;
          if (sparse(j - first, step)) {
            for (int i = first; i < j; i++) {
              out[from + i] = dict[sparseIds.id(base + rows[i])];
            }
          } else {
            int[] d = pageIds();
            for (int i = first; i < j; i++) {
              out[from + i] = dict[d[base + rows[i]]];
            }
          }
          Arrays.fill(outNulls, from + first, from + j, false);
        }
        case PLAIN -> {
          byte[] bytes = levels.bytes;
          int offset = levels.offset;
          if (type == PrimitiveTypeName.FLOAT) {
            for (int i = first; i < j; i++) {
              out[from + i] =
                  Float.intBitsToFloat((int) INTS.get(bytes, offset + 4 * (base + rows[i])));
            }
          } else {
            for (int i = first; i < j; i++) {
              out[from + i] =
                  Double.longBitsToDouble((long) LONGS.get(bytes, offset + 8 * (base + rows[i])));
            }
          }
          Arrays.fill(outNulls, from + first, from + j, false);
        }
        default -> {
          for (int i = first; i < j; i++) {
            out[from + i] = doubles[base + rows[i]];
            outNulls[from + i] = nulls[base + rows[i]];
          }
        }
      }
      next += step;
      done = stop;
    }
  }

  /**
   * Takes the next {@code n} values and keeps those {@code judge} may pass: their offsets
   * (ascending) in {@code rows[0, k)}, their values and null flags in {@code out[from, from + k)},
   * {@code outNulls}; returns {@code k}. The rows of a dictionary-encoded page are judged by their
   * numbers (each entry once per dictionary) and only the kept ones looked up; other pages are
   * decoded in place and judged by value. For INT32 and INT64 columns.
   *
   * @param spare room for {@code n} offsets, overwritten
   * @param keepLast keep the last value when none passes
   */
  int selectLongs(
      long[] out,
      boolean[] outNulls,
      int from,
      int n,
      ColumnJudge judge,
      int[] rows,
      int[] spare,
      boolean keepLast) {
    int k = 0;
    int done = 0;
    while (done < n) {
      int step = Math.min(available(), n - done);
      if (mode == IDS) {
        byte[] verdicts = judge.verdicts(dictionaryLongs);
        int[] d = pageIds();
        int first = k;
        // no branch on the data: a kept row only moves the write position on
        for (int i = 0, at = next; i < step; i++, at++) {
          rows[k] = done + i;
          k += verdicts[d[at]];
        }
        long[] dict = dictionaryLongs;
        int base = next - done;
        for (int i = first; i < k; i++) {
          out[from + i] = dict[d[base + rows[i]]];
        }
        Arrays.fill(outNulls, from + first, from + k, false);
        next += step;
      } else {
        readLongs(out, outNulls, from + done, step);
        int m = judge.judge(out, outNulls, from + done, step, spare);
        for (int i = 0; i < m; i++, k++) {
          int r = done + spare[i];
          rows[k] = r;
          out[from + k] = out[from + r];
          outNulls[from + k] = outNulls[from + r];
        }
      }
      done += step;
    }
    if (k == 0 && keepLast) {
      // the last value read is still in the current page (or, decoded, at its place)
      if (mode == IDS) {
        out[from] = dictionaryLongs[pageIds()[next - 1]];
        outNulls[from] = false;
      } else {
        out[from] = out[from + n - 1];
        outNulls[from] = outNulls[from + n - 1];
      }
      rows[0] = n - 1;
      k = 1;
    }
    return k;
  }

  /** As {@link #selectLongs}, for FLOAT and DOUBLE columns. */
  int selectDoubles(
      double[] out,
      boolean[] outNulls,
      int from,
      int n,
      ColumnJudge judge,
      int[] rows,
      int[] spare,
      boolean keepLast) {
    int k = 0;
    int done = 0;
    while (done < n) {
      int step = Math.min(available(), n - done);
      if (mode == IDS) {
        byte[] verdicts = judge.verdicts(dictionaryDoubles);
        int[] d = pageIds();
        int first = k;
        for (int i = 0, at = next; i < step; i++, at++) {
          rows[k] = done + i;
          k += verdicts[d[at]];
        }
        double[] dict = dictionaryDoubles;
        int base = next - done;
        for (int i = first; i < k; i++) {
          out[from + i] = dict[d[base + rows[i]]];
        }
        Arrays.fill(outNulls, from + first, from + k, false);
        next += step;
      } else {
        readDoubles(out, outNulls, from + done, step);
        int m = judge.judge(out, outNulls, from + done, step, spare);
        for (int i = 0; i < m; i++, k++) {
          int r = done + spare[i];
          rows[k] = r;
          out[from + k] = out[from + r];
          outNulls[from + k] = outNulls[from + r];
        }
      }
      done += step;
    }
    if (k == 0 && keepLast) {
      if (mode == IDS) {
        out[from] = dictionaryDoubles[pageIds()[next - 1]];
        outNulls[from] = false;
      } else {
        out[from] = out[from + n - 1];
        outNulls[from] = outNulls[from + n - 1];
      }
      rows[0] = n - 1;
      k = 1;
    }
    return k;
  }

  /**
   * Moves to the next value and stores it in {@code leaf} (in the field of its physical type).
   *
   * @return false when the value is null (the leaf is then unchanged)
   */
  boolean next(LeafValue leaf) {
    available();
    int at = next++;
    if (mode == DECODED && nulls[at]) {
      return false;
    }
    switch (type) {
      case INT32 -> leaf.integer = (int) longAt(at);
      case INT64 -> leaf.lng = longAt(at);
      case FLOAT -> leaf.flt = (float) doubleAt(at);
      default -> leaf.dbl = doubleAt(at);
    }
    return true;
  }

  private long longAt(int at) {
    return switch (mode) {
      case IDS -> dictionaryLongs[pageIds()[at]];
      case PLAIN ->
          type == PrimitiveTypeName.INT32
              ? (int) INTS.get(levels.bytes, levels.offset + 4 * at)
              : (long) LONGS.get(levels.bytes, levels.offset + 8 * at);
      default -> longs[at];
    };
  }

  private double doubleAt(int at) {
    return switch (mode) {
      case IDS -> dictionaryDoubles[pageIds()[at]];
      case PLAIN ->
          type == PrimitiveTypeName.FLOAT
              ? Float.intBitsToFloat((int) INTS.get(levels.bytes, levels.offset + 4 * at))
              : Double.longBitsToDouble((long) LONGS.get(levels.bytes, levels.offset + 8 * at));
      default -> doubles[at];
    };
  }

  /** Values decoded and not yet taken, reading the next page when none is left (at least 1). */
  private int available() {
    while (next == size) {
      // the page read before is done with: nothing reads its bytes again (see buffer)
      DataPage page = buffer.read(pages);
      if (page == null) {
        throw new IllegalStateException("the column chunk has fewer values than its row group");
      }
      levels.read(page);
      if (levels.present == levels.count && levels.encoding == Encoding.PLAIN) {
        // a page without NULLs is read where it lies, as the values are taken
        checkPlainLength(levels.count);
        mode = PLAIN;
      } else if (levels.present == levels.count && levels.dictionaryEncoded()) {
        // its ids are looked up as the values are taken, straight into the caller's array; they
        // are decoded when first needed, all of them or, for a few rows, one by one
        dictionarySize();
        idsDecoded = false;
        sparseIndexed = false;
        mode = IDS;
      } else {
        ensure(levels.count);
        values();
        nulls = levels.nulls;
        mode = DECODED;
      }
      size = levels.count;
      next = 0;
    }
    return size - next;
  }

  /**
   * Whether {@code wanted} values of the {@code step} next of a page without NULLs are taken one by
   * one from the encoded ids rather than from all of them decoded: when the ids are not decoded yet
   * and few values are wanted (walking the runs and extracting bits costs a few times what
   * unpacking one id does).
   */
  private boolean sparse(int wanted, int step) {
    if (idsDecoded || 8 * wanted > step) {
      return false;
    }
    if (wanted == 0) {
      return true;
    }
    if (!sparseIndexed) {
      sparseIds.reset(levels.bytes, levels.offset, levels.end, levels.count, dictionarySize());
      sparseIndexed = true;
    }
    return true;
  }

  /** The current page's ids, decoded now if they are not yet. */
  private int[] pageIds() {
    if (!idsDecoded) {
      ids = levels.dictionaryIds(ids, dictionarySize());
      idsDecoded = true;
    }
    return ids;
  }

  private int dictionarySize() {
    if (dictionaryLongs == null && dictionaryDoubles == null) {
      throw new IllegalStateException("a dictionary-encoded page but the chunk has no dictionary");
    }
    return floating ? dictionaryDoubles.length : dictionaryLongs.length;
  }

  private void checkPlainLength(int present) {
    int width = type == PrimitiveTypeName.INT32 || type == PrimitiveTypeName.FLOAT ? 4 : 8;
    if ((long) present * width > levels.end - levels.offset) {
      throw new IllegalStateException(
          "a PLAIN page holds "
              + (levels.end - levels.offset)
              + " bytes for "
              + present
              + " values");
    }
  }

  /** The PLAIN values {@code [first, first + k)} of a page starting at {@code base}, as longs. */
  private void plainLongs(long[] out, int to, int base, int first, int k) {
    byte[] bytes = levels.bytes;
    if (type == PrimitiveTypeName.INT32) {
      for (int i = 0, p = base + 4 * first; i < k; i++, p += 4) {
        out[to + i] = (int) INTS.get(bytes, p);
      }
    } else {
      for (int i = 0, p = base + 8 * first; i < k; i++, p += 8) {
        out[to + i] = (long) LONGS.get(bytes, p);
      }
    }
  }

  /** As {@link #plainLongs}, for FLOAT and DOUBLE values. */
  private void plainDoubles(double[] out, int to, int base, int first, int k) {
    byte[] bytes = levels.bytes;
    if (type == PrimitiveTypeName.FLOAT) {
      for (int i = 0, p = base + 4 * first; i < k; i++, p += 4) {
        out[to + i] = Float.intBitsToFloat((int) INTS.get(bytes, p));
      }
    } else {
      for (int i = 0, p = base + 8 * first; i < k; i++, p += 8) {
        out[to + i] = Double.longBitsToDouble((long) LONGS.get(bytes, p));
      }
    }
  }

  /**
   * Decodes the values of a page with NULLs into the first {@code count} slots; null slots get 0.
   */
  private void values() {
    int count = levels.count;
    boolean[] isNull = levels.nulls;
    byte[] bytes = levels.bytes;
    if (levels.encoding == Encoding.PLAIN) {
      checkPlainLength(levels.present);
      int width = type == PrimitiveTypeName.INT32 || type == PrimitiveTypeName.FLOAT ? 4 : 8;
      int p = levels.offset;
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
      ids = levels.dictionaryIds(ids, dictionarySize());
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
