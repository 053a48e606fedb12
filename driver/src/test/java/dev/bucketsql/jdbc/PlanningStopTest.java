package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cancel and the query timeout reach the optimizer: a statement still being planned stops with
 * 57014 instead of planning to the end. The planning is held up through Calcite's {@link
 * Hook#PLANNER}, which runs as the planner is made, before its first rule: the timeout passes, or
 * the statement is cancelled, while the planner has not started.
 */
@ExtendWith(S3ServerExtension.class)
class PlanningStopTest {
  private static final String SQL =
      "SELECT r.name, COUNT(*) AS n FROM RAW_recipes r JOIN RAW_interactions i ON r.id = i.recipe_id"
          + " GROUP BY r.name";

  private static S3TestServer server;

  @BeforeAll
  static void sample(S3TestServer shared) {
    server = shared;
    SampleBucket.ensure(server);
  }

  @Test
  void theTimeoutStopsAStatementBeingPlanned() throws Exception {
    try (Connection c = SampleBucket.connect(server);
        Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      try (Hook.Closeable slow = Hook.PLANNER.addThread((RelOptPlanner p) -> sleep(2_500))) {
        assertThatThrownBy(() -> s.executeQuery(SQL))
            .isInstanceOf(SQLTimeoutException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"))
            .hasMessageContaining("timed out after 1 s")
            .hasMessageContaining("being planned");
      }
      // the statement and the connection work on
      s.setQueryTimeout(0);
      try (ResultSet rs = s.executeQuery(SQL)) {
        assertThat(rs.next()).isTrue();
      }
    }
  }

  @Test
  void cancelStopsAStatementBeingPlanned() throws Exception {
    try (Connection c = SampleBucket.connect(server);
        Statement s = c.createStatement()) {
      try (Hook.Closeable cancelled =
          Hook.PLANNER.addThread((RelOptPlanner p) -> cancelQuietly(s))) {
        assertThatThrownBy(() -> s.executeQuery(SQL))
            .isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"))
            .hasMessageContaining(
                "Statement.cancel() was called while the statement was being planned");
      }
    }
  }

  @Test
  void aStatementPlannedInTimeRuns() throws Exception {
    try (Connection c = SampleBucket.connect(server);
        Statement s = c.createStatement()) {
      s.setQueryTimeout(60);
      try (ResultSet rs = s.executeQuery(SQL)) {
        assertThat(rs.next()).isTrue();
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Cancels {@code s} from another thread, as a user would, and waits until it has asked. */
  private static void cancelQuietly(Statement s) {
    Thread t =
        new Thread(
            () -> {
              try {
                s.cancel();
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });
    t.start();
    // cancel() marks the planning stopped before it waits for the statement's lock
    sleep(500);
  }
}
