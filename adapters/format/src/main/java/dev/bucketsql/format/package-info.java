/**
 * What every file format offers the SQL binding: a schema of typed columns and scans that produce
 * rows, counted in the storage layer's I/O statistics.
 */
package dev.bucketsql.format;
