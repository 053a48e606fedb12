package dev.bucketsql.server;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Cancels that remote clients send for their own statements ({@code POST /queries/cancel}), and
 * what deciding them needs: who opened each connection, which connection each statement belongs to,
 * how many execute requests of each statement have begun, and cancels that arrived before the
 * execute request they are meant for.
 *
 * <p>That last case is a race the client cannot avoid: it sends the cancel while its execute
 * request is on the way, and the cancel may be served first. The client numbers its executions of a
 * statement as the server counts them, so a cancel for execution N when fewer than N have begun is
 * remembered (for {@link #PENDING_TTL}) and fails the next execution of that statement at once; a
 * cancel for an execution that has begun and is no longer running is a no-op, so a late cancel
 * never hits the statement's next query.
 *
 * <p>{@link RunningQuery#cancel} is called outside this object's lock: it may wait for the
 * statement's own lock while the query is being planned.
 */
final class ClientCancels {
  /** How long a cancel that arrived before its execute request is remembered. */
  static final Duration PENDING_TTL = Duration.ofSeconds(10);

  /** What became of a cancel request. */
  enum Outcome {
    /** The execution was running; it was asked to stop. */
    CANCELLED,
    /** The execution has not reached the server yet; it will fail when it does. */
    PENDING,
    /** The execution already ended; nothing to do. */
    NOT_RUNNING,
    /** No such connection, or no such statement on it. */
    NOT_FOUND,
    /** The connection belongs to another user. */
    FORBIDDEN
  }

  /** An outcome, and the status-page id of the query cancelled (0 unless CANCELLED). */
  record Result(Outcome outcome, long queryId) {}

  private final QueryRegistry queries;
  private final LongSupplier nanoClock;
  private final Map<String, String> owners = new HashMap<>();
  private final Map<Integer, StatementState> statements = new HashMap<>();

  ClientCancels(QueryRegistry queries) {
    this(queries, System::nanoTime);
  }

  ClientCancels(QueryRegistry queries, LongSupplier nanoClock) {
    this.queries = requireNonNull(queries, "queries is null");
    this.nanoClock = requireNonNull(nanoClock, "nanoClock is null");
  }

  synchronized void connectionOpened(String connectionId, String user) {
    owners.put(
        requireNonNull(connectionId, "connectionId is null"), user == null ? "anonymous" : user);
  }

  synchronized void connectionClosed(String connectionId) {
    owners.remove(connectionId);
    statements.values().removeIf(s -> s.connectionId.equals(connectionId));
  }

  synchronized void statementCreated(int statementId, String connectionId) {
    statements.put(
        statementId, new StatementState(requireNonNull(connectionId, "connectionId is null")));
  }

  synchronized void statementClosed(int statementId) {
    statements.remove(statementId);
  }

  /**
   * Forgets connections and statements the server closed behind this object's back (idle expiry,
   * eviction), and pending cancels that expired.
   */
  synchronized void retain(Predicate<String> connectionOpen, IntPredicate statementOpen) {
    owners.keySet().removeIf(connectionOpen.negate());
    statements
        .entrySet()
        .removeIf(
            e -> !statementOpen.test(e.getKey()) || !owners.containsKey(e.getValue().connectionId));
    long now = nanoClock.getAsLong();
    statements.values().forEach(s -> s.expirePending(now));
  }

  /** How many statements are tracked; for tests. */
  synchronized int trackedStatements() {
    return statements.size();
  }

  /**
   * Counts an execute request of a statement and, unless a cancel is pending for it, starts it with
   * {@code start} (which registers the query), all under this object's lock so that a cancel sees
   * either the execution not begun or its query registered.
   *
   * @return the reason of the pending cancel that stopped the execution, or null when {@code start}
   *     ran
   */
  synchronized String beginExecution(int statementId, Runnable start) {
    StatementState state = statements.get(statementId);
    if (state != null) {
      state.begun++;
      String pending = state.takePending(nanoClock.getAsLong());
      if (pending != null) {
        return pending;
      }
    }
    start.run();
    return null;
  }

  /**
   * Cancels execution {@code execution} of a statement for a client.
   *
   * @param user the authenticated user asking; only the user who opened the connection may
   * @param execution the execution's number, counted from 1 per statement; 0 for "the one running
   *     now, if any" (then nothing is remembered)
   * @param reason why, as the client will read it
   */
  Result cancel(String user, String connectionId, int statementId, long execution, String reason) {
    requireNonNull(reason, "reason is null");
    RunningQuery running;
    synchronized (this) {
      String owner = owners.get(connectionId);
      if (owner == null) {
        return new Result(Outcome.NOT_FOUND, 0);
      }
      if (!owner.equals(user == null ? "anonymous" : user)) {
        return new Result(Outcome.FORBIDDEN, 0);
      }
      StatementState state = statements.get(statementId);
      if (state == null || !state.connectionId.equals(connectionId)) {
        return new Result(Outcome.NOT_FOUND, 0);
      }
      running = queries.ofStatement(statementId).orElse(null);
      boolean begun = execution == 0 || state.begun >= execution;
      if (!begun) {
        state.pending = reason;
        state.pendingUntil = nanoClock.getAsLong() + PENDING_TTL.toNanos();
        return new Result(Outcome.PENDING, 0);
      }
      if (running == null) {
        return new Result(Outcome.NOT_RUNNING, 0);
      }
    }
    // The registry holds the statement's latest execution, which has begun and is N or,
    // should a request have been sent twice, later: either way the one the client waits on.
    running.cancel(reason);
    return new Result(Outcome.CANCELLED, running.id());
  }

  /** One statement: its connection, executions begun, and a cancel waiting for the next one. */
  private static final class StatementState {
    final String connectionId;
    long begun;
    String pending;
    long pendingUntil;

    StatementState(String connectionId) {
      this.connectionId = connectionId;
    }

    void expirePending(long now) {
      if (pending != null && now - pendingUntil >= 0) {
        pending = null;
      }
    }

    String takePending(long now) {
      String reason = pending;
      pending = null;
      return reason != null && now - pendingUntil < 0 ? reason : null;
    }
  }
}
