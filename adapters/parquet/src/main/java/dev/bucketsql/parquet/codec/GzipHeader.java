package dev.bucketsql.parquet.codec;

import java.io.IOException;

/** The member header of the gzip format (RFC 1952), skipped to reach the deflate stream. */
final class GzipHeader {
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;

  private GzipHeader() {}

  /** The offset of the deflate data after the header starting at {@code at}. */
  static int skip(byte[] b, int at, int end) throws IOException {
    if (end - at < 10 || (b[at] & 0xFF) != 0x1F || (b[at + 1] & 0xFF) != 0x8B) {
      throw new IOException("corrupt GZIP data: not in GZIP format");
    }
    if (b[at + 2] != 8) {
      throw new IOException("corrupt GZIP data: unsupported compression method " + b[at + 2]);
    }
    int flags = b[at + 3] & 0xFF;
    int p = at + 10;
    if ((flags & FEXTRA) != 0) {
      need(p + 2, end);
      p += 2 + ((b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8);
    }
    if ((flags & FNAME) != 0) {
      p = afterZero(b, p, end);
    }
    if ((flags & FCOMMENT) != 0) {
      p = afterZero(b, p, end);
    }
    if ((flags & FHCRC) != 0) {
      p += 2;
    }
    need(p, end);
    return p;
  }

  private static int afterZero(byte[] b, int p, int end) throws IOException {
    while (p < end && b[p] != 0) {
      p++;
    }
    need(p + 1, end);
    return p + 1;
  }

  private static void need(int p, int end) throws IOException {
    if (p > end) {
      throw new IOException("corrupt GZIP data: truncated header");
    }
  }
}
