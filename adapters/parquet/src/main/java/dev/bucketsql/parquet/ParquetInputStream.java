package dev.bucketsql.parquet;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.storage.ObjectInput;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.io.SeekableInputStream;

/**
 * The seekable stream parquet-java reads an object through, shaped so its reads become few ranged
 * requests.
 *
 * <p>Before each row group the scan {@linkplain #plan plans} the byte ranges of the projected
 * column chunks (nearby ones merged). A read inside a planned range is served from one sequential
 * request over the whole range, opened at the first read and followed forward, skipping small gaps;
 * parquet-java reads a row group's chunks in file order, so each planned range costs one request.
 * Reads outside any plan are served from a read-ahead buffer (large ones go straight to the store),
 * because parquet-java also makes many tiny reads.
 *
 * <p>Not thread-safe, like any stream. Closing it aborts a sequential request in flight.
 */
final class ParquetInputStream extends SeekableInputStream {
  private final ObjectInput input;
  private final long length;
  private final int readAhead;

  private long pos;
  private byte[] buffer = new byte[0];
  private long bufferStart;
  private int bufferLength;

  private List<Range> plan = List.of();
  private InputStream rangeStream;
  private Range rangeStreamRange;
  private long rangeStreamPos;
  private boolean closed;
  private ParquetPrefetcher prefetcher;
  private byte[] pinned = new byte[0];
  private long[] boundaries = new long[0];
  private long pinnedStart;

  /**
   * Where the next buffer {@link #lend} hands out starts: set by a seek, moved on by each buffer
   * lent, and -1 once anything is read (buffers are lent only between a seek and the reads).
   */
  private long lendAt = -1;

  /**
   * Buffers lent over prefetched pieces, not yet read into, and the offset each must be read at.
   */
  private final Map<ByteBuffer, Long> lent = new IdentityHashMap<>();

  private long lentBuffers;
  private long lentBytes;

  /** A half-open byte range {@code [start, end)} of the object. */
  record Range(long start, long end) {
    Range {
      if (start < 0 || end < start) {
        throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
      }
    }

    boolean contains(long position) {
      return position >= start && position < end;
    }
  }

  ParquetInputStream(ObjectInput input, int readAhead) {
    this.input = requireNonNull(input, "input is null");
    this.length = input.length();
    this.readAhead = readAhead;
  }

  /**
   * Replaces the planned ranges with {@code ranges}, merging those whose gap is at most {@code
   * maxGap} bytes so each merged range costs one request.
   */
  void plan(List<Range> ranges, int maxGap) {
    closeRangeStream();
    List<Range> sorted = new ArrayList<>(ranges);
    sorted.sort((a, b) -> Long.compare(a.start(), b.start()));
    List<Range> merged = new ArrayList<>();
    long useful = 0;
    for (Range r : sorted) {
      if (r.start() == r.end()) {
        continue;
      }
      if (!merged.isEmpty()) {
        Range last = merged.get(merged.size() - 1);
        long gap = r.start() - last.end();
        // Read a gap through only when it is short, absolutely and next to what is wanted:
        // at most a fifth of the wanted bytes, so merging never inflates a scan by over 20%.
        if (gap <= maxGap && gap * 5 <= useful + (r.end() - r.start())) {
          merged.set(merged.size() - 1, new Range(last.start(), Math.max(last.end(), r.end())));
          useful += r.end() - r.start();
          continue;
        }
      }
      merged.add(r);
      useful = r.end() - r.start();
    }
    this.plan = List.copyOf(merged);
  }

  /**
   * Plans {@code ranges} for the whole scan at once (merged as {@link #plan} does) and fetches them
   * ahead of the reads, in parallel pieces of at most {@code pieceBytes}, holding at most about
   * {@code budgetBytes} not yet consumed.
   */
  void prefetch(List<Range> ranges, int maxGap, int pieceBytes, long budgetBytes) {
    plan(ranges, maxGap);
    // Bytes already in the read-ahead buffer (a dictionary page read while pruning, say) are
    // served from it, not fetched again.
    List<Range> missing = new ArrayList<>();
    long bufferEnd = bufferStart + bufferLength;
    for (Range r : plan) {
      if (bufferLength == 0 || r.end() <= bufferStart || r.start() >= bufferEnd) {
        missing.add(r);
        continue;
      }
      if (r.start() < bufferStart) {
        missing.add(new Range(r.start(), bufferStart));
      }
      if (r.end() > bufferEnd) {
        missing.add(new Range(bufferEnd, r.end()));
      }
    }
    plan = List.copyOf(missing);
    if (prefetcher != null) {
      prefetcher.close();
    }
    prefetcher = new ParquetPrefetcher(input, plan, pieceBytes, budgetBytes);
  }

