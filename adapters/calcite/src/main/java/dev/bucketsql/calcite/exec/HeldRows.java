package dev.bucketsql.calcite.exec;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Counts the rows passing into an operator that holds them all in memory (the input Calcite's
 * hash and nested-loop joins keep whole, a sort's input, a window's input) against the
 * connection's limit, at an estimated size a row, and fails the query with {@link
 * MemoryLimitExceededException} when they would need more: an error that names the operator
 * and the setting, instead of an OutOfMemoryError. One increment and one comparison a row.
 * Called by the code Calcite generates for {@link dev.bucketsql.calcite.rel.BucketMemoryGuard};
 * public for that reason only.
 */
public final class HeldRows {
  private HeldRows() {}

  /**
   * {@code rows}, passed through unchanged, failing once more than the connection's limit would
   * be held.
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
    MemoryLimit limit = MemoryLimit.of(root, by);
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
            if (!in.moveNext()) {
              return false;
            }
            if (++count > maxRows) {
              throw limit.exceeded(by, subject, count);
            }
            return true;
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
}
