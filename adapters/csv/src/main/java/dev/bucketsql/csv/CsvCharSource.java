package dev.bucketsql.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes an object's bytes strictly and follows the CSV record structure on the way, before the
 * field parser sees the characters. It is the one place that knows:
 *
 * <ul>
 *   <li>physical line numbers (the field parser's own are wrong across quoted line breaks);
 *   <li>whether the object ends inside a quoted field (the field parser silently accepts it);
 *   <li>how many fields each record has, checked against the first record;
 *   <li>how many records there are, which is all {@code COUNT(*)} needs.
 * </ul>
 *
 * <p>It also drops the CR of a CRLF that ends a record, so the field parser sees LF only and files
 * with LF, CRLF or mixed endings read alike; line breaks inside quoted fields are passed on
 * unchanged, and a CR at the very end of the object ends its last line. Blank lines are dropped,
 * except after the first record of a one-column table, where a blank line is a NULL value.
 */
final class CsvCharSource extends Reader {
  private static final int BUFFER = 64 * 1024;

  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int ESCAPED = 3;
  private static final int QUOTE_SEEN = 4;
  private static final int AFTER_QUOTE = 5;

  private final String key;
  private final InputStream in;
  private final Charset charset;
  private final CharsetDecoder decoder;
  private final boolean partial;
  private final char delimiter;
  private final char quote;
  private final char escape;
  private final boolean trackNewlines;
  private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
  private final CharBuffer chars = CharBuffer.allocate(BUFFER);

  private long bufferOffset;
  private boolean inputEnded;
  private long malformedAt = -1;
  private boolean finished;
  private boolean closed;

  private int state = FIELD_START;
  private int expectedFields;
  private int fields = 1;
  private boolean recordEmpty = true;
  private boolean pendingCr;
  private long line = 1;
  private long recordLine = 1;
  private long records;

  private long emitted;
  private long[] newlines = new long[1024];
  private int newlineHead;
  private int newlineCount;
  private long newlinesPassed;

  /**
   * @param key the object key, for messages
   * @param in the bytes, starting after any byte order mark
   * @param startOffset the object offset of the first byte of {@code in}
   * @param dialect delimiter, quote and escape
   * @param charset how the bytes are encoded
   * @param partial whether {@code in} is only the head of the object: then its end may cut a
   *     record, a quoted field or a multi-byte character without error
   * @param expectedFields fields every record must have, or -1 to take the first record's
   * @param trackNewlines whether {@link #lineAt} will be asked (keeps newline offsets a while)
   */
  CsvCharSource(
      String key,
      InputStream in,
      long startOffset,
      CsvDialect dialect,
      Charset charset,
      boolean partial,
      int expectedFields,
      boolean trackNewlines) {
    this.key = key;
    this.in = in;
    this.bufferOffset = startOffset;
    this.charset = charset;
    this.decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    this.partial = partial;
    this.delimiter = dialect.delimiter();
    this.quote = dialect.quote();
    this.escape = dialect.escape();
    this.expectedFields = expectedFields;
    this.trackNewlines = trackNewlines;
    bytes.flip();
    chars.flip();
  }

  /** Records completed so far, header included; blank lines count only in one-column tables. */
  long records() {
    return records;
  }

  /** The field count every record has, -1 before the first record. */
  int expectedFields() {
    return expectedFields;
  }

  /**
   * The physical line (1-based) of the character at {@code charOffset} of the characters handed
   * out. Offsets asked must not decrease, which lets passed newlines be forgotten.
   */
  long lineAt(long charOffset) {
    while (newlineCount > 0 && newlines[newlineHead] < charOffset) {
      newlineHead = (newlineHead + 1) % newlines.length;
      newlineCount--;
      newlinesPassed++;
    }
    return newlinesPassed + 1;
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("CSV object '" + key + "': stream closed");
    }
    if (len == 0) {
      return 0;
    }
    int n = 0;
    while (n < len) {
      if (!chars.hasRemaining()) {
        if (refill()) {
          continue;
        }
        // A CR that ends the object ends its last line, like a CRLF would.
        pendingCr = false;
        finish();
        break;
      }
      char c = chars.get();
      if (pendingCr) {
        pendingCr = false;
        if (c != '\n') {
          // A lone CR is data: hand it on, then look at this character again.
          chars.position(chars.position() - 1);
          n = step('\r', cbuf, off, n);
          continue;
        }
      } else if (c == '\r' && state != QUOTED && state != ESCAPED) {
        pendingCr = true;
        continue;
      }
      n = step(c, cbuf, off, n);
    }
    return n == 0 ? -1 : n;
  }

  private int step(char c, char[] cbuf, int off, int n) {
    boolean emit = true;
    switch (state) {
      case FIELD_START:
        if (c == '\n') {
          if (recordEmpty) {
            emit = blankLine();
          } else {
            endRecord();
          }
        } else if (c == quote) {
          state = QUOTED;
          recordEmpty = false;
        } else if (c == delimiter) {
          fields++;
          recordEmpty = false;
        } else {
          state = UNQUOTED;
          recordEmpty = false;
        }
        break;
      case UNQUOTED:
        if (c == delimiter) {
          fields++;
          state = FIELD_START;
        } else if (c == '\n') {
          endRecord();
        }
        break;
      case QUOTED:
        if (c == escape && escape != quote) {
          state = ESCAPED;
        } else if (c == quote) {
          state = QUOTE_SEEN;
        }
        break;
      case ESCAPED:
        state = QUOTED;
        break;
      case QUOTE_SEEN:
        if (c == quote && quote == escape) {
          state = QUOTED;
        } else {
          afterQuote(c);
        }
        break;
      default:
        afterQuote(c);
        break;
    }
    if (c == '\n') {
      line++;
      if (state == FIELD_START && recordEmpty) {
        recordLine = line;
      }
      if (trackNewlines) {
        // A dropped blank line still counts: place it just before the next record.
        addNewline(emit ? emitted : emitted - 1);
      }
    }
    if (!emit) {
      return n;
    }
    cbuf[off + n] = c;
    emitted++;
    return n + 1;
  }

  private void afterQuote(char c) {
    if (c == delimiter) {
      fields++;
      state = FIELD_START;
    } else if (c == '\n') {
      endRecord();
    } else if (c == ' ' || c == '\t') {
      state = AFTER_QUOTE;
    } else {
      throw CsvMessages.charAfterQuote(key, recordLine, c, quote);
    }
  }

  private boolean blankLine() {
    // Blank lines before the first record are never data: the first record is the header.
    if (expectedFields == 1 && records > 0) {
      records++;
      return true;
    }
    return false;
  }

  private void endRecord() {
    if (expectedFields < 0) {
      expectedFields = fields;
    } else if (fields != expectedFields) {
      throw CsvMessages.wrongFieldCount(key, recordLine, fields, expectedFields, delimiter);
    }
    records++;
    fields = 1;
    recordEmpty = true;
    state = FIELD_START;
  }

  private void finish() {
    if (finished) {
      return;
    }
    finished = true;
    if (partial) {
      return;
    }
    if (state == QUOTED || state == ESCAPED) {
      throw CsvMessages.unterminatedQuote(key, recordLine, quote);
    }
    if (!recordEmpty) {
      endRecord();
    }
  }

  private void addNewline(long offset) {
    if (newlineCount == newlines.length) {
      long[] grown = new long[newlines.length * 2];
      for (int i = 0; i < newlineCount; i++) {
        grown[i] = newlines[(newlineHead + i) % newlines.length];
      }
      newlines = grown;
      newlineHead = 0;
    }
    newlines[(newlineHead + newlineCount) % newlines.length] = offset;
    newlineCount++;
  }

  /** Decodes more characters; false at the end of the input. */
  private boolean refill() throws IOException {
    if (malformedAt >= 0) {
      throw CsvMessages.undecodable(key, line, malformedAt, charset.name());
    }
    if (finished) {
      return false;
    }
    chars.clear();
    while (true) {
      CoderResult result = decoder.decode(bytes, chars, inputEnded && !partial);
      if (result.isError()) {
        long at = bufferOffset + bytes.position();
        if (chars.position() == 0) {
          throw CsvMessages.undecodable(key, line, at, charset.name());
        }
        // Hand out what decoded cleanly first, so the error names the right line.
        malformedAt = at;
        break;
      }
      if (chars.position() > 0) {
        break;
      }
      if (inputEnded) {
        chars.flip();
        return false;
      }
      readMore();
    }
    chars.flip();
    return true;
  }

  private void readMore() throws IOException {
    int consumed = bytes.position();
    bytes.compact();
    bufferOffset += consumed;
    int k = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (k < 0) {
      inputEnded = true;
    } else {
      bytes.position(bytes.position() + k);
    }
    bytes.flip();
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      in.close();
    }
  }
}
