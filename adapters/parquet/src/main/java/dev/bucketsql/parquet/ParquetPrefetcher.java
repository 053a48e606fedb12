package dev.bucketsql.parquet;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.storage.ObjectInput;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fetches the planned byte ranges of a scan ahead of the consumer, several at once, within a memory
 * budget.
 *
 * <p>The ranges (merged column chunks of the surviving row groups, in file order) are cut into
 * pieces of at most {@code pieceBytes}; each piece is one ranged GET, run on a shared pool of
 * daemon threads. Pieces are started in order while the bytes held (fetched or in flight, not yet
 * consumed) stay within {@code budgetBytes}; the first piece always starts, so a piece larger than
 * the budget still progresses. A piece is released as soon as the consumer reads past it, which
 * lets the next ones start. Closing cancels what has not been consumed.
 *
 * <p>Used by one consumer thread; the fetch threads only fill pieces.
 */
final class ParquetPrefetcher implements AutoCloseable {
  private static final ExecutorService POOL =
      Executors.newFixedThreadPool(
          Math.max(4, Runtime.getRuntime().availableProcessors() * 2),
          new DaemonThreads("bucketsql-parquet-prefetch"));

  /** Bytes read between checks for a close. */
  private static final int SLICE = 64 << 10;

  private final ObjectInput input;
  private final long budgetBytes;
  private final List<Piece> pieces = new ArrayList<>();
  private int nextToStart;
  private int firstHeld;
  private long heldBytes;
  private int current;
  private volatile boolean closed;

  private static final class Piece {
    final long start;
    final long end;
    CompletableFuture<byte[]> data;

    Piece(long start, long end) {
      this.start = start;
      this.end = end;
    }

    int length() {
      return (int) (end - start);
    }
  }

  ParquetPrefetcher(
      ObjectInput input, List<ParquetInputStream.Range> ranges, int pieceBytes, long budgetBytes) {
    this.input = requireNonNull(input, "input is null");
    this.budgetBytes = budgetBytes;
    for (ParquetInputStream.Range r : ranges) {
      for (long at = r.start(); at < r.end(); at += pieceBytes) {
        pieces.add(new Piece(at, Math.min(r.end(), at + pieceBytes)));
      }
    }
    startMore();
  }

  /** Whether {@code position} lies in a planned piece not yet released. */
  boolean covers(long position) {
    return find(position) >= 0;
  }

  /**
   * Copies up to {@code n} bytes at {@code position} from the piece holding it, waiting for it if
   * needed; returns the number copied (at least 1), or 0 when no piece holds the position.
   */
  int read(long position, byte[] b, int off, int n) throws IOException {
    int index = find(position);
    if (index < 0) {
      return 0;
    }
    current = index;
    releaseBefore(index);
    startMore();
    Piece piece = pieces.get(index);
    byte[] data = await(piece);
    int done = (int) Math.min(n, piece.end - position);
    int at = (int) (position - piece.start);
    if (b != data || off != at) {
      // a buffer lent by view() is read into where it already lies: nothing to copy
      System.arraycopy(data, at, b, off, done);
    }
    if (position + done == piece.end) {
      releaseBefore(index + 1);
      startMore();
    }
    return done;
  }

  /**
   * The {@code size} bytes at {@code position} as a buffer over the array of the one piece holding
   * them all, waiting for it if needed: the bytes themselves, not a copy. Null when no single piece
   * not yet released holds them. The buffer must only be read, or read into from this same place
   * (which {@link #read} then skips).
   */
  ByteBuffer view(long position, int size) throws IOException {
    int index = find(position);
    if (index < 0) {
      return null;
    }
    Piece piece = pieces.get(index);
    if (position + size > piece.end) {
      return null;
    }
    byte[] data = await(piece);
    return ByteBuffer.wrap(data, (int) (position - piece.start), size).slice();
  }

  private int find(long position) {
    if (closed) {
      return -1;
    }
    // Reads move forward: look from the current piece first.
    for (int i = Math.max(firstHeld, current); i < pieces.size(); i++) {
      Piece p = pieces.get(i);
      if (position < p.start) {
        break;
      }
      if (position < p.end) {
        return i;
      }
    }
    for (int i = firstHeld; i < Math.min(current, pieces.size()); i++) {
      Piece p = pieces.get(i);
      if (position >= p.start && position < p.end) {
        return i;
      }
    }
    return -1;
  }

  private byte[] await(Piece piece) throws IOException {
    if (piece.data == null) {
      start(piece);
    }
    try {
      return piece.data.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while fetching '" + input.object().key() + "'");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(cause.getMessage(), cause);
    } catch (CancellationException e) {
      throw new IOException("fetch of '" + input.object().key() + "' was cancelled", e);
    }
  }

  private void releaseBefore(int index) {
    while (firstHeld < index) {
      Piece p = pieces.get(firstHeld++);
      if (p.data != null) {
        p.data.cancel(false);
        p.data = null;
        heldBytes -= p.length();
      }
    }
    nextToStart = Math.max(nextToStart, firstHeld);
  }

  private void startMore() {
    while (!closed
        && nextToStart < pieces.size()
        && (heldBytes == 0 || heldBytes + pieces.get(nextToStart).length() <= budgetBytes)) {
      Piece p = pieces.get(nextToStart++);
      if (p.data == null) {
        start(p);
      }
    }
  }

  private void start(Piece p) {
    heldBytes += p.length();
    p.data = CompletableFuture.supplyAsync(() -> fetch(p), POOL);
  }

  /**
   * One sequential ranged GET, read in slices so that closing the prefetcher aborts the request
   * instead of letting it download the rest of the piece.
   */
  private byte[] fetch(Piece p) {
    byte[] bytes = new byte[p.length()];
    try (InputStream in = input.openStream(p.start, p.end)) {
      int at = 0;
      while (at < bytes.length) {
        if (closed) {
          throw new CancellationException("scan of '" + input.object().key() + "' closed");
        }
        int n = in.read(bytes, at, Math.min(SLICE, bytes.length - at));
        if (n < 0) {
          throw new UncheckedIOException(
              new EOFException(
                  "object '"
                      + input.object().key()
                      + "' ended at byte offset "
                      + (p.start + at)
                      + " inside a range that should reach "
                      + p.end));
        }
        at += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read bytes [" + p.start + ", " + p.end + ") of '" + input.object().key() + "'",
          e);
    }
    return bytes;
  }

  /** Bytes fetched or being fetched and not yet consumed, for tests. */
  long heldBytes() {
    return heldBytes;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Piece p : pieces) {
      if (p.data != null) {
        p.data.cancel(true);
        p.data = null;
      }
    }
    heldBytes = 0;
  }

  /** Names the pool's threads and keeps them from holding the JVM open. */
  private static final class DaemonThreads implements java.util.concurrent.ThreadFactory {
    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    DaemonThreads(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
