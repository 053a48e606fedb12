/**
 * Hash aggregation: {@link dev.bucketsql.engine.aggregate.HashAggregate} groups its input by any
 * key columns and computes the {@link dev.bucketsql.engine.aggregate.AggregateCall}s of each group;
 * {@link dev.bucketsql.engine.aggregate.GroupingSetsAggregate} does so for several grouping sets in
 * one pass over its input.
 */
package dev.bucketsql.engine.aggregate;
