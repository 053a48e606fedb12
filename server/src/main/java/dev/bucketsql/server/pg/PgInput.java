package dev.bucketsql.server.pg;

import static java.util.Objects.requireNonNull;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads frontend messages: the untyped startup packets and the typed messages after them. */
final class PgInput {
  /** The largest message accepted; larger ones close the connection. */
  static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  private final DataInputStream in;

  PgInput(InputStream in) {
    this.in = new DataInputStream(requireNonNull(in, "in is null"));
  }

  /** A startup-phase packet: length then body, no type byte. */
  Body readStartupPacket() throws IOException {
    int length = in.readInt();
    if (length < 8 || length > 10_000) {
      throw new PgProtocolException("08P01", "Invalid startup packet length " + length);
    }
    byte[] body = new byte[length - 4];
    in.readFully(body);
    return new Body(body);
  }

  /**
   * The next message, or null at end of stream.
   *
   * @throws PgProtocolException for a length out of range
   */
  Message read() throws IOException {
    int type = in.read();
    if (type < 0) {
      return null;
    }
    int length;
    try {
      length = in.readInt();
    } catch (EOFException e) {
      return null;
    }
    if (length < 4 || length > MAX_MESSAGE_BYTES) {
      throw new PgProtocolException(
          "08P01",
          "Invalid length "
              + length
              + " of a '"
              + (char) type
              + "' message; the largest accepted is "
              + MAX_MESSAGE_BYTES
              + " bytes");
    }
    byte[] body = new byte[length - 4];
    in.readFully(body);
    return new Message((char) type, new Body(body));
  }

  /** A typed message. */
  record Message(char type, Body body) {}

  /** A message body read field by field. */
  static final class Body {
    private final byte[] bytes;
    private int position;

    Body(byte[] bytes) {
      this.bytes = bytes;
    }

    int readInt() {
      need(4);
      int v =
          ((bytes[position] & 0xff) << 24)
              | ((bytes[position + 1] & 0xff) << 16)
              | ((bytes[position + 2] & 0xff) << 8)
              | (bytes[position + 3] & 0xff);
      position += 4;
      return v;
    }

    int readShort() {
      need(2);
      int v = ((bytes[position] & 0xff) << 8) | (bytes[position + 1] & 0xff);
      position += 2;
      return v;
    }

    int readByte() {
      need(1);
      return bytes[position++] & 0xff;
    }

    byte[] readBytes(int n) {
      need(n);
      byte[] out = new byte[n];
      System.arraycopy(bytes, position, out, 0, n);
      position += n;
      return out;
    }

    /** The rest of the body. */
    byte[] rest() {
      return readBytes(bytes.length - position);
    }

    String readCString() {
      int end = position;
      while (end < bytes.length && bytes[end] != 0) {
        end++;
      }
      if (end >= bytes.length) {
        throw new PgProtocolException("08P01", "A string in a message is not terminated");
      }
      String s = new String(bytes, position, end - position, StandardCharsets.UTF_8);
      position = end + 1;
      return s;
    }

    boolean hasMore() {
      return position < bytes.length;
    }

    private void need(int n) {
      if (n < 0 || position + n > bytes.length) {
        throw new PgProtocolException("08P01", "A message is shorter than its fields");
      }
    }
  }
}
