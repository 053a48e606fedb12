package dev.bucketsql.fuzz;

import java.util.Map;
import java.util.TreeMap;

/** What a campaign ran: queries, how each ended, findings by category. */
final class Stats {
  int queries;
  int bothAnswered;
  int bothFailed;
  int skipped;
  int findings;
  int reductionRuns;
  final Map<String, Integer> known = new TreeMap<>();
  final Map<String, Integer> unknown = new TreeMap<>();

  /** Counts how the default configuration and DuckDB ended. */
  void observe(Outcome bucket, Outcome duck) {
    queries++;
    if (bucket.skipped() || duck.skipped()) {
      skipped++;
    } else if (bucket.failed() && duck.failed()) {
      bothFailed++;
    } else if (!bucket.failed() && !duck.failed()) {
      bothAnswered++;
    }
  }
}
