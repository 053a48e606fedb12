/**
 * A differential SQL fuzzer: random typed queries over the sample data and edge-case tables, run
 * through BucketSQL (pushdown and fused operators on and off) and DuckDB over the same files;
 * differences in rows, values, column type classes or errors are reduced to a minimal query and
 * sorted into known differences ({@link dev.bucketsql.fuzz.KnownDifferences}) and new ones. {@link
 * dev.bucketsql.fuzz.FuzzMain} runs a campaign ({@code bench/run fuzz}).
 */
package dev.bucketsql.fuzz;
