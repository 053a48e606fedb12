package dev.bucketsql.calcite.rel;

import dev.bucketsql.calcite.pushdown.FilterTranslator;
import dev.bucketsql.format.TableSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rex.RexNode;

/**
 * Copies the conjuncts of a filter that translate into column domains into the {@link
 * BucketTableScan} below it. The filter stays as the residual: pushed conjuncts only let the format
 * skip data, so every row is still checked, and what cannot be translated is simply not pushed.
 */
public final class BucketFilterRule extends RelRule<RuleConfig> {
  static final RuleConfig CONFIG =
      RuleConfig.of(
          "BucketFilterRule",
          b -> b.operand(Filter.class).oneInput(s -> s.operand(BucketTableScan.class).noInputs()),
          BucketFilterRule::new);

  private BucketFilterRule(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Filter filter = call.rel(0);
    BucketTableScan scan = call.rel(1);
    TableSchema schema = scan.bucketTable().file().schema();
    List<RexNode> pushed = new ArrayList<>(scan.pushed());
    for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
      RexNode overTable = scan.toTableColumns(conjunct);
      if (!pushed.contains(overTable) && FilterTranslator.isPushable(overTable, schema)) {
        pushed.add(overTable);
      }
    }
    if (pushed.size() == scan.pushed().size()) {
      return;
    }
    call.transformTo(
        filter.copy(filter.getTraitSet(), scan.withPushed(pushed), filter.getCondition()));
  }
}
