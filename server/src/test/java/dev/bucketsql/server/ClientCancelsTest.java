package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The decisions of {@link ClientCancels}, without a server: who may cancel what, and when. */
class ClientCancelsTest {
  private final QueryRegistry queries = new QueryRegistry();
  private final AtomicLong now = new AtomicLong();
  private final ClientCancels cancels = new ClientCancels(queries, now::get);
  private final AtomicBoolean statementCancelled = new AtomicBoolean();

  @Test
  void onlyTheOwnerMayCancel() {
    cancels.connectionOpened("c1", "alice");
    cancels.statementCreated(7, "c1");
    assertThat(cancels.cancel("bob", "c1", 7, 1, "why").outcome())
        .isEqualTo(ClientCancels.Outcome.FORBIDDEN);
    assertThat(cancels.cancel("alice", "c2", 7, 1, "why").outcome())
        .isEqualTo(ClientCancels.Outcome.NOT_FOUND);
    assertThat(cancels.cancel("alice", "c1", 8, 1, "why").outcome())
        .isEqualTo(ClientCancels.Outcome.NOT_FOUND);
    // bob's refused cancel left nothing pending
    assertThat(begin(7)).isNull();
  }

  @Test
  void aStatementOfAnotherConnectionIsNotFound() {
    cancels.connectionOpened("c1", "alice");
    cancels.connectionOpened("c2", "alice");
    cancels.statementCreated(7, "c2");
    assertThat(cancels.cancel("alice", "c1", 7, 1, "why").outcome())
        .isEqualTo(ClientCancels.Outcome.NOT_FOUND);
  }

  @Test
  void runningExecutionIsCancelled() {
    cancels.connectionOpened("c1", "alice");
    cancels.statementCreated(7, "c1");
    assertThat(begin(7)).isNull();
    ClientCancels.Result result = cancels.cancel("alice", "c1", 7, 1, "cancelled by the client");
    assertThat(result.outcome()).isEqualTo(ClientCancels.Outcome.CANCELLED);
    assertThat(statementCancelled).isTrue();
    assertThat(queries.ofStatement(7).orElseThrow().cancelReason())
        .isEqualTo("cancelled by the client");
  }

  @Test
  void earlyCancelFailsTheNextExecutionOnly() {
    cancels.connectionOpened("c1", "alice");
    cancels.statementCreated(7, "c1");
    assertThat(cancels.cancel("alice", "c1", 7, 1, "early").outcome())
        .isEqualTo(ClientCancels.Outcome.PENDING);
    assertThat(begin(7)).isEqualTo("early");
    assertThat(queries.ofStatement(7)).isEmpty();
    assertThat(begin(7)).isNull();
  }

  @Test
  void lateCancelIsANoOp() {
    cancels.connectionOpened("c1", "alice");
    cancels.statementCreated(7, "c1");
    assertThat(begin(7)).isNull();
    queries.finish(queries.ofStatement(7).orElseThrow());
    assertThat(cancels.cancel("alice", "c1", 7, 1, "late").outcome())
        .isEqualTo(ClientCancels.Outcome.NOT_RUNNING);
    assertThat(begin(7)).isNull();
    assertThat(statementCancelled).isFalse();
  }

  @Test
  void cancelWithoutExecutionNumberOnlyCancelsWhatRuns() {
    cancels.connectionOpened("c1", "alice");
    cancels.statementCreated(7, "c1");
    assertThat(cancels.cancel("alice", "c1", 7, 0, "now").outcome())
        .isEqualTo(ClientCancels.Outcome.NOT_RUNNING);
    assertThat(begin(7)).isNull();
  }

  @Test
  void pendingCancelExpires() {
    cancels.connectionOpened("c1", "alice");
    cancels.statementCreated(7, "c1");
    cancels.cancel("alice", "c1", 7, 1, "early");
    now.addAndGet(ClientCancels.PENDING_TTL.toNanos());
    assertThat(begin(7)).isNull();
  }

  @Test
  void closedAndSweptStatementsAreForgotten() {
    cancels.connectionOpened("c1", "alice");
    cancels.statementCreated(7, "c1");
    cancels.statementCreated(8, "c1");
    cancels.connectionOpened("c2", "bob");
    cancels.statementCreated(9, "c2");
    cancels.statementClosed(7);
    assertThat(cancels.trackedStatements()).isEqualTo(2);
    cancels.retain(id -> id.equals("c1"), id -> true);
    assertThat(cancels.trackedStatements()).isEqualTo(1);
    cancels.connectionClosed("c1");
    assertThat(cancels.trackedStatements()).isZero();
    assertThat(cancels.cancel("alice", "c1", 8, 1, "why").outcome())
        .isEqualTo(ClientCancels.Outcome.NOT_FOUND);
  }

  @Test
  void requestBodiesAreParsedAndChecked() {
    ClientCancelHandler.Parsed parsed =
        ClientCancelHandler.parse(
            "connectionId=a%2Db&statementId=3&execution=2&reason=timeout&timeout=5");
    assertThat(parsed.connectionId()).isEqualTo("a-b");
    assertThat(parsed.statementId()).isEqualTo(3);
    assertThat(parsed.execution()).isEqualTo(2);
    assertThat(parsed.reason())
        .isEqualTo("the client's query timeout of 5 s expired (Statement.setQueryTimeout)");
    assertThat(ClientCancelHandler.parse("connectionId=x&statementId=0").execution()).isZero();
    assertThat(ClientCancelHandler.parse("connectionId=x&statementId=0").reason())
        .isEqualTo("cancelled by the client (Statement.cancel)");
    assertThatThrownBy(() -> ClientCancelHandler.parse("statementId=1"))
        .hasMessageContaining("connectionId");
    assertThatThrownBy(() -> ClientCancelHandler.parse("connectionId=x"))
        .hasMessageContaining("statementId");
    assertThatThrownBy(() -> ClientCancelHandler.parse("connectionId=x&statementId=1&execution=0"))
        .hasMessageContaining("execution");
    assertThatThrownBy(
            () -> ClientCancelHandler.parse("connectionId=x&statementId=1&reason=<script>"))
        .hasMessageContaining("reason must be");
  }

  /** Begins an execution of a statement as the server does; returns the pending reason, if any. */
  private String begin(int statementId) {
    return cancels.beginExecution(
        statementId,
        () -> queries.begin("c1", statementId, "select 1", "alice", statement(), null));
  }

  private Statement statement() {
    return (Statement)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Statement.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "cancel" -> {
                    statementCancelled.set(true);
                    yield null;
                  }
                  case "isClosed" -> false;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
