package dev.bucketsql.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal HTTP front on 127.0.0.1 before the S3 test server (which checks no region), one request
 * per connection: it can refuse requests signed for another region the way AWS and Garage do (400
 * AuthorizationHeaderMalformed naming the expected region), and it can act as a slow reverse proxy
 * (a {@code Via} header on every answer, bodies passed on in slow chunks).
 */
final class S3Front implements AutoCloseable {
  private static final Pattern SCOPE =
      Pattern.compile("Credential=[^/]+/\\d+/([^/]+)/s3/aws4_request");

  private final ServerSocket listener;
  private final int targetPort;
  private final String requiredRegion;
  private final String via;
  private final int chunkBytes;
  private final long pauseMillis;
  private volatile boolean closed;

  private S3Front(
      int targetPort, String requiredRegion, String via, int chunkBytes, long pauseMillis)
      throws IOException {
    this.targetPort = targetPort;
    this.requiredRegion = requiredRegion;
    this.via = via;
    this.chunkBytes = chunkBytes;
    this.pauseMillis = pauseMillis;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::acceptLoop, "s3-front-accept");
    accept.setDaemon(true);
    accept.start();
  }

  /** A front that refuses every signed request whose scope names another region. */
  static S3Front requiringRegion(int targetPort, String region) throws IOException {
    return new S3Front(targetPort, region, null, 64 * 1024, 0);
  }

  /** A front that names itself in {@code Via} and passes bodies on at most chunk/pause. */
  static S3Front slowProxy(int targetPort, String via, int chunkBytes, long pauseMillis)
      throws IOException {
    return new S3Front(targetPort, null, via, chunkBytes, pauseMillis);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Thread t = new Thread(() -> serve(client), "s3-front-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client;
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
      InputStream fromClient = client.getInputStream();
      String head = readHead(fromClient);
      if (head == null) {
        return;
      }
      if (requiredRegion != null) {
        Matcher m = SCOPE.matcher(head);
        if (m.find() && !m.group(1).equals(requiredRegion)) {
          String body =
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AuthorizationHeaderMalformed</Code>"
                  + "<Message>The authorization header is malformed; the region '"
                  + m.group(1)
                  + "' is wrong; expecting '"
                  + requiredRegion
                  + "'</Message><Region>"
                  + requiredRegion
                  + "</Region></Error>";
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          OutputStream out = client.getOutputStream();
          out.write(
              ("HTTP/1.1 400 Bad Request\r\nContent-Type: application/xml\r\nContent-Length: "
                      + bytes.length
                      + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
          out.write(bytes);
          out.flush();
          return;
        }
      }
      OutputStream toUpstream = upstream.getOutputStream();
      toUpstream.write(withConnectionClose(head).getBytes(StandardCharsets.ISO_8859_1));
      toUpstream.flush();
      Thread body = new Thread(() -> pipe(fromClient, toUpstream, 8192, 0), "s3-front-body");
      body.setDaemon(true);
      body.start();
      InputStream fromUpstream = upstream.getInputStream();
      String responseHead = readHead(fromUpstream);
      if (responseHead == null) {
        return;
      }
      if (via != null) {
        responseHead =
            responseHead.substring(0, responseHead.length() - 2) + "Via: " + via + "\r\n\r\n";
      }
      OutputStream toClient = client.getOutputStream();
      toClient.write(responseHead.getBytes(StandardCharsets.ISO_8859_1));
      toClient.flush();
      pipe(fromUpstream, toClient, chunkBytes, pauseMillis);
    } catch (IOException e) {
      // one side went away: the connection ends
    }
  }

  private static String withConnectionClose(String head) {
    StringBuilder out = new StringBuilder();
    for (String line : head.split("\r\n")) {
      if (line.isEmpty() || line.regionMatches(true, 0, "Connection:", 0, 11)) {
        continue;
      }
      out.append(line).append("\r\n");
    }
    return out.append("Connection: close\r\n\r\n").toString();
  }

  /** The bytes up to and including the blank line, as ISO-8859-1; null at end of stream. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      state =
          (b == '\r' && (state == 0 || state == 2))
              ? state + 1
              : (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
      if (state == 4) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  private static void pipe(InputStream in, OutputStream out, int chunk, long pause) {
    byte[] buffer = new byte[chunk];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
        if (pause > 0) {
          Thread.sleep(pause);
        }
      }
    } catch (IOException e) {
      // the other side closed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
  }
}
