package dev.bucketsql.calcite.rel;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.calcite.plan.volcano.RelSubset;

/**
 * The sets of equivalent plans an estimate is looking through on this thread. The planner lets a
 * plan take its own set as its input (an aggregate that removes nothing, in the set of its input),
 * so following each set's best plan down can come back to the same set and recurse until the stack
 * overflows (a fuzzed {@code INTERSECT} whose inputs held a join on {@code NOT TRUE} and a grouped
 * {@code HAVING}). The walks that follow sets enter each one here and treat a set already entered
 * as a way that leads nowhere.
 */
final class SubsetPath {
  private static final ThreadLocal<Set<RelSubset>> PATH =
      ThreadLocal.withInitial(() -> Collections.newSetFromMap(new IdentityHashMap<>()));

  private SubsetPath() {}

  /** Enters {@code subset}; false when this thread is inside it already (a cycle). */
  static boolean enter(RelSubset subset) {
    return PATH.get().add(subset);
  }

  /** Leaves {@code subset}, entered by {@link #enter}. */
  static void exit(RelSubset subset) {
    PATH.get().remove(subset);
  }
}
