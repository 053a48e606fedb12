package dev.bucketsql.engine.memory;

import static java.util.Objects.requireNonNull;

/**
 * The bytes one operator holds, counted against its {@link MemoryLimit}: an operator reserves
 * before it grows a hash table or a buffer and releases everything when it closes. A reservation
 * beyond the limit fails with {@link MemoryLimitExceededException}, naming the operator, what it
 * holds, the limit and the setting to raise, and leaves the count as it was (nothing of the failed
 * reservation stays reserved).
 *
 * <p>Thread-safe: the workers of a parallel pipeline may reserve and release in one budget at once
 * (an exchange's buffered batches).
 */
public final class MemoryBudget {
  private final MemoryLimit limit;
  private final HeldBy by;
  private final String subject;
  private final MemoryBudget parent;
  private long reserved;
  private long peak;

  /**
   * A budget of {@code limit} for an operator of kind {@code by}.
   *
   * @param subject what it holds, for the error ({@link MemoryLimitExceededException#subject})
   */
  public MemoryBudget(MemoryLimit limit, HeldBy by, String subject) {
    this(limit, by, subject, null);
  }

  private MemoryBudget(MemoryLimit limit, HeldBy by, String subject, MemoryBudget parent) {
    this.limit = requireNonNull(limit, "limit is null");
    this.by = requireNonNull(by, "by is null");
    this.subject = requireNonNull(subject, "subject is null");
    this.parent = parent;
  }

  /**
   * A part of this budget for one piece of the operator (a grouping set's groups): what the part
   * reserves counts here too, against this budget's limit and with its error, and {@link
   * #releaseAll()} on the part gives back only the part's bytes.
   */
  public MemoryBudget part() {
    return new MemoryBudget(limit, by, subject, this);
  }

  /**
   * Reserves {@code bytes} more.
   *
   * @param count the rows or groups the operator will hold with them, for the error
   * @throws MemoryLimitExceededException when the total would pass the limit
   */
  public synchronized void reserve(long bytes, long count) {
    reserve(bytes, count, 0);
  }

  /**
   * Reserves {@code bytes} more for an operator that also keeps values beside its groups (an
   * aggregate's median or string_agg): the error names both.
   *
   * @param count the groups the operator holds
   * @param values the values its calls keep, with these bytes
   * @throws MemoryLimitExceededException when the total would pass the limit
   */
  public synchronized void reserve(long bytes, long count, long values) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes to reserve are not negative: " + bytes);
    }
    if (parent != null) {
      parent.reserve(bytes, count, values);
    } else if (bytes > limit.bytes() - reserved) {
      throw limit.exceeded(by, subject, count, values);
    }
    reserved += bytes;
    peak = Math.max(peak, reserved);
  }

  /** Whether {@code bytes} more would stay within the limit. */
  public synchronized boolean fits(long bytes) {
    return parent != null ? parent.fits(bytes) : bytes <= limit.bytes() - reserved;
  }

  /** Grows the reservation to {@code total} bytes if it is below that; see {@link #reserve}. */
  public synchronized void reserveUpTo(long total, long count) {
    if (total > reserved) {
      reserve(total - reserved, count);
    }
  }

  /** Gives back {@code bytes}, never below zero. */
  public synchronized void release(long bytes) {
    long released = Math.min(reserved, Math.max(0, bytes));
    reserved -= released;
    if (parent != null) {
      parent.release(released);
    }
  }

  /** Gives back everything: the operator closed. */
  public synchronized void releaseAll() {
    release(reserved);
  }

  /** Bytes reserved now. */
  public synchronized long reserved() {
    return reserved;
  }

  /** The most bytes reserved at once. */
  public synchronized long peak() {
    return peak;
  }

  /** The kind of operator it counts for. */
  public HeldBy heldBy() {
    return by;
  }

  /** What the operator holds, as errors name it. */
  public String subject() {
    return subject;
  }

  /** The limit it counts against. */
  public MemoryLimit limit() {
    return limit;
  }
}
