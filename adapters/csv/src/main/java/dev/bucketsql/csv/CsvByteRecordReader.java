package dev.bucketsql.csv;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.bucketsql.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads CSV records straight from UTF-8 bytes: the hot path of every scan of a UTF-8 object.
 *
 * <p>Quotes, delimiters and line breaks are ASCII, and no byte of a multi-byte UTF-8 character is
 * ASCII, so records and fields are found on the bytes, eight at a time (a word compare finds the
 * next byte that matters). UTF-8 is validated on the way: ASCII words pass in one test, and only
 * non-ASCII bytes take the slow path. Only selected fields are decoded to strings, straight from
 * their byte ranges; a count builds none. The quoting rules, line numbers, error messages and
 * skip-mode behaviour are those of {@link CsvCharSource} with univocity (the path for other
 * charsets), which tests check against each other.
 *
 * <p>Memory: one buffer of 128 KiB that grows only to hold one record longer than it (a field is
 * cut off at about three times {@code maxCharsPerColumn} bytes, a bad record is discarded as it is
 * read in skip mode).
 */
final class CsvByteRecordReader implements CsvRecordSource {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long LFS = ONES * '\n';
  private static final int BUFFER = 128 * 1024;

  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int ESCAPED = 3;
  private static final int QUOTE_SEEN = 4;
  private static final int AFTER_QUOTE = 5;

  private static final int END = 0;
  private static final int RECORD = 1;
  private static final int BLANK = 2;

  private static final byte F_QUOTED = 1;
  private static final byte F_ESCAPES = 2;

  private final String key;
  private final Supplier<InputStream> opener;
  private final byte delimiter;
  private final byte quote;
  private final byte escape;
  private final boolean doubling;
  private final long delimiters;
  private final long quotes;
  private final long escapes;
  private final int maxChars;
  private final int maxColumns;
  private final int[] selected;
  private final Consumer<CsvReject> rejects;
  private final String[] values;
  private int expectedFields;

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

  private long startLine = 1;
  private long line = 1;
  private long records;
  private long recordLine;

  // The record being scanned; indexes are into buf and shift when it is compacted.
  private int recStart;
  private int pos;
  private int state = FIELD_START;
  private int nf;
  private int nl;
  private int curStart;
  private int curEnd;
  private byte curFlags;
  private boolean needMore;
  private String problem;
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private byte[] flags = new byte[16];

  /**
   * @param opener opens the bytes (after any byte order mark) on the first {@link #next()}
   * @param startOffset the object offset of the first byte the opener gives, for messages
   * @param width fields every record must have
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
    this.delimiter = (byte) dialect.delimiter();
    this.quote = (byte) dialect.quote();
    this.escape = (byte) dialect.escape();
    this.doubling = quote == escape;
    this.delimiters = ONES * (delimiter & 0xFF);
    this.quotes = ONES * (quote & 0xFF);
    this.escapes = ONES * (escape & 0xFF);
    this.maxChars = options.maxCharsPerColumn();
    this.maxColumns = options.maxColumns();
    this.expectedFields = width;
    this.selected = selected.clone();
    this.values = new String[Math.max(width, 1)];
    this.rejects = rejects;
  }

  /** Whether objects read with {@code dialect} and {@code options} can take this path. */
  static boolean supports(CsvDialect dialect, CsvOptions options) {
    return options.charset().equals(UTF_8) && CsvByteScanner.supports(dialect);
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
    if (ended || closed) {
      return null;
    }
    try {
      if (!started) {
        started = true;
        in = opener.get();
      }
      while (true) {
        int kind = scan();
        if (kind == END) {
          ended = true;
          return null;
        }
        long first = line;
        String bad = problem;
        if (kind == BLANK) {
          endRecord();
          if (expectedFields == 1 && records > 0) {
            records++;
            recordLine = first;
            values[0] = null;
            return values;
          }
          continue;
        }
        if (bad == null && nf != expectedFields) {
          bad = bad(CsvMessages.wrongFieldCount(key, first, nf, expectedFields, (char) delimiter));
        }
        if (bad != null) {
          rejects.accept(new CsvReject(key, first, CsvReject.Kind.SKIPPED, null, reason(bad)));
          endRecord();
          continue;
        }
        for (int c : selected) {
          values[c] = decode(c);
        }
        records++;
        recordLine = first;
        endRecord();
        return values;
      }
    } catch (IOException e) {
      throw new StorageException(
          "CSV object '" + key + "' line " + line + ": reading failed: " + e.getMessage(), e);
    }
  }

  private void endRecord() {
    line += nl;
    nl = 0;
    nf = 0;
    recStart = pos;
    state = FIELD_START;
    problem = null;
  }

