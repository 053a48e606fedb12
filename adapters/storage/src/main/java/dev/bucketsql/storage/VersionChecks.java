package dev.bucketsql.storage;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * The object versions one query has confirmed with the server. An input that takes cached bytes of
 * an object asks the server first (one HEAD) whether the object is still that version; the pieces
 * of one query open many inputs on the same object (one per row-group range of a Parquet object),
 * and all of them read the same version, so the query asks once per object version instead of once
 * per input. Measured on TPC-H SF 1 with the range cache warm: 15 to 20 HEADs per lineitem scan,
 * about 5% of the query's CPU (docs/storage.md, "The range cache").
 *
 * <p>A query that knows at its start which objects it will read starts their checks together
 * ({@link #start}), on other threads, so that the round trips overlap each other and the query's
 * own start instead of coming one after another as each scan reaches its object.
 *
 * <p>A check in flight is waited for, and its failure ({@link ObjectChangedException}) reaches
 * every input that waited, so no input reads cached bytes of a version the check has not confirmed
 * yet. The one exception is a reader whose results are held back until the checks answered ({@link
 * IoStats#deferringChecks()}): it reads a version whose check was started without waiting ({@link
 * #started}), and whoever hands its results on first waits for every check ({@link #awaitStarted}),
 * so what leaves the query is still never of a version the server no longer holds.
 */
public final class VersionChecks {
  private final ConcurrentHashMap<String, FutureTask<Void>> checks = new ConcurrentHashMap<>();

  /**
   * Runs {@code check} for version {@code etag} of {@code key} unless this query already did (or is
   * doing it now: then waits for it); a failed check fails every caller with the same exception. A
   * check {@linkplain #start started} but not yet picked up by a thread runs here, on the caller's.
   */
  public void once(String key, String etag, Runnable check) {
    FutureTask<Void> task = new FutureTask<>(check, null);
    FutureTask<Void> prior = checks.putIfAbsent(name(key, etag), task);
    if (prior == null) {
      prior = task;
    }
    // does nothing when another thread runs it or ran it already
    prior.run();
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

  /**
   * Starts {@code check} for version {@code etag} of {@code key} on {@code executor} unless this
   * query already started or ran it, and returns at once. Its outcome is kept for the inputs that
   * {@linkplain #once need} the version later; a failure reaches only them (a check no input needs
   * fails nothing). When the executor refuses the task, the first input that needs it runs it.
   */
  public void start(String key, String etag, Runnable check, Executor executor) {
    FutureTask<Void> task = new FutureTask<>(check, null);
    if (checks.putIfAbsent(name(key, etag), task) != null) {
      return;
    }
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      // left for the first input that needs the version: it runs the task itself
    }
  }

  /**
   * Whether the check of version {@code etag} of {@code key} was started or run by this query (it
   * may still be running); a reader whose results wait for {@link #awaitStarted} reads without
   * waiting for it.
   */
  public boolean started(String key, String etag) {
    return checks.containsKey(name(key, etag));
  }

  /**
   * Waits for every check this query started or ran, running here those no thread picked up yet,
   * and fails with the first failure ({@link ObjectChangedException} for a changed object). Called
   * before the results of a reader that did not wait ({@link IoStats#deferringChecks()}) are handed
   * on, and when such a reader failed, so that a failure caused by reading a changed object is
   * reported as the change.
   */
  public void awaitStarted() {
    RuntimeException first = null;
    for (var e : checks.entrySet()) {
      FutureTask<Void> task = e.getValue();
      task.run();
      try {
        task.get();
      } catch (ExecutionException failed) {
        if (first == null) {
          first = asRuntime(e.getKey(), failed);
        }
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new StorageException(
            "interrupted while waiting for the query's version checks", interrupted);
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private static RuntimeException asRuntime(String name, ExecutionException e) {
    if (e.getCause() instanceof RuntimeException r) {
      return r;
    }
    if (e.getCause() instanceof Error err) {
      throw err;
    }
    return new StorageException(
        "checking the version of object '" + name.substring(0, name.indexOf('\0')) + "' failed", e);
  }

  /** Object versions checked or being checked. */
  public int size() {
    return checks.size();
  }

  private static String name(String key, String etag) {
    return key + '\0' + etag;
  }
}