  /**
   * Stops read-ahead at these offsets (column chunk ends): a small read near the end of one chunk
   * (a dictionary page read to prune, say) then does not drag in the next chunks.
   */
  void clipReadAheadAt(long[] sortedOffsets) {
    this.boundaries = sortedOffsets.clone();
  }

  /**
   * Serves reads inside {@code [start, start + bytes.length)} from {@code bytes}, already fetched.
   */
  void pin(long start, byte[] bytes) {
    this.pinnedStart = start;
    this.pinned = bytes;
  }

  /**
   * A buffer of {@code size} bytes for the bytes that follow the last seek (and the buffers lent
   * since): a view of the prefetched piece that holds them, or null when no single piece does or
   * the stream has been read since the seek. parquet-java reads a row group's consecutive column
   * chunks by seeking to their start, allocating buffers for all of them, then reading each buffer
   * in turn ({@link ChunkBufferAllocator}); a lent buffer read at its own offset is left as it is,
   * so the chunks are not copied out of the pieces. Reading a lent buffer at any other offset fails
   * rather than overwrite the piece.
   */
  ByteBuffer lend(int size) throws IOException {
    ensureOpen();
    if (lendAt < 0 || prefetcher == null || size <= 0) {
      return null;
    }
    ByteBuffer view = prefetcher.view(lendAt, size);
    if (view == null) {
      lendAt = -1;
      return null;
    }
    lent.put(view, lendAt);
    lendAt += size;
    lentBuffers++;
    lentBytes += size;
    return view;
  }

  /** Buffers and bytes lent by {@link #lend} over prefetched pieces, for tests and logs. */
  long[] lentCounts() {
    return new long[] {lentBuffers, lentBytes};
  }

  /** The planned ranges after merging, for tests. */
  List<Range> plannedRanges() {
    return plan;
  }

  @Override
  public long getPos() {
    return pos;
  }

  @Override
  public void seek(long newPos) throws IOException {
    ensureOpen();
    if (newPos < 0 || newPos > length) {
      throw new EOFException(
          "seek to byte offset "
              + newPos
              + " outside object '"
              + input.object().key()
              + "' of "
              + length
              + " bytes");
    }
    pos = newPos;
    lendAt = newPos;
  }

  @Override
  public int read() throws IOException {
    ensureOpen();
    lendAt = -1;
    if (pos >= length) {
      return -1;
    }
    if (pos >= bufferStart && pos < bufferStart + bufferLength) {
      return buffer[(int) (pos++ - bufferStart)] & 0xFF;
    }
    byte[] one = new byte[1];
    readAt(one, 0, 1);
    return one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    ensureOpen();
    if (len == 0) {
      return 0;
    }
    if (pos >= length) {
      return -1;
    }
    int n = (int) Math.min(len, length - pos);
    readAt(b, off, n);
    return n;
  }

  @Override
  public void readFully(byte[] bytes) throws IOException {
    readFully(bytes, 0, bytes.length);
  }

  @Override
  public void readFully(byte[] bytes, int start, int len) throws IOException {
    ensureOpen();
    if (pos + len > length) {
      throw new EOFException(
          "read of "
              + len
              + " bytes at byte offset "
              + pos
              + " goes past the end of object '"
              + input.object().key()
              + "' ("
              + length
              + " bytes)");
    }
    readAt(bytes, start, len);
  }

  @Override
  public int read(ByteBuffer buf) throws IOException {
    if (!buf.hasRemaining()) {
      return 0;
    }
    if (pos >= length) {
      return -1;
    }
    int n = (int) Math.min(buf.remaining(), length - pos);
    copyInto(buf, n);
    return n;
  }

  @Override
  public void readFully(ByteBuffer buf) throws IOException {
    int n = buf.remaining();
    if (pos + n > length) {
      throw new EOFException(
          "read of "
              + n
              + " bytes at byte offset "
              + pos
              + " goes past the end of object '"
              + input.object().key()
              + "' ("
              + length
              + " bytes)");
    }
    copyInto(buf, n);
  }

