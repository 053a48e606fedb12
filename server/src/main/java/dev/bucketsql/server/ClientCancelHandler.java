package dev.bucketsql.server;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /queries/cancel}: a remote client cancels a query of its own connection, the request
 * BucketSQL's remote driver sends for {@code Statement.cancel()} and query timeouts (Avatica's
 * protocol has none). Behind the same authentication as the Avatica endpoint; the user must be the
 * one who opened the connection.
 *
 * <p>Body, form-encoded: {@code connectionId}, {@code statementId} (Avatica's ids), optionally
 * {@code execution} (the statement's execute request, counted from 1; without it only a query
 * running now is cancelled), {@code reason} ({@code cancel} or {@code timeout}) and {@code timeout}
 * (seconds, for a timeout). Answers {@code 200 {"state":"cancelled","query":ID}}, {@code
 * {"state":"pending"}} (the execute request has not arrived yet: it will fail when it does) or
 * {@code {"state":"not running"}}; {@code 400} for a malformed request, {@code 403} for another
 * user's connection or a cross-site request, {@code 404} for an unknown connection or statement.
 */
final class ClientCancelHandler extends Handler.Abstract {
  /** The endpoint's path at the server's root. */
  static final String PATH = "/queries/cancel";

  /** The same endpoint under any path prefix, for clients whose Avatica URL has a path. */
  static final String PREFIXED_PATH_REGEX = "^/.+/queries/cancel$";

  private static final Logger LOG = LoggerFactory.getLogger(ClientCancelHandler.class);
  private static final int MAX_BODY_CHARS = 4096;

  private final ClientCancels cancels;

  ClientCancelHandler(ClientCancels cancels) {
    // Reads the request body: Jetty must call it on a pool thread.
    super(InvocationType.BLOCKING);
    this.cancels = requireNonNull(cancels, "cancels is null");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    if (!HttpMethod.POST.is(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, HttpMethod.POST.asString());
      Response.writeError(
          request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "Use POST");
      return true;
    }
    if (!StatusHandler.sameOrigin(request)) {
      write(
          response,
          callback,
          HttpStatus.FORBIDDEN_403,
          error("the request came from another site"));
      return true;
    }
    String body;
    try {
      body = Content.Source.asString(request, StandardCharsets.UTF_8);
    } catch (IOException e) {
      callback.failed(e);
      return true;
    }
    Parsed parsed;
    try {
      parsed = parse(body);
    } catch (IllegalArgumentException e) {
      write(response, callback, HttpStatus.BAD_REQUEST_400, error(e.getMessage()));
      return true;
    }
    String user = (String) request.getAttribute(AuthHandler.USER_ATTRIBUTE);
    ClientCancels.Result result =
        cancels.cancel(
            user, parsed.connectionId(), parsed.statementId(), parsed.execution(), parsed.reason());
    switch (result.outcome()) {
      case CANCELLED ->
          write(
              response,
              callback,
              HttpStatus.OK_200,
              "{\"state\":\"cancelled\",\"query\":" + result.queryId() + "}");
      case PENDING -> write(response, callback, HttpStatus.OK_200, "{\"state\":\"pending\"}");
      case NOT_RUNNING ->
          write(response, callback, HttpStatus.OK_200, "{\"state\":\"not running\"}");
      case NOT_FOUND ->
          write(
              response,
              callback,
              HttpStatus.NOT_FOUND_404,
              error("no such connection, or no such statement on it"));
      case FORBIDDEN -> {
        LOG.info(
            "Refused a cancel by {} from {} for a connection another user opened",
            user,
            Request.getRemoteAddr(request));
        write(
            response,
            callback,
            HttpStatus.FORBIDDEN_403,
            error("the connection belongs to another user"));
      }
      default -> throw new IllegalStateException("unknown outcome " + result.outcome());
    }
    return true;
  }

  /** A cancel request's fields, checked. */
  record Parsed(String connectionId, int statementId, long execution, String reason) {}

  static Parsed parse(String body) {
    if (body.length() > MAX_BODY_CHARS) {
      throw new IllegalArgumentException("the request body is too long");
    }
    Map<String, String> form = new HashMap<>();
    for (String pair : body.strip().split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      form.put(key, value);
    }
    String connectionId = form.get("connectionId");
    if (connectionId == null || connectionId.isBlank()) {
      throw new IllegalArgumentException("connectionId is missing");
    }
    int statementId = (int) number(form, "statementId", 0, Integer.MAX_VALUE, -1);
    if (statementId < 0) {
      throw new IllegalArgumentException("statementId is missing");
    }
    long execution = number(form, "execution", 1, Long.MAX_VALUE, 0);
    String reason =
        switch (form.getOrDefault("reason", "cancel")) {
          case "cancel" -> "cancelled by the client (Statement.cancel)";
          case "timeout" -> {
            long seconds = number(form, "timeout", 1, Integer.MAX_VALUE, 0);
            yield "the client's query timeout"
                + (seconds == 0 ? "" : " of " + seconds + " s")
                + " expired (Statement.setQueryTimeout)";
          }
          default -> throw new IllegalArgumentException("reason must be cancel or timeout");
        };
    return new Parsed(connectionId, statementId, execution, reason);
  }

  private static long number(
      Map<String, String> form, String key, long min, long max, long absent) {
    String value = form.get(key);
    if (value == null) {
      return absent;
    }
    try {
      long n = Long.parseLong(value.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(key + " must be a whole number from " + min + " to " + max);
  }

  private static String error(String message) {
    return "{\"error\":" + StatusHandler.quote(message) + "}";
  }

  private static void write(Response response, Callback callback, int status, String json) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
  }
}
