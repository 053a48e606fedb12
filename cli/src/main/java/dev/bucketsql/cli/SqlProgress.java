package dev.bucketsql.cli;

import dev.bucketsql.jdbc.BucketSqlConnections;
import dev.bucketsql.storage.IoStats;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * Shows, on the terminal's standard error, how much the running statement has read from the bucket:
 * {@code read 120.4 MB (45.1 MB/s)}. A daemon thread samples the connection's I/O counters four
 * times a second while a statement runs ({@link #running}); the line is erased as soon as the
 * statement returns, before its result is printed. The rate is taken over the last {@value
 * #WINDOW_MILLIS} ms of samples, not from two samples a few milliseconds apart (which gave figures
 * of tens of GB/s). Only for the embedded driver: a remote server's reads are not visible to the
 * client. No total is shown: a query reads only the objects, columns and row groups it needs, which
 * are not known before it ends.
 */
final class SqlProgress implements AutoCloseable {
  private static final long TICK_MILLIS = 250;
  static final long WINDOW_MILLIS = 2_000;

  private final PrintStream err;
  private volatile IoStats stats;
  private final Thread thread;
  private volatile boolean closed;

  /** Guards the terminal line: the sampler prints it, the statement's thread erases it. */
  private final Object line = new Object();

  private boolean running;
  private boolean shown;
  private long startBytes;
  private final ArrayDeque<long[]> samples = new ArrayDeque<>();

  SqlProgress(PrintStream err) {
    this.err = err;
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

  /** A statement starts ({@code true}) or returned ({@code false}: the line is erased now). */
  void running(boolean now) {
    synchronized (line) {
      IoStats s = stats;
      if (now) {
        startBytes = s == null ? 0 : s.bytesFetched();
        samples.clear();
      } else {
        erase();
      }
      running = now;
    }
  }

  private void loop() {
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
      synchronized (line) {
        if (!running) {
          continue;
        }
        long now = System.nanoTime();
        long bytes = s.bytesFetched() - startBytes;
        samples.addLast(new long[] {now, bytes});
        while (samples.size() > 2 && now - samples.peekFirst()[0] > WINDOW_MILLIS * 1_000_000) {
          samples.removeFirst();
        }
        if (bytes <= 0) {
          continue;
        }
        String text = String.format(Locale.ROOT, "\r  read %.1f MB%s   ", bytes / 1e6, rate());
        err.print(text);
        err.flush();
        shown = true;
      }
    }
  }

  /** " (12.3 MB/s)" over the sample window, or "" while the window is too short to tell. */
  private String rate() {
    return rate(samples);
  }

  /** The rate over {@code window}'s first and last sample; "" under half a second. */
  static String rate(ArrayDeque<long[]> window) {
    if (window.size() < 2) {
      return "";
    }
    long[] first = window.peekFirst();
    long[] last = window.peekLast();
    double seconds = (last[0] - first[0]) / 1e9;
    if (seconds < 0.5) {
      return "";
    }
    return String.format(Locale.ROOT, " (%.1f MB/s)", (last[1] - first[1]) / 1e6 / seconds);
  }

  private void erase() {
    if (shown) {
      err.print("\r" + " ".repeat(60) + "\r");
      err.flush();
      shown = false;
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    synchronized (line) {
      erase();
    }
  }
}
