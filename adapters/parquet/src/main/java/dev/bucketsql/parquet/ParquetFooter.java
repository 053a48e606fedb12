package dev.bucketsql.parquet;

import static java.util.Objects.requireNonNull;

import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * A decoded and checked footer of one object version, with its columns mapped to SQL types:
 * everything a scan needs before it fetches data.
 *
 * @param metadata the footer as parquet-java decodes it
 * @param footerStart byte offset where the footer begins; column data lies before it
 * @param mapping the file's top-level fields as SQL columns
 * @param indexStart byte offset of {@code indexBytes}
 * @param indexBytes the bytes between the data and the footer (bloom filters, column and offset
 *     indexes) when the footer's tail read already covered them, else empty: scans then read page
 *     indexes and bloom filters without a request
 */
record ParquetFooter(
    ParquetMetadata metadata,
    long footerStart,
    ParquetSchemaMapping mapping,
    long indexStart,
    byte[] indexBytes) {
  ParquetFooter {
    requireNonNull(metadata, "metadata is null");
    requireNonNull(mapping, "mapping is null");
    requireNonNull(indexBytes, "indexBytes is null");
  }

  /** Rows in the file, from the row-group row counts. */
  long rowCount() {
    long rows = 0;
    for (var block : metadata.getBlocks()) {
      rows += block.getRowCount();
    }
    return rows;
  }
}
