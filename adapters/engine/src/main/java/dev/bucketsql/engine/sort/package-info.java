/**
 * Ordering: {@link dev.bucketsql.engine.sort.Sort} (ORDER BY, stable), {@link
 * dev.bucketsql.engine.sort.TopN} (ORDER BY with OFFSET/FETCH in a bounded heap) and {@link
 * dev.bucketsql.engine.sort.Limit} (OFFSET/FETCH without order).
 */
package dev.bucketsql.engine.sort;