  private void copyInto(ByteBuffer buf, int n) throws IOException {
    ensureOpen();
    Long at = lent.isEmpty() ? null : lent.remove(buf);
    if (at != null && (at != pos || buf.position() != 0 || n != buf.capacity())) {
      throw new IllegalStateException(
          "a buffer lent for byte offset "
              + at
              + " of '"
              + input.object().key()
              + "' is read at "
              + pos);
    }
    if (buf.hasArray()) {
      readAt(buf.array(), buf.arrayOffset() + buf.position(), n);
      buf.position(buf.position() + n);
      return;
    }
    byte[] chunk = new byte[Math.min(n, 1 << 20)];
    int left = n;
    while (left > 0) {
      int step = Math.min(left, chunk.length);
      readAt(chunk, 0, step);
      buf.put(chunk, 0, step);
      left -= step;
    }
  }

  /** Reads exactly {@code n} bytes at {@link #pos}, which must all lie inside the object. */
  private void readAt(byte[] b, int off, int n) throws IOException {
    lendAt = -1;
    while (n > 0) {
      int done;
      long bufferEnd = bufferStart + bufferLength;
      Range planned = prefetcher == null ? plannedRangeAt(pos) : null;
      if (pos >= pinnedStart && pos < pinnedStart + pinned.length) {
        done = (int) Math.min(n, pinnedStart + pinned.length - pos);
        System.arraycopy(pinned, (int) (pos - pinnedStart), b, off, done);
      } else if (pos >= bufferStart && pos < bufferEnd) {
        done = (int) Math.min(n, bufferEnd - pos);
        System.arraycopy(buffer, (int) (pos - bufferStart), b, off, done);
      } else if (prefetcher != null && (done = prefetcher.read(pos, b, off, n)) > 0) {
        // served from a piece fetched ahead
      } else if (planned != null) {
        done = (int) Math.min(n, planned.end() - pos);
        readFromRange(planned, b, off, done);
      } else if (n >= readAhead) {
        done = n;
        input.readFully(pos, b, off, n);
      } else {
        fillBuffer();
        continue;
      }
      pos += done;
      off += done;
      n -= done;
    }
  }

  private void fillBuffer() {
    long limit = length;
    int at = java.util.Arrays.binarySearch(boundaries, pos + 1);
    int next = at >= 0 ? at : -at - 1;
    if (next < boundaries.length) {
      limit = boundaries[next];
    }
    int size = (int) Math.min(readAhead, limit - pos);
    if (buffer.length < size) {
      buffer = new byte[size];
    }
    input.readFully(pos, buffer, 0, size);
    bufferStart = pos;
    bufferLength = size;
  }

  private Range plannedRangeAt(long position) {
    for (Range r : plan) {
      if (r.contains(position)) {
        return r;
      }
    }
    return null;
  }

  private void readFromRange(Range range, byte[] b, int off, int n) throws IOException {
    if (rangeStream == null || !range.equals(rangeStreamRange) || rangeStreamPos > pos) {
      closeRangeStream();
      rangeStream = input.openStream(pos, range.end());
      rangeStreamRange = range;
      rangeStreamPos = pos;
    }
    if (rangeStreamPos < pos) {
      // A short gap between merged chunks: cheaper to read through than to ask again.
      rangeStream.skipNBytes(pos - rangeStreamPos);
      rangeStreamPos = pos;
    }
    int read = rangeStream.readNBytes(b, off, n);
    if (read != n) {
      throw new EOFException(
          "object '"
              + input.object().key()
              + "' ended at byte offset "
              + (pos + read)
              + " inside a range that should reach "
              + range.end());
    }
    rangeStreamPos += n;
  }

  private void closeRangeStream() {
    if (rangeStream != null) {
      try {
        rangeStream.close();
      } catch (IOException e) {
        // Closing only aborts a request we no longer need; nothing was lost.
      }
      rangeStream = null;
      rangeStreamRange = null;
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("stream over '" + input.object().key() + "' is closed");
    }
  }

  @Override
  public void close() {
    closed = true;
    closeRangeStream();
    if (prefetcher != null) {
      prefetcher.close();
    }
    buffer = new byte[0];
    bufferLength = 0;
    lent.clear();
  }
}
