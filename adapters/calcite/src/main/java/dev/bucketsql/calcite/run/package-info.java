/**
 * Runs parts of an optimized Calcite plan on BucketSQL's execution engine ({@code
 * dev.bucketsql.engine}): {@link dev.bucketsql.calcite.run.EnginePlanner} replaces, after Calcite's
 * optimizer and {@link dev.bucketsql.calcite.rel.BucketPlanRewriter}, the enumerable nodes the
 * engine computes exactly with engine nodes ({@code EngineScan}, {@code EngineFilter}, {@code
 * EngineProject}, {@code EngineHashJoin}, {@code EngineHashAggregate}, {@code EngineSort}, {@code
 * EngineTopN}, {@code EngineLimit}, {@code EngineWindow}, {@code EngineUnion}, {@code
 * EngineIntersect}, {@code EngineExcept}); the topmost engine node of each subtree generates the
 * code that builds the operator tree and turns its batches into rows, and an enumerable subtree
 * under an engine node feeds it through {@link dev.bucketsql.calcite.run.EngineRowSource}.
 */
package dev.bucketsql.calcite.run;
