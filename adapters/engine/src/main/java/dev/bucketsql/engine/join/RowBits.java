package dev.bucketsql.engine.join;

import java.util.Arrays;

/**
 * One bit per row, numbered by a {@code long}: {@link java.util.BitSet} takes an {@code int} index,
 * and a spilled nested-loop join numbers every row of its left input, which may pass 2,147,483,647
 * rows. The bits are kept in pages of 65,536 rows made when a row of theirs is first set, so
 * growing never copies what is held; the bits set are counted as they are set.
 */
final class RowBits {
  private static final int PAGE_SHIFT = 16;
  private static final int WORDS_PER_PAGE = (1 << PAGE_SHIFT) / Long.SIZE;

  private long[][] pages = new long[16][];
  private long count;

  /** Whether row {@code row} is set. */
  boolean get(long row) {
    long[] page = page(row, false);
    return page != null && (page[word(row)] & (1L << row)) != 0;
  }

  /** Sets row {@code row}. */
  void set(long row) {
    long[] page = page(row, true);
    int word = word(row);
    long mask = 1L << row;
    if ((page[word] & mask) == 0) {
      page[word] |= mask;
      count++;
    }
  }

  /** The rows set. */
  long count() {
    return count;
  }

  private long[] page(long row, boolean make) {
    if (row < 0) {
      throw new IllegalArgumentException("row " + row + " is negative");
    }
    long index = row >>> PAGE_SHIFT;
    if (index >= Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("row " + row + " is past the rows a join can number");
    }
    int p = (int) index;
    if (p >= pages.length) {
      if (!make) {
        return null;
      }
      pages =
          Arrays.copyOf(
              pages, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(p + 1L, 2L * pages.length)));
    }
    long[] page = pages[p];
    if (page == null && make) {
      page = new long[WORDS_PER_PAGE];
      pages[p] = page;
    }
    return page;
  }

  private static int word(long row) {
    return (int) ((row >>> 6) & (WORDS_PER_PAGE - 1));
  }
}
