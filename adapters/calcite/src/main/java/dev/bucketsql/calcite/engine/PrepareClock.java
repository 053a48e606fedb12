package dev.bucketsql.calcite.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.calcite.runtime.Hook;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The phases of one statement's preparation, timed for {@code EXPLAIN ANALYZE}: parse (our text
 * passes and Calcite's parser), validate, convert (SQL to relational algebra, decorrelation and
 * trimming), optimize (our programs and Calcite's planner) and code generation (Java source and
 * its compilation). Calcite marks the ends of most phases with its thread-local {@link Hook}s;
 * the end of validation is marked by {@link BucketPrepare}'s validator ({@link #validated()}).
 * A plan taken from the {@link PlanCache} passes no mark: {@link Phases#reused()}.
 */
final class PrepareClock implements AutoCloseable {
  private static final ThreadLocal<@Nullable PrepareClock> ACTIVE = new ThreadLocal<>();

  private final long start = System.nanoTime();
  private long parsed;
  private long validated;
  private long trimmed;
  private long optimized;
  private final @Nullable PrepareClock outer;
  private final List<Hook.Closeable> hooks = new ArrayList<>();

  private PrepareClock() {
    outer = ACTIVE.get();
    ACTIVE.set(this);
    // the last mark of each kind wins: a statement prepared on the way (a PIVOT's values) comes first
    hooks.add(Hook.PARSE_TREE.addThread((Consumer<Object>) o -> parsed = System.nanoTime()));
    hooks.add(Hook.TRIMMED.addThread((Consumer<Object>) o -> trimmed = System.nanoTime()));
    hooks.add(Hook.PLAN_BEFORE_IMPLEMENTATION.addThread((Consumer<Object>) o -> optimized = System.nanoTime()));
  }

  /** Starts timing the preparations this thread runs until {@link #close()}. */
  static PrepareClock start() {
    return new PrepareClock();
  }

  /** Marks the end of validation, when a clock runs on this thread. */
  static void validated() {
    PrepareClock clock = ACTIVE.get();
    if (clock != null) {
      clock.validated = System.nanoTime();
    }
  }

  /** The phases measured so far, ending now. */
  Phases phases() {
    long end = System.nanoTime();
    if (parsed == 0) {
      return new Phases(true, 0, 0, 0, 0, 0, end - start);
    }
    // each mark at or after the one before: a missing mark gives its phase no time
    long p = Math.max(start, parsed);
    long v = Math.max(p, validated);
    long t = Math.max(v, trimmed);
    long o = Math.max(t, optimized);
    return new Phases(false, p - start, v - p, t - v, o - t, Math.max(0, end - o), end - start);
  }

  @Override
  public void close() {
    for (Hook.Closeable hook : hooks) {
      hook.close();
    }
    ACTIVE.set(outer);
  }

  /**
   * Nanoseconds per phase.
   *
   * @param reused whether the plan came from the plan cache (then only {@code total} counts)
   * @param parse text passes and parsing
   * @param validate validation
   * @param convert conversion to relational algebra, decorrelation, trimming
   * @param optimize the optimizer programs
   * @param codegen Java code generation and compilation
   * @param total the whole preparation, cache lookup included
   */
  record Phases(boolean reused, long parse, long validate, long convert, long optimize, long codegen, long total) {}
}
