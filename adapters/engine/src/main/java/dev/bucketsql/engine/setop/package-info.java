/**
 * Set operations over column batches: {@code UNION ALL} ({@link
 * dev.bucketsql.engine.setop.UnionAll}, the inputs' batches one input after the other), and {@code
 * UNION}, {@code INTERSECT} and {@code EXCEPT} with and without {@code ALL} ({@link
 * dev.bucketsql.engine.setop.SetOperation}), which count each distinct row per input in a {@code
 * HashAggregate} and so hold their rows within the operator's memory limit and spill past it.
 */
package dev.bucketsql.engine.setop;
