package dev.bucketsql.server;

import static java.util.Objects.requireNonNull;

import org.apache.calcite.avatica.remote.Service;

/**
 * Lets a client act only on the connections it opened: every Avatica request that names a
 * connection, or a statement, is checked against the user who opened that connection before it
 * reaches the JDBC layer ({@link ServerJdbcMeta#checkConnection}, {@link
 * ServerJdbcMeta#checkStatement}).
 *
 * <p>It also tells the JDBC layer which connection and statement a request works on while it runs
 * ({@link ServerJdbcMeta#inFlight}): a connection with a request in flight is not idle, however
 * long the request takes.
 *
 * <p>The check sits on the {@link Service} interface rather than on the Meta methods because the
 * interface has one method per request type: a request type Avatica adds later fails to compile
 * here instead of slipping past the check.
 */
final class OwnerCheckingService implements Service {
  private final Service next;
  private final ServerJdbcMeta meta;

  OwnerCheckingService(Service next, ServerJdbcMeta meta) {
    this.next = requireNonNull(next, "next is null");
    this.meta = requireNonNull(meta, "meta is null");
  }

  @Override
  public ResultSetResponse apply(CatalogsRequest request) {
    meta.checkConnection(request.connectionId);
    return meta.inFlight(request.connectionId, null, () -> next.apply(request));
  }

  @Override
  public ResultSetResponse apply(SchemasRequest request) {
    meta.checkConnection(request.connectionId);
    return meta.inFlight(request.connectionId, null, () -> next.apply(request));
  }

  @Override
  public ResultSetResponse apply(TablesRequest request) {
    meta.checkConnection(request.connectionId);
    return meta.inFlight(request.connectionId, null, () -> next.apply(request));
  }

  @Override
  public ResultSetResponse apply(TableTypesRequest request) {
    meta.checkConnection(request.connectionId);
    return meta.inFlight(request.connectionId, null, () -> next.apply(request));
  }

  @Override
  public ResultSetResponse apply(TypeInfoRequest request) {
    meta.checkConnection(request.connectionId);
    return meta.inFlight(request.connectionId, null, () -> next.apply(request));
  }

  @Override
  public ResultSetResponse apply(ColumnsRequest request) {
    meta.checkConnection(request.connectionId);
    return meta.inFlight(request.connectionId, null, () -> next.apply(request));
  }

  @Override
  public PrepareResponse apply(PrepareRequest request) {
    meta.checkConnection(request.connectionId);
    return meta.inFlight(request.connectionId, null, () -> next.apply(request));
  }

  @Override
  public ExecuteResponse apply(ExecuteRequest request) {
    requireNonNull(request.statementHandle, "an execute request without a statement handle");
    meta.checkStatement(request.statementHandle.connectionId, request.statementHandle.id);
    return meta.inFlight(
        request.statementHandle.connectionId,
        request.statementHandle.id,
        () -> next.apply(request));
  }

  @Override
  public ExecuteResponse apply(PrepareAndExecuteRequest request) {
    meta.checkStatement(request.connectionId, request.statementId);
    return meta.inFlight(request.connectionId, request.statementId, () -> next.apply(request));
  }

  @Override
  public SyncResultsResponse apply(SyncResultsRequest request) {
    meta.checkStatement(request.connectionId, request.statementId);
    return meta.inFlight(request.connectionId, request.statementId, () -> next.apply(request));
  }

  @Override
  public FetchResponse apply(FetchRequest request) {
    meta.checkStatement(request.connectionId, request.statementId);
    return meta.inFlight(request.connectionId, request.statementId, () -> next.apply(request));
  }

  @Override
  public CreateStatementResponse apply(CreateStatementRequest request) {
    meta.checkConnection(request.connectionId);
    return meta.inFlight(request.connectionId, null, () -> next.apply(request));
  }

  @Override
  public CloseStatementResponse apply(CloseStatementRequest request) {
    meta.checkStatement(request.connectionId, request.statementId);
    return meta.inFlight(request.connectionId, request.statementId, () -> next.apply(request));
  }

  @Override
  public OpenConnectionResponse apply(OpenConnectionRequest request) {
    // The owner is recorded as the connection opens; an id already taken is refused there.
    return next.apply(request);
  }

  @Override
  public CloseConnectionResponse apply(CloseConnectionRequest request) {
    meta.checkConnection(request.connectionId);
    return meta.inFlight(request.connectionId, null, () -> next.apply(request));
  }

  @Override
  public ConnectionSyncResponse apply(ConnectionSyncRequest request) {
    meta.checkConnection(request.connectionId);
    return meta.inFlight(request.connectionId, null, () -> next.apply(request));
  }

  @Override
  public DatabasePropertyResponse apply(DatabasePropertyRequest request) {
    meta.checkConnection(request.connectionId);
    return meta.inFlight(request.connectionId, null, () -> next.apply(request));
  }

  @Override
  public CommitResponse apply(CommitRequest request) {
    meta.checkConnection(request.connectionId);
    return meta.inFlight(request.connectionId, null, () -> next.apply(request));
  }

  @Override
  public RollbackResponse apply(RollbackRequest request) {
    meta.checkConnection(request.connectionId);
    return meta.inFlight(request.connectionId, null, () -> next.apply(request));
  }

  @Override
  public ExecuteBatchResponse apply(PrepareAndExecuteBatchRequest request) {
    meta.checkStatement(request.connectionId, request.statementId);
    return meta.inFlight(request.connectionId, request.statementId, () -> next.apply(request));
  }

  @Override
  public ExecuteBatchResponse apply(ExecuteBatchRequest request) {
    meta.checkStatement(request.connectionId, request.statementId);
    return meta.inFlight(request.connectionId, request.statementId, () -> next.apply(request));
  }

  @Override
  public void setRpcMetadata(RpcMetadataResponse metadata) {
    next.setRpcMetadata(metadata);
  }
}
