package dev.bucketsql.csv;

/**
 * Guesses an object's dialect from the bytes at its head: a UTF-8 byte order mark, the line break
 * ({@code \n}, {@code \r\n} or a lone {@code \r}), and (unless given) the delimiter among {@code ,
 * TAB ; |}, the quote among {@code "} and {@code '}, and the escape (doubling or {@code \}).
 *
 * <p>Every combination of the candidates not given is tried on the first records of the sample. The
 * one chosen splits the most records into the same number of fields as the first record, with more
 * than one field; ties go to the larger field count, then to the order of the candidates above, so
 * plain RFC 4180 ({@code ,} {@code "} doubling) wins whenever the sample cannot tell. If no
 * candidate splits the first record, the object has one column. Counting follows the same quoting
 * rules as the scan: a quote opens a quoted field only at a field's start.
 */
final class CsvSniffer {
  private static final char[] DELIMITERS = {',', '\t', ';', '|'};
  private static final char[] QUOTES = {'"', '\''};
  private static final int MAX_RECORDS = 200;

  private CsvSniffer() {}

  /**
   * The dialect of an object whose first bytes are {@code sample}; the header decision is left to
   * the caller ({@code header} true here).
   */
  static CsvDialect sniff(byte[] sample, boolean partial, CsvOptions options) {
    // A transcoded sample is UTF-8 (UTF-16LE/BE's byte order mark became UTF-8's).
    CsvByteCharset charset = CsvByteCharset.of(options.charset());
    int bom = hasUtf8Bom(sample) && charset.utf8() ? 3 : 0;
    // Replacement is fine here: the scan decodes strictly and reports bad bytes with a line.
    String text = new String(sample, bom, sample.length - bom, charset.bytesCharset());
    String lineSeparator = lineSeparator(text);
    if (lineSeparator.equals("\r")) {
      // Lines end with a lone CR (or CR LF, or LF): count fields over LF-ended lines.
      text = text.replace("\r\n", "\n").replace('\r', '\n');
    }
    char[] delimiters =
        options.delimiter().isPresent() ? new char[] {options.delimiter().get()} : DELIMITERS;
    char[] quotes = options.quote().isPresent() ? new char[] {options.quote().get()} : QUOTES;
    boolean quoteGiven = options.quote().isPresent() || options.escape().isPresent();
    char bestDelimiter = delimiters[0];
    char bestQuote = quotes[0];
    char bestEscape = options.escape().orElse(bestQuote);
    int bestMatches = 0;
    int bestFields = 1;
    for (char quote : quotes) {
      char[] escapes =
          options.escape().isPresent()
              ? new char[] {options.escape().get()}
              : new char[] {quote, '\\'};
      for (char escape : escapes) {
        for (char delimiter : delimiters) {
          if (delimiter == quote || delimiter == escape) {
            continue;
          }
          int[] result = fieldCounts(text, delimiter, quote, escape, partial);
          int used = result[result.length - 1];
          int[] counts = java.util.Arrays.copyOf(result, result.length - 1);
          // A non-default quote or escape must be seen at work, or it is not chosen.
          boolean eligible =
              (quote == '"' || (used & 1) != 0) && (escape == quote || (used & 2) != 0);
          if (!eligible || counts.length == 0 || counts[0] < 2) {
            continue;
          }
          int matches = 0;
          for (int c : counts) {
            if (c == counts[0]) {
              matches++;
            }
          }
          if (matches > bestMatches || (matches == bestMatches && counts[0] > bestFields)) {
            bestDelimiter = delimiter;
            bestQuote = quote;
            bestEscape = escape;
            bestMatches = matches;
            bestFields = counts[0];
          }
        }
      }
    }
    if (bestMatches == 0 && options.delimiter().isEmpty()) {
      bestDelimiter = ',';
    }
    return new CsvDialect(
        bestDelimiter,
        bestQuote,
        bestEscape,
        lineSeparator,
        bom,
        options.delimiter().isEmpty(),
        !quoteGiven,
        true,
        false);
  }

  private static boolean hasUtf8Bom(byte[] sample) {
    return sample.length >= 3
        && (sample[0] & 0xFF) == 0xEF
        && (sample[1] & 0xFF) == 0xBB
        && (sample[2] & 0xFF) == 0xBF;
  }

  /**
   * The line break of the first line, as DuckDB sniffs it: {@code \n}, {@code \r\n}, or a lone
   * {@code \r} (then lone CRs end records; otherwise they are data).
   */
  static String lineSeparator(String text) {
    int lf = text.indexOf('\n');
    int cr = text.indexOf('\r');
    if (cr < 0 || (lf >= 0 && lf < cr)) {
      return "\n";
    }
    return cr + 1 < text.length() && text.charAt(cr + 1) == '\n' ? "\r\n" : "\r";
  }

  /**
   * Fields per record for the first records of {@code text}, leaving out blank lines and a last
   * record the sample may have cut. A record whose quoting the candidate cannot read (text after a
   * closing quote) counts as -1, matching nothing. The last element holds flags: 1 if a quoted
   * field was opened, 2 if the escape escaped a quote.
   */
  private static int[] fieldCounts(
      String text, char delimiter, char quote, char escape, boolean partial) {
    int[] counts = new int[MAX_RECORDS];
    int n = 0;
    int fields = 1;
    boolean bad = false;
    boolean empty = true;
    int used = 0;
    int state = 0; // 0 field start, 1 unquoted, 2 quoted, 3 escaped, 4 quote seen, 5 after quote
    for (int i = 0; i < text.length() && n < MAX_RECORDS; i++) {
      char c = text.charAt(i);
      if (c == '\r' && state != 2 && state != 3) {
        continue;
      }
      switch (state) {
        case 0, 1 -> {
          if (c == delimiter) {
            fields++;
            state = 0;
            empty = false;
          } else if (c == '\n') {
            if (!empty) {
              counts[n++] = bad ? -1 : fields;
            }
            fields = 1;
            empty = true;
            bad = false;
            state = 0;
          } else {
            empty = false;
            state = state == 0 && c == quote ? 2 : 1;
            used |= state == 2 ? 1 : 0;
          }
        }
        case 2 -> {
          if (c == escape && escape != quote) {
            state = 3;
          } else if (c == quote) {
            state = 4;
          }
        }
        case 3 -> {
          used |= c == quote ? 2 : 0;
          state = 2;
        }
        default -> {
          if (state == 4 && c == quote && quote == escape) {
            state = 2;
          } else if (c == delimiter) {
            fields++;
            state = 0;
          } else if (c == '\n') {
            counts[n++] = bad ? -1 : fields;
            fields = 1;
            empty = true;
            bad = false;
            state = 0;
          } else if (c == ' ' || c == '\t') {
            state = 5;
          } else {
            bad = true;
            state = 1;
          }
        }
      }
    }
    if (!partial && !empty && state != 2 && state != 3 && n < MAX_RECORDS) {
      counts[n++] = bad ? -1 : fields;
    }
    int[] result = new int[n + 1];
    System.arraycopy(counts, 0, result, 0, n);
    result[n] = used;
    return result;
  }
}
