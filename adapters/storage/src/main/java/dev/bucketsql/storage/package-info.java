/**
 * The object-store seam: listing, metadata, positional and streaming reads of immutable objects,
 * with request and byte counters. Formats read through it; it knows nothing of SQL.
 */
package dev.bucketsql.storage;
