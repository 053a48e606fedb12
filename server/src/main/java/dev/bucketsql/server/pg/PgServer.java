package dev.bucketsql.server.pg;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for PostgreSQL clients: one accepting thread, and one thread per client connection from a
 * pool of at most {@code maxConnections}; a client past the limit gets SQLSTATE 53300. Blocking
 * sockets keep the protocol code straight-line; a statement is cancelled from another thread
 * (CancelRequest, the status page, the query timeout), never by interrupting.
 */
public final class PgServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PgServer.class);

  private final PgBackend backend;
  private final SSLContext tls;
  private final int maxConnections;
  private final ConcurrentMap<Integer, PgClient> clients = new ConcurrentHashMap<>();
  private final AtomicInteger processIds = new AtomicInteger();
  private final SecureRandom random = new SecureRandom();
  private final ThreadPoolExecutor threads;
  private ServerSocket listener;
  private Thread acceptor;

  /**
   * A server, not yet listening.
   *
   * @param backend the engine, users and registry it serves
   * @param tls the TLS context, or null for plain connections only; with it, TLS is required
   * @param maxConnections the most client connections served at once
   */
  public PgServer(PgBackend backend, SSLContext tls, int maxConnections) {
    this.backend = requireNonNull(backend, "backend is null");
    this.tls = tls;
    if (maxConnections < 1) {
      throw new IllegalArgumentException(
          "maxConnections must be at least 1, got " + maxConnections);
    }
    this.maxConnections = maxConnections;
    AtomicInteger threadNumber = new AtomicInteger();
    this.threads =
        new ThreadPoolExecutor(
            0,
            maxConnections,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread thread = new Thread(r, "bucketsql-pg-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Starts listening.
   *
   * @param bindAddress the address to listen on
   * @param port the port, 0 for any free one
   * @return the bound address
   * @throws IOException if the address cannot be bound
   */
  public synchronized InetSocketAddress start(String bindAddress, int port) throws IOException {
    if (listener != null) {
      throw new IllegalStateException("already started");
    }
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 128);
    listener = socket;
    acceptor = new Thread(this::acceptLoop, "bucketsql-pg-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** Stops listening, cancels running statements and closes every client connection. */
  public synchronized void stop() {
    if (listener == null) {
      return;
    }
    try {
      listener.close();
    } catch (IOException e) {
      LOG.debug("Closing the PostgreSQL listener: {}", e.getMessage());
    }
    clients
        .values()
        .forEach(
            client -> {
              client.cancel();
              client.disconnect();
            });
    threads.shutdown();
    try {
      if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("PostgreSQL client threads still running after stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** How many clients are connected; for tests. */
  int clientCount() {
    return clients.size();
  }

  void forget(int processId) {
    clients.remove(processId);
  }

  /** Serves a CancelRequest: cancels the statement of {@code processId} if the key matches. */
  void cancel(int processId, int secretKey) {
    PgClient client = clients.get(processId);
    if (client != null && client.secretKey() == secretKey) {
      LOG.info("Cancel request for PostgreSQL connection pg-{}", processId);
      client.cancel();
    }
  }

  private void acceptLoop() {
    while (true) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (SocketException e) {
        return; // closed by stop()
      } catch (IOException e) {
        LOG.warn("Accepting a PostgreSQL client failed: {}", e.getMessage());
        continue;
      }
      int processId = processIds.incrementAndGet();
      PgClient client = new PgClient(this, backend, tls, socket, processId, random.nextInt());
      clients.put(processId, client);
      try {
        threads.execute(client);
      } catch (RejectedExecutionException e) {
        clients.remove(processId);
        refuse(socket);
      }
    }
  }

  private void refuse(Socket socket) {
    try (socket) {
      socket.setSoTimeout(1000);
      PgOutput out = new PgOutput(socket.getOutputStream());
      PgErrors.error(
          out,
          "FATAL",
          "53300",
          "sorry, too many clients already (the server serves at most "
              + maxConnections
              + " PostgreSQL connections)");
      out.flush();
    } catch (IOException e) {
      LOG.debug("Refusing a PostgreSQL client: {}", e.getMessage());
    }
  }
}
