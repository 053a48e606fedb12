/**
 * Hash aggregation: {@link dev.bucketsql.engine.aggregate.HashAggregate} groups its input by any
 * key columns and computes the {@link dev.bucketsql.engine.aggregate.AggregateCall}s of each group.
 */
package dev.bucketsql.engine.aggregate;
