package dev.bucketsql.testing.s3;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 proxy on 127.0.0.1 in front of an S3 server that breaks requests on purpose, the ways
 * real networks and servers do: connection resets, 503 SlowDown and 500 InternalError answers,
 * stalls, HEADs never answered, bodies cut mid-way, and ranged answers shorter than the range asked
 * (headers saying so). Faults come from a queue ({@link #nextRequests}) or at random with a fixed
 * seed ({@link #randomFaults}), so a run is repeatable. Every request goes to the server on a fresh
 * connection; the client's connection is kept alive as HTTP allows.
 */
public final class FaultInjectingProxy implements AutoCloseable {
  /** A way to break one request. */
  public enum Fault {
    /** The client's connection is reset (RST) before any answer. */
    RESET,
    /** HTTP 503 SlowDown, without asking the server. */
    SLOW_DOWN,
    /** HTTP 500 InternalError, without asking the server. */
    INTERNAL_ERROR,
    /** The answer is held back for the stall time, then sent whole. */
    STALL,
    /** A ranged GET's body is reset half-way. */
    CUT_BODY,
    /** A ranged GET is answered with the first half of the range, its headers saying so. */
    SHORT_BODY,
    /** HTTP 200 with an HTML page, as a web server that is not S3 answers. */
    HTML;

    boolean onlyRangedGets() {
      return this == CUT_BODY || this == SHORT_BODY;
    }
  }

  private final int targetPort;
  private final ServerSocket listener;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Deque<Fault> queued = new ArrayDeque<>();
  private final Map<Fault, AtomicLong> injected = new EnumMap<>(Fault.class);
  private final AtomicLong requests = new AtomicLong();
  private final List<String> requestLines = new CopyOnWriteArrayList<>();
  private final AtomicInteger openConnections = new AtomicInteger();
  private Random random;
  private double rate;
  private List<Fault> kinds = List.of();
  private volatile Duration stall = Duration.ofSeconds(1);
  private volatile String heldHeads;

  /** A proxy to the HTTP server at 127.0.0.1:{@code targetPort}, listening on a free port. */
  public FaultInjectingProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    for (Fault f : Fault.values()) {
      injected.put(f, new AtomicLong());
    }
    this.listener = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "fault-injecting-proxy");
    t.setDaemon(true);
    t.start();
  }

  /** The proxy's endpoint URL, for a client's {@code endpoint} setting. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  /** Breaks the next {@code n} requests (ranged GETs only, for body faults) with {@code fault}. */
  public synchronized void nextRequests(Fault fault, int n) {
    for (int i = 0; i < n; i++) {
      queued.add(fault);
    }
  }

  /**
   * Breaks each later request with probability {@code rate}, with a fault drawn from {@code
   * faults}, both from a generator seeded with {@code seed}.
   */
  public synchronized void randomFaults(long seed, double rate, Set<Fault> faults) {
    this.random = new Random(seed);
    this.rate = rate;
    this.kinds = List.copyOf(faults);
  }

  /** Forwards every later request unharmed (queued faults are dropped). */
  public synchronized void heal() {
    queued.clear();
    random = null;
  }

  /** How long a {@link Fault#STALL} holds an answer back (1 s unless set). */
  public void stallFor(Duration duration) {
    this.stall = duration;
  }

  /**
   * Leaves every later HEAD request whose request line contains {@code part} (a key, a bucket)
   * unanswered, received and counted but not forwarded, until the client gives up on it: a server
   * that never answers those HEADs. {@code null} answers every request again.
   */
  public void holdHeads(String part) {
    this.heldHeads = part;
  }

  /** Faults injected so far, of one kind. */
  public long injected(Fault fault) {
    return injected.get(fault).get();
  }

  /** Faults injected so far, all kinds. */
  public long injected() {
    return injected.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** Requests received so far. */
  public long requests() {
    return requests.get();
  }

  /**
   * The first line of every request received so far ({@code GET /bucket?list-type=2&... HTTP/1.1}),
   * in order: what a test counts to tell listings from reads.
   */
  public List<String> requestLines() {
    return List.copyOf(requestLines);
  }

  /** Client connections open now. */
  public int openConnections() {
    return openConnections.get();
  }

  private synchronized Fault choose(boolean rangedGet) {
    Fault next = queued.peek();
    if (next != null && (rangedGet || !next.onlyRangedGets())) {
      return queued.poll();
    }
    if (next == null && random != null && random.nextDouble() < rate) {
      Fault f = kinds.get(random.nextInt(kinds.size()));
      return rangedGet || !f.onlyRangedGets() ? f : null;
    }
    return null;
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        sockets.add(client);
        openConnections.incrementAndGet();
        Thread t = new Thread(() -> serve(client), "fault-injecting-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream out = client.getOutputStream();
      while (true) {
        HttpHead request = HttpHead.read(in);
        if (request == null) {
          return;
        }
        byte[] body = in.readNBytes((int) Math.max(0, request.contentLength()));
        requests.incrementAndGet();
        requestLines.add(request.line());
        String held = heldHeads;
        if (held != null && request.line().startsWith("HEAD ") && request.line().contains(held)) {
          // no answer: wait for the client to close or abort the connection
          while (in.read() >= 0) {
            // a client sends nothing more before its answer
          }
          return;
        }
        boolean rangedGet = request.line().startsWith("GET ") && request.header("range") != null;
        Fault fault = choose(rangedGet);
        if (fault != null) {
          injected.get(fault).incrementAndGet();
        }
        if (!answer(request, body, fault, client, out)) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away, or a fault closed the connection
    } finally {
      sockets.remove(client);
      openConnections.decrementAndGet();
    }
  }

  /** Answers one request; false when the client connection must close. */
  private boolean answer(
      HttpHead request, byte[] body, Fault fault, Socket client, OutputStream out)
      throws IOException {
    if (fault == Fault.RESET) {
      reset(client);
      return false;
    }
    if (fault == Fault.SLOW_DOWN || fault == Fault.INTERNAL_ERROR) {
      boolean slow = fault == Fault.SLOW_DOWN;
      sendXmlError(out, slow ? 503 : 500, slow ? "SlowDown" : "InternalError");
      return true;
    }
    if (fault == Fault.HTML) {
      byte[] page = "<html><body>Welcome</body></html>".getBytes(StandardCharsets.US_ASCII);
      out.write(
          ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
                  + page.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(page);
      out.flush();
      return true;
    }
    try (Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
      OutputStream up = server.getOutputStream();
      up.write(request.withHeader("Connection", "close").bytes());
      up.write(body);
      up.flush();
      InputStream down = new BufferedInputStream(server.getInputStream());
      HttpHead response = HttpHead.read(down);
      if (response == null) {
        throw new EOFException("the server closed the connection without an answer");
      }
      if (fault == Fault.STALL) {
        sleep(stall);
      }
      boolean noBody =
          request.line().startsWith("HEAD ")
              || response.status() == 204
              || response.status() == 304;
      long length = noBody ? 0 : response.contentLength();
      String range = response.header("content-range");
      if (fault == Fault.SHORT_BODY && response.status() == 206 && length >= 2 && range != null) {
        long half = length / 2;
        long first =
            Long.parseLong(range.substring(range.indexOf(' ') + 1, range.indexOf('-')).strip());
        String total = range.substring(range.indexOf('/') + 1);
        HttpHead shortened =
            response
                .without("Connection")
                .withHeader("Content-Length", Long.toString(half))
                .withHeader(
                    "Content-Range", "bytes " + first + "-" + (first + half - 1) + "/" + total);
        out.write(shortened.bytes());
        copy(down, out, half);
        out.flush();
        return true;
      }
      if (fault == Fault.CUT_BODY && length >= 2) {
        out.write(response.bytes());
        copy(down, out, length / 2);
        out.flush();
        reset(client);
        return false;
      }
      if (length >= 0) {
        out.write(response.without("Connection").bytes());
        copy(down, out, length);
        out.flush();
        return true;
      }
      // chunked (relayed as is up to the server's close) or delimited by the close itself
      boolean chunked =
          "chunked".equalsIgnoreCase(String.valueOf(response.header("transfer-encoding")).strip());
      out.write((chunked ? response.without("Connection") : response).bytes());
      down.transferTo(out);
      out.flush();
      return chunked;
    }
  }

  private static void copy(InputStream in, OutputStream out, long n) throws IOException {
    byte[] buf = new byte[64 * 1024];
    while (n > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, n));
      if (r < 0) {
        throw new EOFException("the server's answer ended early");
      }
      out.write(buf, 0, r);
      n -= r;
    }
  }

  private static void sendXmlError(OutputStream out, int status, String code) throws IOException {
    byte[] xml =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
                + code
                + "</Code><Message>injected fault</Message></Error>")
            .getBytes(StandardCharsets.UTF_8);
    out.write(
        ("HTTP/1.1 "
                + status
                + " "
                + code
                + "\r\nContent-Type: application/xml\r\nContent-Length: "
                + xml.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(xml);
    out.flush();
  }

  private static void reset(Socket socket) throws IOException {
    socket.setSoLinger(true, 0); // close with RST, as a dropped connection looks to the client
    socket.close();
  }

  private static void sleep(Duration d) throws IOException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : sockets) {
      s.close();
    }
  }

  /** A request or response head: the first line and the header lines, in order. */
  private record HttpHead(String line, List<String> headers) {
    static HttpHead read(InputStream in) throws IOException {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          if (buf.size() == 0) {
            return null;
          }
          throw new EOFException("connection closed inside an HTTP head");
        }
        buf.write(b);
        matched =
            (b == '\r' && (matched == 0 || matched == 2))
                    || (b == '\n' && (matched == 1 || matched == 3))
                ? matched + 1
                : (b == '\r' ? 1 : 0);
      }
      String[] lines = buf.toString(StandardCharsets.ISO_8859_1).split("\r\n");
      List<String> headers = new ArrayList<>();
      for (int i = 1; i < lines.length; i++) {
        if (!lines[i].isEmpty()) {
          headers.add(lines[i]);
        }
      }
      return new HttpHead(lines[0], headers);
    }

    String header(String name) {
      for (String h : headers) {
        int colon = h.indexOf(':');
        if (colon > 0 && h.substring(0, colon).strip().equalsIgnoreCase(name)) {
          return h.substring(colon + 1).strip();
        }
      }
      return null;
    }

    long contentLength() {
      String v = header("content-length");
      return v == null ? -1 : Long.parseLong(v);
    }

    int status() {
      String[] parts = line.split(" ");
      return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    }

    HttpHead without(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      List<String> kept =
          headers.stream().filter(h -> !h.toLowerCase(Locale.ROOT).startsWith(prefix)).toList();
      return new HttpHead(line, kept);
    }

    HttpHead withHeader(String name, String value) {
      List<String> h = new ArrayList<>(without(name).headers);
      h.add(name + ": " + value);
      return new HttpHead(line, h);
    }

    byte[] bytes() {
      StringBuilder s = new StringBuilder(line).append("\r\n");
      headers.forEach(h -> s.append(h).append("\r\n"));
      return s.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
  }
}
