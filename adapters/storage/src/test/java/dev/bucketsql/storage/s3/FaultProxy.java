package dev.bucketsql.storage.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy on 127.0.0.1 in front of the S3 test server that sees each HTTP request head and can
 * misbehave on purpose: cut a connection after some bytes of an answer (once), answer one request
 * with 503 SlowDown, leave HEADs unanswered, or reject requests signed for another region the way
 * AWS does. It records request heads and counts the bytes it passed to the client.
 */
final class FaultProxy implements AutoCloseable {
  private static final Pattern SCOPE =
      Pattern.compile("Credential=[^/]+/\\d{8}/([^/]+)/s3/aws4_request");

  private final int targetPort;
  private final ServerSocket listener;
  private final List<String> requestHeads = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicLong bytesToClient = new AtomicLong();
  private final AtomicInteger openConnections = new AtomicInteger();
  private final AtomicLong cutAfter = new AtomicLong(-1);
  private final AtomicReference<Runnable> beforeCut = new AtomicReference<>();
  private final AtomicBoolean slowDownOnce = new AtomicBoolean();
  private volatile String requiredRegion;
  private volatile boolean holdHeads;

  FaultProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "fault-proxy-accept");
    t.setDaemon(true);
    t.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  /** Cuts (RST) the connection carrying the next answer bytes after {@code n} more bytes, once. */
  void cutAfterBytes(long n, Runnable runBeforeCut) {
    beforeCut.set(runBeforeCut);
    cutAfter.set(n);
  }

  /** Answers the next request with HTTP 503 SlowDown instead of forwarding it. */
  void slowDownNextRequest() {
    slowDownOnce.set(true);
  }

  /** From now on rejects requests whose SigV4 scope names another region than {@code region}. */
  void requireRegion(String region) {
    this.requiredRegion = region;
  }

  /**
   * From now on (while {@code hold}) leaves HEAD requests unanswered, recorded but not forwarded,
   * until the client gives up on them: a server that never answers.
   */
  void holdHeads(boolean hold) {
    this.holdHeads = hold;
  }

  List<String> requestHeads() {
    return List.copyOf(requestHeads);
  }

  long bytesToClient() {
    return bytesToClient.get();
  }

  int openConnections() {
    return openConnections.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(server);
        openConnections.incrementAndGet();
        start(() -> upstream(client, server), "fault-proxy-up");
        start(() -> downstream(server, client), "fault-proxy-down");
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void start(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  private void upstream(Socket client, Socket server) {
    try (InputStream in = client.getInputStream();
        OutputStream out = server.getOutputStream()) {
      while (true) {
        String head = readHead(in);
        if (head == null) {
          break;
        }
        requestHeads.add(head);
        String method = head.substring(0, head.indexOf(' '));
        if (holdHeads && method.equals("HEAD")) {
          // no answer: wait for the client to close or abort the connection
          while (in.read() >= 0) {
            // a client sends nothing more before its answer
          }
          break;
        }
        if (slowDownOnce.compareAndSet(true, false)) {
          reply(
              client, method, 503, "Slow Down", "SlowDown", "Please reduce your request rate.", "");
          break;
        }
        String region = requiredRegion;
        if (region != null) {
          Matcher m = SCOPE.matcher(head);
          if (m.find() && !m.group(1).equals(region)) {
            reply(
                client,
                method,
                400,
                "Bad Request",
                "AuthorizationHeaderMalformed",
                "The authorization header is malformed; the region '"
                    + m.group(1)
                    + "' is wrong; expecting '"
                    + region
                    + "'",
                "<Region>" + region + "</Region>");
            break;
          }
        }
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        long body = contentLength(head);
        if (body > 0) {
          out.write(in.readNBytes((int) body));
        }
        out.flush();
      }
    } catch (IOException e) {
      // The other side went away; the downstream pump closes too.
    } finally {
      closeQuietly(client);
      closeQuietly(server);
    }
  }

  private void downstream(Socket server, Socket client) {
    byte[] buf = new byte[16 * 1024];
    try (InputStream in = server.getInputStream();
        OutputStream out = client.getOutputStream()) {
      int n;
      while ((n = in.read(buf)) > 0) {
        long limit = cutAfter.get();
        if (limit >= 0 && n >= limit && cutAfter.compareAndSet(limit, -1)) {
          out.write(buf, 0, (int) limit);
          out.flush();
          bytesToClient.addAndGet(limit);
          Runnable r = beforeCut.getAndSet(null);
          if (r != null) {
            r.run();
          }
          client.setSoLinger(true, 0); // RST: the client sees "connection reset"
          break;
        } else if (limit >= 0) {
          cutAfter.compareAndSet(limit, limit - n);
        }
        out.write(buf, 0, n);
        out.flush();
        bytesToClient.addAndGet(n);
      }
    } catch (IOException e) {
      // Client aborted or closed: stop forwarding.
    } finally {
      closeQuietly(client);
      closeQuietly(server);
      openConnections.decrementAndGet();
    }
  }

  private static void reply(
      Socket client,
      String method,
      int status,
      String reason,
      String code,
      String message,
      String extra)
      throws IOException {
    byte[] body =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message>"
                + extra
                + "<RequestId>fault-proxy</RequestId></Error>")
            .getBytes(StandardCharsets.UTF_8);
    boolean head = method.equals("HEAD");
    String response =
        "HTTP/1.1 "
            + status
            + " "
            + reason
            + "\r\nContent-Type: application/xml\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    OutputStream out = client.getOutputStream();
    out.write(response.getBytes(StandardCharsets.ISO_8859_1));
    if (!head) {
      out.write(body);
    }
    out.flush();
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    int c;
    while ((c = in.read()) >= 0) {
      head.write(c);
      // Matches CR LF CR LF.
      state =
          (c == '\r' && (state == 0 || state == 2))
              ? state + 1
              : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
      if (state == 4) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  private static long contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return 0;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing to do
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : sockets) {
      closeQuietly(s);
    }
  }
}
