package dev.bucketsql.calcite.rel;

import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.adapter.enumerable.EnumerableLimitSort;
import org.apache.calcite.adapter.enumerable.EnumerableValues;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepRelVertex;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.Sarg;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How many rows each node of a plan probably produces: to order joins (through {@link
 * EstimatedRowCounts}, which hands these figures to Calcite's planner) and to choose which input of
 * a hash join to hold in memory. Calcite's own estimates are unusable for that: without distinct
 * counts it takes an equi-join as the product of its inputs times 0.15 (9e9 rows for lineitem with
 * part at scale factor 1), so any join below a join looked bigger than any table.
 *
 * <p>The rules, each a plain guess that needs no statistics beyond a table's row count and its
 * Parquet footer:
 *
 * <ul>
 *   <li>a table scan: the table's estimate ({@link
 *       dev.bucketsql.calcite.BucketTable#estimatedRows()}: the Parquet footer's count, a CSV
 *       object's size over an average row); the conjuncts pushed into it count once, in the filter
 *       kept above it;
 *   <li>a filter or a calc with a condition: its input times the condition's selectivity,
 *       multiplied over the conjuncts: an equality of a column with a constant keeps one of the
 *       column's distinct values where they are known ({@link KeyOrigin#distinctValues}: an integer
 *       column's footer range, a Parquet dictionary's size), so {@code r_name = 'AMERICA'} keeps a
 *       fifth of region and {@code p_type = '...'} 1/150 of part; otherwise Calcite's {@link
 *       RelMdUtil#guessSelectivity}: 0.15 an equality, 0.5 a range, 0.25 anything else;
 *   <li>an inner equi-join, per key pair, the smallest over the pairs: when one side's key is a
 *       column that can be unique in its table ({@link KeyOrigin}), the other side times the share
 *       of that table the key side kept (a filtered dimension shrinks the fact it joins); when
 *       neither can be (the footer's integer range of both key columns is smaller than their
 *       tables), the product over the number of key values; when the keys cannot be traced to
 *       columns, the bigger input. A semi- or anti-join: its left input; an outer join: at least
 *       its preserved side; a join without equal keys: the product times the condition's
 *       selectivity;
 *   <li>an aggregate: one row without GROUP BY, else a tenth of its input (at least one row);
 *   <li>a limit: at most its fetch; a union: the sum; anything else with one input: the input;
 *   <li>while planning, a set of equivalent plans: its best plan so far, else its first one; where
 *       that plan takes the set itself as input somewhere below (the planner allows such loops),
 *       another plan of the set ({@link SubsetPath}).
 * </ul>
 */
public final class RowEstimates {
  /** The share of its input rows an aggregate with group keys is taken to produce. */
  private static final double GROUPS_PER_ROW = 0.1;

  private RowEstimates() {}

  /** Rows {@code rel} probably produces (at least 1). */
  public static double rows(RelNode rel) {
    double rows = estimated(rel);
    // NaN: every plan of some set on the way led back into itself
    return Double.isNaN(rows) ? 1D : rows;
  }

  /** Rows {@code rel} probably produces, at least 1, or NaN where the way loops (below). */
  private static double estimated(RelNode rel) {
    return Math.max(1D, estimate(rel)); // keeps NaN
  }

  private static double estimate(RelNode rel) {
    if (rel instanceof BucketTableScan scan) {
      // not the pushed conjuncts: the filter above the scan applies them again
      return scan.bucketTable().estimatedRows();
    }
    if (rel instanceof BucketScanAggregate fused) {
      return estimated(fused.unfused());
    }
    if (rel instanceof BucketJoinAggregate fused) {
      return estimated(fused.unfused());
    }
    if (rel instanceof RelSubset subset) {
      return subset(subset);
    }
    if (rel instanceof HepRelVertex vertex) {
      return estimated(vertex.getCurrentRel());
    }
    if (rel instanceof Calc calc) {
      RexLocalRef condition = calc.getProgram().getCondition();
      double input = estimated(calc.getInput());
      return condition == null
          ? input
          : input * selectivity(calc.getInput(), calc.getProgram().expandLocalRef(condition));
    }
    if (rel instanceof Filter filter) {
      return estimated(filter.getInput()) * selectivity(filter.getInput(), filter.getCondition());
    }
    if (rel instanceof Join join) {
      return join(join);
    }
    if (rel instanceof Aggregate aggregate) {
      return aggregate.getGroupCount() == 0 && aggregate.getGroupType() == Aggregate.Group.SIMPLE
          ? 1
          : estimated(aggregate.getInput()) * GROUPS_PER_ROW;
    }
    if (rel instanceof EnumerableLimit limit) {
      return limited(estimated(limit.getInput()), limit.fetch);
    }
    if (rel instanceof EnumerableLimitSort || rel instanceof Sort) {
      return limited(estimated(rel.getInput(0)), ((Sort) rel).fetch);
    }
    if (rel instanceof Union union) {
      double sum = 0;
      for (RelNode input : union.getInputs()) {
        sum += estimated(input);
      }
      return sum;
    }
    if (rel instanceof SetOp) {
      return estimated(rel.getInput(0));
    }
    if (rel instanceof EnumerableValues || rel instanceof BucketValues) {
      return rel.estimateRowCount(rel.getCluster().getMetadataQuery());
    }
    if (rel instanceof Project || rel instanceof SingleRel) {
      return estimated(rel.getInput(0));
    }
    return rel.estimateRowCount(rel.getCluster().getMetadataQuery());
  }

