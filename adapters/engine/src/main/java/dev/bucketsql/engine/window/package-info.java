/**
 * Window functions ({@code OVER}) over column batches: {@link dev.bucketsql.engine.window.Window}
 * sorts its input by partition and order keys and, in one pass, computes ranks, NTILE, LAG, LEAD,
 * FIRST_VALUE, LAST_VALUE and aggregates over each row's frame, holding only the rows of the
 * partition those functions still need.
 */
package dev.bucketsql.engine.window;
