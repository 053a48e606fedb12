package dev.bucketsql.csv;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one scan stepped over in lenient or skipping mode: every reject goes to the connection's
 * {@link CsvRejectLog}, and when the scan ends a warning sums them up with the first one's line.
 */
final class CsvScanReport {
  private static final Logger LOG = LoggerFactory.getLogger(CsvScanReport.class);

  private final String key;
  private final CsvRejectLog log;
  private final CsvScanReport parent;
  private long skipped;
  private long nulled;
  private CsvReject first;
  private boolean finished;

  CsvScanReport(String key, CsvRejectLog log) {
    this(key, log, null);
  }

  private CsvScanReport(String key, CsvRejectLog log, CsvScanReport parent) {
    this.key = key;
    this.log = log;
    this.parent = parent;
  }

  /** A report for part of this scan: adds go here, finishing is left to this one. */
  CsvScanReport part() {
    return new CsvScanReport(key, log, this);
  }

  /** Records {@code reject}. */
  synchronized void add(CsvReject reject) {
    if (parent != null) {
      parent.add(reject);
      return;
    }
    if (first == null) {
      first = reject;
    }
    if (reject.kind() == CsvReject.Kind.SKIPPED) {
      skipped++;
    } else {
      nulled++;
    }
    log.add(reject);
  }

  /** Records {@code rejects}, moved down by {@code lines} lines. */
  void addAll(List<CsvReject> rejects, long lines) {
    for (CsvReject r : rejects) {
      add(lines == 0 ? r : r.shifted(lines));
    }
  }

  synchronized long skipped() {
    return skipped;
  }

  synchronized long nulled() {
    return nulled;
  }

  /** Logs the summary once, if anything was stepped over. */
  synchronized void finish() {
    if (finished || parent != null) {
      return;
    }
    finished = true;
    if (skipped > 0 || nulled > 0) {
      LOG.warn(
          "CSV object '{}': skipped {} malformed records, read {} values as NULL; first: {}"
              + " (all of them: table bucketsql.csv_rejects)",
          key,
          skipped,
          nulled,
          first);
    }
  }

  /** Closes {@code resource}, turning checked exceptions into unchecked ones. */
  static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
