package dev.bucketsql.engine.spill;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** The reader of what {@link SpillOutput} writes, with its own buffer. */
final class SpillInput implements AutoCloseable {
  private final InputStream in;
  private final byte[] buffer;
  private int position;
  private int limit;

  SpillInput(InputStream in, int bufferSize) {
    this.in = in;
    this.buffer = new byte[bufferSize];
  }

  private void fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    if (n <= 0) {
      throw new EOFException("a spill file ended inside a row");
    }
    position = 0;
    limit = n;
  }

  int readByte() throws IOException {
    if (position == limit) {
      fill();
    }
    return buffer[position++] & 0xFF;
  }

  long readVarLong() throws IOException {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      int b = readByte();
      v |= (long) (b & 0x7F) << shift;
      if (b < 0x80) {
        return v;
      }
    }
  }

  long readSignedVarLong() throws IOException {
    long z = readVarLong();
    return (z >>> 1) ^ -(z & 1);
  }

  long readLong() throws IOException {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | readByte();
    }
    return v;
  }

  byte[] readBytes() throws IOException {
    int n = (int) readVarLong();
    byte[] b = new byte[n];
    int done = 0;
    while (done < n) {
      if (position == limit) {
        fill();
      }
      int k = Math.min(n - done, limit - position);
      System.arraycopy(buffer, position, b, done, k);
      position += k;
      done += k;
    }
    return b;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
