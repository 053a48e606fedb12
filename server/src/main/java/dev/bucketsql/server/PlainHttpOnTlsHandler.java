package dev.bucketsql.server;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * On a TLS server, answers requests that arrived as plain HTTP (an {@code http://} URL for an
 * {@code https://} port) with an error that says so, and serves nothing else to them.
 *
 * <p>Without it, the TLS layer answers a plain request with a TLS alert and closes the connection;
 * Avatica's HTTP client reads that as "the server sent no response" and retries at once, for ever,
 * so {@code getConnection} never returned and burned a core. The connector therefore detects TLS
 * ({@code DetectorConnectionFactory}) and lets plain requests through to here: Avatica requests
 * (POST) get an encoded Avatica error, SQLSTATE 08001, which the client throws at once; anything
 * else gets HTTP 400 in plain text.
 */
final class PlainHttpOnTlsHandler extends Handler.Wrapper {
  /** SQLSTATE "client unable to establish connection". */
  static final String SQL_STATE = "08001";

  private final AvaticaHttpHandler avatica;

  PlainHttpOnTlsHandler(Handler next, AvaticaHttpHandler avatica) {
    super(requireNonNull(next, "next is null"));
    this.avatica = requireNonNull(avatica, "avatica is null");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (request.isSecure()) {
      return super.handle(request, response, callback);
    }
    String message = message(request);
    response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    if (HttpMethod.POST.is(request.getMethod())) {
      avatica.reject(response, callback, SQL_STATE, message);
      return true;
    }
    response.setStatus(HttpStatus.BAD_REQUEST_400);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
    response.write(
        true, ByteBuffer.wrap((message + "\n").getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }

  private static String message(Request request) {
    String host = request.getHeaders().get(HttpHeader.HOST);
    // Echo the Host header only when it looks like one: it is the client's text.
    String where = host != null && host.matches("[A-Za-z0-9.:\\[\\]-]{1,255}") ? host : "HOST:PORT";
    return "This port speaks TLS: use https:// instead of http:// in the connection URL (url=https://"
        + where
        + ")";
  }
}
