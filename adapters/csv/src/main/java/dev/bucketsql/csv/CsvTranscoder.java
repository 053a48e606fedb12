package dev.bucketsql.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
  private final CharsetEncoder encoder =
      StandardCharsets.UTF_8
          .newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer src = ByteBuffer.allocate(CHUNK).flip();
  private final CharBuffer chars = CharBuffer.allocate(CHUNK);
  private byte[] out = new byte[CHUNK * 3 + 8];
  private int outPos;
  private int outLimit;
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
        encode(false);
        put(INVALID);
        src.position(src.position() + r.length());
      } else if (r.isOverflow()) {
        encode(false);
      } else {
        break;
      }
    }
    if (eof) {
      decoder.flush(chars);
      encode(true);
      ByteBuffer o = ByteBuffer.wrap(out, outLimit, out.length - outLimit);
      encoder.flush(o);
      outLimit = o.position();
      done = true;
    } else {
      encode(false);
    }
  }

  /**
   * Appends the decoded characters as UTF-8 (the JDK's encoder) and empties {@link #chars}, but for
   * the high half of a surrogate pair whose low half is still to come, which waits there for it
   * unless the input ended.
   */
  private void encode(boolean endOfInput) {
    chars.flip();
    while (true) {
      ensure(chars.remaining() * 3 + 4);
      ByteBuffer o = ByteBuffer.wrap(out, outLimit, out.length - outLimit);
      CoderResult r = encoder.encode(chars, o, endOfInput);
      outLimit = o.position();
      if (r.isError()) {
        // a lone surrogate: a strict decoder never gives one, but never drop a character
        put(INVALID);
        chars.position(chars.position() + r.length());
      } else if (!r.isOverflow()) {
        break;
      }
    }
    chars.compact();
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
