package dev.bucketsql.format;

/**
 * What a scan skipped without reading it, in the format's own units (row groups for Parquet, the
 * whole object for a format that cannot skip).
 *
 * @param total units in the object
 * @param skippedByStatistics units ruled out by min/max and null-count statistics
 * @param skippedByDictionary units ruled out because no dictionary value can match
 * @param skippedByBloomFilter units ruled out by a bloom filter
 * @param read units whose data the scan has fetched so far
 */
public record PruningStats(
    int total,
    int skippedByStatistics,
    int skippedByDictionary,
    int skippedByBloomFilter,
    int read) {
  /** Nothing known yet. */
  public static final PruningStats NONE = new PruningStats(0, 0, 0, 0, 0);

  /** Units left after pruning: the most a scan can read. */
  public int kept() {
    return total - skippedByStatistics - skippedByDictionary - skippedByBloomFilter;
  }

  /** Units skipped, by any means. */
  public int skipped() {
    return total - kept();
  }

  @Override
  public String toString() {
    return kept()
        + "/"
        + total
        + " kept (skipped: "
        + skippedByStatistics
        + " by statistics, "
        + skippedByDictionary
        + " by dictionary, "
        + skippedByBloomFilter
        + " by bloom filter), "
        + read
        + " read";
  }
}
