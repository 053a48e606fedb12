/**
 * Page compression for Parquet without Hadoop: a {@link
 * org.apache.parquet.compression.CompressionCodecFactory} (the JDK's deflate for GZIP,
 * aircompressor for ZSTD and LZ4_RAW, Snappy's native decoder through snappy-java for SNAPPY where
 * it loads and aircompressor elsewhere), usable by parquet-java's reader and writer alike. See
 * {@link dev.bucketsql.parquet.codec.ParquetCodecFactory}.
 */
package dev.bucketsql.parquet.codec;
