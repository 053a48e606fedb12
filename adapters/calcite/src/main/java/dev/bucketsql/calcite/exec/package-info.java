/**
 * Run-time pieces of BucketSQL's fused operators: {@link
 * dev.bucketsql.calcite.exec.JoinAggregateExec} evaluates an aggregate over an inner equi-join of
 * two table scans with a primitive hash table on the smaller input and per-group accumulators,
 * reading both scans column by column ({@link dev.bucketsql.format.ColumnBatch}) instead of one
 * {@code Object[]} per row; {@link dev.bucketsql.calcite.exec.ScanAggregateExec} aggregates one
 * table scan the same way. The planner side is {@link
 * dev.bucketsql.calcite.rel.BucketJoinAggregate} and {@link
 * dev.bucketsql.calcite.rel.BucketScanAggregate}.
 *
 * <p>Also the memory bounds of a query's operators (their limit read from the connection by {@link
 * dev.bucketsql.calcite.exec.ConnectionMemory}; the limit, the error and the counting live in the
 * engine module, {@code dev.bucketsql.engine.memory}): the fused operators count their build side
 * and groups themselves; {@link dev.bucketsql.calcite.exec.HeldRows} and {@link
 * dev.bucketsql.calcite.exec.HeldGroups} count what Calcite's joins, sorts, windows and aggregates
 * hold, for the guards the planner side puts over them, and {@link
 * dev.bucketsql.calcite.exec.HeldSets} runs Calcite's hash set operations (UNION, EXCEPT,
 * INTERSECT) counting the distinct rows they hold. {@link dev.bucketsql.calcite.exec.MarkJoins}
 * runs a semi- or anti-join holding its left input.
 */
package dev.bucketsql.calcite.exec;
