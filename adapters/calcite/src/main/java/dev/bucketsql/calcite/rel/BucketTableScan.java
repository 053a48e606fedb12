package dev.bucketsql.calcite.rel;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.bucketsql.calcite.BucketTable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.util.ImmutableIntList;

/**
 * A scan of a {@link BucketTable} in enumerable convention that reads only {@code columns} and
 * passes the {@code pushed} filter conjuncts to the format, which skips data that cannot match them
 * (Parquet row groups). The conjuncts are not removed from the plan: the filter above the scan
 * still checks every row, so what was pushed never changes results.
 *
 * <p>{@code EXPLAIN PLAN FOR} shows, for example: {@code BucketTableScan(table=[[mangetamain,
 * RAW_interactions_clean]], columns=[[date, rating]], pushed=[[>=(date, 2018-01-01)]])}.
 */
public final class BucketTableScan extends TableScan implements EnumerableRel {
  private static final Pattern INPUT_REF = Pattern.compile("\\$(\\d+)");

  private final BucketTable bucketTable;
  private final ImmutableIntList projects;
  private final ImmutableList<RexNode> pushed;

  private BucketTableScan(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelOptTable table,
      BucketTable bucketTable,
      ImmutableIntList projects,
      ImmutableList<RexNode> pushed) {
    super(cluster, traits, ImmutableList.of(), table);
    this.bucketTable = requireNonNull(bucketTable, "bucketTable is null");
    this.projects = requireNonNull(projects, "projects is null");
    this.pushed = requireNonNull(pushed, "pushed is null");
  }

  /** A scan of every column of {@code bucketTable}, nothing pushed. */
  public static BucketTableScan create(
      RelOptCluster cluster, RelOptTable table, BucketTable bucketTable) {
    return new BucketTableScan(
        cluster,
        cluster.traitSetOf(EnumerableConvention.INSTANCE),
        table,
        bucketTable,
        ImmutableIntList.identity(table.getRowType().getFieldCount()),
        ImmutableList.of());
  }

  /** The table read. */
  public BucketTable bucketTable() {
    return bucketTable;
  }

  /** The table column indexes produced, in output order. */
  public ImmutableIntList projects() {
    return projects;
  }

  /** Filter conjuncts over the table's columns ({@code $i} is table column i). */
  public ImmutableList<RexNode> pushed() {
    return pushed;
  }

  /** This scan producing {@code newProjects} (table column indexes) instead. */
  BucketTableScan withProjects(List<Integer> newProjects) {
    return new BucketTableScan(
        getCluster(),
        getTraitSet(),
        getTable(),
        bucketTable,
        ImmutableIntList.copyOf(newProjects),
        pushed);
  }

  /** This scan with {@code newPushed} as its pushed conjuncts. */
  BucketTableScan withPushed(List<RexNode> newPushed) {
    return new BucketTableScan(
        getCluster(),
        getTraitSet(),
        getTable(),
        bucketTable,
        projects,
        ImmutableList.copyOf(newPushed));
  }

  /** {@code node} over this scan's output rewritten over the table's columns. */
  RexNode toTableColumns(RexNode node) {
    return node.accept(
        new RexShuttle() {
          @Override
          public RexNode visitInputRef(RexInputRef ref) {
            return new RexInputRef(projects.get(ref.getIndex()), ref.getType());
          }
        });
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return traitSet.equals(getTraitSet())
        ? this
        : new BucketTableScan(getCluster(), traitSet, getTable(), bucketTable, projects, pushed);
  }

  @Override
  public RelDataType deriveRowType() {
    List<RelDataTypeField> fields = getTable().getRowType().getFieldList();
    var builder = getCluster().getTypeFactory().builder();
    for (int p : projects) {
      builder.add(fields.get(p));
    }
    return builder.build();
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    List<String> names = new ArrayList<>();
    List<RelDataTypeField> fields = getTable().getRowType().getFieldList();
    for (int p : projects) {
      names.add(fields.get(p).getName());
    }
    List<String> conditions = new ArrayList<>();
    for (RexNode c : pushed) {
      conditions.add(withNames(c.toString(), fields));
    }
    return super.explainTerms(pw)
        .item("columns", names)
        .itemIf("pushed", conditions, !pushed.isEmpty());
  }

  /** The pushed conjuncts as EXPLAIN shows them, with column names. */
  public List<String> pushedText() {
    List<RelDataTypeField> fields = getTable().getRowType().getFieldList();
    List<String> conditions = new ArrayList<>();
    for (RexNode c : pushed) {
      conditions.add(withNames(c.toString(), fields));
    }
    return conditions;
  }

  private static String withNames(String text, List<RelDataTypeField> fields) {
    Matcher m = INPUT_REF.matcher(text);
    StringBuilder s = new StringBuilder();
    while (m.find()) {
      int i = Integer.parseInt(m.group(1));
      m.appendReplacement(
          s, Matcher.quoteReplacement(i < fields.size() ? fields.get(i).getName() : m.group()));
    }
    m.appendTail(s);
    return s.toString();
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return getTable().getRowCount();
  }

  /**
   * Cheaper the fewer columns it reads and the more it pushes, so the planner prefers the narrowed
   * and filtered variants the rules produce.
   */
  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double rows = getTable().getRowCount();
    int all = getTable().getRowType().getFieldCount();
    double factor = (projects.size() + 2D) / (all + 2D) * Math.pow(0.5, pushed.size());
    return planner.getCostFactory().makeCost(rows * factor, rows * factor, rows * factor);
  }

  /**
   * Adds the BucketSQL rules to the planner, and drops the merge-join rule: it sorts both inputs
   * through a slow comparator (12 to 60 s for our data set's join, against about a second for a
   * hash join), and object scans are never sorted anyway. The merge-union rule goes too: an ORDER
   * BY over a UNION ALL of doubles sorts by DuckDB's order of doubles (a key computed below the
   * sort), which the merged union's inputs do not declare, so its plans failed
   * ('EnumerableMergeUnion input does not satisfy collation'); a union then a sort does the same
   * work.
   */
  @Override
  public void register(RelOptPlanner planner) {
    for (RelOptRule rule : BucketRules.ALL) {
      planner.addRule(rule);
    }
    planner.removeRule(EnumerableRules.ENUMERABLE_MERGE_JOIN_RULE);
    planner.removeRule(EnumerableRules.ENUMERABLE_MERGE_UNION_RULE);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    // A scan of no column (COUNT(*)) still produces Object[] rows, empty ones: Calcite's
    // default layout for zero fields would be a List.
    PhysType physType =
        projects.isEmpty()
            ? PhysTypeImpl.of(
                implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY, false)
            : PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    Expression table = implementor.stash(bucketTable, BucketTable.class);
    Expression filters = implementor.stash(pushed, List.class);
    // Calcite represents one-column rows as the bare value (SCALAR format).
    boolean scalar = physType.getFormat() == JavaRowFormat.SCALAR;
    Expression call =
        Expressions.call(
            table,
            scalar ? "scanPushedScalar" : "scanPushed",
            implementor.getRootExpression(),
            filters,
            Expressions.constant(projects.toIntArray()));
    return implementor.result(physType, Blocks.toBlock(call));
  }
}
