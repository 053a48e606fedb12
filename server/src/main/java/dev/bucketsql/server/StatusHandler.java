package dev.bucketsql.server;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.storage.IoStats;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The status page and its API:
 *
 * <ul>
 *   <li>{@code GET /status}: an HTML page listing running queries, with a cancel button each;
 *   <li>{@code GET /queries}: the same as JSON;
 *   <li>{@code POST /queries/ID/cancel}: cancels query ID (404 when it is not running).
 * </ul>
 *
 * <p>Behind the same authentication as the Avatica endpoint. A user sees and cancels only the
 * queries of the connections they opened; an administrator (see {@code
 * BucketSqlServer.Builder.admins}) sees and cancels every user's. Without authentication every
 * client is the same anonymous user and sees everything. A cancel carrying an {@code Origin} header
 * other than this server's is refused (403), so that a page on another site cannot make a logged-in
 * browser cancel queries. Nothing here shows connection properties or credentials; SQL text is
 * shown as the client sent it.
 */
final class StatusHandler extends Handler.Abstract.NonBlocking {
  static final String STATUS_PATH = "/status";
  static final String QUERIES_PATH = "/queries";

  private final QueryRegistry queries;
  private final Predicate<String> isAdmin;

  /**
   * @param isAdmin whether an authenticated user name (or "anonymous") sees every user's queries
   */
  StatusHandler(QueryRegistry queries, Predicate<String> isAdmin) {
    this.queries = requireNonNull(queries, "queries is null");
    this.isAdmin = requireNonNull(isAdmin, "isAdmin is null");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getDecodedPath();
    String method = request.getMethod();
    if (path.equals(STATUS_PATH) || path.equals(QUERIES_PATH)) {
      if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
        return refuse(request, response, callback, "GET, HEAD");
      }
      boolean html = path.equals(STATUS_PATH);
      String user = user(request);
      List<RunningQuery> visible =
          isAdmin.test(user)
              ? queries.list()
              : queries.list().stream().filter(q -> q.user().equals(user)).toList();
      String body = html ? html(visible) : json(visible);
      write(
          response,
          callback,
          HttpStatus.OK_200,
          html ? "text/html;charset=utf-8" : "application/json",
          body);
      return true;
    }
    String[] parts = path.split("/");
    // "", "queries", ID, "cancel"
    if (parts.length == 4 && parts[1].equals("queries") && parts[3].equals("cancel")) {
      if (!HttpMethod.POST.is(method)) {
        return refuse(request, response, callback, "POST");
      }
      if (!sameOrigin(request)) {
        write(
            response,
            callback,
            HttpStatus.FORBIDDEN_403,
            "text/plain;charset=utf-8",
            "Cancel refused: the request came from another site (Origin header)\n");
        return true;
      }
      long id;
      try {
        id = Long.parseLong(parts[2]);
      } catch (NumberFormatException e) {
        write(
            response,
            callback,
            HttpStatus.NOT_FOUND_404,
            "application/json",
            "{\"cancelled\":false,\"error\":\"no query with that id\"}");
        return true;
      }
      String user = user(request);
      RunningQuery target = queries.byId(id).orElse(null);
      if (target != null && !isAdmin.test(user) && !target.user().equals(user)) {
        write(
            response,
            callback,
            HttpStatus.FORBIDDEN_403,
            "application/json",
            "{\"cancelled\":false,\"error\":\"query " + id + " belongs to another user\"}");
        return true;
      }
      boolean cancelled =
          target != null && queries.cancel(id, "cancelled from the status page by " + user);
      String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
      if (cancelled && type != null && type.startsWith("application/x-www-form-urlencoded")) {
        // The page's own button: back to the page.
        response.setStatus(HttpStatus.SEE_OTHER_303);
        response.getHeaders().put(HttpHeader.LOCATION, STATUS_PATH);
        callback.succeeded();
        return true;
      }
      write(
          response,
          callback,
          cancelled ? HttpStatus.OK_200 : HttpStatus.NOT_FOUND_404,
          "application/json",
          cancelled
              ? "{\"cancelled\":true,\"id\":" + id + "}"
              : "{\"cancelled\":false,\"error\":\"query " + id + " is not running\"}");
      return true;
    }
    Response.writeError(
        request,
        response,
        callback,
        HttpStatus.NOT_FOUND_404,
        "Not found; the status page is " + STATUS_PATH);
    return true;
  }

  /**
   * Whether a state-changing request may come from where it says it does: not from a page of
   * another site, which a logged-in browser would send with its saved BASIC credentials.
   */
  static boolean sameOrigin(Request request) {
    String site = request.getHeaders().get("Sec-Fetch-Site");
    if (site != null && site.equals("cross-site")) {
      return false;
    }
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    if (origin == null || origin.equals("null")) {
      return origin == null; // non-browser clients send no Origin; "null" is an opaque one
    }
    String host = request.getHeaders().get(HttpHeader.HOST);
    String scheme = request.getHttpURI().getScheme();
    return host != null && origin.equalsIgnoreCase(scheme + "://" + host);
  }

  private static String user(Request request) {
    String user = (String) request.getAttribute(AuthHandler.USER_ATTRIBUTE);
    return user == null ? "anonymous" : user;
  }

  private static boolean refuse(
      Request request, Response response, Callback callback, String allow) {
    response.getHeaders().put(HttpHeader.ALLOW, allow);
    Response.writeError(
        request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "Use " + allow);
    return true;
  }

  private static void write(
      Response response, Callback callback, int status, String type, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
  }

  static String json(List<RunningQuery> list) {
    StringBuilder s = new StringBuilder("{\"queries\":[");
    for (int i = 0; i < list.size(); i++) {
      RunningQuery q = list.get(i);
      IoStats.Snapshot io = q.fetched();
      s.append(i == 0 ? "" : ",")
          .append('{')
          .append("\"id\":")
          .append(q.id())
          .append(",\"user\":")
          .append(quote(q.user()))
          .append(",\"connectionId\":")
          .append(quote(q.connectionId()))
          .append(",\"statementId\":")
          .append(q.statementId())
          .append(",\"sql\":")
          .append(quote(q.sql()))
          .append(",\"started\":")
          .append(quote(q.started().toString()))
          .append(",\"elapsedMillis\":")
          .append(q.elapsed().toMillis())
          .append(",\"state\":")
          .append(quote(state(q)))
          .append(",\"bytesFetched\":")
          .append(io == null ? "null" : Long.toString(io.bytesFetched()))
          .append(",\"requests\":")
          .append(io == null ? "null" : Long.toString(io.requests()))
          .append(",\"rowGroupsPruned\":")
          .append(q.rowGroupsPruned() < 0 ? "null" : Long.toString(q.rowGroupsPruned()))
          .append(",\"cancelReason\":")
          .append(q.cancelReason() == null ? "null" : quote(q.cancelReason()))
          .append('}');
    }
    return s.append("]}").toString();
  }

  private static String html(List<RunningQuery> list) {
    StringBuilder s = new StringBuilder();
    s.append(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"2\">")
        .append(
            "<title>BucketSQL server</title><style>body{font-family:sans-serif}td,th{padding:2px 8px;")
        .append(
            "text-align:left;vertical-align:top}td.n{text-align:right}code{white-space:pre-wrap}</style>")
        .append("</head><body><h1>BucketSQL server</h1><p>")
        .append(list.size())
        .append(" running quer")
        .append(list.size() == 1 ? "y" : "ies")
        .append(" &middot; <a href=\"")
        .append(QUERIES_PATH)
        .append("\">JSON</a></p>")
        .append(
            "<table><tr><th>id</th><th>user</th><th>elapsed</th><th>state</th><th>bytes fetched</th>")
        .append("<th>requests</th><th>row groups pruned</th><th>SQL</th><th></th></tr>");
    for (RunningQuery q : list) {
      IoStats.Snapshot io = q.fetched();
      s.append("<tr><td class=\"n\">")
          .append(q.id())
          .append("</td><td>")
          .append(escape(q.user()))
          .append("</td><td class=\"n\">")
          .append(String.format(Locale.ROOT, "%.1f s", q.elapsed().toMillis() / 1000.0))
          .append("</td><td>")
          .append(escape(state(q)))
          .append("</td><td class=\"n\">")
          .append(io == null ? "n/a" : String.format(Locale.ROOT, "%,d", io.bytesFetched()))
          .append("</td><td class=\"n\">")
          .append(io == null ? "n/a" : Long.toString(io.requests()))
          .append("</td><td class=\"n\">")
          .append(q.rowGroupsPruned() < 0 ? "n/a" : Long.toString(q.rowGroupsPruned()))
          .append("</td><td><code>")
          .append(escape(q.sql()))
          .append("</code></td><td><form method=\"post\" action=\"")
          .append(QUERIES_PATH)
          .append('/')
          .append(q.id())
          .append("/cancel\"><button>Cancel</button></form></td></tr>");
    }
    return s.append("</table></body></html>").toString();
  }

  private static String state(RunningQuery q) {
    if (q.cancelReason() != null) {
      return "cancelling (" + q.cancelReason() + ")";
    }
    return q.executing() ? "executing" : "waiting for the client to fetch";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  static String quote(String text) {
    StringBuilder s = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>') {
            s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    return s.append('"').toString();
  }
}
