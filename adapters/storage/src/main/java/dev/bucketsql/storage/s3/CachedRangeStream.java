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
 * holds where it has them and fetched with one ranged GET per gap between them. What a gap brings
 * becomes pieces of the cache of at most {@link #SEGMENT} bytes each, so a long gap (a whole CSV
 * object) holds one segment in memory at a time, not the gap; a segment left unfinished by an early
 * close is not kept. A change of the object found while fetching a gap drops the object's pieces.
 */
final class CachedRangeStream extends InputStream {
  /** The most bytes of a gap held before they become a piece of the cache: a prefetch piece. */
  static final int SEGMENT = 8 << 20;

  private final S3ObjectStore store;
  private final ObjectInfo object;
  private final IoStats stats;
  private final RangeCache cache;
  private final List<RangeCache.Piece> pieces;
  private final long end;
  private long position;
  private int next;

  private InputStream gap;
  private long gapEnd;
  private long segmentStart;
  private byte[] segment;
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
    for (int done = 0; done < n; ) {
      int part = (int) Math.min(n - done, segmentStart + segment.length - position);
      System.arraycopy(b, off + done, segment, (int) (position - segmentStart), part);
      done += part;
      position += part;
      if (position == segmentStart + segment.length) {
        cache.put(object.key(), object.etag(), segmentStart, segment);
        if (position < gapEnd) {
          startSegment();
        }
      }
    }
    if (position == gapEnd) {
      closeGap();
      segment = null;
    }
    return n;
  }

  private void openGap() {
    gapEnd = next < pieces.size() ? Math.min(end, pieces.get(next).start()) : end;
    startSegment();
    gap = new RangeStream(store, object, stats, position, gapEnd);
  }

  private void startSegment() {
    segmentStart = position;
    segment = new byte[(int) Math.min(SEGMENT, gapEnd - position)];
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
    segment = null;
    if (gap != null) {
      closeGap();
    }
  }
}