  /**
   * During planning, a set of equivalent plans: its best plan so far, else the first one
   * registered; where that plan leads back into a set on the way, another of the set's plans. NaN
   * when the set is on the way already, or when every plan of it leads back.
   */
  private static double subset(RelSubset subset) {
    if (!SubsetPath.enter(subset)) {
      return Double.NaN;
    }
    try {
      RelNode best = subset.getBestOrOriginal();
      double rows = estimated(best);
      for (RelNode other : subset.getRels()) {
        if (!Double.isNaN(rows)) {
          break;
        }
        if (other != best) {
          rows = estimated(other);
        }
      }
      return rows;
    } finally {
      SubsetPath.exit(subset);
    }
  }

  private static double join(Join join) {
    double left = estimated(join.getLeft());
    double right = estimated(join.getRight());
    JoinInfo info = join.analyzeCondition();
    double inner;
    if (info.leftKeys.isEmpty()) {
      inner = left * right * selectivity(join, join.getCondition());
    } else {
      // each key pair bounds the result; the most selective one is taken (keys are rarely
      // independent, e.g. a composite key's parts)
      inner = Double.POSITIVE_INFINITY;
      for (int i = 0; i < info.leftKeys.size(); i++) {
        inner =
            Math.min(
                inner,
                keyJoin(
                    left,
                    right,
                    KeyOrigin.of(join.getLeft(), info.leftKeys.get(i)),
                    KeyOrigin.of(join.getRight(), info.rightKeys.get(i))));
      }
      inner *= selectivity(join, info.getRemaining(join.getCluster().getRexBuilder()));
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
   * Rows of an equi-join on one key pair of inputs of {@code left} and {@code right} rows whose
   * keys come from {@code l} and {@code r} (null: not traced to a table column).
   *
   * <p>When one side can be unique on its key (a key of its table: as many possible values as
   * rows), each row of the other side meets at most one of its rows, and only the share of the
   * key's table that side kept (its filters) survives: {@code other * rows / table rows}. So a
   * filtered dimension shrinks the fact it joins, and a dimension that is not filtered keeps the
   * fact's rows. When neither side can be unique (a nation key in customer and in supplier), every
   * pair with equal keys matches: the product over the number of key values. Without origins, the
   * bigger input, as a key joined to a foreign key gives.
   */
  private static double keyJoin(
      double left, double right, @Nullable KeyOrigin l, @Nullable KeyOrigin r) {
    boolean leftKey = l != null && l.canBeUnique();
    boolean rightKey = r != null && r.canBeUnique();
    if (leftKey && (!rightKey || l.tableRows() <= r.tableRows())) {
      return right * Math.min(1D, left / l.tableRows());
    }
    if (rightKey) {
      return left * Math.min(1D, right / r.tableRows());
    }
    if (l != null && r != null) {
      return left
          * right
          / Math.max(1D, Math.max(Math.min(left, l.values()), Math.min(right, r.values())));
    }
    return Math.max(left, right);
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

  /**
   * The share of the rows of {@code input} that {@code condition} (over its fields) keeps: the
   * product over the conjuncts. A conjunct comparing a column for equality with a constant, or with
   * a list of constants ({@code IN}), keeps that many of the column's distinct values ({@link
   * KeyOrigin#distinctValues}: an integer column's footer range, a Parquet dictionary's size); any
   * other conjunct, or a column whose values are unknown, keeps Calcite's guess ({@link
   * RelMdUtil#guessSelectivity}).
   */
  private static double selectivity(RelNode input, @Nullable RexNode condition) {
    if (condition == null || condition.isAlwaysTrue()) {
      return 1;
    }
    double selectivity = 1;
    for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
      selectivity *= conjunctSelectivity(input, conjunct);
    }
    return selectivity;
  }

  private static double conjunctSelectivity(RelNode input, RexNode conjunct) {
    double values = constantsCompared(conjunct);
    if (values > 0 && conjunct instanceof RexCall call) {
      Integer field = KeyOrigin.carried(call.getOperands().get(0));
      if (field == null && conjunct.getKind() == SqlKind.EQUALS) {
        field = KeyOrigin.carried(call.getOperands().get(1));
      }
      double distinct =
          field == null ? Double.POSITIVE_INFINITY : KeyOrigin.distinctValues(input, field);
      if (distinct < Double.POSITIVE_INFINITY) {
        return Math.min(1D, values / Math.max(1D, distinct));
      }
    }
    return RelMdUtil.guessSelectivity(conjunct);
  }

  /**
   * How many constants {@code conjunct} compares a field with for equality: 1 for {@code x = c}
   * (either way round), the points of {@code x IN (c1, c2, ...)} (a search of points without NULL);
   * 0 for anything else.
   */
  private static double constantsCompared(RexNode conjunct) {
    if (!(conjunct instanceof RexCall call) || call.getOperands().size() != 2) {
      return 0;
    }
    RexNode a = call.getOperands().get(0);
    RexNode b = call.getOperands().get(1);
    if (conjunct.getKind() == SqlKind.EQUALS) {
      return constant(a) || constant(b) ? 1 : 0;
    }
    if (conjunct.getKind() == SqlKind.SEARCH && b instanceof RexLiteral literal) {
      Sarg<?> sarg = literal.getValueAs(Sarg.class);
      return sarg != null && sarg.isPoints() && sarg.nullAs == RexUnknownAs.UNKNOWN
          ? sarg.pointCount
          : 0;
    }
    return 0;
  }

  private static boolean constant(RexNode e) {
    return e instanceof RexLiteral || e instanceof RexDynamicParam;
  }
}
