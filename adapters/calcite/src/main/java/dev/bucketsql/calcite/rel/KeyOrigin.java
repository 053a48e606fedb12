package dev.bucketsql.calcite.rel;

import dev.bucketsql.format.FileSummary;
import java.util.Optional;
import org.apache.calcite.plan.hep.HepRelVertex;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Where a join key comes from, as far as {@link RowEstimates} needs it: the rows of the table
 * whose column it carries unchanged, and at most how many distinct values that column holds
 * (for a Parquet column of integers, the range of the footer's exact minimum and maximum; else
 * unknown, taken as unbounded).
 *
 * @param tableRows the estimated rows of the table the column is read from
 * @param values at most this many distinct values, or infinity when unknown
 */
record KeyOrigin(double tableRows, double values) {
  /**
   * Whether the column can be a key of its table: it can hold as many values as the table has
   * rows (a customer key in customer, not a nation key in customer). An unknown bound counts,
   * so a key of a CSV table is taken for a key.
   */
  boolean canBeUnique() {
    return values >= tableRows;
  }

  /** The origin of field {@code field} of {@code rel}, or null when it is computed or unknown. */
  static @Nullable KeyOrigin of(RelNode rel, int field) {
    if (rel instanceof BucketTableScan scan) {
      int column = scan.projects().get(field);
      double values =
          scan.bucketTable().file() instanceof FileSummary summary
              ? integerRange(summary, column)
              : Double.POSITIVE_INFINITY;
      return new KeyOrigin(Math.max(1D, scan.bucketTable().estimatedRows()), values);
    }
    if (rel instanceof RelSubset subset) {
      return of(subset.getBestOrOriginal(), field);
    }
    if (rel instanceof HepRelVertex vertex) {
      return of(vertex.getCurrentRel(), field);
    }
    if (rel instanceof BucketScanAggregate fused) {
      return of(fused.unfused(), field);
    }
    if (rel instanceof BucketJoinAggregate fused) {
      return of(fused.unfused(), field);
    }
    if (rel instanceof Calc calc) {
      RexNode e = calc.getProgram().expandLocalRef(calc.getProgram().getProjectList().get(field));
      Integer input = carried(e);
      return input == null ? null : of(calc.getInput(), input);
    }
    if (rel instanceof Project project) {
      Integer input = carried(project.getProjects().get(field));
      return input == null ? null : of(project.getInput(), input);
    }
    if (rel instanceof Join join) {
      int leftCount = join.getLeft().getRowType().getFieldCount();
      return field < leftCount ? of(join.getLeft(), field) : of(join.getRight(), field - leftCount);
    }
    if (rel instanceof Aggregate aggregate) {
      // a group key holds the values of its input column: the same origin
      return field < aggregate.getGroupCount()
          ? of(aggregate.getInput(), aggregate.getGroupSet().nth(field))
          : null;
    }
    if (rel instanceof Filter || rel instanceof Sort || rel instanceof BucketMemoryGuard
        || rel instanceof BucketGroupGuard) {
      return of(rel.getInput(0), field);
    }
    return null;
  }

  /**
   * The input field {@code e} carries: a reference, or a cast of one (a key cast to the other
   * side's type keeps its values); else null.
   */
  private static @Nullable Integer carried(RexNode e) {
    if (e instanceof RexCall call && call.getKind() == SqlKind.CAST) {
      e = call.getOperands().get(0);
    }
    return e instanceof RexInputRef ref ? ref.getIndex() : null;
  }

  private static double integerRange(FileSummary summary, int column) {
    try {
      Optional<FileSummary.MinMax> minMax = summary.exactMinMax(column);
      if (minMax.isPresent() && integral(minMax.get().min()) && integral(minMax.get().max())) {
        return ((Number) minMax.get().max()).doubleValue() - ((Number) minMax.get().min()).doubleValue() + 1;
      }
    } catch (RuntimeException e) {
      // no footer statistics: no bound
    }
    return Double.POSITIVE_INFINITY;
  }

  private static boolean integral(Object value) {
    return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
  }
}
