package dev.bucketsql.calcite;

import dev.bucketsql.format.DataFile;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The statement's cancel flag and deadline as one scan of a file sees them. The deadline starts
 * when the guard is made, that is when the scan is set up; {@link #check()} stops the scan, by its
 * close action, before it reports the cancel or timeout.
 */
final class ScanGuard {
  private final DataFile file;
  private final @Nullable AtomicBoolean cancelFlag;
  private final long timeoutMillis;
  private final long deadlineNanos;
  private final Runnable close;

  /**
   * @param cancelFlag the statement's cancel flag, or null
   * @param timeoutMillis the statement's timeout, or 0 for none
   * @param close stops the scan and aborts its requests
   */
  ScanGuard(DataFile file, @Nullable AtomicBoolean cancelFlag, long timeoutMillis, Runnable close) {
    this(file, cancelFlag, timeoutMillis, deadline(timeoutMillis), close);
  }

  /**
   * A guard with a deadline set earlier: the pieces of one scan, opened one after the other on
   * several threads, share the deadline of the scan.
   *
   * @param deadlineNanos the {@link System#nanoTime()} the timeout passes at, 0 for none
   */
  ScanGuard(
      DataFile file,
      @Nullable AtomicBoolean cancelFlag,
      long timeoutMillis,
      long deadlineNanos,
      Runnable close) {
    this.file = file;
    this.cancelFlag = cancelFlag;
    this.timeoutMillis = timeoutMillis;
    this.deadlineNanos = deadlineNanos;
    this.close = close;
  }

  /** The deadline of a timeout of {@code timeoutMillis} from now, 0 for none. */
  static long deadline(long timeoutMillis) {
    return timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000 : 0;
  }

  /**
   * Closes the scan and fails when the statement was cancelled or its timeout has passed.
   *
   * @throws CancellationException naming the object read
   */
  void check() {
    if (cancelFlag != null && cancelFlag.get()) {
      close.run();
      throw new CancellationException("query cancelled while reading '" + file.key() + "'");
    }
    if (deadlineNanos != 0 && System.nanoTime() - deadlineNanos > 0) {
      close.run();
      throw new CancellationException(
          "query timed out after " + timeoutMillis + " ms while reading '" + file.key() + "'");
    }
  }
}
