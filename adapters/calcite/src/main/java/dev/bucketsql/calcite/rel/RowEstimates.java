package dev.bucketsql.calcite.rel;

import dev.bucketsql.format.FileSummary;
import java.util.Optional;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.adapter.enumerable.EnumerableLimitSort;
import org.apache.calcite.adapter.enumerable.EnumerableValues;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexInputRef;

/**
 * How many rows each node of a physical plan probably produces, to choose which input of a
 * hash join to hold in memory. Calcite's own estimates are unusable for that: without distinct
 * counts it takes an equi-join as the product of its inputs times 0.15 (9e9 rows for lineitem
 * with part at scale factor 1), so any join below a join looked bigger than any table.
 *
 * <p>The rules, each a plain guess that needs no statistics beyond a table's row count:
 *
 * <ul>
 *   <li>a table scan: the table's estimate ({@link dev.bucketsql.calcite.BucketTable#estimatedRows()}:
 *       the Parquet footer's count, a CSV object's size over an average row); the conjuncts
 *       pushed into it count once, in the filter kept above it;
 *   <li>a filter or a calc with a condition: its input times the condition's selectivity
 *       (Calcite's {@link RelMdUtil#guessSelectivity}: 0.15 an equality, 0.5 a range, 0.25
 *       anything else, multiplied over the conjuncts);
 *   <li>an inner equi-join: the bigger input, as a join of a foreign key to a key gives, unless
 *       neither input can be unique on its key (the footer's integer range of the key column is
 *       smaller than the input's rows): then the product over the number of key values; a
 *       semi- or anti-join: its left input; an outer join: at least its preserved side; a join
 *       without equal keys: the product times the condition's selectivity;
 *   <li>an aggregate: one row without GROUP BY, else a tenth of its input (at least one row);
 *   <li>a limit: at most its fetch; a union: the sum; anything else with one input: the input.
 * </ul>
 */
final class RowEstimates {
  /** The share of its input rows an aggregate with group keys is taken to produce. */
  private static final double GROUPS_PER_ROW = 0.1;

  private RowEstimates() {}

  /** Rows {@code rel} probably produces (at least 1). */
  static double rows(RelNode rel) {
    return Math.max(1D, estimate(rel));
  }

  private static double estimate(RelNode rel) {
    if (rel instanceof BucketTableScan scan) {
      // not the pushed conjuncts: the filter above the scan applies them again
      return scan.bucketTable().estimatedRows();
    }
    if (rel instanceof BucketScanAggregate fused) {
      return rows(fused.unfused());
    }
    if (rel instanceof BucketJoinAggregate fused) {
      return rows(fused.unfused());
    }
    if (rel instanceof EnumerableCalc calc) {
      RexLocalRef condition = calc.getProgram().getCondition();
      double input = rows(calc.getInput());
      return condition == null ? input : input * selectivity(calc.getProgram().expandLocalRef(condition));
    }
    if (rel instanceof Filter filter) {
      return rows(filter.getInput()) * selectivity(filter.getCondition());
    }
    if (rel instanceof Join join) {
      return join(join);
    }
    if (rel instanceof Aggregate aggregate) {
      return aggregate.getGroupCount() == 0 && aggregate.getGroupType() == Aggregate.Group.SIMPLE
          ? 1
          : rows(aggregate.getInput()) * GROUPS_PER_ROW;
    }
    if (rel instanceof EnumerableLimit limit) {
      return limited(rows(limit.getInput()), limit.fetch);
    }
    if (rel instanceof EnumerableLimitSort || rel instanceof Sort) {
      return limited(rows(rel.getInput(0)), ((Sort) rel).fetch);
    }
    if (rel instanceof Union union) {
      double sum = 0;
      for (RelNode input : union.getInputs()) {
        sum += rows(input);
      }
      return sum;
    }
    if (rel instanceof SetOp) {
      return rows(rel.getInput(0));
    }
    if (rel instanceof EnumerableValues || rel instanceof BucketValues) {
      return rel.estimateRowCount(rel.getCluster().getMetadataQuery());
    }
    if (rel instanceof Project || rel instanceof SingleRel) {
      return rows(rel.getInput(0));
    }
    return rel.estimateRowCount(rel.getCluster().getMetadataQuery());
  }

