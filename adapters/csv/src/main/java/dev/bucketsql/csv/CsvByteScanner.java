package dev.bucketsql.csv;

/**
 * Follows the record structure of CSV bytes without decoding them: the same quoting rules as
 * {@link CsvCharSource} (a quote opens a quoted field only at a field's start; CR LF and LF end
 * records; a lone CR is data), applied to bytes. Exact for ASCII-compatible encodings with ASCII
 * delimiter, quote and escape, where those bytes never occur inside a multi-byte character.
 *
 * <p>It finds record boundaries for parallel splits and counts physical lines on the way.
 */
final class CsvByteScanner {
  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int ESCAPED = 3;
  private static final int QUOTE_SEEN = 4;
  private static final int AFTER_QUOTE = 5;

  private final byte delimiter;
  private final byte quote;
  private final byte escape;
  private int state = FIELD_START;
  private boolean pendingCr;
  private boolean empty = true;
  private int fields = 1;
  private boolean bad;
  private long newlines;
  private int lastFields;
  private boolean lastBad;

  CsvByteScanner(CsvDialect dialect) {
    this.delimiter = (byte) dialect.delimiter();
    this.quote = (byte) dialect.quote();
    this.escape = (byte) dialect.escape();
  }

  /** Whether bytes of {@code dialect} can be scanned this way: ASCII syntax characters. */
  static boolean supports(CsvDialect dialect) {
    return dialect.delimiter() < 128 && dialect.quote() < 128 && dialect.escape() < 128;
  }

  /** Line feeds seen so far, inside quoted fields too. */
  long newlines() {
    return newlines;
  }

  /** Fields of the last record ended (a blank line has 0). */
  int lastFields() {
    return lastFields;
  }

  /** Whether the last record ended had text after a closing quote. */
  boolean lastBad() {
    return lastBad;
  }

  /**
   * Scans {@code b[from, to)} and returns the index just after the first line feed at or after
   * {@code minEnd} that ends a record or a blank line, or -1 if there is none before {@code to}.
   */
  int scan(byte[] b, int from, int to, int minEnd) {
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (pendingCr) {
        pendingCr = false;
        if (c != '\n') {
          step((byte) '\r');
        }
      } else if (c == '\r' && state != QUOTED && state != ESCAPED) {
        pendingCr = true;
        continue;
      }
      if (step(c) && i >= minEnd) {
        return i + 1;
      }
    }
    return -1;
  }

  /** One byte; true when it is a line feed ending a record or a blank line. */
  private boolean step(byte c) {
    if (c == '\n') {
      newlines++;
    }
    switch (state) {
      case FIELD_START, UNQUOTED -> {
        if (c == '\n') {
          return endRecord();
        }
        if (c == delimiter) {
          fields++;
          state = FIELD_START;
        } else {
          state = state == FIELD_START && c == quote ? QUOTED : UNQUOTED;
        }
        empty = false;
      }
      case QUOTED -> {
        if (c == escape && escape != quote) {
          state = ESCAPED;
        } else if (c == quote) {
          state = QUOTE_SEEN;
        }
      }
      case ESCAPED -> state = QUOTED;
      default -> {
        if (state == QUOTE_SEEN && c == quote && quote == escape) {
          state = QUOTED;
        } else if (c == delimiter) {
          fields++;
          state = FIELD_START;
        } else if (c == '\n') {
          return endRecord();
        } else if (c == ' ' || c == '\t') {
          state = AFTER_QUOTE;
        } else {
          bad = true;
          state = UNQUOTED;
        }
      }
    }
    return false;
  }

  private boolean endRecord() {
    lastFields = empty ? 0 : fields;
    lastBad = bad;
    fields = 1;
    empty = true;
    bad = false;
    state = FIELD_START;
    return true;
  }

  /**
   * The first record boundary at or after {@code from} in {@code b[from, to)}, guessed without
   * knowing whether {@code from} is inside a quoted field: the first line feed after which the
   * next records (up to {@code probe}) all have {@code width} fields and read cleanly. -1 if no
   * line feed passes. A guess only: parallel scans verify it against the preceding split.
   */
  static int guessBoundary(CsvDialect dialect, byte[] b, int from, int to, int width, int probe) {
    int candidate = from;
    for (int tries = 0; tries < 64; tries++) {
      int lf = indexOf(b, (byte) '\n', candidate, to);
      if (lf < 0) {
        return -1;
      }
      int start = lf + 1;
      if (recordsFit(dialect, b, start, to, width, probe)) {
        return start;
      }
      candidate = start;
    }
    return -1;
  }

  private static boolean recordsFit(
      CsvDialect dialect, byte[] b, int start, int to, int width, int probe) {
    CsvByteScanner s = new CsvByteScanner(dialect);
    int at = start;
    int seen = 0;
    while (seen < probe) {
      int end = s.scan(b, at, to, at);
      if (end < 0) {
        return seen > 0 || at >= to;
      }
      if (s.lastFields() != 0) {
        if (s.lastFields() != width || s.lastBad()) {
          return false;
        }
        seen++;
      }
      at = end;
    }
    return true;
  }

  private static int indexOf(byte[] b, byte value, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == value) {
        return i;
      }
    }
    return -1;
  }
}
