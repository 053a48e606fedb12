package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.pushdown.ScanRegistry;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.storage.VersionChecks;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.function.Function0;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The entry point of the code Calcite generates for the topmost node of an engine subtree: builds
 * the operator tree on the first enumeration and returns its rows. With the connection setting
 * {@code engine=false} (or pushdown off) the enumerable plan the engine nodes replaced runs
 * instead, so both can be compared on one cached plan.
 *
 * <p>The execution's scans read the range cache's bytes while the version checks started when it
 * began are still under way ({@code IoStats.deferringChecks}); so no row leaves before every
 * started check answered, and a failed check is the execution's error, whatever the operators made
 * of the bytes they read.
 */
public final class EngineExec {
  /** The most rows of a result kept to answer its next enumeration without running it again. */
  private static final int REPLAYED = 10_000;

  private EngineExec() {}

  /**
   * The rows of {@code plan}.
   *
   * @param fallbacks the enumerable inputs of the plan, by index
   * @param original makes the same rows with Calcite's enumerable operators
   */
  public static Enumerable<Object[]> run(
      DataContext root,
      EngineNode plan,
      Function0<Enumerable<Object[]>>[] fallbacks,
      Function0<Enumerable<Object[]>> original) {
    if (!enabled(root)) {
      return original.apply();
    }
    return new AbstractEnumerable<>() {
      /** The rows of a complete enumeration of at most REPLAYED rows, else null. */
      private @Nullable List<Object[]> replay;

      @Override
      public Enumerator<Object[]> enumerator() {
        List<Object[]> rows = replay;
        if (rows != null) {
          return Linq4j.enumerator(rows);
        }
        EngineRun run = new EngineRun(root, fallbacks);
        Operator op;
        try {
          op = plan.open(run);
        } catch (RuntimeException | Error e) {
          run.close();
          throw e;
        }
        return new OperatorEnumerator(op, run, r -> replay = r);
      }
    };
  }

  /**
   * The version checks of the query running {@code root} (its scans' counters), or null outside a
   * connection.
   */
  static @Nullable VersionChecks versionChecks(DataContext root) {
    var connection = root.getQueryProvider();
    ScanRegistry registry = connection == null ? null : ScanRegistry.of(connection);
    return registry == null ? null : registry.queryStats(root).versionChecks();
  }

  /** Whether the connection running {@code root} runs engine nodes. */
  static boolean enabled(DataContext root) {
    var connection = root.getQueryProvider();
    ScanRegistry registry = connection == null ? null : ScanRegistry.of(connection);
    return registry == null || registry.engine();
  }

  /**
   * The rows of an operator; closing it (early or at the end) closes the operator tree. A small
   * result read to its end is kept for the next enumeration: a nested-loop join enumerates its
   * inner input once per outer row, and running the operators again each time (a scan of the object
   * included) made that quadratic in reads.
   */
  private static final class OperatorEnumerator implements Enumerator<Object[]> {
    private final Operator op;
    private final EngineRun run;
    private final Iterator<Object[]> rows;
    private final Consumer<List<Object[]>> complete;
    private @Nullable List<Object[]> kept = new ArrayList<>();
    private Object @Nullable [] current;
    private boolean checked;

    OperatorEnumerator(Operator op, EngineRun run, Consumer<List<Object[]>> complete) {
      this.op = op;
      this.run = run;
      this.rows = Rows.iterator(op);
      this.complete = complete;
    }

    @Override
    public Object[] current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      try {
        return advance();
      } catch (RuntimeException | Error e) {
        // a failed query may never be closed by its caller: its operators' memory and spill
        // files go now
        close();
        throw e;
      }
    }

    private boolean advance() {
      boolean more;
      try {
        more = rows.hasNext();
      } catch (RuntimeException | Error e) {
        if (!checked) {
          awaitChecks(e);
        }
        throw e;
      }
      if (!checked) {
        awaitChecks(null);
      }
      if (!more) {
        if (kept != null) {
          complete.accept(kept);
          kept = null;
        }
        return false;
      }
      current = rows.next();
      if (kept != null) {
        kept.add(current);
        if (kept.size() > REPLAYED) {
          kept = null;
        }
      }
      return true;
    }

    /**
     * Waits for the query's started version checks before the first row (or the end, or an error)
     * leaves: the scans did not wait for them. A failed check is thrown instead of {@code failure},
     * which an object changed under the scans may have caused.
     */
    private void awaitChecks(@Nullable Throwable failure) {
      checked = true;
      VersionChecks checks = versionChecks(run.root());
      if (checks == null) {
        return;
      }
      try {
        checks.awaitStarted();
      } catch (RuntimeException changed) {
        if (failure != null && failure != changed) {
          changed.addSuppressed(failure);
        }
        throw changed;
      }
    }

    @Override
    public void reset() {
      throw new UnsupportedOperationException("an engine plan runs once per enumeration");
    }

    @Override
    public void close() {
      try {
        op.close();
      } finally {
        run.close();
      }
    }
  }
}
