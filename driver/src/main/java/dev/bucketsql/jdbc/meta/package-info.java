/**
 * What {@code DatabaseMetaData} says about BucketSQL tables and columns beyond Calcite's defaults:
 * table and column REMARKS (object key, size, partition columns), plain JDBC type names, column
 * sizes BI tools can display, JDBC column-name patterns, and a getColumns crawl that leaves out
 * (with a warning) a table whose columns cannot be read. Nothing here reads object data; columns
 * are inferred (once per object version) only when a tool asks for them.
 */
package dev.bucketsql.jdbc.meta;
