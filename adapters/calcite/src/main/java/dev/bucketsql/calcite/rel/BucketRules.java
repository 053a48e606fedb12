package dev.bucketsql.calcite.rel;

import java.util.List;
import org.apache.calcite.plan.RelOptRule;

/** The planner rules of BucketSQL tables; {@link BucketTableScan} registers them. */
public final class BucketRules {
  /** Pushes the translatable conjuncts of a filter into the scan below it (the filter stays). */
  public static final BucketFilterRule FILTER = (BucketFilterRule) BucketFilterRule.CONFIG.toRule();

  /** Narrows a scan to the columns the project above it uses. */
  public static final BucketProjectRule PROJECT =
      (BucketProjectRule) BucketProjectRule.CONFIG.toRule();

  /** Narrows a scan to the columns a project and the filter between them use. */
  public static final BucketProjectRule PROJECT_FILTER =
      (BucketProjectRule) BucketProjectRule.THROUGH_FILTER.toRule();

  /** Answers COUNT(*), MIN and MAX without a filter from the file's metadata. */
  public static final BucketAggregateRule AGGREGATE =
      (BucketAggregateRule) BucketAggregateRule.CONFIG.toRule();

  /** Narrows a scan to the columns the aggregate reading it uses (none for COUNT(*)). */
  public static final BucketAggregateColumnsRule AGGREGATE_COLUMNS =
      (BucketAggregateColumnsRule) BucketAggregateColumnsRule.CONFIG.toRule();

  /** Every rule above. */
  public static final List<RelOptRule> ALL =
      List.of(FILTER, PROJECT, PROJECT_FILTER, AGGREGATE, AGGREGATE_COLUMNS);

  private BucketRules() {}
}
