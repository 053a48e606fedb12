package dev.bucketsql.jdbc.remote;

import dev.bucketsql.calcite.engine.QueryErrors;
import dev.bucketsql.storage.Causes;
import java.io.IOException;
import java.security.UnrecoverableKeyException;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.apache.calcite.avatica.BuiltInConnectionProperty;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Turns what Avatica's remote client throws into the SQLException the embedded driver would have
 * thrown: the server's SQLSTATE and its one-line message, without Avatica's "Error -1 (22012) :
 * Error while executing SQL ..." wrapping; an HTTP or TLS failure becomes 08001 when connecting and
 * 08006 afterwards, a refused login 28000, logins refused after repeated failures (HTTP 429) 08004.
 */
final class RemoteErrors {
  /** Avatica's wording around the server's message. */
  private static final Pattern AVATICA_PREFIX =
      Pattern.compile(
          "^(?:Error while executing SQL \".*?\": |while preparing SQL: .*?: )", Pattern.DOTALL);

  private static final Pattern SERVER_TRACE_MESSAGE =
      Pattern.compile(
          "^\\S*AvaticaRuntimeException: \\[Mess+age: '(.*?)', Error code", Pattern.DOTALL);
  private static final Pattern HTTP_STATUS =
      Pattern.compile("HTTP/(?:\\d(?:\\.\\d)?)? ?(\\d{3})|\\b(40[13])\\b");

  private RemoteErrors() {}

  /** The SQLException for {@code e}, thrown by a call about statement {@code sql} (or null). */
  static SQLException translate(Throwable e, @Nullable String sql) {
    for (Throwable t = e; t != null; t = Causes.cause(t)) {
      // this driver's own (a cancel, a timeout) are already what to throw
      if (t instanceof SQLException s
          && !(s instanceof AvaticaSqlException)
          && known(s.getSQLState())) {
        return s;
      }
      if (t instanceof AvaticaSqlException) {
        break;
      }
    }
    AvaticaSqlException server = Causes.find(e, AvaticaSqlException.class);
    if (server != null && known(server.getSQLState())) {
      return QueryErrors.create(server.getSQLState(), serverMessage(message(server), sql), e);
    }
    AvaticaClientRuntimeException client = Causes.find(e, AvaticaClientRuntimeException.class);
    if (client != null && known(client.getSqlState())) {
      return QueryErrors.create(client.getSqlState(), serverMessage(client.getMessage(), sql), e);
    }
    SQLException transport =
        transport(e, QueryErrors.CONNECTION_FAILURE, "the connection to the server broke");
    if (transport != null) {
      return transport;
    }
    if (server != null || client != null) {
      String message = server != null ? message(server) : client.getMessage();
      return QueryErrors.create(QueryErrors.INTERNAL_ERROR, serverMessage(message, sql), e);
    }
    return QueryErrors.toSqlException(e, sql);
  }

  /**
   * The SQLException for {@code e}, thrown while opening a connection to {@code url} with {@code
   * properties} (the URL's keys over the connection properties).
   */
  static SQLException connectFailure(Throwable e, String url, Properties properties) {
    SQLException truststore = truststoreFailure(e, properties);
    if (truststore != null) {
      return truststore;
    }
    SQLException transport =
        transport(e, QueryErrors.CONNECTION_FAILED, "cannot connect to " + serverOf(url));
    if (transport != null) {
      return transport;
    }
    SQLException translated = translate(e, null);
    if (translated.getSQLState().startsWith("08") || translated.getSQLState().equals("28000")) {
      return translated;
    }
    return QueryErrors.create(
        QueryErrors.CONNECTION_FAILED,
        "cannot connect to " + serverOf(url) + ": " + translated.getMessage(),
        e);
  }

