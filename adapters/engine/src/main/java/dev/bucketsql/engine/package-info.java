/**
 * BucketSQL's execution engine: physical operators ({@link dev.bucketsql.engine.Operator}) that
 * pull {@link dev.bucketsql.format.ColumnBatch}es from their inputs and return new ones, with the
 * memory of every operator that holds rows counted against the connection's {@code queryMemory}. It
 * knows nothing of SQL text or of Calcite: the Calcite binding turns an optimized plan into these
 * operators. Sub-packages hold the operators by kind ({@code join}, {@code aggregate}, {@code
 * sort}, {@code expr}), the hash tables ({@code hash}) and memory accounting ({@code memory}); see
 * docs/engine.md.
 */
package dev.bucketsql.engine;
