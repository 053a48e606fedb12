package dev.bucketsql.parquet;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.Set;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;

/**
 * One data page of a flat column taken apart: its definition levels decoded into a null flag per
 * value, and where its encoded values lie ({@link #bytes} from {@link #offset} to {@link #end}, in
 * {@link #encoding}). The page decoders share it, so V1 and V2 pages, RLE and the deprecated
 * BIT_PACKED levels are handled in one place.
 */
final class PageLevels {
  static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** The encodings the page decoders read: PLAIN and dictionary ids, RLE or BIT_PACKED levels. */
  private static final Set<Encoding> DATA_ENCODINGS =
      EnumSet.of(
          Encoding.PLAIN,
          Encoding.PLAIN_DICTIONARY,
          Encoding.RLE_DICTIONARY,
          // levels (and BIT_PACKED is listed by some writers for absent repetition levels)
          Encoding.RLE,
          Encoding.BIT_PACKED);

  private final ColumnDescriptor descriptor;
  private final int maxDefinition;
  private int[] scratch = new int[0];

  /** Per value of the page: whether it is null (always false for a REQUIRED column). */
  boolean[] nulls = new boolean[0];

  /** The page's values, non-null ones only, encoded. */
  byte[] bytes;

  int offset;
  int end;
  Encoding encoding;

  /** Values in the page, nulls included. */
  int count;

  /** Values in the page that are not null. */
  int present;

  /**
   * Whether a chunk of {@code descriptor}'s column is one a page decoder reads: a flat column (no
   * repetition, at most one definition level), every page PLAIN or dictionary-encoded.
   */
  static boolean decodable(ColumnDescriptor descriptor, ColumnChunkMetaData chunk) {
    return descriptor.getMaxRepetitionLevel() == 0
        && descriptor.getMaxDefinitionLevel() <= 1
        && DATA_ENCODINGS.containsAll(chunk.getEncodings());
  }

  PageLevels(ColumnDescriptor descriptor) {
    this.descriptor = descriptor;
    this.maxDefinition = descriptor.getMaxDefinitionLevel();
  }

  /** Takes {@code page} apart; the arrays are reused from page to page. */
  void read(DataPage page) {
    count = page.getValueCount();
    if (nulls.length < count) {
      int c = Math.max(count, nulls.length * 2);
      nulls = new boolean[c];
      // the levels of a REQUIRED column are not decoded: no room for them
      scratch = maxDefinition > 0 ? new int[c] : scratch;
    }
    try {
      if (page instanceof DataPageV1 v1) {
        boolean bitPacked = maxDefinition > 0 && v1.getDlEncoding() != Encoding.RLE;
        // the levels of old writers are read through a stream over a whole array: a copy
        int base = bitPacked ? copy(v1.getBytes()) : take(v1.getBytes());
        offset = base;
        present = count;
        if (bitPacked) {
          // the deprecated BIT_PACKED levels of old writers: parquet-java's reader decodes them
          ByteBufferInputStream in = ByteBufferInputStream.wrap(ByteBuffer.wrap(bytes));
          ValuesReader dl =
              v1.getDlEncoding().getValuesReader(descriptor, ValuesType.DEFINITION_LEVEL);
          dl.initFromPage(count, in);
          for (int i = 0; i < count; i++) {
            scratch[i] = dl.readInteger();
          }
          present = nullsFromLevels();
          offset = (int) in.position();
        } else if (maxDefinition > 0) {
          int length = (int) INTS.get(bytes, base);
          present = levels(bytes, base + 4, base + 4 + length);
          offset = base + 4 + length;
        }
        // a REQUIRED column's flags are never set: they stay false from their allocation
        encoding = v1.getValueEncoding();
      } else {
        DataPageV2 v2 = (DataPageV2) page;
        present = count;
        if (maxDefinition > 0) {
          byte[] levels = v2.getDefinitionLevels().toByteArray();
          present = levels(levels, 0, levels.length);
        }
        offset = take(v2.getData());
        encoding = v2.getDataEncoding();
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read a page: " + e.getMessage(), e);
    }
  }

  /**
   * Points {@link #bytes} at the bytes of {@code input} and sets {@link #end}, returning where they
   * start: the array {@code input} wraps, without a copy, when it is one (a page this reader
   * decompressed into an array of its own, or a slice of the column chunk read for this row group),
   * where {@code toByteArray} would copy every page once more.
   */
  private int take(BytesInput input) throws IOException {
    ByteBuffer buffer = input.toByteBuffer();
    if (!buffer.hasArray()) {
      return copy(input);
    }
    bytes = buffer.array();
    int start = buffer.arrayOffset() + buffer.position();
    end = start + buffer.remaining();
    return start;
  }

  /** As {@link #take}, into an array of its own starting at 0. */
  private int copy(BytesInput input) throws IOException {
    bytes = input.toByteArray();
    end = bytes.length;
    return 0;
  }

  /**
   * Decodes the {@link #present} dictionary ids of a dictionary-encoded page into {@code ids}
   * (grown as needed) and returns it; every id is checked against {@code dictionarySize}.
   */
  int[] dictionaryIds(int[] ids, int dictionarySize) {
    if (present > 0 && offset >= end) {
      throw new IllegalStateException("a dictionary-encoded page without data");
    }
    int[] out = ids.length < present ? new int[Math.max(present, ids.length * 2)] : ids;
    if (present == 0) {
      return out;
    }
    int bitWidth = bytes[offset] & 0xFF;
    new RleHybridDecoder(bytes, offset + 1, end, bitWidth).decode(out, present);
    if (bitWidth < 31 && 1 << bitWidth <= dictionarySize) {
      // the decoder returns only ids that fit the bit width (it refuses a wider run value), and
      // every such id is in the dictionary: no test per value
      return out;
    }
    // one pass without a branch per id (an OR of sign bits, which the JIT vectorizes); the id at
    // fault is looked for only when there is one
    int last = dictionarySize - 1;
    int outside = 0;
    for (int i = 0; i < present; i++) {
      int id = out[i];
      outside |= id | (last - id);
    }
    if (outside < 0) {
      for (int i = 0; i < present; i++) {
        int id = out[i];
        if (id < 0 || id >= dictionarySize) {
          throw new IllegalStateException(
              "dictionary id " + id + " outside the dictionary of " + dictionarySize + " values");
        }
      }
    }
    return out;
  }

  /** Whether the page's values are dictionary ids. */
  boolean dictionaryEncoded() {
    return encoding == Encoding.PLAIN_DICTIONARY || encoding == Encoding.RLE_DICTIONARY;
  }

  /** Decodes the definition levels into {@link #nulls}; returns how many values are present. */
  private int levels(byte[] levelBytes, int from, int to) {
    new RleHybridDecoder(levelBytes, from, to, BytesUtils.getWidthFromMaxInt(maxDefinition))
        .decode(scratch, count);
    return nullsFromLevels();
  }

  private int nullsFromLevels() {
    int n = 0;
    for (int i = 0; i < count; i++) {
      boolean isNull = scratch[i] != maxDefinition;
      nulls[i] = isNull;
      n += isNull ? 0 : 1;
    }
    return n;
  }
}
