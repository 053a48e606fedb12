package dev.bucketsql.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.calcite.runtime.Hook;

/**
 * Where the start-up of a run goes, on request ({@code BUCKETSQL_STARTUP_TRACE=1}): the time from
 * the JVM's start to {@code main}, to the parsed command line, to the open connection, then the
 * first statement's parse, validation, optimisation, code generation and execution, written as one
 * line on standard error when the command ends, with the process's CPU time and the classes it
 * loaded. {@code bench/run startup} reads that line.
 *
 * <p>Off, it costs one environment look-up: nothing else of it (nor Calcite's hooks) is loaded.
 */
final class StartupTrace {
  /** The environment variable that turns the trace on. */
  static final String VARIABLE = "BUCKETSQL_STARTUP_TRACE";

  private static final boolean ON = System.getenv(VARIABLE) != null;
  private static final long MAIN_NANOS = System.nanoTime();
  private static final long MAIN_MILLIS = System.currentTimeMillis();

  private static final List<String> NAMES = new ArrayList<>();
  private static final List<Long> NANOS = new ArrayList<>();
  private static final List<AutoCloseable> HOOKS = new ArrayList<>();

  private StartupTrace() {}

  /** Starts the clock of the phases; {@code main} calls it first. */
  static void start() {
    // the class's initialisation took the time
  }

  /** Whether the trace is on for this process. */
  static boolean on() {
    return ON;
  }

  /** Notes that the phase {@code name} ended now; the first mark of a name counts. */
  static synchronized void mark(String name) {
    if (ON && !NAMES.contains(name)) {
      NAMES.add(name);
      NANOS.add(System.nanoTime());
    }
  }

  /**
   * Marks the phases inside Calcite's preparation of the statements this thread runs, through its
   * hooks: the parse tree, the validated relational expression, the optimised plan and the
   * generated Java source (compiled by Janino after that mark).
   */
  static synchronized void followStatements() {
    if (!ON || !HOOKS.isEmpty()) {
      return;
    }
    HOOKS.add(Hook.PARSE_TREE.addThread(marker("parse")));
    HOOKS.add(Hook.CONVERTED.addThread(marker("validate")));
    HOOKS.add(Hook.PLAN_BEFORE_IMPLEMENTATION.addThread(marker("optimize")));
    HOOKS.add(Hook.JAVA_PLAN.addThread(marker("generate")));
  }

  private static Consumer<Object> marker(String name) {
    return hookArgument -> mark(name);
  }

  /** Writes the trace line to {@code err}, if the trace is on. */
  static synchronized void report(PrintStream err) {
    if (!ON) {
      return;
    }
    mark("end");
    StringBuilder line = new StringBuilder("bucketsql-startup:");
    // The JVM's own start (milliseconds); the process's start instant is only as precise as the
    // kernel's boot time, a whole second, and includes the launcher script.
    long startMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
    line.append(
        String.format(Locale.ROOT, " jvm=%.3f", Math.max(0, MAIN_MILLIS - startMillis) / 1e3));
    long previous = MAIN_NANOS;
    for (int i = 0; i < NAMES.size(); i++) {
      line.append(
          String.format(Locale.ROOT, " %s=%.3f", NAMES.get(i), (NANOS.get(i) - previous) / 1e9));
      previous = NANOS.get(i);
    }
    double total = (MAIN_MILLIS - startMillis) / 1e3 + (previous - MAIN_NANOS) / 1e9;
    double cpu =
        ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
    long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
    line.append(String.format(Locale.ROOT, " total=%.3f cpu=%.3f classes=%d", total, cpu, classes));
    for (AutoCloseable hook : HOOKS) {
      try {
        hook.close();
      } catch (Exception e) {
        // a hook that cannot be removed only matters to this process, which is ending
      }
    }
    err.println(line);
    err.flush();
  }
}
