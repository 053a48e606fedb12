package dev.bucketsql.parquet.codec;

import static java.util.Objects.requireNonNull;

import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.PageReader;

/**
 * One array that the data pages of a column are decompressed into, one page after another, instead
 * of a new (zeroed) array per page.
 *
 * <p>A reader that is done with a page's bytes before it asks for the next page reads its pages
 * through {@link #read}: while that call lasts, the decompressor of this package writes the page
 * into the array of the page {@code read} returned before, when that array is large enough. Only an
 * array the decompressor itself allocated during a {@code read} of this buffer is ever written
 * again: a page that was not decompressed here (an UNCOMPRESSED page is a slice of the column chunk
 * as read, which holds the pages still to come) is never reused, nor is a dictionary page, which is
 * read outside {@code read}. Pages read without this class get a new array each, as before.
 *
 * <p>What the caller promises, by calling {@code read} again: nothing refers any more to the bytes
 * of the page the previous {@code read} returned, neither its own fields nor any value it handed on
 * (a {@code Binary} slicing the page, for one). Readers whose values may alias the page must not
 * use this class. One buffer serves one column of one cursor, on one thread at a time; it may carry
 * its array over from one row group's column chunk to the next when the previous chunk's reader is
 * done.
 */
public final class PageBuffer {
  /** The buffer a page being read on this thread may be decompressed into, while {@link #read}. */
  private static final ThreadLocal<PageBuffer> READING = new ThreadLocal<>();

  /** The array of the page {@link #read} returned last, when this package decompressed it. */
  private byte[] current;

  /** An array this package allocated whose page is no longer read, free to take the next page. */
  private byte[] spare;

  private long allocated;
  private long reused;

  /** An empty buffer: its first page gets an array of its own. */
  public PageBuffer() {}

  /**
   * Reads the next data page of {@code pages}, decompressing it into this buffer's array where it
   * fits. The page {@code read} returned before is dead from here on: its bytes may be overwritten.
   *
   * @return the page, or null when there is none
   */
  public DataPage read(PageReader pages) {
    requireNonNull(pages, "pages is null");
    if (current != null) {
      spare = current;
      current = null;
    }
    PageBuffer outer = READING.get();
    READING.set(this);
    try {
      return pages.readPage();
    } finally {
      // set, never removed: a removed entry is made again by the next get, at a cost measured as
      // 3.8% of all TPC-H samples (docs/parquet.md)
      READING.set(outer);
    }
  }

  /** Pages decompressed into an array allocated for them (each page read once counts once). */
  public long allocated() {
    return allocated;
  }

  /** Pages decompressed into the array of an earlier page. */
  public long reused() {
    return reused;
  }

  /**
   * The array a page of {@code size} bytes is decompressed into: this thread's reading buffer's
   * spare array when one is being read and it fits, else a new array of exactly {@code size} bytes
   * (which, read through a buffer, becomes its array).
   */
  static byte[] take(int size) {
    PageBuffer buffer = READING.get();
    if (buffer == null) {
      return new byte[size];
    }
    // one page per read: a second decompression in the same read (none is known) gets its own
    READING.set(null);
    return buffer.arrayFor(size);
  }

  private byte[] arrayFor(int size) {
    byte[] array;
    if (spare != null && spare.length >= size) {
      array = spare;
      reused++;
    } else {
      // a page a little larger than the one before is common: leave room for it
      array = new byte[spare == null ? size : Math.max(size, size + (size >>> 3))];
      allocated++;
    }
    spare = null;
    current = array;
    return array;
  }
}
