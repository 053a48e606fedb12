package dev.bucketsql.csv;

import java.io.InputStream;

/** Hands out at most {@code chunk} bytes per read, as a slow network would. */
final class Trickle extends InputStream {
  private final byte[] data;
  private final int chunk;
  private int at;

  Trickle(byte[] data, int chunk) {
    this.data = data;
    this.chunk = chunk;
  }

  @Override
  public int read() {
    return at < data.length ? data[at++] & 0xFF : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (at >= data.length) {
      return -1;
    }
    int n = Math.min(Math.min(len, chunk), data.length - at);
    System.arraycopy(data, at, b, off, n);
    at += n;
    return n;
  }
}
