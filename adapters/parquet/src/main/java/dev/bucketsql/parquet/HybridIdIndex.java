package dev.bucketsql.parquet;

import java.lang.invoke.VarHandle;

/**
 * The dictionary ids of one page (Parquet's RLE / bit-packing hybrid) read at chosen positions
 * without decoding the others: the run headers are walked once, then a position's id is its run's
 * value or a few bits at a computed offset of a bit-packed run. For a late filter that needs a
 * column at a few rows of a page, where unpacking every id would cost more than the rows kept.
 *
 * <p>The encoded data is checked as {@link RleHybridDecoder} checks it, through the same {@link
 * HybridRuns} (runs that end early, run values wider than the bit width), and every id read against
 * the dictionary's size.
 */
final class HybridIdIndex {
  private static final VarHandle LONGS = PageLevels.LONGS;

  private byte[] data;
  private int bitWidth;
  private long mask;
  private int dictionarySize;

  /** Per run: its first position, and its value (an RLE run) or its first byte (bit-packed). */
  private int[] starts = new int[16];

  private int[] values = new int[16];
  private boolean[] packed = new boolean[16];
  private int runs;

  /** The run of the last position read: positions are read in ascending order. */
  private int run;

  /**
   * Indexes the {@code count} ids of {@code data[offset, end)} (its first byte the bit width) for a
   * dictionary of {@code dictionarySize} entries.
   *
   * @throws IllegalStateException when the data is malformed or ends early
   */
  void reset(byte[] data, int offset, int end, int count, int dictionarySize) {
    if (count > 0 && offset >= end) {
      throw new IllegalStateException("a dictionary-encoded page without data");
    }
    this.data = data;
    this.dictionarySize = dictionarySize;
    runs = 0;
    run = 0;
    if (count == 0) {
      return;
    }
    bitWidth = data[offset] & 0xFF;
    if (bitWidth > 32) {
      throw new IllegalArgumentException("bit width must be 0 to 32: " + bitWidth);
    }
    mask = bitWidth == 32 ? 0xFFFF_FFFFL : (1L << bitWidth) - 1;
    if (bitWidth == 0) {
      add(0, false, 0);
      return;
    }
    int byteWidth = (bitWidth + 7) / 8;
    int position = offset + 1;
    int filled = 0;
    while (filled < count) {
      long read = HybridRuns.readHeader(data, position, end);
      int header = HybridRuns.header(read);
      position = HybridRuns.after(read);
      if ((header & 1) == 0) {
        int value = HybridRuns.readRunValue(data, position, end, byteWidth, bitWidth, mask);
        position += byteWidth;
        int n = Math.min(header >>> 1, count - filled);
        if (n > 0) {
          add(filled, false, value);
        }
        filled += n;
      } else {
        int groups = header >>> 1;
        int available = (int) Math.min((long) groups * bitWidth, end - position);
        int n = (int) Math.min((long) groups * 8, count - filled);
        if ((long) n * bitWidth > (long) available * 8) {
          throw HybridRuns.truncated(position, end);
        }
        if (n > 0) {
          add(filled, true, position);
        }
        filled += n;
        position += available;
      }
    }
  }

  private void add(int start, boolean isPacked, int value) {
    if (runs == starts.length) {
      starts = java.util.Arrays.copyOf(starts, runs * 2);
      values = java.util.Arrays.copyOf(values, runs * 2);
      packed = java.util.Arrays.copyOf(packed, runs * 2);
    }
    starts[runs] = start;
    values[runs] = value;
    packed[runs] = isPacked;
    runs++;
  }

  /** The id at {@code position}, at or after the last position read since {@link #reset}. */
  int id(int position) {
    int r = run;
    while (r + 1 < runs && starts[r + 1] <= position) {
      r++;
    }
    run = r;
    int id;
    if (!packed[r]) {
      id = values[r];
    } else {
      long bit = (long) (position - starts[r]) * bitWidth;
      int p = values[r] + (int) (bit >>> 3);
      int shift = (int) (bit & 7);
      long word;
      if (p + 8 <= data.length) {
        word = (long) LONGS.get(data, p);
      } else {
        // the last bytes of the array: as many as there are (the bits wanted lie within the run)
        word = 0;
        for (int i = 0; i < 8 && p + i < data.length; i++) {
          word |= (long) (data[p + i] & 0xFF) << (8 * i);
        }
      }
      id = (int) ((word >>> shift) & mask);
    }
    if (id < 0 || id >= dictionarySize) {
      throw new IllegalStateException(
          "dictionary id " + id + " outside the dictionary of " + dictionarySize + " values");
    }
    return id;
  }
}
