package dev.bucketsql.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Reads a sequential scan's stream on another thread, a few chunks ahead of the parser, so the
 * download (and decompression) of the next bytes overlaps the parsing of these: one stream then
 * costs about the slower of the two instead of their sum.
 *
 * <p>It reads through, on the caller's thread, until {@code rampAt} bytes have passed, so a scan
 * closed early (a {@code LIMIT}) fetches no more than before. Then at most {@code depth} chunks are
 * read ahead: memory is bounded by {@code (depth + 1) x chunk}. The wrapped stream is only ever
 * used by one thread at a time (it need not be thread-safe): after the ramp only the reading thread
 * touches it, and {@link #close()} waits for that thread before closing it, which aborts the
 * download.
 */
final class CsvReadAhead extends InputStream {
  private static final Chunk END = new Chunk(new byte[0], -1, null);

  private final InputStream in;
  private final int chunk;
  private final int depth;
  private final long rampAt;
  private final BlockingQueue<Chunk> full;
  private final BlockingQueue<byte[]> free;
  private long passed;
  private Future<?> reader;
  private Chunk current;
  private int at;
  private volatile boolean closed;

  CsvReadAhead(InputStream in, int chunk, int depth, long rampAt) {
    this.in = in;
    this.chunk = chunk;
    this.depth = depth;
    this.rampAt = rampAt;
    this.full = new ArrayBlockingQueue<>(depth + 2);
    this.free = new ArrayBlockingQueue<>(depth + 1);
  }

  /** The usual sizes: 1 MiB through, then up to 4 chunks of 512 KiB ahead. */
  static InputStream of(InputStream in) {
    return new CsvReadAhead(in, 512 * 1024, 4, 1024 * 1024);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
    if (len == 0) {
      return 0;
    }
    if (reader == null) {
      int n = in.read(b, off, len);
      if (n > 0) {
        passed += n;
        if (passed >= rampAt) {
          start();
        }
      }
      return n;
    }
    while (true) {
      if (current == END) {
        return -1;
      }
      if (current != null && at < current.length) {
        break;
      }
      if (current != null) {
        free.offer(current.data);
      }
      current = take();
      at = 0;
      if (current.error != null) {
        Throwable e = current.error;
        current = END;
        if (e instanceof IOException io) {
          throw io;
        }
        throw (RuntimeException) e;
      }
    }
    int n = Math.min(len, current.length - at);
    System.arraycopy(current.data, at, b, off, n);
    at += n;
    return n;
  }

  private Chunk take() throws IOException {
    try {
      return full.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading ahead");
    }
  }

  private void start() {
    for (int i = 0; i <= depth; i++) {
      free.add(new byte[chunk]);
    }
    reader = CsvScanThreads.io().submit(this::readAhead);
  }

  /** On the I/O thread: fills chunks until the end, an error, or close. */
  private void readAhead() {
    try {
      while (!closed) {
        byte[] buffer = free.poll(10, TimeUnit.MILLISECONDS);
        if (buffer == null) {
          continue;
        }
        int n = 0;
        while (n < buffer.length && !closed) {
          int k = in.read(buffer, n, buffer.length - n);
          if (k < 0) {
            break;
          }
          n += k;
        }
        if (n > 0) {
          full.put(new Chunk(buffer, n, null));
        }
        if (n < buffer.length) {
          full.put(END);
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      offerQuietly(new Chunk(null, 0, e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void offerQuietly(Chunk c) {
    try {
      full.put(c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (reader != null) {
      // Unblock the reader (it may wait for room), then wait for it: it stops after one read.
      full.clear();
      while (!reader.isDone()) {
        full.clear();
        try {
          reader.get(10, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          continue;
        } catch (ExecutionException e) {
          break;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      full.clear();
    }
    in.close();
  }

  /** Bytes read ahead, or the end ({@code length} -1), or a failure to rethrow. */
  private record Chunk(byte[] data, int length, Throwable error) {}
}