  /**
   * A truststore the client could not open for its password, or null. Java says only "keystore
   * password was incorrect", which names neither the file nor the setting to fix; without a key
   * store of the client's own, the truststore is the one store opened.
   */
  private static @Nullable SQLException truststoreFailure(Throwable e, Properties properties) {
    String truststore = properties.getProperty(BuiltInConnectionProperty.TRUSTSTORE.camelName());
    if (truststore == null
        || properties.getProperty(BuiltInConnectionProperty.KEYSTORE.camelName()) != null) {
      return null;
    }
    boolean password =
        Causes.any(
            e,
            t ->
                t instanceof UnrecoverableKeyException
                    || (t instanceof IOException
                        && String.valueOf(t.getMessage()).contains("password")));
    if (!password) {
      return null;
    }
    String given =
        properties.getProperty(BuiltInConnectionProperty.TRUSTSTORE_PASSWORD.camelName());
    return QueryErrors.create(
        QueryErrors.CONNECTION_FAILED,
        "cannot open the truststore "
            + truststore
            + (given == null || given.isEmpty()
                ? ": its password is missing; set truststore_password"
                : ": its password is wrong; check truststore_password"),
        e);
  }

  /** An HTTP, TLS or socket failure of the client, or null when {@code e} is none. */
  private static @Nullable SQLException transport(Throwable e, String state, String what) {
    SSLException tls = Causes.find(e, SSLException.class);
    if (tls != null) {
      return QueryErrors.create(
          state,
          what
              + ": TLS handshake failed ("
              + QueryErrors.oneLine(tls.getMessage())
              + "); check https in the URL, the truststore and the server's certificate",
          e);
    }
    for (Throwable t = e; t != null; t = Causes.cause(t)) {
      Matcher m = HTTP_STATUS.matcher(String.valueOf(t.getMessage()));
      if (t instanceof RuntimeException
          && !(t instanceof AvaticaClientRuntimeException)
          && m.find()) {
        String status = m.group(1) != null ? m.group(1) : m.group(2);
        if (status.equals("401") || status.equals("403")) {
          return QueryErrors.create(
              "28000",
              "the server refused the login (HTTP "
                  + status
                  + "); check the user and password (user and password, or avatica_user and"
                  + " avatica_password, with authentication=BASIC) or the bearer token",
              e);
        }
        if (status.equals("429")) {
          // 08004: the server rejected the connection; it said for how long in Retry-After.
          return QueryErrors.create(
              "08004",
              "the server refuses logins from this address for a while after"
                  + " repeated failed logins (HTTP 429); wait a few seconds, then retry with the right user and password",
              e);
        }
      }
    }
    IOException io = Causes.find(e, IOException.class);
    if (io != null) {
      return QueryErrors.create(
          state,
          what
              + ": "
              + io.getClass().getSimpleName()
              + (io.getMessage() == null ? "" : " " + QueryErrors.oneLine(io.getMessage()))
              + "; check the url= of the connection and that bucketsql serve is running",
          e);
    }
    return null;
  }

  /**
   * The server's message: Avatica words a failed prepare as "while preparing SQL: ..." and keeps
   * what the server said only in the first of the server's stack traces, whose first line is {@code
   * AvaticaRuntimeException: [Messsage: '...', Error code: ...}.
   */
  private static String message(AvaticaSqlException e) {
    String message = String.valueOf(e.getErrorMessage());
    if (!message.startsWith("while preparing SQL") || e.getStackTraces() == null) {
      return message;
    }
    for (String trace : e.getStackTraces()) {
      Matcher m = SERVER_TRACE_MESSAGE.matcher(trace);
      if (m.find()) {
        return m.group(1);
      }
    }
    return message;
  }

  private static String serverMessage(@Nullable String message, @Nullable String sql) {
    String m = message == null ? "" : message;
    if (sql != null) {
      m = m.replace("Error while executing SQL \"" + sql + "\": ", "");
    }
    m = AVATICA_PREFIX.matcher(m).replaceFirst("");
    m = m.replaceFirst("^Remote driver error: ", "");
    // Avatica's fallback for a server error without a message lists the chain: keep the first
    return QueryErrors.oneLine(m);
  }

  private static boolean known(@Nullable String state) {
    return state != null && !state.isBlank() && !state.equals("00000") && !state.equals("HY000");
  }

  private static String serverOf(String url) {
    Matcher m = Pattern.compile("url=([^;]+)").matcher(url);
    return m.find() ? m.group(1) : "the server";
  }
}
