package dev.bucketsql.storage;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The keys a store found rewritten (or deleted) under a reader, in the order found. A catalog that
 * cached a listing compares {@link #count()} with the count it last saw, and refreshes the entries
 * of the keys found since: without that, a rerun after "changed, rerun the query" would read the
 * cached (old) ETag again and fail the same way until the listing expired.
 *
 * <p>Only the most recent {@value #KEPT} keys are kept; a reader that fell further behind is told
 * so by {@link #since} returning null, and should list again. Thread-safe.
 */
public final class ChangedObjects {
  /** How many keys are remembered. */
  public static final int KEPT = 1024;

  private final List<String> keys = new ArrayList<>();
  private long count;

  /** Records that {@code key} no longer has the version a reader was pinned to. */
  public synchronized void record(String key) {
    requireNonNull(key, "key is null");
    keys.add(key);
    count++;
    if (keys.size() > KEPT) {
      keys.subList(0, keys.size() - KEPT).clear();
    }
  }

  /** How many changes were recorded since the store was made. */
  public synchronized long count() {
    return count;
  }

  /**
   * The distinct keys recorded after the first {@code seen} changes, or null when some of them are
   * no longer remembered (then the whole listing should be refreshed).
   */
  public synchronized Set<String> since(long seen) {
    long missing = count - seen;
    if (missing <= 0) {
      return Set.of();
    }
    if (missing > keys.size()) {
      return null;
    }
    return new LinkedHashSet<>(keys.subList(keys.size() - (int) missing, keys.size()));
  }
}
