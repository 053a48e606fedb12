/**
 * Page compression for Parquet without Hadoop: a {@link
 * org.apache.parquet.compression.CompressionCodecFactory} in pure Java (the JDK's deflate for GZIP,
 * aircompressor for SNAPPY, ZSTD and LZ4_RAW), usable by parquet-java's reader and writer alike.
 * See {@link dev.bucketsql.parquet.codec.ParquetCodecFactory}.
 */
package dev.bucketsql.parquet.codec;
