package dev.bucketsql.csv;

/**
 * One problem a lenient or skipping scan stepped over instead of failing.
 *
 * @param key the object key
 * @param line the physical line (1-based) where the record starts
 * @param kind {@code SKIPPED} for a malformed record left out, {@code NULLED} for a value read as
 *     NULL because it does not fit its column's type
 * @param column the column of a nulled value, or null for a skipped record
 * @param reason what was wrong, as the strict mode's error would say it
 */
public record CsvReject(String key, long line, Kind kind, String column, String reason) {
  /** What was done with the bad input. */
  public enum Kind {
    /** A malformed record was skipped ({@code skipMalformed}). */
    SKIPPED,
    /** A value that does not fit its type was read as NULL ({@code lenient}). */
    NULLED
  }

  /** This reject moved down by {@code lines} lines (a split's first line in the object). */
  CsvReject shifted(long lines) {
    return new CsvReject(key, line + lines, kind, column, reason);
  }

  @Override
  public String toString() {
    return "CSV object '"
        + key
        + "' line "
        + line
        + (column == null ? "" : ", column '" + column + "'")
        + ": "
        + (kind == Kind.SKIPPED ? "record skipped: " : "value read as NULL: ")
        + reason;
  }
}
