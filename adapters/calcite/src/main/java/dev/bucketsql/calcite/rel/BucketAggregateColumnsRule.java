package dev.bucketsql.calcite.rel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mappings;

/**
 * Narrows a {@link BucketTableScan} read directly by an aggregate to the columns the aggregate
 * uses: its group keys, its calls' arguments and filters. Calcite plans {@code COUNT(*)} as an
 * aggregate straight over the scan with every column, so without this rule a count would convert
 * every field; with it the scan reads no column at all and a CSV count only finds record
 * boundaries.
 */
public final class BucketAggregateColumnsRule extends RelRule<RuleConfig> {
  static final RuleConfig CONFIG =
      RuleConfig.of(
          "BucketAggregateColumnsRule",
          b ->
              b.operand(Aggregate.class).oneInput(s -> s.operand(BucketTableScan.class).noInputs()),
          BucketAggregateColumnsRule::new);

  private BucketAggregateColumnsRule(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Aggregate aggregate = call.rel(0);
    BucketTableScan scan = call.rel(1);
    ImmutableBitSet used = aggregate.getGroupSet();
    for (AggregateCall agg : aggregate.getAggCallList()) {
      used = used.union(ImmutableBitSet.of(agg.getArgList()));
      if (agg.filterArg >= 0) {
        used = used.set(agg.filterArg);
      }
      if (!agg.collation.getFieldCollations().isEmpty()) {
        return; // ordered aggregates (WITHIN GROUP) keep their input as it is
      }
    }
    int width = scan.getRowType().getFieldCount();
    if (used.cardinality() >= width) {
      return;
    }
    Map<Integer, Integer> newPosition = new HashMap<>();
    List<Integer> projects = new ArrayList<>();
    for (int i : used) {
      newPosition.put(i, projects.size());
      projects.add(scan.projects().get(i));
    }
    Mappings.TargetMapping mapping = Mappings.target(newPosition, width, projects.size());
    List<ImmutableBitSet> groupSets = new ArrayList<>();
    for (ImmutableBitSet set : aggregate.getGroupSets()) {
      groupSets.add(set.permute(newPosition));
    }
    List<AggregateCall> calls = new ArrayList<>();
    for (AggregateCall agg : aggregate.getAggCallList()) {
      calls.add(agg.transform(mapping));
    }
    BucketTableScan narrowed = scan.withProjects(projects);
    call.transformTo(
        aggregate.copy(
            aggregate.getTraitSet(),
            narrowed,
            aggregate.getGroupSet().permute(newPosition),
            groupSets,
            calls));
  }
}
