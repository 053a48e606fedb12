package dev.bucketsql.csv;

import dev.bucketsql.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads CSV records straight from their bytes: every scan of a UTF-8 object, of one in a
 * single-byte ASCII-compatible charset ({@link CsvByteCharset}: ISO-8859-x, windows-125x), and of
 * one in any other charset once transcoded to UTF-8 ({@link CsvTranscoder}).
 *
 * <p>Records and fields are found by a {@link CsvByteTokenizer} on the bytes, eight or sixteen at a
 * time, validating the charset on the way (UTF-8 sequences, or bytes a single-byte charset leaves
 * unmapped). This class holds the stream and the buffer, numbers lines, turns problems into errors
 * (or skipped records) and gives the fields of each record: as text ({@link #next()}, only selected
 * fields are decoded, a count decodes none) or as byte ranges for typed conversion without a string
 * ({@link #advance()}, {@link #buffer()}, {@link #start}). The quoting rules, line numbers, error
 * messages and skip-mode behaviour are those of the former decoder + univocity reader, which tests
 * keep as an oracle and check it against.
 *
 * <p>Memory: one buffer of 128 KiB that grows only to hold one record longer than it (a field is
 * cut off at about three times {@code maxCharsPerColumn} bytes, a bad record is discarded as it is
 * read in skip mode).
 */
final class CsvByteRecordReader implements CsvRecordSource, CsvByteTokenizer.Problems {
  private static final int BUFFER = 128 * 1024;

  private final String key;
  private final Supplier<InputStream> opener;
  private final CsvDialect dialect;
  private final int maxChars;
  private final int maxColumns;
  private final int[] selected;
  private final Consumer<CsvReject> rejects;
  private final CsvByteTokenizer tokens;
  private final CsvFieldBounds bounds;
  private final String[] values;
  private int expectedFields;
  private final CsvByteCharset charset;

  private InputStream in;
  private byte[] buf = new byte[BUFFER];
  private int limit;
  private long bufOffset;
  private boolean eof;
  private boolean started;
  private boolean ended;
  private boolean closed;
  private boolean splitMode;
  private boolean cutMidRecord;
  private boolean partial;

  private long startLine = 1;
  private long line = 1;
  private long records;
  private long recordLine;
  private boolean blank;
  private String problem;

  /**
   * @param opener opens the bytes (after any byte order mark) on the first {@link #next()}
   * @param startOffset the object offset of the first byte the opener gives, for messages
   * @param width fields every record must have, or -1 to take the first record's (then every field
   *     is kept, for {@link #fields()})
   * @param selected file column indexes to decode, ascending; empty to decode none (a count)
   * @param rejects where skipped records go in skip mode; null to fail on the first problem
   */
  CsvByteRecordReader(
      String key,
      Supplier<InputStream> opener,
      long startOffset,
      CsvDialect dialect,
      CsvOptions options,
      int width,
      int[] selected,
      Consumer<CsvReject> rejects) {
    this.key = key;
    this.opener = opener;
    this.bufOffset = startOffset;
    this.dialect = dialect;
    this.maxChars = options.maxCharsPerColumn();
    this.maxColumns = options.maxColumns();
    this.expectedFields = width;
    this.selected = selected.clone();
    this.values = new String[Math.max(width, 1)];
    this.rejects = rejects;
    // A transcoded object's bytes reach this reader as UTF-8 (see CsvDataFile).
    this.charset = CsvByteCharset.of(options.charset());
    this.tokens =
        new CsvByteTokenizer(
            dialect,
            charset,
            width < 0
                ? options.maxColumns()
                : selected.length == 0 ? 0 : this.selected[selected.length - 1] + 1,
            maxChars,
            maxColumns,
            this);
    this.bounds = tokens.bounds();
  }

  /** Whether objects read with {@code dialect} and {@code options} can take this path. */
  static boolean supports(CsvDialect dialect, CsvOptions options) {
    return CsvByteTokenizer.supports(dialect);
  }

  /** See {@link CsvBytes#utf8}. */
  static int utf8(byte[] b, int i, int to) {
    return CsvBytes.utf8(b, i, to);
  }

  /** Numbers lines from {@code first} (the physical line of the first byte) instead of 1. */
  CsvByteRecordReader startLine(long first) {
    this.startLine = first;
    this.line = first;
    return this;
  }

  /**
   * Reads one split of a parallel scan: the input must end exactly at a record boundary; ending
   * inside a record is reported by {@link #cutMidRecord()} instead of failing.
   */
  CsvByteRecordReader splitMode() {
    this.splitMode = true;
    return this;
  }

  /**
   * Reads the head of an object (a sample): its end may cut a record, a quoted field or a
   * character, and the record it cuts is left out instead of failing.
   */
  CsvByteRecordReader partial() {
    this.partial = true;
    return this;
  }

  /** In split mode, whether the input ended inside a record (the split boundary was wrong). */
  boolean cutMidRecord() {
    return cutMidRecord;
  }

  /** Line feeds read so far, inside quoted fields and blank lines too. */
  long newlines() {
    return line - startLine;
  }

  @Override
  public long recordLine() {
    return recordLine;
  }

  @Override
  public String[] next() {
    if (!advance()) {
      return null;
    }
    for (int c : selected) {
      values[c] = text(c);
    }
    return values;
  }

  /** Every field of the current record, as text: needs a width taken from the first record. */
  String[] fields() {
    if (blank) {
      return new String[1];
    }
    String[] fields = new String[tokens.fields()];
    for (int c = 0; c < fields.length; c++) {
      fields[c] = text(c);
    }
    return fields;
  }

  /**
   * Moves to the next record; false at the end. Its selected fields are then read with {@link
   * #text} or as bytes ({@link #buffer()}, {@link #start}, {@link #end}, {@link #plain}) until the
   * next call.
   */
  boolean advance() {
    if (ended || closed) {
      return false;
    }
    try {
      if (!started) {
        started = true;
        in = opener.get();
      }
      while (true) {
        line += tokens.newlines();
        tokens.nextRecord();
        problem = null;
        int kind = scan();
        long first = line;
        if (kind == CsvByteTokenizer.END) {
          ended = true;
          return false;
        }
        String bad = problem;
        if (kind == CsvByteTokenizer.BLANK) {
          if (expectedFields == 1 && records > 0) {
            records++;
            recordLine = first;
            blank = true;
            return true;
          }
          continue;
        }
        int nf = tokens.fields();
        if (expectedFields < 0 && bad == null) {
          expectedFields = nf;
        }
        if (bad == null && nf != expectedFields) {
          char delimiter = dialect.delimiter();
          bad = bad(CsvMessages.wrongFieldCount(key, first, nf, expectedFields, delimiter));
        }
        if (bad != null) {
          rejects.accept(new CsvReject(key, first, CsvReject.Kind.SKIPPED, null, reason(bad)));
          continue;
        }
        records++;
        recordLine = first;
        blank = false;
        return true;
      }
    } catch (IOException e) {
      throw new StorageException(
          "CSV object '" + key + "' line " + line + ": reading failed: " + e.getMessage(), e);
    }
  }

  /** The buffer holding the current record's bytes. */
  byte[] buffer() {
    return buf;
  }

  /** Where selected field {@code c} of the current record starts in {@link #buffer()}. */
  int start(int c) {
    return bounds.start(c);
  }

  /** Where selected field {@code c} of the current record ends in {@link #buffer()}. */
  int end(int c) {
    return bounds.end(c);
  }

  /**
   * Whether selected field {@code c} is non-empty and its bytes are its text: no escapes to undo
   * (it may be quoted).
   */
  boolean plain(int c) {
    return !blank
        && bounds.start(c) < bounds.end(c)
        && (bounds.flags(c) & CsvByteTokenizer.F_ESCAPES) == 0;
  }

  /** The text of selected field {@code c}: null for an unquoted empty field (or a blank line). */
  String text(int c) {
    return blank ? null : tokens.text(buf, bounds.start(c), bounds.end(c), bounds.flags(c));
  }

  /** Scans up to the next record, reading more bytes as needed: RECORD, BLANK or END. */
  private int scan() throws IOException {
    while (true) {
      int kind = tokens.scan(buf, limit, eof);
      if (kind != CsvByteTokenizer.MORE) {
        return kind;
      }
      boolean more = fill();
      if (!more && partial) {
        return CsvByteTokenizer.END; // the sample's end cut this record
      }
      if (!more && tokens.pos() >= limit) {
        if (splitMode) {
          cutMidRecord = limit > tokens.recordStart();
          return CsvByteTokenizer.END;
        }
        return tokens.atEnd(buf, limit);
      }
    }
  }

  @Override
  public void problem(int kind, int at, char shown) {
    bad(
        switch (kind) {
          case CsvByteTokenizer.CHAR_AFTER_QUOTE ->
              CsvMessages.charAfterQuote(key, line, shown, dialect.quote());
          case CsvByteTokenizer.UNDECODABLE ->
              charset.transcoded()
                  // Offsets in the transcoded text are not the object's: the line only.
                  ? CsvMessages.undecodableTranscoded(key, line + tokens.newlines(), charset.name())
                  : CsvMessages.undecodable(
                      key, line + tokens.newlines(), bufOffset + at, charset.name());
          case CsvByteTokenizer.TOO_MANY_FIELDS -> CsvMessages.tooManyFields(key, line, maxColumns);
          case CsvByteTokenizer.FIELD_TOO_LONG -> CsvMessages.fieldTooLong(key, line, maxChars);
          default -> CsvMessages.unterminatedQuote(key, line, dialect.quote());
        });
  }

  /** Fails with {@code e}, or in skip mode marks the record bad (first problem wins). */
  private String bad(RuntimeException e) {
    if (rejects == null) {
      throw e;
    }
    if (problem == null) {
      problem = e.getMessage();
    }
    return problem;
  }

  /** A strict-mode message without its "CSV object 'k' line N: " prefix. */
  private static String reason(String message) {
    int at = message.indexOf(": ");
    return at < 0 ? message : message.substring(at + 2);
  }

  /** Reads more bytes, first moving the record being scanned to the buffer's start. */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    // Move the record only when the space after it runs short: it is usually small.
    int shift = buf.length - limit < BUFFER / 4 ? tokens.recordStart() : 0;
    if (shift == 0 && limit == buf.length) {
      int pos = tokens.pos();
      if (problem == null && tokens.inField() && pos - tokens.fieldStart() > 3L * maxChars + 8) {
        tokens.fail(CsvByteTokenizer.FIELD_TOO_LONG);
      }
      if (problem != null) {
        // A record already known bad is dropped as it is read: only its scan state matters.
        shift = pos;
      } else {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
    }
    if (shift > 0) {
      System.arraycopy(buf, shift, buf, 0, limit - shift);
      limit -= shift;
      tokens.shift(shift);
      bufOffset += shift;
    }
    int n;
    do {
      n = in.read(buf, limit, buf.length - limit);
    } while (n == 0);
    if (n < 0) {
      eof = true;
      return false;
    }
    limit += n;
    return true;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (in != null) {
        try {
          in.close();
        } catch (IOException e) {
          throw new StorageException("CSV object '" + key + "': closing the stream failed", e);
        }
      }
    }
  }
}
