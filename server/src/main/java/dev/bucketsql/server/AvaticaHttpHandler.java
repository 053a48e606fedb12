package dev.bucketsql.server;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.engine.QueryErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.calcite.avatica.metrics.MetricsSystem;
import org.apache.calcite.avatica.remote.Handler.HandlerResponse;
import org.apache.calcite.avatica.remote.JsonHandler;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.Service.RpcMetadataResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries Avatica requests between Jetty and Avatica's transport-free protocol handler: the POSTed
 * body goes in, the encoded response (or encoded error) comes out. Every error is encoded with its
 * SQLSTATE and one-line message ({@link ServerErrors}).
 *
 * <p>It is a blocking handler on purpose: every request ends in a JDBC call, which blocks, so Jetty
 * must call it on a pool thread. Request bodies are never logged, because an open-connection
 * request carries the client's password.
 */
final class AvaticaHttpHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(AvaticaHttpHandler.class);

  private final Service service;
  private final Codec codec;

  AvaticaHttpHandler(Serialization serialization, Service service, MetricsSystem metrics) {
    super(InvocationType.BLOCKING);
    requireNonNull(serialization, "serialization is null");
    this.service = requireNonNull(service, "service is null");
    requireNonNull(metrics, "metrics is null");
    this.codec =
        switch (serialization) {
          case PROTOBUF ->
              new ProtobufCodec(
                  new ProtobufHandler(service, new ProtobufTranslationImpl(), metrics) {
                    @Override
                    public HandlerResponse<byte[]> convertToErrorResponse(Exception e) {
                      return super.convertToErrorResponse(ServerErrors.toAvatica(e));
                    }
                  });
          case JSON ->
              new JsonCodec(
                  new JsonHandler(service, metrics) {
                    @Override
                    public HandlerResponse<String> convertToErrorResponse(Exception e) {
                      return super.convertToErrorResponse(ServerErrors.toAvatica(e));
                    }
                  });
        };
  }

  /**
   * Tells the service and the error encoder which server answered, as {@code host:port}; Avatica
   * clients use it to notice when a load balancer switched servers.
   */
  void setServerAddress(String hostAndPort) {
    RpcMetadataResponse metadata =
        new RpcMetadataResponse(requireNonNull(hostAndPort, "hostAndPort is null"));
    service.setRpcMetadata(metadata);
    codec.setRpcMetadata(metadata);
  }

  /**
   * Answers a request with an Avatica error instead of running it. Used while the server drains: a
   * plain HTTP 503 would make Avatica clients retry in a tight loop, whereas an encoded error
   * reaches the application as an SQLException at once.
   */
  void reject(Response response, Callback callback, String message) {
    // 57P03, PostgreSQL's "cannot connect now": the server is shutting down
    reject(response, callback, "57P03", message);
  }

  /** Answers a request with an Avatica error of SQLSTATE {@code sqlState} instead of running it. */
  void reject(Response response, Callback callback, String sqlState, String message) {
    write(response, callback, codec.error(ServerErrors.create(message, 0, sqlState, null)));
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    if (!HttpMethod.POST.is(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, HttpMethod.POST.asString());
      Response.writeError(
          request,
          response,
          callback,
          HttpStatus.METHOD_NOT_ALLOWED_405,
          "This is an Avatica server: send POST requests with a jdbc:avatica:remote: driver");
      return true;
    }
    Charset charset;
    try {
      charset = Request.getCharset(request);
    } catch (IllegalArgumentException e) {
      Response.writeError(
          request,
          response,
          callback,
          HttpStatus.UNSUPPORTED_MEDIA_TYPE_415,
          "Unsupported request charset; send UTF-8");
      return true;
    }
    byte[] body;
    try {
      body = BufferUtil.toArray(Content.Source.asByteBuffer(request));
    } catch (IOException e) {
      // Covers the size limit (Jetty answers 413) and clients that went away.
      callback.failed(e);
      return true;
    }
    HandlerResponse<byte[]> result;
    ServerJdbcMeta.REMOTE_USER.set((String) request.getAttribute(AuthHandler.USER_ATTRIBUTE));
    try {
      result = codec.apply(body, charset == null ? StandardCharsets.UTF_8 : charset);
    } catch (RuntimeException | LinkageError e) {
      // Avatica encodes the errors it expects; anything else would become Jetty's HTML
      // error page, which Avatica clients cannot parse ("Unexpected character '<'").
      LOG.error(
          "Avatica request from {} failed inside the server", Request.getRemoteAddr(request), e);
      result =
          codec.error(
              ServerErrors.create(
                  "Internal error in the BucketSQL server: " + e + "; see the server log",
                  0,
                  QueryErrors.INTERNAL_ERROR,
                  null));
    } finally {
      ServerJdbcMeta.REMOTE_USER.remove();
    }
    if (result.getStatusCode() != HttpStatus.OK_200) {
      LOG.debug(
          "Avatica request from {} answered with HTTP {}",
          Request.getRemoteAddr(request),
          result.getStatusCode());
    }
    write(response, callback, result);
    return true;
  }

  private void write(Response response, Callback callback, HandlerResponse<byte[]> result) {
    response.setStatus(result.getStatusCode());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, codec.contentType());
    response.write(true, ByteBuffer.wrap(result.getResponse()), callback);
  }

  /** One Avatica wire format, reduced to bytes in and bytes out. */
  private interface Codec {
    HandlerResponse<byte[]> apply(byte[] body, Charset charset);

    HandlerResponse<byte[]> error(Exception e);

    void setRpcMetadata(RpcMetadataResponse metadata);

    String contentType();
  }

  private static final class ProtobufCodec implements Codec {
    private final ProtobufHandler handler;

    ProtobufCodec(ProtobufHandler handler) {
      this.handler = handler;
    }

    @Override
    public HandlerResponse<byte[]> apply(byte[] body, Charset charset) {
      return handler.apply(body);
    }

    @Override
    public HandlerResponse<byte[]> error(Exception e) {
      return handler.convertToErrorResponse(e);
    }

    @Override
    public void setRpcMetadata(RpcMetadataResponse metadata) {
      handler.setRpcMetadata(metadata);
    }

    @Override
    public String contentType() {
      return "application/octet-stream";
    }
  }

  private static final class JsonCodec implements Codec {
    private final JsonHandler handler;

    JsonCodec(JsonHandler handler) {
      this.handler = handler;
    }

    @Override
    public HandlerResponse<byte[]> apply(byte[] body, Charset charset) {
      return utf8(handler.apply(new String(body, charset)));
    }

    @Override
    public HandlerResponse<byte[]> error(Exception e) {
      return utf8(handler.convertToErrorResponse(e));
    }

    private static HandlerResponse<byte[]> utf8(HandlerResponse<String> response) {
      return new HandlerResponse<>(
          response.getResponse().getBytes(StandardCharsets.UTF_8), response.getStatusCode());
    }

    @Override
    public void setRpcMetadata(RpcMetadataResponse metadata) {
      handler.setRpcMetadata(metadata);
    }

    @Override
    public String contentType() {
      return "application/json;charset=utf-8";
    }
  }
}
