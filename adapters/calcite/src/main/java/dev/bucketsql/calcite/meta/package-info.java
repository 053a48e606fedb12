/**
 * What a DuckDB user and a BI tool's sync ask about the catalog in SQL: DuckDB's type names, {@code
 * information_schema} (schemata, tables, columns, views), and the rows behind {@code DESCRIBE} and
 * {@code SHOW}.
 */
package dev.bucketsql.calcite.meta;
