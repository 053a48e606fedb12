package dev.bucketsql.parquet;

/**
 * How a Parquet object is fetched: sizes that trade request count against bytes fetched.
 *
 * @param footerReadBytes bytes read from the end of the object in the first request, to get
 *     the footer in one round trip; a longer footer costs exactly one more request
 * @param readAheadBytes smallest request made for reads outside the planned column chunks
 *     (parquet-java makes many tiny reads; they are served from this buffer)
 * @param maxMergeGapBytes projected column chunks of a row group closer than this are fetched
 *     in one request, reading and discarding the gap: a request costs more than a short gap
 */
public record ParquetReaderConfig(int footerReadBytes, int readAheadBytes, int maxMergeGapBytes) {
  /** 64 KiB footer read, 64 KiB read-ahead, chunks merged across gaps up to 512 KiB. */
  public static final ParquetReaderConfig DEFAULTS =
      new ParquetReaderConfig(64 << 10, 64 << 10, 512 << 10);

  /** Checks the sizes. */
  public ParquetReaderConfig {
    if (footerReadBytes < 8) {
      throw new IllegalArgumentException("footerReadBytes must be at least 8: " + footerReadBytes);
    }
    if (readAheadBytes < 1) {
      throw new IllegalArgumentException("readAheadBytes must be positive: " + readAheadBytes);
    }
    if (maxMergeGapBytes < 0) {
      throw new IllegalArgumentException(
          "maxMergeGapBytes must not be negative: " + maxMergeGapBytes);
    }
  }
}
