package dev.bucketsql.engine.join;

/**
 * The joins {@link HashJoin} runs. Keys are compared with SQL's {@code =}: a NULL key never
 * matches.
 */
public enum JoinType {
  /** Matching pairs; output: left columns, right columns. */
  INNER,
  /** Matching pairs and each unmatched left row with NULLs for the right columns. */
  LEFT,
  /** Matching pairs and each unmatched right row with NULLs for the left columns. */
  RIGHT,
  /** LEFT and RIGHT together. */
  FULL,
  /** Each left row that has a match, once ({@code EXISTS}, {@code IN}); output: left columns. */
  SEMI,
  /**
   * Each left row that has no match, a row with a NULL key included ({@code NOT EXISTS}); output:
   * left columns. {@code NOT IN} is not this: it needs {@link #MARK}'s NULL.
   */
  ANTI,
  /**
   * Each left row once, with a BOOLEAN column after the left columns: SQL's {@code key IN (right
   * keys)}, TRUE when a right row matches; NULL when none matches but one might (a right key is
   * NULL, or the left key is NULL and the right side has rows; for several columns: some right row
   * differs from the left row on no column where both are non-null); else FALSE. The right side
   * must be the one built.
   */
  MARK;

  /** Whether the output has the right side's columns. */
  public boolean outputsRight() {
    return this == INNER || this == LEFT || this == RIGHT || this == FULL;
  }
}
