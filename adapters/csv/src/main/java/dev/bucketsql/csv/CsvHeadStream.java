package dev.bucketsql.csv;

import dev.bucketsql.storage.ObjectInput;
import java.io.IOException;
import java.io.InputStream;

/**
 * The head of a parallel scan: the object's bytes from the data start, streamed with one GET up to
 * the first split's start, then in small ranged reads up to the end of the record crossing it. The
 * stream ends exactly at that record boundary, found by a {@link CsvByteScanner} that followed
 * every byte from the start, so the boundary is exact.
 */
final class CsvHeadStream extends InputStream {
  private static final int TAIL_CHUNK = 64 * 1024;

  private final ObjectInput input;
  private final long splitStart;
  private final long objectSize;
  private final long rampAt;
  private final Runnable onRamp;
  private final CsvByteScanner scanner;
  private final InputStream head;
  private long position;
  private long end = -1;
  private byte[] tail;
  private int tailPos;
  private int tailLen;
  private boolean ramped;

  /**
   * @param start the object offset of the first record (after any byte order mark)
   * @param splitStart where the first parallel split starts
   * @param rampAt the offset whose passing calls {@code onRamp} (starts the parallel splits)
   */
  CsvHeadStream(
      ObjectInput input,
      CsvDialect dialect,
      long start,
      long splitStart,
      long objectSize,
      long rampAt,
      Runnable onRamp) {
    this.input = input;
    this.splitStart = splitStart;
    this.objectSize = objectSize;
    this.rampAt = rampAt;
    this.onRamp = onRamp;
    this.scanner = new CsvByteScanner(dialect);
    this.head = input.openStream(start, splitStart);
    this.position = start;
  }

  /** The object offset where the head ended, a record boundary; -1 before the end. */
  long end() {
    return end;
  }

  /** Line feeds in the head. */
  long newlines() {
    return scanner.newlines();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (end >= 0 || len == 0) {
      return end >= 0 ? -1 : 0;
    }
    int n;
    if (position < splitStart) {
      n = head.read(b, off, (int) Math.min(len, splitStart - position));
      if (n < 0) {
        throw new IOException("object ended at byte " + position + " before " + splitStart);
      }
    } else {
      n = readTail(b, off, len);
      if (n < 0) {
        end = position;
        return -1;
      }
    }
    long before = position;
    int minEnd = (int) Math.max(0, Math.min(n, splitStart - before));
    int stop = scanner.scan(b, off, off + n, off + minEnd);
    if (stop >= 0 && before + (stop - off) >= splitStart) {
      n = stop - off;
      end = before + n;
    }
    position = before + n;
    if (!ramped && position >= rampAt) {
      ramped = true;
      onRamp.run();
    }
    return n;
  }

  private int readTail(byte[] b, int off, int len) {
    if (tailPos == tailLen) {
      if (position >= objectSize) {
        return -1;
      }
      tailLen = (int) Math.min(TAIL_CHUNK, objectSize - position);
      tail = new byte[tailLen];
      input.readFully(position, tail);
      tailPos = 0;
    }
    int n = Math.min(len, tailLen - tailPos);
    System.arraycopy(tail, tailPos, b, off, n);
    tailPos += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    head.close();
  }
}
