package dev.bucketsql.server;

import dev.bucketsql.storage.IoStats;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The queries remote clients are running, by query id and by Avatica statement id, for the status
 * page, its cancel action, and the cancel that closing a statement triggers.
 */
final class QueryRegistry {
  private final AtomicLong ids = new AtomicLong();
  private final ConcurrentMap<Long, RunningQuery> byId = new ConcurrentHashMap<>();
  private final ConcurrentMap<Integer, RunningQuery> byStatement = new ConcurrentHashMap<>();
  private volatile Predicate<RunningQuery> releaser = query -> false;

  /**
   * Sets how a cancelled query that is waiting for its client (no request running) is released: the
   * JDBC layer closes its statement, so its result set, buffers and S3 streams go at once, and
   * answers whether it did (the query then leaves the registry).
   */
  void releaseWith(Predicate<RunningQuery> releaser) {
    this.releaser = java.util.Objects.requireNonNull(releaser, "releaser is null");
  }

  /** Registers a query that starts now, replacing any earlier one of the same statement. */
  RunningQuery begin(
      String connectionId,
      int statementId,
      String sql,
      String user,
      Statement statement,
      IoStats stats) {
    RunningQuery query =
        new RunningQuery(
            ids.incrementAndGet(), connectionId, statementId, sql, user, statement, stats);
    RunningQuery previous = byStatement.put(statementId, query);
    if (previous != null) {
      byId.remove(previous.id());
    }
    byId.put(query.id(), query);
    return query;
  }

  /** The query a statement is running, if any. */
  Optional<RunningQuery> ofStatement(int statementId) {
    return Optional.ofNullable(byStatement.get(statementId));
  }

  /** The running query with status-page id {@code id}, if any. */
  Optional<RunningQuery> byId(long id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Forgets a query: it finished, failed or its statement was closed. */
  void finish(RunningQuery query) {
    byId.remove(query.id(), query);
    byStatement.remove(query.statementId(), query);
  }

  /**
   * Cancels a query by id.
   *
   * @return whether such a query was running
   */
  boolean cancel(long id, String reason) {
    RunningQuery query = byId.get(id);
    if (query == null) {
      return false;
    }
    query.cancel(reason);
    // Nothing runs to see the cancel flag: the query waits for a client that may be gone.
    if (!query.executing() && releaser.test(query)) {
      finish(query);
    }
    return true;
  }

  /** The queries of one connection. */
  List<RunningQuery> ofConnection(String connectionId) {
    return byId.values().stream().filter(q -> q.connectionId().equals(connectionId)).toList();
  }

  /**
   * The running queries, oldest first. Queries whose statement was closed behind the registry's
   * back (idle expiry, connection eviction, server stop) are dropped here.
   */
  List<RunningQuery> list() {
    byId.values().stream().filter(RunningQuery::statementClosed).toList().forEach(this::finish);
    return byId.values().stream().sorted(Comparator.comparingLong(RunningQuery::id)).toList();
  }
}
