package dev.bucketsql.calcite.engine;

import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.ProjectToWindowRule;
import org.apache.calcite.rel.rules.ProjectToWindowRule.ProjectToLogicalProjectAndWindowRule.ProjectToLogicalProjectAndWindowRuleConfig;

/**
 * Calcite's rule that turns a projection with window aggregates into a window, for inputs with at
 * least one column. Its splitter sizes its levels by the expressions it is given, which counts the
 * input's columns; over an input with none (a filter that reads no column, once the planner has
 * pushed the trimmed projection into the scan: {@code SELECT COUNT(*) OVER () FROM t WHERE random()
 * < 2}) it runs past its arrays (an ArrayIndexOutOfBoundsException). The same set always holds the
 * form with the trimmer's one constant column, which the rule converts.
 */
final class WindowInputs {
  /** The rule, for a projection over an input with columns. */
  static final ProjectToWindowRule PROJECT_TO_WINDOW =
      ProjectToLogicalProjectAndWindowRuleConfig.DEFAULT
          .withOperandSupplier(
              b ->
                  b.operand(Project.class)
                      .predicate(
                          p -> p.containsOver() && p.getInput().getRowType().getFieldCount() > 0)
                      .anyInputs())
          .as(ProjectToLogicalProjectAndWindowRuleConfig.class)
          .toRule();

  private WindowInputs() {}

  /** Replaces Calcite's rule in {@code planner} with this one. */
  static void register(RelOptPlanner planner) {
    if (planner.removeRule(CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW)) {
      planner.addRule(PROJECT_TO_WINDOW);
    }
  }
}
