package dev.bucketsql.calcite.exec;

import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryLimit;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * Counts the rows passing into an operator that holds them all in memory (the input Calcite's hash
 * and nested-loop joins keep whole, a sort's input, a window's input) against the connection's
 * limit, at an estimated size a row, and fails the query with {@link MemoryLimitExceededException}
 * when they would need more: an error that names the operator and the setting, instead of an
 * OutOfMemoryError. One increment and one comparison a row. Called by the code Calcite generates
 * for {@link dev.bucketsql.calcite.rel.BucketMemoryGuard}; public for that reason only.
 */
public final class HeldRows {
  private HeldRows() {}

  /**
   * The rows of a recursive query's repeated part, passed through unchanged, failing once all its
   * steps together made more rows than the connection's limit holds, or when the statement is
   * cancelled or its timeout passes: the loop of Calcite's recursive union reads no object, so the
   * checks of the scans never run in it. One enumerable serves every step, so the count runs over
   * all of them.
   *
   * @param bytesPerRow the estimated memory of one row
   * @param subject the tables the rows come from, for the message
   */
  public static <T> Enumerable<T> recursion(
      Enumerable<T> rows, DataContext root, long bytesPerRow, String subject) {
    MemoryLimit limit = ConnectionMemory.limit(root, HeldBy.RECURSION);
    long maxRows = limit.items(bytesPerRow);
    AtomicBoolean cancel = DataContext.Variable.CANCEL_FLAG.get(root);
    Long timeout = DataContext.Variable.TIMEOUT.get(root);
    long timeoutMillis = timeout == null ? 0 : timeout;
    long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000 : 0;
    return new AbstractEnumerable<>() {
      private long count;

      @Override
      public Enumerator<T> enumerator() {
        Enumerator<T> in = rows.enumerator();
        return new Enumerator<>() {
          @Override
          public T current() {
            return in.current();
          }

          @Override
          public boolean moveNext() {
            if (cancel != null && cancel.get()) {
              throw new CancellationException("query cancelled in a recursive query");
            }
            if (deadline != 0 && System.nanoTime() - deadline > 0) {
              throw new CancellationException(
                  "query timed out after " + timeoutMillis + " ms in a recursive query");
            }
            if (!in.moveNext()) {
              return false;
            }
            if (++count > maxRows) {
              throw limit.exceeded(HeldBy.RECURSION, subject, count);
            }
            return true;
          }

          @Override
          public void reset() {
            in.reset();
          }

          @Override
          public void close() {
            in.close();
          }
        };
      }
    };
  }

  /**
   * {@code rows}, passed through unchanged, failing once more than the connection's limit would be
   * held.
   *
   * @param bytesPerRow the estimated memory of one held row
   * @param heldBy the name of a {@link HeldBy}: the operator holding the rows
   * @param subject the tables the rows come from, for the message ({@link
   *     MemoryLimitExceededException#subject})
   * @param keeps the most rows the operator keeps whatever its input (a sort with a limit keeps
   *     offset + fetch), or -1 when it keeps them all
   */
  public static <T> Enumerable<T> guard(
      Enumerable<T> rows,
      DataContext root,
      long bytesPerRow,
      String heldBy,
      String subject,
      long keeps) {
    HeldBy by = HeldBy.valueOf(heldBy);
    MemoryLimit limit = ConnectionMemory.limit(root, by);
    long maxRows = limit.items(bytesPerRow);
    if (keeps >= 0 && keeps <= maxRows) {
      return rows; // a top-N that fits whatever its input: nothing to count
    }
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<T> enumerator() {
        Enumerator<T> in = rows.enumerator();
        return new Enumerator<>() {
          private long count;

          @Override
          public T current() {
            return in.current();
          }

          @Override
          public boolean moveNext() {
            try {
              if (!in.moveNext()) {
                return false;
              }
              if (++count > maxRows) {
                throw limit.exceeded(by, subject, count);
              }
              return true;
            } catch (RuntimeException | Error e) {
              // the input's scans give their connections back now: a consumer may never close
              // an input that failed (Calcite's distinct(), which reads a semi-join's inner
              // input, closes it only when the input ends)
              try {
                in.close();
              } catch (RuntimeException | Error suppressed) {
                e.addSuppressed(suppressed);
              }
              throw e;
            }
          }

          @Override
          public void reset() {
            in.reset();
            count = 0;
          }

          @Override
          public void close() {
            in.close();
          }
        };
      }
    };
  }

  /**
   * The rows of a nested-loop join's inner input, read once: the first enumeration reads them all,
   * holding them within the connection's join limit (failing past it as {@link #guard} does), and
   * every enumeration, the first included, walks the held rows. Calcite's nested-loop join
   * enumerates its inner input once per outer row; without this each of those read the inner input
   * (and its objects) again. The walk checks the statement's cancel flag and timeout, which the
   * inner scan checked before: per enumeration and every {@value #CHECK_EVERY} rows.
   *
   * @param bytesPerRow the estimated memory of one held row
   * @param subject the tables the rows come from, for the message
   */
  public static <T> Enumerable<T> once(
      Enumerable<T> rows, DataContext root, long bytesPerRow, String subject) {
    MemoryLimit limit = ConnectionMemory.limit(root, HeldBy.JOIN);
    long maxRows = limit.items(bytesPerRow);
    Cancel cancel = new Cancel(root);
    return new AbstractEnumerable<>() {
      private List<T> held;

      @Override
      public Enumerator<T> enumerator() {
        cancel.check();
        if (held == null) {
          List<T> read = new ArrayList<>();
          try (Enumerator<T> in = rows.enumerator()) {
            while (in.moveNext()) {
              if (read.size() >= maxRows) {
                throw limit.exceeded(HeldBy.JOIN, subject, read.size() + 1L);
              }
              read.add(in.current());
            }
          }
          held = read;
        }
        Enumerator<T> walk = Linq4j.enumerator(held);
        return new Enumerator<>() {
          private int count;

          @Override
          public T current() {
            return walk.current();
          }

          @Override
          public boolean moveNext() {
            if (++count % CHECK_EVERY == 0) {
              cancel.check();
            }
            return walk.moveNext();
          }

          @Override
          public void reset() {
            walk.reset();
          }

          @Override
          public void close() {
            walk.close();
          }
        };
      }
    };
  }

  /** Rows walked between two checks of the cancel flag and the timeout. */
  private static final int CHECK_EVERY = 4096;

  /** The statement's cancel flag and timeout, as a recursive query checks them. */
  private static final class Cancel {
    private final AtomicBoolean flag;
    private final long timeoutMillis;
    private final long deadline;

    Cancel(DataContext root) {
      flag = DataContext.Variable.CANCEL_FLAG.get(root);
      Long timeout = DataContext.Variable.TIMEOUT.get(root);
      timeoutMillis = timeout == null ? 0 : timeout;
      deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000 : 0;
    }

    void check() {
      if (flag != null && flag.get()) {
        throw new CancellationException("query cancelled in a nested-loop join");
      }
      if (deadline != 0 && System.nanoTime() - deadline > 0) {
        throw new CancellationException(
            "query timed out after " + timeoutMillis + " ms in a nested-loop join");
      }
    }
  }
}
