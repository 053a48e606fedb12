/**
 * Morsel-driven parallelism: an {@link dev.bucketsql.engine.parallel.Exchange} runs copies of a
 * pipeline fragment (a scan piece, its filters and projections, a partial aggregate) on several
 * threads, each pulling the next piece of the scan, and hands their batches to the consumer in
 * piece order; {@link dev.bucketsql.engine.parallel.ParallelAggregate} merges partial aggregates
 * into the exact answer of one thread. It knows column batches, not Calcite or file formats: a
 * {@link dev.bucketsql.engine.parallel.Fragment} says how to build the operators of one piece.
 */
package dev.bucketsql.engine.parallel;
