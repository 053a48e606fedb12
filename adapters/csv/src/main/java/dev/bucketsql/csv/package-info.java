/**
 * CSV objects read as tables: {@link dev.bucketsql.csv.CsvDataFile} streams an object through the
 * storage seam (gzip and Zstandard decompressed on the way; large plain objects in parallel ranged
 * reads verified against each other), sniffs its dialect, header and column types from a sample at
 * its head, and fails with the key and line of any record it cannot read faithfully, unless a
 * lenient or skipping mode reports what it stepped over to a {@link
 * dev.bucketsql.csv.CsvRejectLog}. UTF-8 and single-byte objects are parsed straight from their
 * bytes, decoding only the projected fields; objects in other charsets (UTF-16, Shift_JIS, ...) are
 * transcoded to UTF-8 as they stream and parsed the same way. {@link dev.bucketsql.csv.CsvSettings}
 * reads the options from text settings (JDBC keys).
 */
package dev.bucketsql.csv;
