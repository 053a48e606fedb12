package dev.bucketsql.calcite.engine;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.Program;

/**
 * The optimizer's constant folding with comparisons of doubles in DuckDB's order ({@link
 * DoubleOrder}: NaN equal to itself and above every number). Calcite folds a constant expression by
 * running it as generated code, where {@code NaN = NaN} is false as between Java's primitive
 * doubles; the comparisons the statement spells are rewritten before the optimizer ({@link
 * DoubleOrderCalls}), but the optimizer makes some of its own: {@code NaN = COALESCE(x, NaN)}
 * becomes {@code CASE WHEN x IS NOT NULL THEN NaN = x ELSE NaN = NaN END}, whose second branch was
 * folded to FALSE and lost the rows where {@code x} is NULL. Each expression is rewritten as {@link
 * DoubleComparisons} rewrites plans before Calcite's executor runs it.
 */
final class DoubleFolding implements RexExecutor {
  /** The program step that puts this folding in front of the planner's executor. */
  static final Program PROGRAM =
      (planner, rel, requiredOutputTraits, materializations, lattices) -> {
        RexExecutor executor = planner.getExecutor();
        if (executor != null && !(executor instanceof DoubleFolding)) {
          planner.setExecutor(new DoubleFolding(executor));
        }
        return rel;
      };

  private final RexExecutor calcite;

  private DoubleFolding(RexExecutor calcite) {
    this.calcite = calcite;
  }

  @Override
  public void reduce(RexBuilder rexBuilder, List<RexNode> constExps, List<RexNode> reducedValues) {
    List<RexNode> rewritten = new ArrayList<>(constExps.size());
    constExps.forEach(e -> rewritten.add(DoubleComparisons.forFolding(rexBuilder, e)));
    calcite.reduce(rexBuilder, rewritten, reducedValues);
  }
}
