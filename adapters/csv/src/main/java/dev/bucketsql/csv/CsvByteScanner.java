package dev.bucketsql.csv;

/**
 * Finds record boundaries in CSV bytes without decoding them, for parallel splits: the exact end of
 * the head stream, and a guessed first boundary of a split read from its middle. It follows the
 * bytes with the same {@link CsvByteTokenizer} as the record reader (no UTF-8 validation, no
 * limits), and counts physical lines on the way.
 */
final class CsvByteScanner implements CsvByteTokenizer.Problems {
  private final CsvByteTokenizer tokens;
  private long newlines;
  private int lastFields;
  private boolean lastBad;

  CsvByteScanner(CsvDialect dialect) {
    this.tokens =
        new CsvByteTokenizer(dialect, null, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, this);
  }

  /**
   * Whether bytes of {@code dialect} can be scanned this way: ASCII syntax characters, and lines
   * ending with LF (or CR LF). Objects whose lines end with a lone CR are rare and read with one
   * stream: a split's boundary is guessed at a line feed.
   */
  static boolean supports(CsvDialect dialect) {
    return CsvByteTokenizer.supports(dialect) && !"\r".equals(dialect.lineSeparator());
  }

  /** Line feeds seen so far, inside quoted fields too. */
  long newlines() {
    return newlines + tokens.newlines();
  }

  /** Fields of the last record ended (a blank line has 0). */
  int lastFields() {
    return lastFields;
  }

  /** Whether the last record ended had text after a closing quote. */
  boolean lastBad() {
    return lastBad;
  }

  @Override
  public void problem(int kind, int at, char shown) {
    // Only text after a closing quote can occur without limits or decoding: marks the record bad.
  }

  /**
   * Scans {@code b[from, to)} and returns the index just after the first line feed at or after
   * {@code minEnd} that ends a record or a blank line, or -1 if there is none before {@code to}.
   * Calls may continue the same bytes in another buffer (the quoting state carries over); a record
   * then split between two calls may count as a blank line in {@link #lastFields()}.
   */
  int scan(byte[] b, int from, int to, int minEnd) {
    tokens.restartAt(from);
    while (true) {
      int kind = tokens.scan(b, to, false);
      if (kind == CsvByteTokenizer.MORE) {
        return -1;
      }
      newlines += tokens.newlines();
      lastFields = kind == CsvByteTokenizer.BLANK ? 0 : tokens.fields();
      lastBad = tokens.bad();
      tokens.nextRecord();
      if (tokens.pos() - 1 >= minEnd) {
        return tokens.pos();
      }
    }
  }

  /**
   * The first record boundary at or after {@code from} in {@code b[from, to)}, guessed without
   * knowing whether {@code from} is inside a quoted field: the first line feed after which the next
   * records (up to {@code probe}) all have {@code width} fields and read cleanly. -1 if no line
   * feed passes. A guess only: parallel scans verify it against the preceding split.
   */
  static int guessBoundary(CsvDialect dialect, byte[] b, int from, int to, int width, int probe) {
    int candidate = from;
    for (int tries = 0; tries < 64; tries++) {
      int lf = CsvBytes.indexOf(b, (byte) '\n', candidate, to);
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
}
