package dev.bucketsql.storage.s3;

import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectChangedException;
import dev.bucketsql.storage.ObjectInfo;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The bytes {@code [start, end)} of one object version, taken from the pieces a {@link RangeCache}
 * holds where it has them and fetched with one ranged GET per gap between them. A gap read to its
 * end becomes a piece of the cache; one closed early does not. A change of the object found while
 * fetching a gap drops the object's pieces.
 */
final class CachedRangeStream extends InputStream {
  private final S3ObjectStore store;
  private final ObjectInfo object;
  private final IoStats stats;
  private final RangeCache cache;
  private final List<RangeCache.Piece> pieces;
  private final long end;
  private long position;
  private int next;

  private InputStream gap;
  private long gapStart;
  private long gapEnd;
  private byte[] gapBytes;
  private boolean closed;

  CachedRangeStream(
      S3ObjectStore store,
      ObjectInfo object,
      IoStats stats,
      RangeCache cache,
      List<RangeCache.Piece> pieces,
      long start,
      long end) {
    this.store = store;
    this.object = object;
    this.stats = stats;
    this.cache = cache;
    this.pieces = pieces;
    this.position = start;
    this.end = end;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("stream over '" + object.key() + "' is closed");
    }
    if (len == 0) {
      return 0;
    }
    if (position >= end) {
      return -1;
    }
    while (next < pieces.size() && pieces.get(next).end() <= position) {
      next++;
    }
    if (gap == null && next < pieces.size() && pieces.get(next).start() <= position) {
      RangeCache.Piece p = pieces.get(next);
      int n = (int) Math.min(len, Math.min(p.end(), end) - position);
      System.arraycopy(p.data(), (int) (position - p.start()), b, off, n);
      position += n;
      return n;
    }
    if (gap == null) {
      openGap();
    }
    int n;
    try {
      n = gap.read(b, off, (int) Math.min(len, gapEnd - position));
    } catch (ObjectChangedException e) {
      cache.drop(object.key());
      throw e;
    }
    if (n < 0) {
      throw new EOFException(
          "object '"
              + object.key()
              + "' ended at byte offset "
              + position
              + " inside a range that should reach "
              + gapEnd);
    }
    if (gapBytes != null) {
      System.arraycopy(b, off, gapBytes, (int) (position - gapStart), n);
    }
    position += n;
    if (position == gapEnd) {
      closeGap();
      if (gapBytes != null) {
        cache.put(object.key(), object.etag(), gapStart, gapBytes);
      }
      gapBytes = null;
    }
    return n;
  }

  private void openGap() {
    gapStart = position;
    gapEnd = next < pieces.size() ? Math.min(end, pieces.get(next).start()) : end;
    long length = gapEnd - gapStart;
    gapBytes = length <= cache.capacity() ? new byte[(int) length] : null;
    gap = new RangeStream(store, object, stats, gapStart, gapEnd);
  }

  private void closeGap() throws IOException {
    InputStream g = gap;
    gap = null;
    g.close();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    gapBytes = null;
    if (gap != null) {
      closeGap();
    }
  }
}
