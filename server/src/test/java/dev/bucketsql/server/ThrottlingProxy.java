package dev.bucketsql.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of the S3 test server that passes answers on slowly (a chunk,
 * then a pause), so a scan of a few megabytes lasts seconds: long enough to cancel. It counts the
 * bytes passed to the client and the connections the client closed, which is how an aborted HTTP
 * GET shows up here.
 */
final class ThrottlingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int targetPort;
  private final int chunkBytes;
  private final long pauseMillis;
  private final AtomicLong bytesToClient = new AtomicLong();
  private final AtomicInteger clientCloses = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private volatile boolean closed;

  ThrottlingProxy(int targetPort, int chunkBytes, long pauseMillis) throws IOException {
    this.targetPort = targetPort;
    this.chunkBytes = chunkBytes;
    this.pauseMillis = pauseMillis;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::acceptLoop, "throttling-proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  /** Bytes of answers passed on to clients so far. */
  long bytesToClient() {
    return bytesToClient.get();
  }

  /** Connections the client closed (as opposed to the server ending them). */
  int clientCloses() {
    return clientCloses.get();
  }

  /** Connections open through the proxy now. */
  int openConnections() {
    return open.get();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.incrementAndGet();
        AtomicBoolean serverEnded = new AtomicBoolean();
        start(() -> upstreamLoop(client, upstream, serverEnded));
        start(() -> downstreamLoop(client, upstream, serverEnded));
      } catch (IOException e) {
        if (!closed) {
          e.printStackTrace();
        }
      }
    }
  }

  private void upstreamLoop(Socket client, Socket upstream, AtomicBoolean serverEnded) {
    byte[] buffer = new byte[8192];
    try (InputStream in = client.getInputStream();
        OutputStream out = upstream.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // the client's side ended: counted below
    }
    if (!serverEnded.get() && !closed) {
      clientCloses.incrementAndGet();
    }
    closeBoth(client, upstream);
    open.decrementAndGet();
  }

  private void downstreamLoop(Socket client, Socket upstream, AtomicBoolean serverEnded) {
    byte[] buffer = new byte[chunkBytes];
    try (InputStream in = upstream.getInputStream();
        OutputStream out = client.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
        bytesToClient.addAndGet(n);
        Thread.sleep(pauseMillis);
      }
      serverEnded.set(true);
    } catch (IOException e) {
      // the client went away mid-answer; the other loop counts it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeBoth(client, upstream);
  }

  private static void start(Runnable loop) {
    Thread thread = new Thread(loop, "throttling-proxy-pipe");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeBoth(Socket a, Socket b) {
    try {
      a.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    try {
      b.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
  }
}
