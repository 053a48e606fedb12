/**
 * Hash aggregation: {@link dev.bucketsql.engine.aggregate.HashAggregate} groups its input by any
 * key columns and computes the {@link dev.bucketsql.engine.aggregate.AggregateCall}s of each group;
 * {@link dev.bucketsql.engine.aggregate.GroupingSetsAggregate} does so for several grouping sets in
 * one pass over its input. Besides the fixed-size accumulators, {@code STRING_AGG} and the SQL
 * layer's folds ({@link dev.bucketsql.engine.aggregate.GroupFold}: the quantiles) hold their
 * groups' values, reserved in the aggregate's memory budget as they grow.
 */
package dev.bucketsql.engine.aggregate;
