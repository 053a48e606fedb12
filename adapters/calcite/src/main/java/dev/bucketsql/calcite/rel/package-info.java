/**
 * The planner side of BucketSQL tables: {@link dev.bucketsql.calcite.rel.BucketTableScan}, an
 * enumerable scan that carries its projected columns and pushed filter conjuncts (and shows them in
 * {@code EXPLAIN}), and the rules in {@link dev.bucketsql.calcite.rel.BucketRules} that push
 * projections and filters into it and answer footer-only aggregates; and the fused aggregates and
 * memory guards ({@link dev.bucketsql.calcite.rel.BucketMemoryGuard}, {@link
 * dev.bucketsql.calcite.rel.BucketGroupGuard}, {@link dev.bucketsql.calcite.rel.BucketSetGuard})
 * {@link dev.bucketsql.calcite.rel.BucketPlanRewriter} puts in the chosen plan, with {@link
 * dev.bucketsql.calcite.rel.BucketMarkJoin}, a semi-join that holds its smaller left input. The row
 * estimates behind join order and build sides are handed to Calcite's planner by {@link
 * dev.bucketsql.calcite.rel.EstimatedRowCounts} and {@link
 * dev.bucketsql.calcite.rel.EstimatedJoinOrder}.
 */
package dev.bucketsql.calcite.rel;