  /** Scans the next record from {@code pos}; RECORD, BLANK (a blank line) or END. */
  private int scan() throws IOException {
    while (true) {
      if (pos >= limit || needMore) {
        needMore = false;
        if (!fill() && pos >= limit) {
          return atEnd();
        }
        continue;
      }
      byte[] b = buf;
      switch (state) {
        case FIELD_START -> {
          if (b[pos] == quote) {
            state = QUOTED;
            curStart = pos + 1;
            curFlags = F_QUOTED;
            pos++;
          } else {
            state = UNQUOTED;
            curStart = pos;
            curFlags = 0;
          }
        }
        case UNQUOTED -> {
          int k = findUnquoted(b, pos, limit);
          if (k == limit) {
            pos = k;
          } else if (b[k] == delimiter) {
            pos = k + 1;
            delimited(k);
            state = FIELD_START;
          } else if (b[k] == '\n') {
            int end = k > curStart && b[k - 1] == '\r' ? k - 1 : k;
            pos = k + 1;
            nl++;
            if (nf == 0 && end == curStart) {
              return BLANK;
            }
            endField(end);
            return RECORD;
          } else {
            multiByte(b, k);
          }
        }
        case QUOTED -> {
          int k = findQuoted(b, pos, limit);
          if (k == limit) {
            pos = k;
          } else if (b[k] == quote) {
            curEnd = k;
            state = QUOTE_SEEN;
            pos = k + 1;
          } else if (b[k] == '\n') {
            nl++;
            pos = k + 1;
          } else if (b[k] == escape) {
            curFlags |= F_ESCAPES;
            state = ESCAPED;
            pos = k + 1;
          } else {
            multiByte(b, k);
          }
        }
        case ESCAPED -> {
          // The escaped byte is data; a non-ASCII one is validated by the quoted state.
          state = QUOTED;
          if (b[pos] >= 0) {
            if (b[pos] == '\n') {
              nl++;
            }
            pos++;
          }
        }
        default -> {
          byte c = b[pos];
          if (state == QUOTE_SEEN && doubling && c == quote) {
            curFlags |= F_ESCAPES;
            state = QUOTED;
            pos++;
          } else if (c == delimiter) {
            pos++;
            delimited(curEnd);
            state = FIELD_START;
          } else if (c == '\n') {
            pos++;
            nl++;
            endField(curEnd);
            return RECORD;
          } else if (c == ' ' || c == '\t') {
            state = AFTER_QUOTE;
            pos++;
          } else if (c == '\r' && pos + 1 >= limit && !eof) {
            needMore = true;
          } else if (c == '\r' && pos + 1 < limit && b[pos + 1] == '\n') {
            pos++;
          } else if (c == '\r' && pos + 1 >= limit) {
            // A CR that ends the object ends its last line.
            pos++;
            endField(curEnd);
            return RECORD;
          } else if (c < 0 && utf8(b, pos, limit) <= 0) {
            // Not a character: report the bytes (or wait for the rest of them) first.
            multiByte(b, pos);
          } else {
            char shown = c >= 0 ? (char) c : new String(b, pos, limit - pos, UTF_8).charAt(0);
            bad(CsvMessages.charAfterQuote(key, line, shown, (char) quote));
            // Resynchronise (skip mode): the rest of the field is read as unquoted text.
            state = UNQUOTED;
          }
        }
      }
    }
  }

  /** Validates the UTF-8 character at {@code k}, or waits for more bytes, or reports it. */
  private void multiByte(byte[] b, int k) {
    int n = utf8(b, k, limit);
    if (n == 0 && !eof) {
      pos = k;
      needMore = true;
      return;
    }
    if (n <= 0) {
      bad(CsvMessages.undecodable(key, line + nl, bufOffset + k, "UTF-8"));
      n = 1;
    }
    pos = k + n;
  }

  /** At the end of the input: the last record (without a line break), or END. */
  private int atEnd() {
    if (splitMode) {
      cutMidRecord = limit > recStart;
      return END;
    }
    switch (state) {
      case FIELD_START -> {
        if (nf == 0) {
          return END;
        }
        curStart = pos;
        curFlags = 0;
        endField(pos);
      }
      case UNQUOTED -> {
        int end = limit > curStart && buf[limit - 1] == '\r' ? limit - 1 : limit;
        if (nf == 0 && end == curStart) {
          return END;
        }
        endField(end);
      }
      case QUOTED, ESCAPED -> {
        if (problem == null && limit - curStart > maxChars) {
          // The open field may already be over the limit, the first problem in byte order.
          starts[Math.min(nf, starts.length - 1)] = curStart;
          ends[Math.min(nf, starts.length - 1)] = limit;
          flags[Math.min(nf, starts.length - 1)] = curFlags;
          if (decode(Math.min(nf, starts.length - 1)).length() > maxChars) {
            bad(CsvMessages.fieldTooLong(key, line, maxChars));
          }
        }
        bad(CsvMessages.unterminatedQuote(key, line, (char) quote));
        state = FIELD_START;
      }
      default -> endField(curEnd);
    }
    return RECORD;
  }

