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
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes one flat column chunk whose SQL values are converted from the physical ones (strings,
 * decimals, timestamps) a whole page at a time into those values, instead of one {@code
 * ColumnReader} call and one conversion per value.
 *
 * <p>Dictionary-encoded pages are where it pays: each dictionary entry is converted once, the first
 * time a page refers to it, and every row holding that id gets the same value. For immutable values
 * (a {@code String}, a {@code BigDecimal}) the very object is shared, so a string column of a few
 * distinct values costs no UTF-8 decoding and no allocation per row, and its strings keep their
 * cached hash codes in the hash joins and aggregates above. A mutable value ({@code byte[]}) is
 * converted anew for every row. PLAIN pages (a dictionary that overflowed, or none) convert value
 * by value as the column reader did. Entries are converted lazily so that a malformed entry no row
 * refers to fails nothing, as with the column reader.
 *
 * <p>UTF-8 strings ({@link ParquetUtf8#READER}) are decoded straight from the bytes of the PLAIN
 * page, or of the dictionary page ({@link PlainStringDictionary}), with no parquet {@code Binary}
 * nor {@code ByteBuffer} per value; other conversions go through their converter.
 *
 * <p>With shared values it also hands out each row's dictionary number ({@link #read(Object[],
 * boolean[], int[], int, int)}), for operators that group or compare by number.
 */
final class ObjectPageDecoder {
  private static final VarHandle LONGS = PageLevels.LONGS;
  private static final VarHandle INTS = PageLevels.INTS;

  private final PageReader pages;
  private final PrimitiveTypeName type;
  private final int fixedLength;
  private final ParquetValueReader converter;

  /**
   * Whether the values are UTF-8 strings ({@link ParquetUtf8#READER}), decoded straight from the
   * page's bytes.
   */
  private final boolean utf8;

  private final boolean share;
  private final PageLevels levels;
  private final LeafValue leaf = new LeafValue();
  private Dictionary dictionary;

  /** A UTF-8 column's dictionary, read from its page's bytes, instead of {@link #dictionary}. */
  private PlainStringDictionary strings;

  private Object[] dictionaryValues;
  private boolean[] converted;
  private Object[] values = new Object[0];
  private int[] ids = new int[0];

  /**
   * Per value of the page: its dictionary number, -1 for a NULL; valid while {@link #pageIds}. The
   * decoded ids themselves on a page without NULLs, else {@link #spread}.
   */
  private int[] rowIds = new int[0];

  private int[] spread = new int[0];

  /**
   * Whether the current page's values are shared dictionary entries, numbered in rowIds and taken
   * from the dictionary only as they are copied out (no array of the page's values).
   */
  private boolean pageIds;

  /** Whether the current page has no NULL. */
  private boolean dense;

  /** Dictionary entries converted so far. */
  private int convertedCount;

  private int size;
  private int next;

