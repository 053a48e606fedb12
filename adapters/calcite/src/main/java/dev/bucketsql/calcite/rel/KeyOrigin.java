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
 * Where a join key comes from, as far as {@link RowEstimates} needs it: the rows of the table whose
 * column it carries unchanged, and at most how many distinct values that column holds (for a
 * Parquet column of integers, the range of the footer's exact minimum and maximum; else unknown,
 * taken as unbounded).
 *
 * @param tableRows the estimated rows of the table the column is read from
 * @param values at most this many distinct values, or infinity when unknown
 */
record KeyOrigin(double tableRows, double values) {
  /**
   * Whether the column can be a key of its table: it can hold as many values as the table has rows
   * (a customer key in customer, not a nation key in customer). An unknown bound counts, so a key
   * of a CSV table is taken for a key.
   */
  boolean canBeUnique() {
    return values >= tableRows;
  }

  /** The origin of field {@code field} of {@code rel}, or null when it is computed or unknown. */
  static @Nullable KeyOrigin of(RelNode rel, int field) {
    ScanColumn origin = column(rel, field);
    if (origin == null) {
      return null;
    }
    double values =
        origin.scan().bucketTable().file() instanceof FileSummary summary
            ? integerRange(summary, origin.column())
            : Double.POSITIVE_INFINITY;
    return new KeyOrigin(Math.max(1D, origin.scan().bucketTable().estimatedRows()), values);
  }

  /**
   * About how many distinct values field {@code field} of {@code rel} holds, when it carries a
   * table column unchanged: the integer range of an integer column's footer statistics, else the
   * format's estimate (a Parquet dictionary), else infinity (unknown). For the selectivity of an
   * equality with a constant, so it is asked only for columns a filter compares.
   */
  static double distinctValues(RelNode rel, int field) {
    ScanColumn origin = column(rel, field);
    if (origin == null || !(origin.scan().bucketTable().file() instanceof FileSummary summary)) {
      return Double.POSITIVE_INFINITY;
    }
    double range = integerRange(summary, origin.column());
    if (range < Double.POSITIVE_INFINITY) {
      return range;
    }
    try {
      return summary.estimatedDistinctValues(origin.column()).orElse(Double.POSITIVE_INFINITY);
    } catch (RuntimeException e) {
      // an estimate only
      return Double.POSITIVE_INFINITY;
    }
  }

  /** A column of a table scan. */
  private record ScanColumn(BucketTableScan scan, int column) {}

  /** The scan column field {@code field} of {@code rel} carries unchanged, or null. */
  private static @Nullable ScanColumn column(RelNode rel, int field) {
    if (rel instanceof BucketTableScan scan) {
      return new ScanColumn(scan, scan.projects().get(field));
    }
    if (rel instanceof RelSubset subset) {
      if (!SubsetPath.enter(subset)) {
        return null; // a plan of the set takes the set as its input: no origin that way
      }
      try {
        return column(subset.getBestOrOriginal(), field);
      } finally {
        SubsetPath.exit(subset);
      }
    }
    if (rel instanceof HepRelVertex vertex) {
      return column(vertex.getCurrentRel(), field);
    }
    if (rel instanceof BucketScanAggregate fused) {
      return column(fused.unfused(), field);
    }
    if (rel instanceof BucketJoinAggregate fused) {
      return column(fused.unfused(), field);
    }
    if (rel instanceof Calc calc) {
      RexNode e = calc.getProgram().expandLocalRef(calc.getProgram().getProjectList().get(field));
      Integer input = carried(e);
      return input == null ? null : column(calc.getInput(), input);
    }
    if (rel instanceof Project project) {
      Integer input = carried(project.getProjects().get(field));
      return input == null ? null : column(project.getInput(), input);
    }
    if (rel instanceof Join join) {
      int leftCount = join.getLeft().getRowType().getFieldCount();
      return field < leftCount
          ? column(join.getLeft(), field)
          : column(join.getRight(), field - leftCount);
    }
    if (rel instanceof Aggregate aggregate) {
      // a group key holds the values of its input column: the same origin
      return field < aggregate.getGroupCount()
          ? column(aggregate.getInput(), aggregate.getGroupSet().nth(field))
          : null;
    }
    if (rel instanceof Filter
        || rel instanceof Sort
        || rel instanceof BucketMemoryGuard
        || rel instanceof BucketGroupGuard) {
      return column(rel.getInput(0), field);
    }
    return null;
  }

  /**
   * The input field {@code e} carries: a reference, or a cast of one (a key cast to the other
   * side's type keeps its values); else null.
   */
  static @Nullable Integer carried(RexNode e) {
    if (e instanceof RexCall call && call.getKind() == SqlKind.CAST) {
      e = call.getOperands().get(0);
    }
    return e instanceof RexInputRef ref ? ref.getIndex() : null;
  }

  private static double integerRange(FileSummary summary, int column) {
    try {
      Optional<FileSummary.MinMax> minMax = summary.exactMinMax(column);
      if (minMax.isPresent() && integral(minMax.get().min()) && integral(minMax.get().max())) {
        return ((Number) minMax.get().max()).doubleValue()
            - ((Number) minMax.get().min()).doubleValue()
            + 1;
      }
    } catch (RuntimeException e) {
      // no footer statistics: no bound
    }
    return Double.POSITIVE_INFINITY;
  }

  private static boolean integral(Object value) {
    return value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte;
  }
}
