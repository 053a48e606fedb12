package dev.bucketsql.jdbc.remote;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.storage.Causes;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.ConnectionConfig;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;

/**
 * Sends a connection's cancels to the server: {@code POST /queries/cancel} beside the Avatica
 * endpoint (the Avatica URL's path plus {@code /queries/cancel}), through an HTTP client made by
 * the connection's own {@code AvaticaHttpClientFactory}, so the cancel carries the same credentials
 * (BASIC, DIGEST, bearer token, SPNEGO) and trusts the same certificates as the connection's
 * requests.
 *
 * <p>The body is a form: {@code connectionId}, {@code statementId}, {@code execution} (the number
 * of the execute request on that statement, counted from 1), {@code reason} ({@code cancel} or
 * {@code timeout}) and, for a timeout, {@code timeout} in seconds. The server answers {@code
 * {"state":"cancelled"|"pending"|"not running"}}; see docs/server.md.
 */
final class CancelClient {
  /** Where the cancel endpoint is, relative to the Avatica URL's path. */
  static final String PATH = "/queries/cancel";

  private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([a-z ]+)\"");
  private static final Pattern HTTP_STATUS = Pattern.compile("HTTP/(\\d{3})");

  private final RemoteConnection connection;
  private AvaticaHttpClient http;
  private String server;

  CancelClient(RemoteConnection connection) {
    this.connection = requireNonNull(connection, "connection is null");
  }

  /**
   * Asks the server to cancel an execute request of a statement of this connection.
   *
   * @return the server's answer: {@code cancelled} (it was running), {@code pending} (it has not
   *     reached the server yet; it will fail as soon as it does) or {@code not running}
   * @throws SQLException if the server could not be reached or refused
   */
  String cancel(
      String connectionId,
      int statementId,
      long execution,
      Execution.Reason reason,
      int timeoutSeconds)
      throws SQLException {
    AvaticaHttpClient client = client();
    String body =
        "connectionId="
            + URLEncoder.encode(connectionId, StandardCharsets.UTF_8)
            + "&statementId="
            + statementId
            + "&execution="
            + execution
            + (reason == Execution.Reason.TIMEOUT
                ? "&reason=timeout&timeout=" + timeoutSeconds
                : "&reason=cancel");
    byte[] answer;
    try {
      answer = client.send(body.getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw failure(e);
    }
    String text = new String(answer, StandardCharsets.UTF_8);
    Matcher state = STATE.matcher(text);
    if (state.find()) {
      return state.group(1);
    }
    if (text.contains("shutting down")) {
      // An Avatica error answer: the server drains before it stops, and the query stops with it.
      throw new SQLException(
          "The server at " + server + " is shutting down; the query stops with it", "08S01");
    }
    throw new SQLFeatureNotSupportedException(
        "The server at "
            + server
            + " did not understand the"
            + " cancel request; cancelling a running query needs a BucketSQL server (bucketsql serve)");
  }

  private synchronized AvaticaHttpClient client() throws SQLException {
    if (http == null) {
      ConnectionConfig config = connection.config();
      if (config.useClientSideLb()) {
        throw new SQLFeatureNotSupportedException(
            "Cancelling a running query is not supported with"
                + " client-side load balancing (use_client_side_lb): the cancel must reach the server"
                + " that runs the query");
      }
      if (config.url() == null) {
        throw new SQLFeatureNotSupportedException(
            "Cancelling a running query needs the server's url");
      }
      URI base;
      URL url;
      try {
        base = new URI(config.url());
        url = cancelUrl(base);
      } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
        throw new SQLException(
            "Cannot make the cancel URL from the connection's url: " + e.getMessage(), e);
      }
      server =
          base.getScheme()
              + "://"
              + base.getHost()
              + (base.getPort() < 0 ? "" : ":" + base.getPort());
      http = config.httpClientFactory().getClient(url, config, connection.getKerberosConnection());
    }
    return http;
  }

  /** The Avatica URL's scheme, authority and path, plus {@value #PATH}. */
  static URL cancelUrl(URI avaticaUrl) throws URISyntaxException, MalformedURLException {
    if (avaticaUrl.getScheme() == null || avaticaUrl.getRawAuthority() == null) {
      throw new URISyntaxException(avaticaUrl.toString(), "expected http(s)://HOST:PORT");
    }
    String path = avaticaUrl.getRawPath() == null ? "" : avaticaUrl.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return new URI(avaticaUrl.getScheme() + "://" + avaticaUrl.getRawAuthority() + path + PATH)
        .toURL();
  }

  /** An exception that says what went wrong, naming the server but never credentials. */
  private SQLException failure(RuntimeException e) {
    Matcher status = HTTP_STATUS.matcher(String.valueOf(e.getMessage()));
    if (status.find()) {
      String code = status.group(1);
      String why =
          switch (code) {
            case "401" -> "the server refused the connection's credentials";
            case "403" ->
                "the connection belongs to another user, or the request came from another site";
            case "404" ->
                "the server does not know this connection or statement (closed or expired),"
                    + " or it is not a BucketSQL server";
            case "400" -> "the server found the cancel request malformed";
            default -> "the server answered";
          };
      return new SQLException(
          "The server at "
              + server
              + " refused to cancel the query: "
              + why
              + " (HTTP "
              + code
              + ")",
          "08S01",
          e);
    }
    String message = Causes.rootMessage(e);
    return new SQLException(
        "Could not send the cancel to the server at " + server + ": " + message, "08S01", e);
  }
}