  private void endField(int end) {
    if (problem == null) {
      if (nf == starts.length) {
        int n = Math.min(nf * 2, maxColumns + 1);
        starts = Arrays.copyOf(starts, n);
        ends = Arrays.copyOf(ends, n);
        flags = Arrays.copyOf(flags, n);
      }
      if (end - curStart > maxChars) {
        starts[nf] = curStart;
        ends[nf] = end;
        flags[nf] = curFlags;
        if (decode(nf).length() > maxChars) {
          bad(CsvMessages.fieldTooLong(key, line, maxChars));
        }
      }
    }
    if (problem == null) {
      starts[nf] = curStart;
      ends[nf] = end;
      flags[nf] = curFlags;
    }
    nf++;
  }

  /** A delimiter ended a field: another one starts, which may be one too many. */
  private void delimited(int end) {
    endField(end);
    if (nf >= maxColumns) {
      bad(CsvMessages.tooManyFields(key, line, maxColumns));
    }
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
    int shift = buf.length - limit < BUFFER / 4 ? recStart : 0;
    if (shift == 0 && limit == buf.length) {
      boolean inField = state == UNQUOTED || state == QUOTED || state == ESCAPED;
      if (problem == null && inField && pos - curStart > 3L * maxChars + 8) {
        bad(CsvMessages.fieldTooLong(key, line, maxChars));
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
      pos -= shift;
      recStart = Math.max(0, recStart - shift);
      curStart -= shift;
      curEnd -= shift;
      for (int i = 0; i < Math.min(nf, starts.length); i++) {
        starts[i] -= shift;
        ends[i] -= shift;
      }
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

  private String decode(int field) {
    int s = starts[field];
    int e = ends[field];
    byte f = flags[field];
    if (s == e) {
      return (f & F_QUOTED) != 0 ? "" : null;
    }
    if ((f & F_ESCAPES) == 0) {
      return new String(buf, s, e - s, UTF_8);
    }
    byte[] out = new byte[e - s];
    int n = 0;
    for (int i = s; i < e; i++) {
      byte c = buf[i];
      if (c == escape && i + 1 < e) {
        byte next = buf[i + 1];
        if (doubling || next == quote || next == escape) {
          c = next;
          i++;
        }
      }
      out[n++] = c;
    }
    return new String(out, 0, n, UTF_8);
  }

  /** The first index in [i, to) holding the delimiter, a line feed or a non-ASCII byte. */
  private int findUnquoted(byte[] b, int i, int to) {
    while (i + 8 <= to) {
      long w = (long) LONGS.get(b, i);
      long m = zeros(w ^ delimiters) | zeros(w ^ LFS) | (w & HIGHS);
      if (m != 0) {
        return i + (Long.numberOfTrailingZeros(m) >>> 3);
      }
      i += 8;
    }
    while (i < to) {
      byte c = b[i];
      if (c == delimiter || c == '\n' || c < 0) {
        return i;
      }
      i++;
    }
    return to;
  }

  /** The first index in [i, to) holding the quote, the escape, a line feed or a non-ASCII byte. */
  private int findQuoted(byte[] b, int i, int to) {
    if (doubling) {
      // RFC 4180: the quote is its own escape, one compare fewer per word.
      while (i + 8 <= to) {
        long w = (long) LONGS.get(b, i);
        long m = zeros(w ^ quotes) | zeros(w ^ LFS) | (w & HIGHS);
        if (m != 0) {
          return i + (Long.numberOfTrailingZeros(m) >>> 3);
        }
        i += 8;
      }
    }
    while (i + 8 <= to) {
      long w = (long) LONGS.get(b, i);
      long m = zeros(w ^ quotes) | zeros(w ^ escapes) | zeros(w ^ LFS) | (w & HIGHS);
      if (m != 0) {
        return i + (Long.numberOfTrailingZeros(m) >>> 3);
      }
      i += 8;
    }
    while (i < to) {
      byte c = b[i];
      if (c == quote || c == escape || c == '\n' || c < 0) {
        return i;
      }
      i++;
    }
    return to;
  }

  /**
   * High bit set in each byte of {@code x} that is zero (exact for the lowest one; bytes above a
   * zero may be flagged falsely, which callers never look at).
   */
  private static long zeros(long x) {
    return (x - ONES) & ~x & HIGHS;
  }

  /**
   * The length of the well-formed UTF-8 character at {@code i} (a non-ASCII byte): 2 to 4; 0 when
   * it runs past {@code to}; -1 when malformed (as the JDK's decoder rejects it: overlong forms,
   * surrogates, beyond U+10FFFF).
   */
  static int utf8(byte[] b, int i, int to) {
    int b0 = b[i] & 0xFF;
    if (b0 < 0xC2 || b0 > 0xF4) {
      return -1;
    }
    int n = b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
    int lo = 0x80;
    int hi = 0xBF;
    if (b0 == 0xE0) {
      lo = 0xA0;
    } else if (b0 == 0xED) {
      hi = 0x9F;
    } else if (b0 == 0xF0) {
      lo = 0x90;
    } else if (b0 == 0xF4) {
      hi = 0x8F;
    }
    for (int k = 1; k < n; k++) {
      if (i + k >= to) {
        return 0;
      }
      int c = b[i + k] & 0xFF;
      if (k == 1 ? c < lo || c > hi : (c & 0xC0) != 0x80) {
        return -1;
      }
    }
    return n;
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
