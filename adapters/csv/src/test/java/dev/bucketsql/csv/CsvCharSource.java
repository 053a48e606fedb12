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
 * Part of the former reader, kept as a test oracle with {@link CsvRecordReader}.
 *
 * <p>Decodes an object's bytes strictly and follows the CSV record structure on the way, before the
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
 * unchanged, and a CR at the very end of the object ends its last line. When the dialect's line
 * separator is a lone CR (classic Mac files), a lone CR outside quotes ends a record too, handed on
 * as an LF, and quoted CRs count as lines. Blank lines are dropped, except after the first record
 * of a one-column table, where a blank line is a NULL value.
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

  /** Whether a lone CR ends a record (the dialect's line separator is CR). */
  private final boolean cr;

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
  private char previous;
  private long line = 1;
  private long recordLine = 1;
  private long records;

  private long emitted;
  private long startLine = 1;
  private boolean splitMode;
  private boolean cutMidRecord;
  private boolean crAtEnd;

  // Skip mode: records are held until they end, and dropped when malformed.
  private java.util.function.Consumer<CsvReject> rejects;
  private int maxChars;
  private int maxColumns;
  private char[] record;
  private int recordLength;
  private int readyPos;
  private int readyEnd;
  private int fieldLength;
  private String recordProblem;
  private long[] recordNewlines = new long[16];
  private int recordNewlineCount;
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
    this.cr = "\r".equals(dialect.lineSeparator());
    this.expectedFields = expectedFields;
    this.trackNewlines = trackNewlines;
    bytes.flip();
    chars.flip();
  }

  /** Numbers lines from {@code line} (the physical line of the first character) instead of 1. */
  CsvCharSource startLine(long line) {
    this.startLine = line;
    this.line = line;
    this.recordLine = line;
    return this;
  }

  /**
   * Reads one split of a parallel scan: the input must end exactly at a record boundary. Ending
   * inside a record is not an error but is reported by {@link #cutMidRecord()}.
   */
  CsvCharSource splitMode() {
    this.splitMode = true;
    return this;
  }

  /** In split mode, whether the input ended inside a record (the split boundary was wrong). */
  boolean cutMidRecord() {
    return cutMidRecord;
  }

  /** Physical lines begun so far: the line the next character is on. */
  long line() {
    return line;
  }

  /**
   * Skips malformed records instead of failing: each one is added to {@code sink} and its
   * characters never reach the field parser. Fields longer than {@code maxChars} and records with
   * more than {@code maxColumns} fields are malformed too.
   */
  CsvCharSource skipMalformed(
      java.util.function.Consumer<CsvReject> sink, int maxChars, int maxColumns) {
    this.rejects = sink;
    this.maxChars = maxChars;
    this.maxColumns = maxColumns;
    this.record = new char[4096];
    return this;
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
    return newlinesPassed + startLine;
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
      if (readyPos < readyEnd) {
        int k = Math.min(len - n, readyEnd - readyPos);
        System.arraycopy(record, readyPos, cbuf, off + n, k);
        readyPos += k;
        n += k;
        if (readyPos == readyEnd) {
          readyPos = 0;
          readyEnd = 0;
        }
        continue;
      }
      if (!chars.hasRemaining()) {
        if (refill()) {
          continue;
        }
        // A CR that ends the object ends its last line, like a CRLF would (in CR mode it is a
        // line break like any other).
        if (pendingCr && cr) {
          pendingCr = false;
          n = step('\n', cbuf, off, n);
          continue;
        }
        crAtEnd = pendingCr;
        pendingCr = false;
        finish();
        if (readyPos < readyEnd) {
          continue;
        }
        break;
      }
      char c = chars.get();
      if (pendingCr) {
        pendingCr = false;
        if (c != '\n') {
          // A lone CR is data (in CR mode a line break): hand it on, then look at this
          // character again.
          chars.position(chars.position() - 1);
          n = step(cr ? '\n' : '\r', cbuf, off, n);
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
    boolean lineBreak = lineBreak(c);
    if (rejects != null) {
      return holdChar(c, emit, n, lineBreak);
    }
    if (lineBreak) {
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

  /**
   * Whether {@code c}, handed on in that order, starts a new physical line: an LF; in CR mode also
   * a CR inside a quoted field, whose LF of a CR LF then starts none.
   */
  private boolean lineBreak(char c) {
    boolean after = previous == '\r';
    previous = c;
    return c == '\n' ? !(cr && after) : cr && c == '\r';
  }

  /** Skip mode: keeps {@code c} with its record until the record ends well or badly. */
  private int holdChar(char c, boolean emit, int n, boolean lineBreak) {
    boolean ended = c == '\n' && state == FIELD_START;
    if (emit && recordProblem == null) {
      if (recordLength == record.length) {
        record = java.util.Arrays.copyOf(record, record.length * 2);
      }
      record[recordLength++] = c;
      if (c == delimiter && (state == FIELD_START || state == UNQUOTED)) {
        fieldLength = 0;
      } else if (++fieldLength > maxChars + 2) {
        recordProblem = CsvMessages.fieldTooLong(key, recordLine, maxChars).getMessage();
      }
      if (fields > maxColumns) {
        recordProblem = CsvMessages.tooManyFields(key, recordLine, maxColumns).getMessage();
      }
    }
    if (lineBreak) {
      line++;
      if (recordNewlineCount == recordNewlines.length) {
        recordNewlines = java.util.Arrays.copyOf(recordNewlines, recordNewlines.length * 2);
      }
      recordNewlines[recordNewlineCount++] = emit ? emitted + recordLength - 1 : -1;
    }
    if (ended) {
      endHeldRecord();
      if (state == FIELD_START && recordEmpty) {
        recordLine = line;
      }
    }
    return n;
  }

  /** Skip mode: the held record ended; hand it on, or drop and report it. */
  private void endHeldRecord() {
    if (recordProblem == null) {
      for (int i = 0; i < recordNewlineCount; i++) {
        addNewlineIfTracked(recordNewlines[i] < 0 ? emitted + recordLength - 1 : recordNewlines[i]);
      }
      emitted += recordLength;
      readyPos = 0;
      readyEnd = recordLength;
    } else {
      for (int i = 0; i < recordNewlineCount; i++) {
        addNewlineIfTracked(emitted - 1);
      }
      rejects.accept(
          new CsvReject(key, recordLine, CsvReject.Kind.SKIPPED, null, reason(recordProblem)));
      records--;
    }
    recordLength = 0;
    recordNewlineCount = 0;
    fieldLength = 0;
    recordProblem = null;
  }

  private void addNewlineIfTracked(long offset) {
    if (trackNewlines) {
      addNewline(offset);
    }
  }

  /** A strict-mode message without its "CSV object 'k' line N: " prefix. */
  private static String reason(String message) {
    int at = message.indexOf(": ");
    return at < 0 ? message : message.substring(at + 2);
  }

  /** Skip mode: marks the current record malformed; returns false when failing instead. */
  private boolean malformed(RuntimeException problem) {
    if (rejects == null) {
      throw problem;
    }
    if (recordProblem == null) {
      recordProblem = problem.getMessage();
    }
    return true;
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
      malformed(CsvMessages.charAfterQuote(key, recordLine, c, quote));
      // Resynchronise: the rest of the field is read as unquoted text.
      state = UNQUOTED;
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
      malformed(CsvMessages.wrongFieldCount(key, recordLine, fields, expectedFields, delimiter));
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
    if (splitMode) {
      cutMidRecord = !recordEmpty || state != FIELD_START || crAtEnd;
      return;
    }
    if (state == QUOTED || state == ESCAPED) {
      malformed(CsvMessages.unterminatedQuote(key, recordLine, quote));
      if (rejects != null) {
        state = FIELD_START;
        records++;
        endHeldRecord();
      }
      return;
    }
    if (!recordEmpty) {
      endRecord();
      if (rejects != null) {
        // The last record has no line break: hand it on (or drop it) now.
        endHeldRecord();
      }
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
        if (rejects != null) {
          if (chars.position() > 0) {
            // Hand out what decoded first, so the bad bytes mark the record holding them.
            break;
          }
          // Drop the bad bytes and the record holding them; decoding goes on after them.
          malformed(CsvMessages.undecodable(key, line, at, charset.name()));
          bytes.position(bytes.position() + result.length());
          continue;
        }
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
