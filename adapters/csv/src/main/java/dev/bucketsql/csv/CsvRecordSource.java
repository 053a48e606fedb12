package dev.bucketsql.csv;

/**
 * Records of one sequential read of CSV text, as field text. Two implementations: {@link
 * CsvByteRecordReader} (UTF-8, straight from bytes: the hot path) and {@link CsvRecordReader}
 * (any ASCII-compatible charset, through a decoder and univocity).
 */
interface CsvRecordSource extends AutoCloseable {
  /**
   * The next record's fields, or null at the end. Fields not selected are null; the array may be
   * reused by the next call.
   */
  String[] next();

  /** The physical line (1-based, counting the header) where the last record returned starts. */
  long recordLine();

  @Override
  void close();
}
