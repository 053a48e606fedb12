package dev.bucketsql.parquet;

/**
 * How a Parquet object is fetched: sizes that trade request count against bytes fetched, and the
 * memory a scan may hold ahead of its consumer.
 *
 * @param footerReadBytes bytes read from the end of the object in the first request, to get the
 *     footer in one round trip; a longer footer costs exactly one more request
 * @param readAheadBytes smallest request made for reads outside the planned column chunks
 *     (parquet-java makes many tiny reads; they are served from this buffer)
 * @param maxMergeGapBytes projected column chunks closer than this are fetched in one request,
 *     reading and discarding the gap: a request costs more than a short gap
 * @param prefetchPieceBytes the planned ranges are fetched in pieces of at most this size, one
 *     ranged GET each, several at once
 * @param prefetchBudgetBytes bytes a scan may hold fetched (or in flight) ahead of its consumer; 0
 *     turns prefetching off (each planned range is then read sequentially when reached, one request
 *     per merged range)
 */
public record ParquetReaderConfig(
    int footerReadBytes,
    int readAheadBytes,
    int maxMergeGapBytes,
    int prefetchPieceBytes,
    long prefetchBudgetBytes) {
  /**
   * 64 KiB footer read, 64 KiB read-ahead, chunks merged across gaps up to 512 KiB, prefetch in 8
   * MiB pieces within 64 MiB per scan.
   */
  public static final ParquetReaderConfig DEFAULTS =
      new ParquetReaderConfig(64 << 10, 64 << 10, 512 << 10, 8 << 20, 64L << 20);

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
    if (prefetchPieceBytes < 1) {
      throw new IllegalArgumentException(
          "prefetchPieceBytes must be positive: " + prefetchPieceBytes);
    }
    if (prefetchBudgetBytes < 0) {
      throw new IllegalArgumentException(
          "prefetchBudgetBytes must not be negative: " + prefetchBudgetBytes);
    }
  }

  /** The given fetch sizes with the default prefetch settings. */
  public ParquetReaderConfig(int footerReadBytes, int readAheadBytes, int maxMergeGapBytes) {
    this(footerReadBytes, readAheadBytes, maxMergeGapBytes, 8 << 20, 64L << 20);
  }

  /** This configuration with another prefetch piece size and budget (0 turns it off). */
  public ParquetReaderConfig withPrefetch(int pieceBytes, long budgetBytes) {
    return new ParquetReaderConfig(
        footerReadBytes, readAheadBytes, maxMergeGapBytes, pieceBytes, budgetBytes);
  }
}
