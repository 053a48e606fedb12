package dev.bucketsql.cli;

import dev.bucketsql.jdbc.BucketSqlConnections;
import dev.bucketsql.storage.IoStats;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Shows, on the terminal's standard error, how much a running query has read from the bucket:
 * {@code read 120.4 MB of 310.2 MB in the bucket (45.1 MB/s)}. A daemon thread samples the
 * connection's I/O counters four times a second; the line appears while bytes flow and is
 * erased when they stop, before the result is printed. Only for the embedded driver: a remote
 * server's reads are not visible to the client. The total is the size of the bucket's data
 * files, an upper bound (Parquet queries read only the columns and row groups they need).
 */
final class SqlProgress implements AutoCloseable {
  private static final long TICK_MILLIS = 250;

  private final PrintStream err;
  private final long totalBytes;
  private volatile IoStats stats;
  private final Thread thread;
  private volatile boolean closed;

  SqlProgress(PrintStream err, long totalBytes) {
    this.err = err;
    this.totalBytes = totalBytes;
    this.thread = new Thread(this::loop, "bucketsql-sql-progress");
    thread.setDaemon(true);
    thread.start();
  }

  /** Follows the I/O counters of {@code connection}, if it is a BucketSQL one. */
  void follow(Connection connection) {
    try {
      stats = BucketSqlConnections.ioStats(connection);
    } catch (SQLException e) {
      stats = null; // not an embedded BucketSQL connection: nothing to show
    }
  }

  private void loop() {
    long last = -1;
    long activeSince = 0;
    long activeStartBytes = 0;
    boolean shown = false;
    while (!closed) {
      try {
        Thread.sleep(TICK_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      IoStats s = stats;
      if (s == null) {
        continue;
      }
      long bytes = s.bytesFetched();
      if (last >= 0 && bytes > last) {
        long now = System.nanoTime();
        if (!shown) {
          activeSince = now;
          activeStartBytes = last;
        }
        double seconds = Math.max(0.001, (now - activeSince) / 1e9);
        double rate = (bytes - activeStartBytes) / 1e6 / seconds;
        String of = totalBytes > 0 ? String.format(Locale.ROOT, " of %.1f MB in the bucket", totalBytes / 1e6) : "";
        err.printf(Locale.ROOT, "\r  read %.1f MB%s (%.1f MB/s)   ", (bytes - activeStartBytes) / 1e6, of, rate);
        err.flush();
        shown = true;
      } else if (shown) {
        err.print("\r" + " ".repeat(70) + "\r");
        err.flush();
        shown = false;
      }
      last = bytes;
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
