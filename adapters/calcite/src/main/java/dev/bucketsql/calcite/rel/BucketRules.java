package dev.bucketsql.calcite.rel;

import java.util.List;
import org.apache.calcite.plan.RelOptRule;

/** The planner rules of BucketSQL tables; {@link BucketTableScan} registers them. */
public final class BucketRules {
  /** Pushes the translatable conjuncts of a filter into the scan below it (the filter stays). */
  public static final BucketFilterRule FILTER = new BucketFilterRule();

  /** Narrows a scan to the columns the project above it uses. */
  public static final BucketProjectRule PROJECT = new BucketProjectRule(false);

  /** Narrows a scan to the columns a project and the filter between them use. */
  public static final BucketProjectRule PROJECT_FILTER = new BucketProjectRule(true);

  /** Answers COUNT(*), MIN and MAX without a filter from the file's metadata. */
  public static final BucketAggregateRule AGGREGATE = new BucketAggregateRule();

  /** Narrows a scan to the columns the aggregate reading it uses (none for COUNT(*)). */
  public static final BucketAggregateColumnsRule AGGREGATE_COLUMNS =
      new BucketAggregateColumnsRule();

  /** Every rule above. */
  public static final List<RelOptRule> ALL =
      List.of(FILTER, PROJECT, PROJECT_FILTER, AGGREGATE, AGGREGATE_COLUMNS);

  private BucketRules() {}
}
