/**
 * What {@code DatabaseMetaData} says about BucketSQL tables and columns beyond Calcite's
 * defaults: table and column REMARKS (object key, size, partition columns), plain JDBC type
 * names, and column sizes BI tools can display. Nothing here reads object data; columns are
 * inferred (once per object version) only when a tool asks for them.
 */
package dev.bucketsql.jdbc.meta;