  /**
   * @param converter the column's conversion of a physical value into its SQL value
   * @param share whether converted values are immutable, so one object may stand in many rows
   */
  ObjectPageDecoder(
      PageReader pages, ColumnDescriptor descriptor, ParquetValueReader converter, boolean share) {
    this.pages = pages;
    this.type = descriptor.getPrimitiveType().getPrimitiveTypeName();
    this.fixedLength = descriptor.getPrimitiveType().getTypeLength();
    this.converter = converter;
    this.utf8 = converter == ParquetUtf8.READER;
    this.share = share;
    this.levels = new PageLevels(descriptor);
    DictionaryPage page = pages.readDictionaryPage();
    if (page != null) {
      int n;
      try {
        if (utf8 && type == PrimitiveTypeName.BINARY && PlainStringDictionary.reads(page)) {
          strings = PlainStringDictionary.of(page);
          n = strings.size();
        } else {
          dictionary = page.getEncoding().initDictionary(descriptor, page);
          n = dictionary.getMaxId() + 1;
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the dictionary page: " + e.getMessage(), e);
      }
      dictionaryValues = new Object[n];
      converted = new boolean[n];
    }
  }

  /**
   * Whether a chunk of {@code descriptor}'s column can be decoded here: a flat column (no
   * repetition, at most one definition level) of INT32, INT64, BINARY or FIXED_LEN_BYTE_ARRAY,
   * every page PLAIN or dictionary-encoded.
   */
  static boolean supports(ColumnDescriptor descriptor, ColumnChunkMetaData chunk) {
    PrimitiveTypeName t = descriptor.getPrimitiveType().getPrimitiveTypeName();
    boolean decoded =
        t == PrimitiveTypeName.INT32
            || t == PrimitiveTypeName.INT64
            || t == PrimitiveTypeName.BINARY
            || t == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
    return decoded && PageLevels.decodable(descriptor, chunk);
  }

  /** Copies the next {@code n} values into {@code out[from, from + n)}, nulls as null. */
  void read(Object[] out, boolean[] outNulls, int from, int n) {
    read(out, outNulls, null, from, n);
  }

  /**
   * As {@link #read(Object[], boolean[], int, int)}, and, when {@code outIds} is not null, each
   * value's dictionary number into {@code outIds[from, from + n)}.
   *
   * @return the dictionary (values by number, the very objects read) when every value read came
   *     from it, so that the numbers are valid; null otherwise (a PLAIN page among them, or values
   *     that are not shared)
   */
  Object[] read(Object[] out, boolean[] outNulls, int[] outIds, int from, int n) {
    int done = 0;
    boolean numbered = share && outIds != null;
    while (done < n) {
      int k = Math.min(available(), n - done);
      int to = from + done;
      if (pageIds) {
        // shared entries go from the page's numbers straight into the batch: one store per row
        Object[] dict = dictionaryValues;
        int[] d = rowIds;
        if (dense) {
          for (int i = 0, at = next; i < k; i++, at++) {
            out[to + i] = dict[d[at]];
          }
        } else {
          for (int i = 0, at = next; i < k; i++, at++) {
            int id = d[at];
            out[to + i] = id < 0 ? null : dict[id];
          }
        }
        if (numbered) {
          System.arraycopy(d, next, outIds, to, k);
        }
      } else {
        System.arraycopy(values, next, out, to, k);
        numbered = false;
      }
      System.arraycopy(levels.nulls, next, outNulls, to, k);
      next += k;
      done += k;
    }
    return numbered ? dictionaryValues : null;
  }

  /**
   * The dictionary whose values the rows share (the very objects {@link #read} hands out), or null
   * when they do not share them.
   */
  Object[] sharedDictionary() {
    return share ? dictionaryValues : null;
  }

  /**
   * Reads up to {@code n} values as their numbers in {@link #sharedDictionary} alone, into {@code
   * outIds[from, ...)} (a NULL's number negative) and their NULL flags, for as long as they come
   * from dictionary-encoded pages: a PLAIN page stops it, left for {@link #read}.
   *
   * @return how many values were read
   */
  int readIds(boolean[] outNulls, int[] outIds, int from, int n) {
    if (!share) {
      return 0;
    }
    int done = 0;
    while (done < n) {
      int k = Math.min(available(), n - done);
      if (!pageIds) {
        break;
      }
      System.arraycopy(rowIds, next, outIds, from + done, k);
      System.arraycopy(levels.nulls, next, outNulls, from + done, k);
      next += k;
      done += k;
    }
    return done;
  }

  /**
   * As {@link #readIds(boolean[], int[], int, int)} over the next {@code n} values, keeping the
   * numbers and NULL flags of those at offsets {@code rows[0, k)} (ascending, below {@code n}) in
   * {@code outIds[from, ...)} and {@code outNulls}, for as long as the pages are
   * dictionary-encoded.
   *
   * @return how many of the {@code n} values were taken: the rows below it were kept
   */
  int readIds(boolean[] outNulls, int[] outIds, int from, int n, int[] rows, int k) {
    if (!share) {
      return 0;
    }
    int done = 0;
    int j = 0;
    while (done < n) {
      int step = Math.min(available(), n - done);
      if (!pageIds) {
        break;
      }
      int stop = done + step;
      int base = next - done;
      int first = j;
      while (j < k && rows[j] < stop) {
        j++;
      }
      int[] d = rowIds;
      boolean[] isNull = levels.nulls;
      for (int i = first; i < j; i++) {
        int at = base + rows[i];
        outIds[from + i] = d[at];
        outNulls[from + i] = isNull[at];
      }
      next += step;
      done = stop;
    }
    return done;
  }

  /**
   * As {@link #read(Object[], boolean[], int[], int, int)} over the next {@code n} values, copying
   * only those at offsets {@code rows[0, k)} (ascending, below {@code n}) into {@code out[from,
   * from + k)}; the others are skipped.
   */
  Object[] read(
      Object[] out, boolean[] outNulls, int[] outIds, int from, int n, int[] rows, int k) {
    int done = 0;
    int j = 0;
    boolean numbered = share && outIds != null;
    while (done < n) {
      int step = Math.min(available(), n - done);
      int stop = done + step;
      int base = next - done; // the page position of window offset 0
      int first = j;
      while (j < k && rows[j] < stop) {
        j++;
      }
      boolean[] isNull = levels.nulls;
      if (pageIds) {
        Object[] dict = dictionaryValues;
        int[] d = rowIds;
        for (int i = first; i < j; i++) {
          int id = d[base + rows[i]];
          out[from + i] = id < 0 ? null : dict[id];
          outNulls[from + i] = isNull[base + rows[i]];
        }
        if (numbered) {
          for (int i = first; i < j; i++) {
            outIds[from + i] = d[base + rows[i]];
          }
        }
      } else {
        for (int i = first; i < j; i++) {
          out[from + i] = values[base + rows[i]];
          outNulls[from + i] = isNull[base + rows[i]];
        }
        numbered = false;
      }
      next += step;
      done = stop;
    }
    return numbered ? dictionaryValues : null;
  }

  /** The next value, null for a null. */
  Object next() {
    available();
    int at = next++;
    if (pageIds) {
      int id = rowIds[at];
      return id < 0 ? null : dictionaryValues[id];
    }
    return values[at];
  }

  private int available() {
    while (next == size) {
      DataPage page = pages.readPage();
      if (page == null) {
        throw new IllegalStateException("the column chunk has fewer values than its row group");
      }
      levels.read(page);
      pageIds = false;
      dense = levels.present == levels.count;
      if (levels.dictionaryEncoded()) {
        dictionaryValues();
      } else if (levels.encoding == Encoding.PLAIN) {
        ensureValues();
        plainValues();
      } else {
        throw new IllegalStateException(
            "values encoded as " + levels.encoding + " are not decoded here");
      }
      size = levels.count;
      next = 0;
    }
    return size - next;
  }

  private void ensureValues() {
    if (values.length < levels.count) {
      values = new Object[Math.max(levels.count, values.length * 2)];
    }
  }

  private void dictionaryValues() {
    if (dictionaryValues == null) {
      throw new IllegalStateException("a dictionary-encoded page but the chunk has no dictionary");
    }
    ids = levels.dictionaryIds(ids, dictionaryValues.length);
    int count = levels.count;
    boolean[] isNull = levels.nulls;
    if (!share) {
      // values the caller owns (byte[]): a new one per row
      ensureValues();
      int v = 0;
      for (int i = 0; i < count; i++) {
        values[i] = !dense && isNull[i] ? null : convert(ids[v++]);
      }
      return;
    }
    if (dense) {
      rowIds = ids;
    } else {
      if (spread.length < count) {
        spread = new int[Math.max(count, spread.length * 2)];
      }
      int v = 0;
      for (int i = 0; i < count; i++) {
        spread[i] = isNull[i] ? -1 : ids[v++];
      }
      rowIds = spread;
    }
    if (convertedCount < dictionaryValues.length) {
      // entries are converted the first time a page refers to them; once all are, no check
      for (int i = 0, present = levels.present; i < present; i++) {
        int id = ids[i];
        if (!converted[id]) {
          dictionaryValues[id] = convert(id);
          converted[id] = true;
          convertedCount++;
        }
      }
    }
    pageIds = true;
  }

  private Object convert(int id) {
    if (strings != null) {
      return strings.get(id);
    }
    switch (type) {
      case INT32 -> leaf.integer = dictionary.decodeToInt(id);
      case INT64 -> leaf.lng = dictionary.decodeToLong(id);
      default -> leaf.binary = dictionary.decodeToBinary(id);
    }
    return converter.read(leaf);
  }

  private void plainValues() {
    byte[] bytes = levels.bytes;
    boolean[] isNull = levels.nulls;
    int p = levels.offset;
    int end = levels.end;
    for (int i = 0; i < levels.count; i++) {
      if (!dense && isNull[i]) {
        values[i] = null;
        continue;
      }
      int width =
          switch (type) {
            case INT32 -> 4;
            case INT64 -> 8;
            case BINARY -> 4 + lengthAt(bytes, p, end);
            default -> fixedLength;
          };
      if (width > end - p) {
        throw new IllegalStateException(
            "a PLAIN page ends " + (end - p) + " bytes into a value of " + width + " bytes");
      }
      if (utf8) {
        // the string straight from the page's bytes: no Binary, no ByteBuffer per value
        int prefix = type == PrimitiveTypeName.BINARY ? 4 : 0;
        values[i] = ParquetUtf8.decode(bytes, p + prefix, width - prefix);
        p += width;
        continue;
      }
      switch (type) {
        case INT32 -> leaf.integer = (int) INTS.get(bytes, p);
        case INT64 -> leaf.lng = (long) LONGS.get(bytes, p);
        case BINARY -> leaf.binary = Binary.fromConstantByteArray(bytes, p + 4, width - 4);
        default -> leaf.binary = Binary.fromConstantByteArray(bytes, p, width);
      }
      values[i] = converter.read(leaf);
      p += width;
    }
  }

  private static int lengthAt(byte[] bytes, int p, int end) {
    if (end - p < 4) {
      throw new IllegalStateException("a PLAIN page ends inside a value's length");
    }
    int length = (int) INTS.get(bytes, p);
    if (length < 0 || length > end - p - 4) {
      throw new IllegalStateException(
          "a PLAIN value of " + length + " bytes where the page holds " + (end - p - 4));
    }
    return length;
  }
}
