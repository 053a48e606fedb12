/**
 * Window functions ({@code OVER}) over column batches: {@link dev.bucketsql.engine.window.Window}
 * sorts its input by partition and order keys and computes ranks and aggregates over each row's
 * frame in one pass.
 */
package dev.bucketsql.engine.window;
