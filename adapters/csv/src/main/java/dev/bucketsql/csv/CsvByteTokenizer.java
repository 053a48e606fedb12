package dev.bucketsql.csv;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The quoting state machine of CSV bytes, the one every byte-level path follows: the record reader
 * ({@link CsvByteRecordReader}) and the split-boundary scanner ({@link CsvByteScanner}). Rules: a
 * quote opens a quoted field only at a field's start (elsewhere it is data); inside one, the escape
 * (the quote itself for RFC 4180 doubling) escapes the next byte; after the closing quote only
 * spaces and tabs may come before the delimiter or the line end; LF and CR LF end records (the CR
 * of a CR LF is dropped); a lone CR is data, unless the dialect's line separator is a lone CR
 * ({@code "\r"}, classic Mac files): then CR, CR LF and LF all end records. Line breaks inside
 * quoted fields are data and counted as lines (a CR LF once). Exact for ASCII-compatible encodings
 * with ASCII delimiter, quote and escape, since those bytes never occur inside a multi-byte
 * character.
 *
 * <p>It scans a byte buffer its owner fills, one record at a time, jumping over the bytes that
 * cannot matter with the word-at-a-time searches of {@link CsvBytes}. Field bounds are kept only
 * for the fields asked (up to the last one read); line feeds are counted, quoted ones too. Problems
 * go to a {@link Problems} at the byte where they are met. Not thread-safe.
 */
final class CsvByteTokenizer {
  /** {@link #scan} needs more bytes: scanning resumes where it stopped. */
  static final int MORE = 0;

  /** {@link #scan} ended a record. */
  static final int RECORD = 1;

  /** {@link #scan} ended a blank line (no field). */
  static final int BLANK = 2;

  /** {@link #atEnd} found no record left. */
  static final int END = 3;

  /** Problem kinds given to {@link Problems#problem}. */
  static final int CHAR_AFTER_QUOTE = 1;

  static final int UNDECODABLE = 2;
  static final int TOO_MANY_FIELDS = 3;
  static final int FIELD_TOO_LONG = 4;
  static final int UNTERMINATED_QUOTE = 5;

  static final byte F_QUOTED = 1;
  static final byte F_ESCAPES = 2;

  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int ESCAPED = 3;
  private static final int QUOTE_SEEN = 4;
  private static final int AFTER_QUOTE = 5;
  private static final int QUOTE_CR = 6;

  /** Where the tokenizer reports problems; may throw to stop the scan at the first. */
  interface Problems {
    /**
     * A problem of kind {@code kind} in the current record; {@code at} is the buffer index of the
     * undecodable byte, {@code shown} the character after a closing quote.
     */
    void problem(int kind, int at, char shown);
  }

  private final byte delimiter;
  private final byte quote;
  private final byte escape;
  private final boolean doubling;
  private final long delimiters;
  private final long quotes;
  private final long escapes;

  /** How fields become text, and which bytes are valid; null to validate nothing. */
  private final CsvByteCharset charset;

  /** Whether UTF-8 sequences are validated (charset is UTF-8). */
  private final boolean utf8;

  /** Whether a lone CR ends a record too (the dialect's line separator is CR). */
  private final boolean cr;

  /** What stops a search: control bytes below LF's successor, or below CR's in CR mode. */
  private final long below;

  private final byte belowByte;
  private final int maxChars;
  private final int maxColumns;
  private final Problems problems;

  private int state = FIELD_START;
  private int pos;
  private int recStart;
  private int nf;
  private int nl;
  private int curStart;
  private int curEnd;
  private byte curFlags;
  private boolean bad;
  private final CsvFieldBounds bounds;
  private final int keptFields;

  /**
   * @param charset how fields become text and which bytes are valid; null to take every byte as a
   *     character (a scanner that only finds records)
   * @param keptFields how many of a record's first fields to keep the bounds of ({@link
   *     #bounds()}): one past the last field read; 0 for none
   */
  CsvByteTokenizer(
      CsvDialect dialect,
      CsvByteCharset charset,
      int keptFields,
      int maxChars,
      int maxColumns,
      Problems problems) {
    this.delimiter = (byte) dialect.delimiter();
    this.quote = (byte) dialect.quote();
    this.escape = (byte) dialect.escape();
    this.doubling = quote == escape;
    this.delimiters = CsvBytes.broadcast(delimiter);
    this.quotes = CsvBytes.broadcast(quote);
    this.escapes = CsvBytes.broadcast(escape);
    this.charset = charset;
    this.utf8 = charset != null && charset.utf8();
    this.cr = "\r".equals(dialect.lineSeparator());
    this.below = cr ? CsvBytes.BELOW_CR : CsvBytes.BELOW_LF;
    this.belowByte = cr ? (byte) 0x0E : (byte) 0x0B;
    this.maxChars = maxChars;
    this.maxColumns = maxColumns;
    this.problems = problems;
    this.keptFields = keptFields;
    this.bounds = keptFields > 0 ? new CsvFieldBounds(maxColumns) : null;
  }

