/**
 * The engine's hash tables: {@link dev.bucketsql.engine.hash.JoinIndex} (a {@code long} join key to
 * chains of build rows, no boxing) with {@link dev.bucketsql.engine.hash.IndexProbe} (its lookups a
 * probe batch at a time), {@link dev.bucketsql.engine.hash.LongKeyTable} (a {@code long} key to a
 * dense number) and {@link dev.bucketsql.engine.hash.KeyTable} (keys of one or more columns of any
 * type to dense numbers), used by the hash join and the hash aggregate and by the fused operators
 * of the Calcite binding.
 */
package dev.bucketsql.engine.hash;
