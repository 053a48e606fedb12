/**
 * Parquet objects read as tables through the storage seam, without Hadoop: {@link
 * dev.bucketsql.parquet.ParquetDataFile} maps a file's schema to SQL column types and scans only
 * the projected column chunks, in few ranged requests, with footers cached per object version in a
 * {@link dev.bucketsql.parquet.ParquetFooterCache}.
 */
package dev.bucketsql.parquet;
