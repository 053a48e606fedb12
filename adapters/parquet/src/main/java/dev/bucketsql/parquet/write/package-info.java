/**
 * Writing Parquet files without Hadoop, for test data and sample data sets: parquet-java's writer
 * configured with a plain configuration and {@link
 * dev.bucketsql.parquet.codec.ParquetCodecFactory}.
 */
package dev.bucketsql.parquet.write;
