/**
 * The query engine settings of BucketSQL connections: the SQL surface users from DuckDB and
 * PostgreSQL expect (keywords as column names, fractional AVG, {@code date_trunc}, DuckDB's
 * quantiles and {@code PERCENTILE_CONT ... WITHIN GROUP}, string casts to integers that round,
 * struct fields by subscript {@code s['f']}, DuckDB's string, regular expression, epoch and {@code
 * strptime} functions), short error messages that name the construct and its position, a planner
 * without merge joins, and a per-connection plan cache. See docs/sql.md.
 */
package dev.bucketsql.calcite.engine;
