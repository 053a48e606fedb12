package dev.bucketsql.server.pg;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes backend messages: a type byte, a length, the body. A message is built in memory ({@link
 * #begin}, the {@code write*} methods, {@link #end}) and then handed to a buffered stream, which
 * {@link #flush()} empties; callers flush when the client waits for an answer.
 */
final class PgOutput {
  private final OutputStream out;
  private byte[] buffer = new byte[8192];
  private int length;
  private int start = -1;

  PgOutput(OutputStream out) {
    this.out = requireNonNull(out, "out is null");
  }

  /** Starts a message of type {@code type}. */
  PgOutput begin(char type) {
    if (start >= 0) {
      throw new IllegalStateException("a message is already open");
    }
    start = length;
    ensure(5);
    buffer[length++] = (byte) type;
    length += 4; // the length, filled in by end()
    return this;
  }

  /**
   * Drops a message begun and not ended, such as a DataRow whose value failed half-way, so that the
   * ErrorResponse that follows is the next message the client reads. The open message is still in
   * the buffer: only {@link #end()} hands bytes to the stream.
   */
  void abandon() {
    if (start >= 0) {
      length = start;
      start = -1;
    }
  }

  /** Ends the message and sends it to the buffered stream once enough is buffered. */
  void end() throws IOException {
    int size = length - start - 1;
    putInt(start + 1, size);
    start = -1;
    if (length >= 64 * 1024) {
      drain();
    }
  }

  PgOutput writeByte(int b) {
    ensure(1);
    buffer[length++] = (byte) b;
    return this;
  }

  PgOutput writeShort(int v) {
    ensure(2);
    buffer[length++] = (byte) (v >>> 8);
    buffer[length++] = (byte) v;
    return this;
  }

  PgOutput writeInt(int v) {
    ensure(4);
    putInt(length, v);
    length += 4;
    return this;
  }

  PgOutput writeLong(long v) {
    writeInt((int) (v >>> 32));
    return writeInt((int) v);
  }

  PgOutput writeBytes(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, length, bytes.length);
    length += bytes.length;
    return this;
  }

  /**
   * The decimal digits of {@code v}, as {@link Long#toString(long)} writes them, with no String
   * made: a DataRow of integers writes millions of them.
   */
  PgOutput writeDecimal(long v) {
    if (v == Long.MIN_VALUE) {
      return writeBytes(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
    }
    ensure(20);
    if (v < 0) {
      buffer[length++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long rest = v / 10; rest != 0; rest /= 10) {
      digits++;
    }
    for (int at = length + digits - 1; at >= length; at--) {
      buffer[at] = (byte) ('0' + v % 10);
      v /= 10;
    }
    length += digits;
    return this;
  }

  /** {@code v} as {@code width} decimal digits, zeros in front: 7 as "07" for a width of 2. */
  PgOutput writeDigits(int v, int width) {
    ensure(width);
    for (int at = length + width - 1; at >= length; at--) {
      buffer[at] = (byte) ('0' + v % 10);
      v /= 10;
    }
    length += width;
    return this;
  }

  /**
   * {@code s} in UTF-8, copied a character at a time while it is ASCII (most text is) rather than
   * encoded into a new array first.
   */
  PgOutput writeUtf8(String s) {
    int n = s.length();
    ensure(n);
    int at = length;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return writeBytes(s.getBytes(StandardCharsets.UTF_8));
      }
      buffer[at + i] = (byte) c;
    }
    length += n;
    return this;
  }

  /** A zero-terminated UTF-8 string. */
  PgOutput writeCString(String s) {
    writeBytes(s.getBytes(StandardCharsets.UTF_8));
    return writeByte(0);
  }

  /** Where the next byte goes; for lengths filled in later with {@link #patchInt}. */
  int position() {
    return length;
  }

  void patchInt(int position, int v) {
    putInt(position, v);
  }

  /** Sends everything buffered to the client. */
  void flush() throws IOException {
    drain();
    out.flush();
  }

  /** Sends bytes as they are (the one-byte answer to SSLRequest). */
  void raw(int b) throws IOException {
    drain();
    out.write(b);
    out.flush();
  }

  private void drain() throws IOException {
    if (start >= 0) {
      throw new IllegalStateException("a message is still open");
    }
    out.write(buffer, 0, length);
    length = 0;
    if (buffer.length > 1 << 20) {
      buffer = new byte[8192]; // give back what one huge row took
    }
  }

  private void putInt(int at, int v) {
    buffer[at] = (byte) (v >>> 24);
    buffer[at + 1] = (byte) (v >>> 16);
    buffer[at + 2] = (byte) (v >>> 8);
    buffer[at + 3] = (byte) v;
  }

  private void ensure(int n) {
    if (length + n > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + n));
    }
  }
}
