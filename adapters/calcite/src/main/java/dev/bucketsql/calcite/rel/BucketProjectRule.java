package dev.bucketsql.calcite.rel;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Narrows a {@link BucketTableScan} to the columns a project above it (and, in the second form, a
 * filter between them) uses, so only those columns are fetched and converted. A scan feeding
 * expressions that use no column at all reads none: its rows carry no values; under a window
 * function it reads one column.
 */
public final class BucketProjectRule extends RelRule<RuleConfig> {
  /** A project straight over a scan. */
  static final RuleConfig CONFIG =
      RuleConfig.of(
          "BucketProjectRule",
          b -> b.operand(Project.class).oneInput(s -> s.operand(BucketTableScan.class).noInputs()),
          c -> new BucketProjectRule(c, false));

  /** A project over a filter over a scan. */
  static final RuleConfig THROUGH_FILTER =
      RuleConfig.of(
          "BucketProjectFilterRule",
          b ->
              b.operand(Project.class)
                  .oneInput(
                      f ->
                          f.operand(Filter.class)
                              .oneInput(s -> s.operand(BucketTableScan.class).noInputs())),
          c -> new BucketProjectRule(c, true));

  private final boolean throughFilter;

  private BucketProjectRule(RuleConfig config, boolean throughFilter) {
    super(config);
    this.throughFilter = throughFilter;
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Project project = call.rel(0);
    Filter filter = throughFilter ? call.rel(1) : null;
    BucketTableScan scan = call.rel(throughFilter ? 2 : 1);
    ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), null);
    if (filter != null) {
      used = used.union(RelOptUtil.InputFinder.bits(filter.getCondition()));
    }
    if (used.isEmpty() && RexOver.containsOver(project.getProjects(), null)) {
      // a window over rows without values breaks Calcite's window splitter
      // (ProjectToWindowRule: an ArrayIndexOutOfBoundsException): keep one column
      used = ImmutableBitSet.of(0);
    }
    int width = scan.getRowType().getFieldCount();
    if (used.cardinality() >= width) {
      return;
    }
    int[] newPosition = new int[width];
    List<Integer> projects = new ArrayList<>();
    for (int i : used) {
      newPosition[i] = projects.size();
      projects.add(scan.projects().get(i));
    }
    RexShuttle remap =
        new RexShuttle() {
          @Override
          public RexNode visitInputRef(RexInputRef ref) {
            return new RexInputRef(newPosition[ref.getIndex()], ref.getType());
          }
        };
    BucketTableScan narrowed = scan.withProjects(projects);
    var input =
        filter == null
            ? narrowed
            : filter.copy(filter.getTraitSet(), narrowed, filter.getCondition().accept(remap));
    List<RexNode> expressions = new ArrayList<>();
    for (RexNode e : project.getProjects()) {
      expressions.add(e.accept(remap));
    }
    call.transformTo(project.copy(project.getTraitSet(), input, expressions, project.getRowType()));
  }
}
