package dev.bucketsql.csv;

import java.nio.charset.StandardCharsets;

/**
 * Guesses an object's dialect from the bytes at its head: a UTF-8 byte order mark, the line break
 * of the first line, and (unless given) the delimiter among {@code , TAB ; |}.
 *
 * <p>The delimiter chosen is the candidate that splits the most sampled records into the same
 * number of fields as the first record, with more than one field; ties go to the larger field
 * count, then to the order above. If no candidate splits the first record, the object has one
 * column and the delimiter is a comma. Counting is quote-aware, so delimiters inside quoted fields
 * do not count.
 */
final class CsvSniffer {
  private static final char[] CANDIDATES = {',', '\t', ';', '|'};
  private static final int MAX_RECORDS = 200;

  private CsvSniffer() {}

  /** The dialect of an object whose first bytes are {@code sample}. */
  static CsvDialect sniff(byte[] sample, boolean partial, CsvOptions options) {
    int bom = hasUtf8Bom(sample) && options.charset().equals(StandardCharsets.UTF_8) ? 3 : 0;
    // Replacement is fine here: the scan decodes strictly and reports bad bytes with a line.
    String text = new String(sample, bom, sample.length - bom, options.charset());
    String lineSeparator = lineSeparator(text);
    if (options.delimiter().isPresent()) {
      return new CsvDialect(
          options.delimiter().get(), options.quote(), options.escape(), lineSeparator, bom, false);
    }
    char best = ',';
    int bestMatches = 0;
    int bestFields = 1;
    for (char candidate : CANDIDATES) {
      if (candidate == options.quote() || candidate == options.escape()) {
        continue;
      }
      int[] counts = fieldCounts(text, candidate, options.quote(), partial);
      if (counts.length == 0 || counts[0] < 2) {
        continue;
      }
      int matches = 0;
      for (int c : counts) {
        if (c == counts[0]) {
          matches++;
        }
      }
      if (matches > bestMatches || (matches == bestMatches && counts[0] > bestFields)) {
        best = candidate;
        bestMatches = matches;
        bestFields = counts[0];
      }
    }
    return new CsvDialect(best, options.quote(), options.escape(), lineSeparator, bom, true);
  }

  private static boolean hasUtf8Bom(byte[] sample) {
    return sample.length >= 3
        && (sample[0] & 0xFF) == 0xEF
        && (sample[1] & 0xFF) == 0xBB
        && (sample[2] & 0xFF) == 0xBF;
  }

  private static String lineSeparator(String text) {
    int lf = text.indexOf('\n');
    return lf > 0 && text.charAt(lf - 1) == '\r' ? "\r\n" : "\n";
  }

  /**
   * Fields per record for the first records of {@code text}, leaving out blank lines and a last
   * record the sample may have cut. A quote toggles the quoted state, which handles doubled quotes
   * by parity.
   */
  private static int[] fieldCounts(String text, char delimiter, char quote, boolean partial) {
    int[] counts = new int[MAX_RECORDS];
    int n = 0;
    int fields = 1;
    boolean quoted = false;
    boolean empty = true;
    for (int i = 0; i < text.length() && n < MAX_RECORDS; i++) {
      char c = text.charAt(i);
      if (c == quote) {
        quoted = !quoted;
        empty = false;
      } else if (quoted) {
        continue;
      } else if (c == delimiter) {
        fields++;
        empty = false;
      } else if (c == '\n') {
        if (!empty) {
          counts[n++] = fields;
        }
        fields = 1;
        empty = true;
      } else if (c != '\r') {
        empty = false;
      }
    }
    if (!partial && !empty && !quoted && n < MAX_RECORDS) {
      counts[n++] = fields;
    }
    int[] result = new int[n];
    System.arraycopy(counts, 0, result, 0, n);
    return result;
  }
}
