package dev.bucketsql.fuzz;

import java.util.List;
import java.util.function.Predicate;

/**
 * The differences from DuckDB the fuzzer expects, each narrowed by a predicate over the finding,
 * with its reason; the same list is in docs/sql.md ("Differences from DuckDB found by the
 * fuzzer"). An open bug is a wrong or missing BucketSQL behaviour to fix, listed so the
 * fixed-seed run passes meanwhile: remove it with the fix.
 */
final class KnownDifferences {
  /**
   * One known difference.
   *
   * @param id a short name, shown in the summary
   * @param openBug whether it is a BucketSQL bug to fix (else an accepted difference)
   * @param reason why it differs
   * @param matches whether a finding is this difference
   */
  record Known(String id, boolean openBug, String reason, Predicate<Finding> matches) {}

  static final List<Known> ALL = List.of();

  private KnownDifferences() {}

  /** The known difference {@code finding} is, or null. */
  static Known match(Finding finding) {
    for (Known k : ALL) {
      if (k.matches().test(finding)) {
        return k;
      }
    }
    return null;
  }
}
