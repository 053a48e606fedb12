package dev.bucketsql.calcite.pushdown;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.PruningStats;
import dev.bucketsql.storage.IoStats;
import java.util.List;

/**
 * What one scan of one object did: the columns it read, the predicate pushed into it, what that
 * pruned, and what it fetched. Taken while or after the scan runs.
 *
 * @param key the object key
 * @param columns the projected columns, by name, in output order
 * @param pushdown whether pushdown was on for the scan
 * @param predicate the pushed predicate, rendered with column names ({@code ALL} when none)
 * @param pruning row groups (or the format's units) total, skipped and read
 * @param fetched requests and bytes the scan fetched
 * @param rows rows the scan produced
 */
public record ScanReport(
    String key,
    List<String> columns,
    boolean pushdown,
    String predicate,
    PruningStats pruning,
    IoStats.Snapshot fetched,
    long rows) {
  /** Copies the list. */
  public ScanReport {
    requireNonNull(key, "key is null");
    columns = List.copyOf(columns);
    requireNonNull(predicate, "predicate is null");
    requireNonNull(pruning, "pruning is null");
    requireNonNull(fetched, "fetched is null");
  }

  @Override
  public String toString() {
    return key
        + " columns="
        + columns
        + " pushed="
        + (pushdown ? predicate : "off")
        + " rowGroups="
        + pruning
        + " fetched="
        + fetched.bytesFetched()
        + " bytes in "
        + fetched.requests()
        + " requests, rows="
        + rows;
  }
}
