package dev.bucketsql.calcite.engine;

import dev.bucketsql.storage.Causes;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.util.CancelFlag;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A statement's cancel and timeout reaching the optimizer. Calcite's cost-based planner loops over
 * its rule queue until it is empty, which for some statements took minutes (a first rewrite of set
 * operations over doubles made fuzzed statements plan for over half an hour, past their 30 s
 * timeout), and it checks only the {@link CancelFlag} of its context. A statement's execution makes
 * one stop ({@link #start}), runs its call under it ({@link #during}: the flag is then the
 * thread's, and {@link BucketPrepare#createPlanner} hands it to the planner), and sets it on {@code
 * Statement.cancel()} ({@link #cancel}) or when its time is up. The planner then ends its search
 * and keeps the best plan it has, or fails for want of one; such a failure becomes a {@link
 * CancellationException} saying which, which the error translation turns into 57014 ({@link
 * QueryErrors}). A plan kept is run, and the execution's own checks of cancel and the timeout stop
 * it.
 */
public final class PlanningStop implements AutoCloseable {
  private static final ThreadLocal<@Nullable CancelFlag> CURRENT = new ThreadLocal<>();

  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private final AtomicBoolean flag = new AtomicBoolean();
  private final @Nullable ScheduledFuture<?> timeout;
  private volatile String reason = "";

  private PlanningStop(int timeoutSeconds) {
    this.timeout =
        timeoutSeconds > 0
            ? TIMER.schedule(
                () ->
                    stop(
                        "query timed out after "
                            + timeoutSeconds
                            + " s (Statement.setQueryTimeout) while it was being planned"),
                timeoutSeconds,
                TimeUnit.SECONDS)
            : null;
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "bucketsql-planning-timeout");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /** A stop for one execution, set after {@code timeoutSeconds} (never when 0). */
  public static PlanningStop start(int timeoutSeconds) {
    return new PlanningStop(timeoutSeconds);
  }

  /** A call that prepares and runs a statement. */
  @FunctionalInterface
  public interface Body<T, E extends Exception> {
    /** Makes the call. */
    T run() throws E;
  }

  /** {@code body}'s result, any planning it does on this thread stopped by this stop. */
  public <T, E extends Exception> T during(Body<T, E> body) throws E {
    CancelFlag previous = CURRENT.get();
    CURRENT.set(new CancelFlag(flag));
    try {
      return body.run();
    } catch (Exception e) {
      if (flag.get()) {
        // the planner stops its search when the flag is set and keeps the best plan it has, or
        // fails for want of one: either way the statement was stopped. The root as the cause,
        // not the translations around it, whose SQLSTATE would win
        Throwable root = Causes.root(e);
        CancellationException stopped = new CancellationException(reason);
        stopped.initCause(root);
        throw stopped;
      }
      throw e;
    } finally {
      CURRENT.set(previous);
    }
  }

  /** Stops the planning, as {@code Statement.cancel()} asks. */
  public void cancel() {
    stop("Statement.cancel() was called while the statement was being planned");
  }

  @Override
  public void close() {
    if (timeout != null) {
      timeout.cancel(false);
    }
  }

  private void stop(String why) {
    reason = why;
    flag.set(true);
  }

  /** Whether the statement this thread prepares was stopped. */
  static boolean stopped() {
    CancelFlag current = CURRENT.get();
    return current != null && current.isCancelRequested();
  }

  /** The flag of the statement this thread prepares, or null. */
  static @Nullable CancelFlag current() {
    return CURRENT.get();
  }
}