  /** Whether bytes of {@code dialect} can be read this way: ASCII syntax characters. */
  static boolean supports(CsvDialect dialect) {
    return dialect.delimiter() < 128 && dialect.quote() < 128 && dialect.escape() < 128;
  }

  /** Where scanning resumes in the buffer. */
  int pos() {
    return pos;
  }

  /** Where the record being scanned starts. */
  int recordStart() {
    return recStart;
  }

  /** Fields ended so far in the record (all of them once it ended). */
  int fields() {
    return nf;
  }

  /** Line breaks in the record so far. */
  int newlines() {
    return nl;
  }

  /** Whether the record met a problem (the reader then drops it). */
  boolean bad() {
    return bad;
  }

  /** Whether the scan is inside a field's bytes (since {@link #fieldStart()}). */
  boolean inField() {
    return state == UNQUOTED || state == QUOTED || state == ESCAPED;
  }

  /** Where the field being scanned starts. */
  int fieldStart() {
    return curStart;
  }

  /** Bounds of the fields of the record, when kept. */
  CsvFieldBounds bounds() {
    return bounds;
  }

  /** Continues at index {@code at}: the start of a buffer whose earlier bytes are not kept. */
  void restartAt(int at) {
    pos = at;
    recStart = at;
    curStart = at;
  }

  /** The buffer's bytes moved {@code shift} places to the left. */
  void shift(int shift) {
    pos -= shift;
    recStart = Math.max(0, recStart - shift);
    curStart -= shift;
    curEnd -= shift;
    if (bounds != null) {
      bounds.shift(Math.min(nf, keptFields), shift);
    }
  }

  /** Forgets the record that ended: the next one starts at the current position. */
  void nextRecord() {
    nl = 0;
    nf = 0;
    recStart = pos;
    state = FIELD_START;
    bad = false;
  }

  /**
   * Scans {@code b[pos, limit)} for the end of the current record: RECORD or BLANK (positioned just
   * after its line feed), or MORE when the bytes ran out first. With {@code eof}, a character cut
   * at {@code limit} is invalid rather than waiting for more.
   */
  int scan(byte[] b, int limit, boolean eof) {
    int p = pos;
    int st = state;
    try {
      while (p < limit) {
        switch (st) {
          case FIELD_START -> {
            curFlags = 0;
            if (b[p] == quote) {
              st = QUOTED;
              curStart = ++p;
              curFlags = F_QUOTED;
            } else {
              st = UNQUOTED;
              curStart = p;
            }
          }
          case UNQUOTED -> {
            int k = CsvBytes.find(b, p, limit, delimiters, below, belowByte);
            if (k == limit) {
              p = k;
            } else if (b[k] == delimiter) {
              p = k + 1;
              delimited(b, k);
              st = FIELD_START;
            } else if (cr && (b[k] == '\r' || b[k] == '\n')) {
              if (b[k] == '\r' && k + 1 == limit && !eof) {
                // An LF may follow and belong to this line break: wait for the next byte.
                p = k;
                return MORE;
              }
              p = b[k] == '\r' && k + 1 < limit && b[k + 1] == '\n' ? k + 2 : k + 1;
              nl++;
              if (nf == 0 && k == curStart) {
                return BLANK;
              }
              endField(b, k);
              return RECORD;
            } else if (b[k] == '\n') {
              int end = k > curStart && k > 0 && b[k - 1] == '\r' ? k - 1 : k;
              p = k + 1;
              nl++;
              if (nf == 0 && end == curStart) {
                return BLANK;
              }
              endField(b, end);
              return RECORD;
            } else if (b[k] >= 0) {
              p = k + 1; // TAB or another control character: data
            } else {
              p = nonAscii(b, k, limit, eof);
              if (p == k) {
                return MORE;
              }
            }
          }
          case QUOTED -> {
            int k =
                doubling
                    ? CsvBytes.find(b, p, limit, quotes, below, belowByte)
                    : CsvBytes.find(b, p, limit, quotes, escapes, below, belowByte);
            if (k == limit) {
              p = k;
            } else if (b[k] == quote) {
              curEnd = k;
              st = QUOTE_SEEN;
              p = k + 1;
            } else if (b[k] == escape) {
              curFlags |= F_ESCAPES;
              st = ESCAPED;
              p = k + 1;
            } else if (b[k] == '\n') {
              // In CR mode the LF of a quoted CR LF is the same line break.
              if (!cr || k == 0 || b[k - 1] != '\r') {
                nl++;
              }
              p = k + 1;
            } else if (cr && b[k] == '\r') {
              nl++;
              p = k + 1;
            } else if (b[k] >= 0) {
              p = k + 1;
            } else {
              p = nonAscii(b, k, limit, eof);
              if (p == k) {
                return MORE;
              }
            }
          }
          case ESCAPED -> {
            // The escaped byte is data; a non-ASCII one is validated by the quoted state.
            st = QUOTED;
            if (b[p] >= 0) {
              if (b[p] == '\n' || (cr && b[p] == '\r')) {
                nl++;
              }
              p++;
            }
          }
          case QUOTE_CR -> {
            if (b[p] == '\n' || cr) {
              // CR mode: the CR after the closing quote ended the record, with an LF or alone.
              p += b[p] == '\n' ? 1 : 0;
              nl++;
              endField(b, curEnd);
              return RECORD;
            }
            problem(CHAR_AFTER_QUOTE, p, '\r');
            // Resynchronise (skip mode): the rest of the field is read as unquoted text.
            st = UNQUOTED;
          }
          default -> {
            byte c = b[p];
            if (st == QUOTE_SEEN && doubling && c == quote) {
              curFlags |= F_ESCAPES;
              st = QUOTED;
              p++;
            } else if (c == delimiter) {
              p++;
              delimited(b, curEnd);
              st = FIELD_START;
            } else if (c == '\n') {
              p++;
              nl++;
              endField(b, curEnd);
              return RECORD;
            } else if (c == ' ' || c == '\t') {
              st = AFTER_QUOTE;
              p++;
            } else if (c == '\r') {
              st = QUOTE_CR;
              p++;
            } else if (c < 0 && !character(b, p, limit)) {
              // Not a character: report the bytes (or wait for the rest of them) first.
              int q = nonAscii(b, p, limit, eof);
              if (q == p) {
                return MORE;
              }
              p = q;
            } else {
              char shown = shown(b, p, limit);
              problem(CHAR_AFTER_QUOTE, p, shown);
              st = UNQUOTED;
            }
          }
        }
      }
      return MORE;
    } finally {
      pos = p;
      state = st;
    }
  }

