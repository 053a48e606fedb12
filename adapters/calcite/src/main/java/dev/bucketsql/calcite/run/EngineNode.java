package dev.bucketsql.calcite.run;

import dev.bucketsql.engine.Operator;

/**
 * What one engine plan node builds at run time: fixed when the statement is prepared and shared by
 * its executions, each of which opens a fresh operator tree.
 */
@FunctionalInterface
public interface EngineNode {
  /** A new operator for one execution described by {@code run}. */
  Operator open(EngineRun run);
}
