package dev.bucketsql.calcite.engine;

import dev.bucketsql.calcite.rel.RuleConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.logical.LogicalWindow;
import org.apache.calcite.rel.rules.SubstitutionRule;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.RelBuilder;

/**
 * A window aggregate whose arguments are all NULL constants of the window ({@code MIN(b) OVER
 * (...)} where the optimizer found {@code b} always NULL: the NULL side of an outer join whose
 * condition never holds) as the constant it is for every row: NULL, or 0 for {@code COUNT} and
 * {@code $SUM0}. Calcite cannot generate the code of such an aggregate ('Unable to implement': it
 * looks for {@code SqlFunctions.lesser(long, Object)}). {@link WindowConstants} does the same
 * before the optimizer for NULL literals written in the query; this rule covers the NULLs the
 * optimizer finds. It is a substitution that prunes the window it replaces; and since the planner
 * may have converted that window before the rule saw it (a window whose input became a NULL
 * constant after it was made, beside a window of another constant: {@code MIN(t3.k) OVER (),
 * SUM(1e10) OVER ()} over {@code LEFT JOIN t3 ON FALSE}), {@link #register} also makes Calcite's
 * window conversion refuse such windows, so the one that cannot be implemented is never a
 * candidate.
 */
final class WindowNullArgumentsRule extends RelRule<RuleConfig> implements SubstitutionRule {
  /** The instance the planner gets. */
  static final WindowNullArgumentsRule INSTANCE =
      (WindowNullArgumentsRule)
          RuleConfig.of(
                  "WindowNullArgumentsRule",
                  b -> b.operand(LogicalWindow.class).anyInputs(),
                  WindowNullArgumentsRule::new)
              .toRule();

  /** Aggregates that are NULL over NULLs only. */
  private static final Set<SqlKind> OF_NULLS_NULL =
      Set.of(
          SqlKind.MIN,
          SqlKind.MAX,
          SqlKind.SUM,
          SqlKind.AVG,
          SqlKind.FIRST_VALUE,
          SqlKind.LAST_VALUE,
          SqlKind.ANY_VALUE,
          SqlKind.STDDEV_POP,
          SqlKind.STDDEV_SAMP,
          SqlKind.VAR_POP,
          SqlKind.VAR_SAMP);

  private WindowNullArgumentsRule(RuleConfig config) {
    super(config);
  }

  /**
   * Calcite's conversion of a logical window into an enumerable one, for windows with no aggregate
   * over NULL constants only.
   */
  static final RelOptRule ENUMERABLE_WINDOW =
      ((ConverterRule) (RelOptRule) EnumerableRules.ENUMERABLE_WINDOW_RULE)
          .config
          .withConversion(
              LogicalWindow.class,
              WindowNullArgumentsRule::implementable,
              Convention.NONE,
              EnumerableConvention.INSTANCE,
              "BucketWindowRule")
          .toRule();

  /** Adds the rule to {@code planner}, and its window conversion in place of Calcite's. */
  static void register(RelOptPlanner planner) {
    planner.addRule(INSTANCE);
    if (planner.removeRule(EnumerableRules.ENUMERABLE_WINDOW_RULE)) {
      planner.addRule(ENUMERABLE_WINDOW);
    }
  }

  /** Whether Calcite can generate {@code window}'s code: no aggregate reads NULL constants only. */
  private static boolean implementable(LogicalWindow window) {
    RexBuilder rexBuilder = window.getCluster().getRexBuilder();
    int inputCount = window.getInput().getRowType().getFieldCount();
    for (Window.Group group : window.groups) {
      for (Window.RexWinAggCall agg : group.aggCalls) {
        if (constantOf(rexBuilder, window, inputCount, agg) != null) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalWindow window = call.rel(0);
    RexBuilder rexBuilder = window.getCluster().getRexBuilder();
    int inputCount = window.getInput().getRowType().getFieldCount();
    List<RexNode> outputs = new ArrayList<>();
    for (int i = 0; i < inputCount; i++) {
      outputs.add(rexBuilder.makeInputRef(window.getInput(), i));
    }
    List<Window.Group> groups = new ArrayList<>();
    List<String> names = new ArrayList<>(window.getInput().getRowType().getFieldNames());
    List<RelDataType> types = new ArrayList<>();
    window.getInput().getRowType().getFieldList().forEach(f -> types.add(f.getType()));
    boolean changed = false;
    int field = inputCount;
    // a call's ordinal is its position among the window's calls, over all groups
    int ordinal = 0;
    for (Window.Group group : window.groups) {
      List<Window.RexWinAggCall> kept = new ArrayList<>();
      for (Window.RexWinAggCall agg : group.aggCalls) {
        String name = window.getRowType().getFieldNames().get(field++);
        RexNode constant = constantOf(rexBuilder, window, inputCount, agg);
        if (constant != null) {
          outputs.add(constant);
          changed = true;
          continue;
        }
        outputs.add(null); // the kept call's position, set below
        kept.add(
            new Window.RexWinAggCall(
                agg.getParserPosition(),
                (SqlAggFunction) agg.getOperator(),
                agg.getType(),
                agg.getOperands(),
                ordinal++,
                agg.distinct,
                agg.ignoreNulls));
        names.add(name);
        types.add(agg.getType());
      }
      if (!kept.isEmpty()) {
        groups.add(
            new Window.Group(
                group.keys,
                group.isRows,
                group.lowerBound,
                group.upperBound,
                group.exclude,
                group.orderKeys,
                kept));
      }
    }
    if (!changed) {
      return;
    }
    RelNode input = window.getInput();
    if (!groups.isEmpty()) {
      input =
          LogicalWindow.create(
              window.getTraitSet(),
              window.getHints(),
              window.getInput(),
              window.getConstants(),
              window.getCluster().getTypeFactory().createStructType(types, names),
              groups);
    }
    int next = inputCount;
    for (int i = inputCount; i < outputs.size(); i++) {
      if (outputs.get(i) == null) {
        outputs.set(i, new RexInputRef(next, types.get(next)));
        next++;
      }
    }
    RelBuilder builder = call.builder().push(input);
    call.transformTo(
        builder
            .project(outputs, window.getRowType().getFieldNames(), true)
            .convert(window.getRowType(), false)
            .build());
  }

  /** The constant {@code agg} is for every row, or null when it reads more than NULL constants. */
  private static RexNode constantOf(
      RexBuilder rexBuilder, Window window, int inputCount, Window.RexWinAggCall agg) {
    if (agg.getOperands().isEmpty() || agg.distinct) {
      return null;
    }
    for (RexNode operand : agg.getOperands()) {
      if (!(operand instanceof RexInputRef ref) || ref.getIndex() < inputCount) {
        return null;
      }
      RexLiteral constant = window.getConstants().get(ref.getIndex() - inputCount);
      if (!constant.isNull()) {
        return null;
      }
    }
    SqlKind kind = agg.getOperator().getKind();
    if (kind == SqlKind.SUM0 || kind == SqlKind.COUNT) {
      return rexBuilder.makeZeroLiteral(agg.getType());
    }
    return OF_NULLS_NULL.contains(kind) ? rexBuilder.makeNullLiteral(agg.getType()) : null;
  }
}
