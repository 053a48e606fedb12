package dev.bucketsql.csv;

/**
 * Records of one sequential read of CSV text, as field text: {@link CsvByteRecordReader}, and in
 * tests the former decoder + univocity reader it is checked against.
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
