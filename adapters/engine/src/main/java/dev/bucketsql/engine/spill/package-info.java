/**
 * Spilling: what an operator over its memory limit writes to local disk instead of failing. The
 * settings of a query ({@link dev.bucketsql.engine.spill.SpillSettings}), its spill directory and
 * the bytes it has on disk ({@link dev.bucketsql.engine.spill.SpillSpace}), one file of rows
 * ({@link dev.bucketsql.engine.spill.SpillFile}) and the compact binary form of a row ({@link
 * dev.bucketsql.engine.spill.RowCodec}), and the partitioning by key hash that hash joins and
 * aggregates share ({@link dev.bucketsql.engine.spill.Partitions}).
 */
package dev.bucketsql.engine.spill;