  /** Whether the non-ASCII byte at {@code p} starts a valid character (a whole one, in UTF-8). */
  private boolean character(byte[] b, int p, int limit) {
    if (charset == null) {
      return true;
    }
    return utf8 ? CsvBytes.utf8(b, p, limit) > 0 : charset.mapped(b[p]);
  }

  /** The character at {@code p}, valid, for a message. */
  private char shown(byte[] b, int p, int limit) {
    byte c = b[p];
    if (c >= 0 || charset == null) {
      return (char) (c & 0xFF);
    }
    return utf8 ? new String(b, p, limit - p, UTF_8).charAt(0) : charset.charOf(c);
  }

  /**
   * Steps over the non-ASCII character at {@code k}: its index past it, or {@code k} when it is cut
   * at {@code limit} and more bytes may come. An invalid byte is reported and stepped over.
   */
  private int nonAscii(byte[] b, int k, int limit, boolean eof) {
    if (charset == null) {
      return k + 1;
    }
    if (!utf8) {
      if (!charset.mapped(b[k])) {
        problem(UNDECODABLE, k, '\0');
      }
      return k + 1;
    }
    int n = CsvBytes.utf8(b, k, limit);
    if (n == 0 && !eof) {
      return k;
    }
    if (n <= 0) {
      problem(UNDECODABLE, k, '\0');
      n = 1;
    }
    return k + n;
  }

  /**
   * At the end of the input ({@code limit}, the buffer's end): RECORD for a last record without a
   * line break, or END.
   */
  int atEnd(byte[] b, int limit) {
    switch (state) {
      case FIELD_START -> {
        if (nf == 0) {
          return END;
        }
        curStart = pos;
        curFlags = 0;
        endField(b, pos);
      }
      case UNQUOTED -> {
        int end = limit > curStart && limit > 0 && b[limit - 1] == '\r' ? limit - 1 : limit;
        if (nf == 0 && end == curStart) {
          return END;
        }
        endField(b, end);
      }
      case QUOTED, ESCAPED -> {
        if (!bad && limit - curStart > maxChars && tooLong(b, curStart, limit, curFlags)) {
          // The open field may already be over the limit, the first problem in byte order.
          problem(FIELD_TOO_LONG, limit, '\0');
        }
        problem(UNTERMINATED_QUOTE, limit, '\0');
        state = FIELD_START;
      }
      default -> endField(b, curEnd); // after a closing quote; a CR there ends the last line
    }
    return RECORD;
  }

  private void endField(byte[] b, int end) {
    if (!bad && end - curStart > maxChars && tooLong(b, curStart, end, curFlags)) {
      problem(FIELD_TOO_LONG, end, '\0');
    }
    if (nf < keptFields && !bad) {
      bounds.set(nf, curStart, end, curFlags);
    }
    nf++;
  }

  /** A delimiter ended a field: another one starts, which may be one too many. */
  private void delimited(byte[] b, int end) {
    endField(b, end);
    if (nf >= maxColumns) {
      problem(TOO_MANY_FIELDS, end, '\0');
    }
  }

  private boolean tooLong(byte[] b, int s, int e, byte f) {
    return text(b, s, e, f).length() > maxChars;
  }

  /** Reports a problem its owner found in the current record (a field over the buffer's bound). */
  void fail(int kind) {
    problem(kind, pos, '\0');
  }

  private void problem(int kind, int at, char shown) {
    bad = true;
    problems.problem(kind, at, shown);
  }

  /** The text of the field {@code b[s, e)} with flags {@code f}: "" when quoted and empty. */
  String text(byte[] b, int s, int e, byte f) {
    return CsvBytes.text(
        b, s, e, f, quote, escape, charset == null ? CsvByteCharset.UTF8 : charset);
  }
}
