/**
 * Subplans computed once for several consumers: a {@link dev.bucketsql.engine.shared.SharedResult}
 * reads its input once and hands every batch to each of its readers, in any order and on any
 * thread, holding its batches within the query's memory limit and spilling the rest. The Calcite
 * binding uses it where one plan holds the same subtree twice (a view or common table expression
 * named twice); see docs/engine.md.
 */
package dev.bucketsql.engine.shared;
