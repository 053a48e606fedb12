package dev.bucketsql.storage;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The object versions one query has confirmed with the server. An input that takes cached bytes of
 * an object asks the server first (one HEAD) whether the object is still that version; the pieces
 * of one query open many inputs on the same object (one per row-group range of a Parquet object),
 * and all of them read the same version, so the query asks once per object version instead of once
 * per input. Measured on TPC-H SF 1 with the range cache warm: 15 to 20 HEADs per lineitem scan,
 * about 5% of the query's CPU (docs/storage.md, "The range cache").
 *
 * <p>A check in flight is waited for, and its failure ({@link ObjectChangedException}) reaches
 * every input that waited, so no input reads cached bytes of a version the check has not confirmed
 * yet.
 */
public final class VersionChecks {
  private final ConcurrentHashMap<String, FutureTask<Void>> checks = new ConcurrentHashMap<>();

  /**
   * Runs {@code check} for version {@code etag} of {@code key} unless this query already did (or is
   * doing it now: then waits for it); a failed check fails every caller with the same exception.
   */
  public void once(String key, String etag, Runnable check) {
    FutureTask<Void> task = new FutureTask<>(check, null);
    FutureTask<Void> prior = checks.putIfAbsent(key + '\0' + etag, task);
    if (prior == null) {
      task.run();
      prior = task;
    }
    try {
      prior.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new StorageException("checking the version of object '" + key + "' failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException(
          "interrupted while waiting for the version check of object '" + key + "'", e);
    }
  }

  /** Object versions checked or being checked. */
  public int size() {
    return checks.size();
  }
}
