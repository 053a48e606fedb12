package dev.bucketsql.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;

/**
 * The UTF-8 text of a stream in another charset, transcoded as it is read, so objects in charsets
 * whose bytes the byte-level reader cannot tokenize (UTF-16, UTF-32, Shift_JIS, GB18030, ...) take
 * the same reader as UTF-8 ones.
 *
 * <p>Decoding is strict: each malformed or unmappable sequence of the source becomes one byte 0xFF,
 * which is never valid UTF-8, so the reader reports it (or skips its record) at its line exactly as
 * it reports invalid bytes of a UTF-8 object; no character is silently replaced. Line breaks keep
 * their count (a CR or LF is one character in every charset), so line numbers stay those of the
 * object. A byte order mark of UTF-16LE/BE becomes the UTF-8 one, which the sniffer skips; "UTF-16"
 * and "UTF-32" consume theirs in the JDK decoder.
 *
 * <p>Memory is bounded: 64 KiB of source bytes and characters and the UTF-8 of one such chunk.
 * Closing closes the source stream (which aborts its download).
 */
final class CsvTranscoder extends InputStream {
  /** Stands for one malformed or unmappable sequence of the source: never valid in UTF-8. */
  static final byte INVALID = (byte) 0xFF;

  private static final int CHUNK = 64 * 1024;

  private final InputStream in;
  private final CharsetDecoder decoder;
  private final ByteBuffer src = ByteBuffer.allocate(CHUNK).flip();
  private final CharBuffer chars = CharBuffer.allocate(CHUNK);
  private byte[] out = new byte[CHUNK * 3 + 8];
  private int outPos;
  private int outLimit;
  private char high;
  private boolean eof;
  private boolean done;

  /** UTF-8 from {@code in}, whose bytes are in {@code charset}; {@code in} is closed with it. */
  CsvTranscoder(InputStream in, Charset charset) {
    this.in = in;
    this.decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (outPos == outLimit) {
      if (done) {
        return -1;
      }
      produce();
    }
    int n = Math.min(len, outLimit - outPos);
    System.arraycopy(out, outPos, b, off, n);
    outPos += n;
    return n;
  }

  /** Reads one chunk of the source and decodes what it can of it into {@link #out}. */
  private void produce() throws IOException {
    outPos = 0;
    outLimit = 0;
    if (!eof) {
      src.compact();
      int n = in.read(src.array(), src.position(), src.remaining());
      if (n < 0) {
        eof = true;
      } else {
        src.position(src.position() + n);
      }
      src.flip();
    }
    while (true) {
      CoderResult r = decoder.decode(src, chars, eof);
      if (r.isError()) {
        encode();
        put(INVALID);
        src.position(src.position() + r.length());
      } else if (r.isOverflow()) {
        encode();
      } else {
        break;
      }
    }
    if (eof) {
      decoder.flush(chars);
      encode();
      if (high != 0) {
        put(INVALID); // cannot happen with a strict decoder, but never drop a character
        high = 0;
      }
      done = true;
    } else {
      encode();
    }
  }

  /** Appends the decoded characters as UTF-8 and empties {@link #chars}. */
  private void encode() {
    chars.flip();
    ensure(chars.remaining() * 3 + 4);
    char[] c = chars.array();
    byte[] o = out;
    int n = outLimit;
    for (int i = chars.position(), end = chars.limit(); i < end; i++) {
      char ch = c[i];
      if (high != 0 && !Character.isLowSurrogate(ch)) {
        o[n++] = INVALID; // a strict decoder never leaves one alone, but never drop a character
        high = 0;
      }
      if (ch < 0x80) {
        o[n++] = (byte) ch;
      } else if (ch < 0x800) {
        o[n++] = (byte) (0xC0 | ch >> 6);
        o[n++] = (byte) (0x80 | ch & 0x3F);
      } else if (Character.isHighSurrogate(ch)) {
        high = ch;
      } else if (Character.isLowSurrogate(ch) && high != 0) {
        int cp = Character.toCodePoint(high, ch);
        high = 0;
        o[n++] = (byte) (0xF0 | cp >> 18);
        o[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
        o[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
        o[n++] = (byte) (0x80 | cp & 0x3F);
      } else if (Character.isLowSurrogate(ch)) {
        o[n++] = INVALID; // a strict decoder never gives one alone
      } else {
        o[n++] = (byte) (0xE0 | ch >> 12);
        o[n++] = (byte) (0x80 | ch >> 6 & 0x3F);
        o[n++] = (byte) (0x80 | ch & 0x3F);
      }
    }
    outLimit = n;
    chars.clear();
  }

  private void put(byte b) {
    ensure(1);
    out[outLimit++] = b;
  }

  private void ensure(int more) {
    if (outLimit + more > out.length) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, outLimit + more));
    }
  }

  @Override
  public void close() throws IOException {
    done = true;
    in.close();
  }
}
