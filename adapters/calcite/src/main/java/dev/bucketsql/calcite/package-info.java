/** Binds storage and formats to SQL: the bucket as a Calcite schema, data files as tables. */
package dev.bucketsql.calcite;
