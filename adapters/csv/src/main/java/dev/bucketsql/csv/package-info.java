/**
 * CSV objects read as tables: {@link dev.bucketsql.csv.CsvDataFile} streams an object through the
 * storage seam, sniffs its dialect and infers column types from a sample at its head, and fails
 * with the key and line of any record it cannot read faithfully.
 */
package dev.bucketsql.csv;
