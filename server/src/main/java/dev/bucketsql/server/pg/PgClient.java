package dev.bucketsql.server.pg;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection from its first byte: the startup packets (SSLRequest, GSSENCRequest,
 * CancelRequest, StartupMessage), authentication, then a {@link PgSession}.
 */
final class PgClient implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(PgClient.class);
  private static final int SSL_REQUEST = 80877103;
  private static final int GSSENC_REQUEST = 80877104;
  private static final int CANCEL_REQUEST = 80877102;
  private static final int PROTOCOL_3 = 3 << 16;

  /** How long a client may take from connecting to being authenticated. */
  private static final int STARTUP_TIMEOUT_MILLIS = 60_000;

  private final PgServer server;
  private final PgBackend backend;
  private final SSLContext tls;
  private final int processId;
  private final int secretKey;
  private Socket socket;
  private PgInput in;
  private PgOutput out;
  private boolean secure;
  private volatile PgSession session;

  PgClient(
      PgServer server,
      PgBackend backend,
      SSLContext tls,
      Socket socket,
      int processId,
      int secretKey) {
    this.server = requireNonNull(server, "server is null");
    this.backend = requireNonNull(backend, "backend is null");
    this.tls = tls;
    this.socket = requireNonNull(socket, "socket is null");
    this.processId = processId;
    this.secretKey = secretKey;
  }

  int secretKey() {
    return secretKey;
  }

  /** Cancels the running statement, if any; from another client's CancelRequest. */
  void cancel() {
    PgSession current = session;
    if (current != null) {
      current.cancel();
    }
  }

  /** Closes the socket, which ends the client's thread. */
  void disconnect() {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void run() {
    try {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(STARTUP_TIMEOUT_MILLIS);
      streams();
      Map<String, String> startup = startup();
      if (startup == null) {
        return;
      }
      String user = authenticate(startup.get("user"));
      if (user == null) {
        return;
      }
      Connection connection;
      try {
        connection = backend.connect();
      } catch (SQLException e) {
        SQLException sql = PgErrors.toSql(e);
        fatal(sql.getSQLState(), sql.getMessage());
        return;
      }
      String schema;
      try {
        schema = connection.getSchema();
      } catch (SQLException e) {
        schema = null;
      }
      PgSettings settings =
          new PgSettings(user, startup, schema == null ? "public" : schema, processId);
      PgCatalogSql catalog = new PgCatalogSql(PgCatalog.install(connection, settings), settings);
      PgSession current =
          new PgSession(backend, connection, in, out, settings, user, "pg-" + processId, catalog);
      session = current;
      try {
        for (Map.Entry<String, String> e : settings.reported().entrySet()) {
          current.parameterStatus(e.getKey(), e.getValue());
        }
        out.begin('K').writeInt(processId).writeInt(secretKey).end();
        // A client silent longer than the idle timeout gets a FATAL 57P05 (PgSession.run).
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, backend.idleTimeoutMillis()));
        current.run();
      } finally {
        session = null;
        current.close();
      }
    } catch (PgProtocolException e) {
      try {
        fatal(e.sqlState(), e.getMessage());
      } catch (IOException ignored) {
        // the client is gone
      }
    } catch (IOException e) {
      LOG.debug("PostgreSQL client {} disconnected: {}", processId, e.getMessage());
    } finally {
      server.forget(processId);
      disconnect();
    }
  }

  private void streams() throws IOException {
    in = new PgInput(new BufferedInputStream(socket.getInputStream(), 16 * 1024));
    out = new PgOutput(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
  }

  /** Reads startup packets until the StartupMessage; null when the connection is done (cancel). */
  private Map<String, String> startup() throws IOException {
    while (true) {
      PgInput.Body packet = in.readStartupPacket();
      int code = packet.readInt();
      if (code == SSL_REQUEST) {
        if (tls == null || secure) {
          out.raw('N');
          continue;
        }
        out.raw('S');
        SSLSocket ssl =
            (SSLSocket)
                tls.getSocketFactory()
                    .createSocket(
                        socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.startHandshake();
        socket = ssl;
        secure = true;
        streams();
        continue;
      }
      if (code == GSSENC_REQUEST) {
        out.raw('N');
        continue;
      }
      if (code == CANCEL_REQUEST) {
        server.cancel(packet.readInt(), packet.readInt());
        return null;
      }
      if (code >> 16 != 3) {
        throw new PgProtocolException(
            "0A000",
            "unsupported frontend protocol "
                + (code >> 16)
                + "."
                + (code & 0xffff)
                + ": server supports 3.0");
      }
      Map<String, String> parameters = new LinkedHashMap<>();
      List<String> unknownOptions = new ArrayList<>();
      while (packet.hasMore()) {
        String name = packet.readCString();
        if (name.isEmpty()) {
          break;
        }
        String value = packet.readCString();
        if (name.startsWith("_pq_.")) {
          unknownOptions.add(name);
        } else {
          parameters.put(name, value);
        }
      }
      if (code != PROTOCOL_3 || !unknownOptions.isEmpty()) {
        out.begin('v').writeInt(0).writeInt(unknownOptions.size());
        unknownOptions.forEach(out::writeCString);
        out.end();
      }
      if (tls != null && !secure) {
        throw new PgProtocolException(
            "28000",
            "this server accepts only TLS connections; connect with"
                + " sslmode=require (psql, psycopg) or ssl=true (pgjdbc)");
      }
      if (parameters.get("user") == null || parameters.get("user").isEmpty()) {
        throw new PgProtocolException(
            "28000", "no PostgreSQL user name specified in startup packet");
      }
      return parameters;
    }
  }

  /** Runs the authentication exchange; the user name, or null after a FATAL error was sent. */
  private String authenticate(String user) throws IOException {
    if (!backend.authRequired()) {
      out.begin('R').writeInt(0).end();
      return user;
    }
    String address = socket.getInetAddress().getHostAddress();
    long wait = backend.loginRetryAfterSeconds(address);
    if (wait > 0) {
      fatal("28000", "too many failed logins from " + address + "; try again in " + wait + " s");
      return null;
    }
    boolean ok;
    if (user.equals(PgBackend.TOKEN_USER) && backend.hasToken()) {
      ok = cleartextToken();
    } else {
      ok = scram(user);
    }
    if (!ok) {
      backend.loginFailed(address);
      LOG.info("PostgreSQL login of '{}' from {} failed", user, address);
      fatal("28P01", "password authentication failed for user \"" + user + "\"");
      return null;
    }
    out.begin('R').writeInt(0).end();
    return user;
  }

  private boolean cleartextToken() throws IOException {
    if (!secure) {
      throw new PgProtocolException(
          "28000",
          "the bearer token is accepted only over TLS (as the password of"
              + " user 'token'); connect with sslmode=require, or log in as a user of the users file");
    }
    out.begin('R').writeInt(3).end();
    out.flush();
    PgInput.Message message = expectPassword();
    return backend.tokenMatches(message.body().readCString());
  }

  private boolean scram(String user) throws IOException {
    ScramExchange exchange = new ScramExchange(backend.scramVerifier(user));
    out.begin('R').writeInt(10).writeCString("SCRAM-SHA-256").writeByte(0).end();
    out.flush();
    PgInput.Body initial = expectPassword().body();
    String mechanism = initial.readCString();
    if (!mechanism.equals("SCRAM-SHA-256")) {
      throw new PgProtocolException(
          "28000", "SASL mechanism " + mechanism + " is not supported; use" + " SCRAM-SHA-256");
    }
    int length = initial.readInt();
    String clientFirst = new String(initial.readBytes(Math.max(0, length)), StandardCharsets.UTF_8);
    out.begin('R')
        .writeInt(11)
        .writeBytes(exchange.serverFirst(clientFirst).getBytes(StandardCharsets.UTF_8))
        .end();
    out.flush();
    String clientFinal = new String(expectPassword().body().rest(), StandardCharsets.UTF_8);
    String serverFinal = exchange.serverFinal(clientFinal);
    if (serverFinal == null) {
      return false;
    }
    out.begin('R').writeInt(12).writeBytes(serverFinal.getBytes(StandardCharsets.UTF_8)).end();
    return true;
  }

  private PgInput.Message expectPassword() throws IOException {
    PgInput.Message message = in.read();
    if (message == null) {
      throw new IOException("the client closed the connection during authentication");
    }
    if (message.type() != 'p') {
      throw new PgProtocolException(
          "08P01", "expected a password message, got '" + message.type() + "'");
    }
    return message;
  }

  private void fatal(String sqlState, String message) throws IOException {
    PgErrors.error(out, "FATAL", sqlState, message);
    out.flush();
  }
}
