package dev.bucketsql.engine.spill;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A buffered writer of the primitives a spill file is made of: bytes, variable-length integers and
 * raw 8-byte values. Its own buffer (rather than a {@code DataOutputStream} over a {@code
 * BufferedOutputStream}) keeps the per-value cost to an array store.
 */
final class SpillOutput implements AutoCloseable {
  private final OutputStream out;
  private final byte[] buffer;
  private int position;

  SpillOutput(OutputStream out, int bufferSize) {
    this.out = out;
    this.buffer = new byte[bufferSize];
  }

  void writeByte(int b) throws IOException {
    if (position == buffer.length) {
      flushBuffer();
    }
    buffer[position++] = (byte) b;
  }

  /** An unsigned variable-length integer: 7 bits a byte, low bits first. */
  void writeVarLong(long v) throws IOException {
    if (buffer.length - position < 10) {
      flushBuffer();
    }
    while ((v & ~0x7FL) != 0) {
      buffer[position++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buffer[position++] = (byte) v;
  }

  /** A signed integer in zigzag form, so small negative numbers stay short. */
  void writeSignedVarLong(long v) throws IOException {
    writeVarLong((v << 1) ^ (v >> 63));
  }

  void writeLong(long v) throws IOException {
    if (buffer.length - position < 8) {
      flushBuffer();
    }
    for (int shift = 56; shift >= 0; shift -= 8) {
      buffer[position++] = (byte) (v >>> shift);
    }
  }

  void writeBytes(byte[] b) throws IOException {
    writeVarLong(b.length);
    if (b.length > buffer.length - position) {
      flushBuffer();
      if (b.length > buffer.length) {
        out.write(b);
        return;
      }
    }
    System.arraycopy(b, 0, buffer, position, b.length);
    position += b.length;
  }

  private void flushBuffer() throws IOException {
    if (position > 0) {
      out.write(buffer, 0, position);
      position = 0;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      flushBuffer();
    } finally {
      out.close();
    }
  }
}