  private static double join(Join join) {
    double left = rows(join.getLeft());
    double right = rows(join.getRight());
    JoinInfo info = join.analyzeCondition();
    double inner;
    if (info.leftKeys.isEmpty()) {
      inner = left * right * selectivity(join.getCondition());
    } else {
      // A key of one side joined to the other: the bigger side's rows. But when neither side
      // can be unique on its key (fewer possible values than rows, e.g. a nation key in
      // customer and in supplier), every pair with equal keys matches.
      boolean manyToMany = true;
      double distinct = 1;
      for (int i = 0; i < info.leftKeys.size(); i++) {
        double l = Math.min(left, distinctBound(join.getLeft(), info.leftKeys.get(i)));
        double r = Math.min(right, distinctBound(join.getRight(), info.rightKeys.get(i)));
        manyToMany &= l < left && r < right;
        distinct = Math.max(distinct, Math.max(l, r));
      }
      RexNode remaining = info.getRemaining(join.getCluster().getRexBuilder());
      inner = (manyToMany ? left * right / distinct : Math.max(left, right)) * selectivity(remaining);
    }
    switch (join.getJoinType()) {
      case SEMI:
      case ANTI:
        return left;
      case LEFT:
        return Math.max(left, inner);
      case RIGHT:
        return Math.max(right, inner);
      case FULL:
        return Math.max(left + right, inner);
      default:
        return inner;
    }
  }

  /**
   * At most how many distinct values field {@code field} of {@code rel} holds: for a column
   * read from a Parquet file and carried up unchanged, the integer range of the footer's exact
   * minimum and maximum; else infinity.
   */
  private static double distinctBound(RelNode rel, int field) {
    if (rel instanceof BucketTableScan scan) {
      return scan.bucketTable().file() instanceof FileSummary summary
          ? integerRange(summary, scan.projects().get(field))
          : Double.POSITIVE_INFINITY;
    }
    if (rel instanceof BucketScanAggregate fused) {
      return distinctBound(fused.unfused(), field);
    }
    if (rel instanceof BucketJoinAggregate fused) {
      return distinctBound(fused.unfused(), field);
    }
    if (rel instanceof EnumerableCalc calc) {
      RexNode e = calc.getProgram().expandLocalRef(calc.getProgram().getProjectList().get(field));
      return e instanceof RexInputRef ref ? distinctBound(calc.getInput(), ref.getIndex()) : Double.POSITIVE_INFINITY;
    }
    if (rel instanceof Project project) {
      RexNode e = project.getProjects().get(field);
      return e instanceof RexInputRef ref ? distinctBound(project.getInput(), ref.getIndex()) : Double.POSITIVE_INFINITY;
    }
    if (rel instanceof Join join) {
      int leftCount = join.getLeft().getRowType().getFieldCount();
      return field < leftCount
          ? distinctBound(join.getLeft(), field)
          : distinctBound(join.getRight(), field - leftCount);
    }
    if (rel instanceof Aggregate aggregate) {
      return field < aggregate.getGroupCount()
          ? distinctBound(aggregate.getInput(), aggregate.getGroupSet().nth(field))
          : Double.POSITIVE_INFINITY;
    }
    if (rel instanceof Filter || rel instanceof Sort || rel instanceof BucketMemoryGuard
        || rel instanceof BucketGroupGuard) {
      return distinctBound(rel.getInput(0), field);
    }
    return Double.POSITIVE_INFINITY;
  }

  private static double integerRange(FileSummary summary, int column) {
    try {
      Optional<FileSummary.MinMax> minMax = summary.exactMinMax(column);
      if (minMax.isPresent()
          && integral(minMax.get().min())
          && integral(minMax.get().max())) {
        return ((Number) minMax.get().max()).doubleValue()
            - ((Number) minMax.get().min()).doubleValue() + 1;
      }
    } catch (RuntimeException e) {
      // no footer statistics: no bound
    }
    return Double.POSITIVE_INFINITY;
  }

  private static boolean integral(Object value) {
    return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
  }

  private static double limited(double rows, RexNode fetch) {
    if (fetch instanceof RexLiteral literal) {
      Number n = literal.getValueAs(Number.class);
      if (n != null) {
        return Math.min(rows, n.doubleValue());
      }
    }
    return rows;
  }

  private static double selectivity(RexNode condition) {
    return condition == null || condition.isAlwaysTrue() ? 1 : RelMdUtil.guessSelectivity(condition);
  }
}
