package dev.bucketsql.engine.memory;

/**
 * The operators whose memory BucketSQL bounds, each with what it holds, the setting that bounds it
 * and what the user can do when it needs more: the words of {@link MemoryLimitExceededException}.
 */
public enum HeldBy {
  /** The in-memory side of a join: the rows of one input, keyed by the join key. */
  JOIN("join", "rows", " or filter that table more"),
  /** A sort without a limit: every row of its input. */
  SORT("sort (ORDER BY)", "rows", ", add a LIMIT or filter more"),
  /**
   * A window (OVER): Calcite's holds every row of its input with its window values; the engine's
   * sorts its input by partition and order keys and holds one partition or group of peers.
   */
  WINDOW("window (OVER)", "rows", " or filter more"),
  /**
   * An aggregate: one entry per group, and the values of calls that keep them (median, LISTAGG).
   */
  AGGREGATE("aggregate (GROUP BY or DISTINCT)", "groups", ", group by fewer values or filter more"),
  /** A {@code UNION} without {@code ALL}: the distinct rows of all its inputs. */
  UNION(
      "set operation (UNION)",
      "distinct rows",
      ", use UNION ALL if duplicates may stay, or filter more"),
  /**
   * An {@code EXCEPT} (with or without {@code ALL}): the distinct rows of its first input
   * (Calcite's hash sets), or of all its inputs (the engine's {@code SetOperation}).
   */
  EXCEPT("set operation (EXCEPT)", "distinct rows", " or filter the first query more"),
  /**
   * An {@code INTERSECT} (with or without {@code ALL}): the distinct rows of its second input
   * (Calcite's hash sets), or of all its inputs (the engine's {@code SetOperation}).
   */
  INTERSECT("set operation (INTERSECT)", "distinct rows", " or filter the second query more"),
  /**
   * A subplan the query uses more than once (a view or common table expression named twice): its
   * result, computed once and read by each use.
   */
  SHARED("shared subplan (a view or subquery used more than once)", "rows", " or filter more"),
  /**
   * A recursive query's repeated part: every row it makes, over all its steps (a {@code UNION}
   * holds them all to drop repeats; a {@code UNION ALL} that never ends makes them forever).
   */
  RECURSION(
      "recursive query (WITH RECURSIVE)",
      "rows",
      ", or give its recursive part a condition that ends it");

  private final String operator;
  private final String unit;
  private final String advice;

  HeldBy(String operator, String unit, String advice) {
    this.operator = operator;
    this.unit = unit;
    this.advice = advice;
  }

  /** The operator as the error names it. */
  public String operator() {
    return operator;
  }

  /** What it counts: rows, groups or distinct rows. */
  public String unit() {
    return unit;
  }

  /**
   * What to do besides raising the limit, with its leading separator ({@code , add a LIMIT ...}).
   */
  public String advice() {
    return advice;
  }
}
