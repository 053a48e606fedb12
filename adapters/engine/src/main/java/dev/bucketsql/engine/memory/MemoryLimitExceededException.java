package dev.bucketsql.engine.memory;

import java.util.List;

/**
 * An operator of a query needs more memory than the connection allows ({@code queryMemory}, or
 * {@code joinMemory} for a join's in-memory side): the query fails with this one-line message,
 * naming the operator, its table and the setting, rather than exhausting the heap.
 */
public final class MemoryLimitExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HeldBy heldBy;
  private final String key;

  /**
   * The error for an operator of kind {@code by} that needs more than {@code limit} for its first
   * {@code count} rows or groups (and {@code values} values, 0 when it keeps none).
   *
   * @param subject what it holds: {@code table 'dim'}, {@code tables 'a', 'b'} or {@code its input}
   *     (see {@link #subject})
   */
  public MemoryLimitExceededException(
      HeldBy by, String subject, MemoryLimit limit, long count, long values) {
    super(message(by, subject, limit, count, values));
    this.heldBy = by;
    this.key = limit.key();
  }

  private MemoryLimitExceededException(HeldBy by, String key, String message) {
    super(message);
    this.heldBy = by;
    this.key = key;
  }

  /**
   * The error for an operator of kind {@code by} that spilled to disk and would need more than
   * {@code spillLimit} bytes of spill files there: it names both limits and both settings.
   *
   * @param spillKey the setting that bounds the spill files ({@code spillLimit})
   */
  public static MemoryLimitExceededException spillExceeded(
      HeldBy by, String subject, MemoryLimit limit, long spillLimit, String spillKey) {
    String held = by == HeldBy.JOIN ? subject : "the " + by.unit() + " of " + subject;
    return new MemoryLimitExceededException(
        by,
        spillKey,
        "the "
            + by.operator()
            + " holds "
            + held
            + " in memory and spill files and needs more than "
            + limit.bytes()
            + " bytes of memory and "
            + spillLimit
            + " bytes on disk: the limits are the connection settings "
            + limit.key()
            + "="
            + limit.bytes()
            + " and "
            + spillKey
            + "="
            + spillLimit
            + "; raise them (e.g. "
            + limit.key()
            + "=2g or "
            + spillKey
            + "=100g)"
            + by.advice());
  }

  private static String message(
      HeldBy by, String subject, MemoryLimit limit, long count, long values) {
    String held =
        by == HeldBy.JOIN
            ? subject
            : "the " + by.unit() + (values > 0 ? " and the values" : "") + " of " + subject;
    return "the "
        + by.operator()
        + " holds "
        + held
        + " in memory and needs more than "
        + limit.bytes()
        + " bytes for its first "
        + counted(by, count, values)
        + ": the limit is the connection setting "
        + limit.key()
        + "="
        + limit.bytes()
        + "; raise it (e.g. "
        + limit.key()
        + "=2g)"
        + by.advice();
  }

  /** {@code 12 rows}, {@code 12 groups}, {@code 12 groups and 300 values} or {@code 300 values}. */
  private static String counted(HeldBy by, long count, long values) {
    if (values == 0) {
      return count + " " + by.unit();
    }
    return count == 0 ? values + " values" : count + " " + by.unit() + " and " + values + " values";
  }

  /** The operator that needed more. */
  public HeldBy heldBy() {
    return heldBy;
  }

  /** The setting to raise ({@code spillLimit} when the spill files outgrew theirs). */
  public String key() {
    return key;
  }

  /**
   * How an error names what an operator holds: {@code table 'dim'}, {@code tables 'a', 'b'}, or
   * {@code its input} when no table is known.
   */
  public static String subject(List<String> tables) {
    if (tables.isEmpty()) {
      return "its input";
    }
    StringBuilder s = new StringBuilder(tables.size() == 1 ? "table " : "tables ");
    for (int i = 0; i < tables.size(); i++) {
      s.append(i == 0 ? "" : ", ").append('\'').append(tables.get(i)).append('\'');
    }
    return s.toString();
  }
}
