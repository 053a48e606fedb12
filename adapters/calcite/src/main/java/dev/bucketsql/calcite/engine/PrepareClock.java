package dev.bucketsql.calcite.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.tools.Program;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The phases of one statement's preparation, timed for {@code EXPLAIN ANALYZE} and for the planning
 * benchmark: parse (our text passes and Calcite's parser), validate, convert (SQL to relational
 * algebra, decorrelation and trimming), optimize (our programs and Calcite's planner) and code
 * generation (Java source and its compilation). Calcite marks the ends of most phases with its
 * thread-local {@link Hook}s; the end of validation is marked by {@link BucketPrepare}'s validator
 * ({@link #validated()}). A plan taken from the {@link PlanCache} passes no mark: {@link
 * Phases#reused()}.
 *
 * <p>Optimization is cut further into the steps of {@link BucketPrepare}'s program ({@link
 * #timed}), and code generation into the Java source and its compilation (Calcite's {@link
 * Hook#JAVA_PLAN} comes between them): {@link Phases#steps()}.
 *
 * <p>Each mark is taken on two clocks: the wall clock ({@link #phases()}, what EXPLAIN ANALYZE
 * prints) and the thread's CPU time ({@link #cpuPhases()}), which other processes on a busy machine
 * do not inflate, so planning costs can be compared between runs.
 */
public final class PrepareClock implements AutoCloseable {
  private static final ThreadLocal<@Nullable PrepareClock> ACTIVE = new ThreadLocal<>();
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Mark start = Mark.now();
  private @Nullable Mark parsed;
  private @Nullable Mark validated;
  private @Nullable Mark trimmed;
  private @Nullable Mark optimized;
  private @Nullable Mark sourced;

  /** Wall and CPU nanoseconds per optimizer step, in the order the steps first ran. */
  private final Map<String, long[]> steps = new LinkedHashMap<>();

  private final @Nullable PrepareClock outer;
  private final List<Hook.Closeable> hooks = new ArrayList<>();

  private PrepareClock() {
    outer = ACTIVE.get();
    ACTIVE.set(this);
    // the last mark of each kind wins: a statement prepared on the way (a PIVOT's values) comes
    // first
    hooks.add(
        Hook.PARSE_TREE.addThread(
            (Consumer<Object>)
                o -> {
                  parsed = Mark.now();
                  sourced = null;
                  steps.clear(); // a statement prepared on the way ran its own steps
                }));
    hooks.add(Hook.TRIMMED.addThread((Consumer<Object>) o -> trimmed = Mark.now()));
    hooks.add(
        Hook.PLAN_BEFORE_IMPLEMENTATION.addThread((Consumer<Object>) o -> optimized = Mark.now()));
    hooks.add(Hook.JAVA_PLAN.addThread((Consumer<Object>) o -> sourced = Mark.now()));
  }

  /**
   * Starts timing the preparations this thread runs until {@link #close()}; an embedded connection
   * prepares on the thread that calls {@code prepareStatement}.
   */
  public static PrepareClock start() {
    return new PrepareClock();
  }

  /** Marks the end of validation, when a clock runs on this thread. */
  static void validated() {
    PrepareClock clock = ACTIVE.get();
    if (clock != null) {
      clock.validated = Mark.now();
    }
  }

  /**
   * {@code program} with its time added to the optimizer step {@code step} of the clock running on
   * the preparing thread, if any (steps of one name add up).
   */
  static Program timed(String step, Program program) {
    return new Program() {
      @Override
      public RelNode run(
          RelOptPlanner planner,
          RelNode rel,
          RelTraitSet requiredOutputTraits,
          List<RelOptMaterialization> materializations,
          List<RelOptLattice> lattices) {
        PrepareClock clock = ACTIVE.get();
        if (clock == null) {
          return program.run(planner, rel, requiredOutputTraits, materializations, lattices);
        }
        Mark before = Mark.now();
        try {
          return program.run(planner, rel, requiredOutputTraits, materializations, lattices);
        } finally {
          Mark after = Mark.now();
          long[] spent = clock.steps.computeIfAbsent(step, s -> new long[2]);
          spent[0] += after.wall - before.wall;
          spent[1] += after.cpu - before.cpu;
        }
      }
    };
  }

  /** The phases measured so far on the wall clock, ending now. */
  public Phases phases() {
    return phases(Mark.now(), false);
  }

  /** The phases measured so far in this thread's CPU time, ending now. */
  public Phases cpuPhases() {
    return phases(Mark.now(), true);
  }

  private Phases phases(Mark end, boolean cpu) {
    long e = end.of(cpu);
    long s = start.of(cpu);
    if (parsed == null) {
      return new Phases(true, 0, 0, 0, 0, 0, e - s, List.of());
    }
    // each mark at or after the one before: a missing mark gives its phase no time
    long p = Math.max(s, parsed.of(cpu));
    long v = Math.max(p, validated == null ? 0 : validated.of(cpu));
    long t = Math.max(v, trimmed == null ? 0 : trimmed.of(cpu));
    long o = Math.max(t, optimized == null ? 0 : optimized.of(cpu));
    List<Step> detail = new ArrayList<>();
    steps.forEach((name, spent) -> detail.add(new Step(name, spent[cpu ? 1 : 0])));
    if (sourced != null && optimized != null) {
      long j = Math.min(e, Math.max(o, sourced.of(cpu)));
      detail.add(new Step(JAVA_SOURCE, j - o));
      detail.add(new Step(COMPILE, Math.max(0, e - j)));
    }
    return new Phases(false, p - s, v - p, t - v, o - t, Math.max(0, e - o), e - s, detail);
  }

  @Override
  public void close() {
    for (Hook.Closeable hook : hooks) {
      hook.close();
    }
    ACTIVE.set(outer);
  }

  /** One moment on both clocks. */
  private record Mark(long wall, long cpu) {
    static Mark now() {
      return new Mark(System.nanoTime(), THREADS.getCurrentThreadCpuTime());
    }

    long of(boolean onCpu) {
      return onCpu ? cpu : wall;
    }
  }

  /** The step of code generation that writes the plan's Java source. */
  public static final String JAVA_SOURCE = "java source";

  /** The step of code generation that compiles it (or finds it compiled, {@link CompiledPlans}). */
  public static final String COMPILE = "compile";

  /**
   * One step within a phase.
   *
   * @param name the step: an optimizer program's name ({@link BucketPrepare}), or {@link
   *     #JAVA_SOURCE} and {@link #COMPILE} within code generation
   * @param nanos its time
   */
  public record Step(String name, long nanos) {}

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
   * @param steps the optimizer's steps in the order they ran (together about {@code optimize}),
   *     then code generation's two ({@link #JAVA_SOURCE}, {@link #COMPILE}); empty for a reused
   *     plan
   */
  public record Phases(
      boolean reused,
      long parse,
      long validate,
      long convert,
      long optimize,
      long codegen,
      long total,
      List<Step> steps) {
    /** Copies the steps. */
    public Phases {
      steps = List.copyOf(steps);
    }

    /** The time of the step called {@code name}, 0 when it did not run. */
    public long step(String name) {
      long sum = 0;
      for (Step s : steps) {
        if (s.name().equals(name)) {
          sum += s.nanos();
        }
      }
      return sum;
    }
  }
}
