package dev.bucketsql.storage;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

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
 * own start instead of coming one after another as each scan reaches its object. When the execution
 * that started them ends first (a LIMIT, an error, a cancel, a closed statement) it {@linkplain
 * #cancelStarted cancels} them: none outlives its query.
 *
 * <p>A check in flight is waited for, and its failure ({@link ObjectChangedException}) reaches
 * every input that waited, so no input reads cached bytes of a version the check has not confirmed
 * yet. A wait ends early, with a {@link CancellationException}, when the query is stopped. The one
 * exception is a reader whose results are held back until the checks answered ({@link
 * IoStats#deferringChecks()}): it reads a version whose check was started without waiting ({@link
 * #deferRead}), and whoever hands its results on first waits for every check ({@link
 * #awaitStarted}), so what leaves the query is still never of a version the server no longer holds.
 */
public final class VersionChecks {
  /** How often a caller waiting for a check looks at the query's stop. */
  private static final long POLL_MILLIS = 20;

  private final ConcurrentHashMap<String, FutureTask<Void>> checks = new ConcurrentHashMap<>();

  /**
   * The versions read before their check answered, which {@link #awaitStarted} waits for, each with
   * the check of the reader that read it first, to ask again with.
   */
  private final ConcurrentHashMap<String, Runnable> deferred = new ConcurrentHashMap<>();

  private final Supplier<String> stopped;

  /** Checks of a query that is never stopped while it waits for one. */
  public VersionChecks() {
    this(() -> null);
  }

  /**
   * Checks of a query; {@code stopped} says why the query stops ("query cancelled", "query timed
   * out after 1000 ms"), or null while it goes on.
   */
  public VersionChecks(Supplier<String> stopped) {
    this.stopped = requireNonNull(stopped, "stopped is null");
  }

  /**
   * Runs {@code check} for version {@code etag} of {@code key} unless this query already did (or is
   * doing it now: then waits for it); a failed check fails every caller with the same exception. A
   * check {@linkplain #start started} but not yet picked up by a thread runs here, on the caller's,
   * and so does one {@linkplain #cancelStarted cancelled} before it ended.
   *
   * @throws CancellationException when the query is stopped while this waits
   */
  public void once(String key, String etag, Runnable check) {
    String name = name(key, etag);
    while (true) {
      stopIfStopped(key);
      FutureTask<Void> task = new FutureTask<>(check, null);
      FutureTask<Void> prior = checks.putIfAbsent(name, task);
      if (prior == null) {
        prior = task;
      } else if (prior.isCancelled()) {
        // its outcome reaches no one: this caller asks again
        if (!checks.replace(name, prior, task)) {
          continue;
        }
        prior = task;
      }
      // does nothing when another thread runs it or ran it already
      prior.run();
      try {
        await(prior, key);
        return;
      } catch (CancellationException e) {
        if (!prior.isCancelled() || prior == task) {
          throw e; // the query stopped
        }
        // only the ending execution's own inputs wait while it ends (cancelStarted)
        throw new CancellationException(
            "the version check of object '" + key + "' ended with the execution that started it");
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
  }

  /** Waits for {@code task}, looking at the query's stop while it runs on another thread. */
  private void await(FutureTask<Void> task, String key)
      throws ExecutionException, InterruptedException {
    while (true) {
      if (!task.isDone()) {
        stopIfStopped(key);
      }
      try {
        task.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
        return;
      } catch (TimeoutException e) {
        // look at the stop again
      }
    }
  }

  private void stopIfStopped(String key) {
    String why = stopped.get();
    if (why != null) {
      throw new CancellationException(
          why + " while waiting for the version check of object '" + key + "'");
    }
  }

  /**
   * Starts {@code check} for version {@code etag} of {@code key} on {@code executor} for {@code
   * owner} (an execution of the query) unless this query already started or ran it, and returns at
   * once; a check another owner started and that has not ended is now awaited by both. Its outcome
   * is kept for the inputs that {@linkplain #once need} the version later; a failure reaches only
   * them (a check no input needs fails nothing). When the executor refuses the task, the first
   * input that needs it runs it. {@code abort} stops the check's request in flight, and any later
   * one it would make, when the check is {@linkplain #cancelStarted cancelled}.
   */
  public void start(
      String key, String etag, Runnable check, Runnable abort, Executor executor, Object owner) {
    requireNonNull(abort, "abort is null");
    requireNonNull(owner, "owner is null");
    Ahead a = new Ahead(check, abort, owner);
    while (true) {
      FutureTask<Void> prior = checks.putIfAbsent(name(key, etag), a);
      if (prior == null) {
        break;
      }
      if (!(prior instanceof Ahead other) || other.join(owner)) {
        return; // run, running on a caller, or now awaited by this owner too
      }
      if (!prior.isCancelled()) {
        return; // ended
      }
      if (checks.replace(name(key, etag), prior, a)) {
        break; // cancelled with the owners before: start it again
      }
    }
    try {
      executor.execute(a);
    } catch (RejectedExecutionException e) {
      // left for the first input that needs the version: it runs the task itself
    }
  }

  /**
   * Whether the check of version {@code etag} of {@code key} was started or run by this query (it
   * may still be running, or have been cancelled with its execution); a reader whose results wait
   * for {@link #awaitStarted} reads without waiting for it.
   */
  public boolean started(String key, String etag) {
    return checks.containsKey(name(key, etag));
  }

  /**
   * Whether a reader whose results wait for {@link #awaitStarted} may read version {@code etag} of
   * {@code key} without waiting for its check: true when this query started or ran it, and the
   * version is then one that {@link #awaitStarted} waits for. A version no reader read this way is
   * not waited for, so a query that ends before it needs an object (a LIMIT) does not wait for that
   * object's check. {@code check} is the reader's own way to ask, used when the started check ends
   * with its execution before it answered: the started check's request is aborted for good.
   */
  public boolean deferRead(String key, String etag, Runnable check) {
    String name = name(key, etag);
    if (!checks.containsKey(name)) {
      return false;
    }
    deferred.putIfAbsent(name, requireNonNull(check, "check is null"));
    return true;
  }

  /**
   * Waits for the check of every version read without waiting ({@link #deferRead}), running here
   * one no thread picked up yet and asking again for one {@linkplain #cancelStarted cancelled} with
   * the execution that started it, and fails with the first failure ({@link ObjectChangedException}
   * for a changed object). Called before the results of a reader that did not wait ({@link
   * IoStats#deferringChecks()}) are handed on, and when such a reader failed, so that a failure
   * caused by reading a changed object is reported as the change.
   *
   * @throws CancellationException at once when the query is stopped while this waits
   */
  public void awaitStarted() {
    RuntimeException first = null;
    for (var e : java.util.List.copyOf(deferred.entrySet())) {
      String name = e.getKey();
      int split = name.indexOf('\0');
      while (true) {
        try {
          // the started check, run here if no thread picked it up; the reader's own if it was
          // cancelled with its execution (its request, aborted, would fail again)
          once(name.substring(0, split), name.substring(split + 1), e.getValue());
          break;
        } catch (CancellationException ended) {
          if (stopped.get() != null) {
            throw ended;
          }
          // the check ended with another execution of the query while this waited: once asks
          // again, with the reader's own check
        } catch (RuntimeException failed) {
          if (first == null) {
            first = failed;
          }
          break;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /**
   * Ends the checks {@code owner} {@linkplain #start started ahead} that no other owner awaits and
   * that have not ended: one no thread has picked up never runs, and one in flight has its request
   * aborted (no retry follows) and its thread interrupted. An input waiting for one fails with a
   * {@link CancellationException} (it belongs to the ending execution: only its own inputs wait
   * while it ends), and its late result or failure reaches no one: an input of this query that
   * needs such a version later asks again itself. Called when an execution ends, however it ends,
   * before its operators close, so that none of them waits for a HEAD that is no longer needed.
   */
  public void cancelStarted(Object owner) {
    requireNonNull(owner, "owner is null");
    for (FutureTask<Void> task : checks.values()) {
      if (task instanceof Ahead a && !a.isDone() && a.leave(owner)) {
        a.end();
      }
    }
  }

  /**
   * As {@link #cancelStarted}, for every owner at once: the query is over as a whole (its
   * connection closed while an execution of it was still open).
   */
  public void cancelAll() {
    for (FutureTask<Void> task : checks.values()) {
      if (task instanceof Ahead a && !a.isDone() && a.leaveAll()) {
        a.end();
      }
    }
  }

  /** Checks started ahead that have not ended yet. */
  public int startedRunning() {
    int n = 0;
    for (FutureTask<Void> task : checks.values()) {
      n += task instanceof Ahead && !task.isDone() ? 1 : 0;
    }
    return n;
  }

  /** A check started ahead, with what aborts its request and the executions that await it. */
  private static final class Ahead extends FutureTask<Void> {
    private final Runnable abort;
    private final java.util.Set<Object> owners = new java.util.HashSet<>();
    private boolean ended;

    Ahead(Runnable check, Runnable abort, Object owner) {
      super(check, null);
      this.abort = abort;
      owners.add(owner);
    }

    /** Adds {@code owner}; false when the owners have all left already (it is cancelled). */
    synchronized boolean join(Object owner) {
      if (ended) {
        return false;
      }
      owners.add(owner);
      return true;
    }

    /** Removes every owner; true unless they had left already. */
    synchronized boolean leaveAll() {
      if (ended) {
        return false;
      }
      owners.clear();
      ended = true;
      return true;
    }

    /**
     * Cancels the check, interrupting its thread, then aborts its request in flight. In this order
     * the abort's own failure ("the request was aborted") can never be the check's outcome: aborted
     * first, the HEAD could fail and complete the task before the cancel, and a later input of the
     * query would have met that failure instead of asking again.
     */
    void end() {
      cancel(true);
      abort.run();
    }

    /** Removes {@code owner}; true when it was the last: the check is to be cancelled. */
    synchronized boolean leave(Object owner) {
      if (ended || !owners.remove(owner) || !owners.isEmpty()) {
        return false;
      }
      ended = true;
      return true;
    }
  }

  /** Object versions checked or being checked. */
  public int size() {
    return checks.size();
  }

  private static String name(String key, String etag) {
    return key + '\0' + etag;
  }
}
