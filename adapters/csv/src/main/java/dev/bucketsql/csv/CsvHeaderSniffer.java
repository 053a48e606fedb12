package dev.bucketsql.csv;

import dev.bucketsql.format.ColumnType;
import java.util.List;

/**
 * Decides whether the first record is a header, the way DuckDB's sniffer does: infer each column's
 * type from the records after the first; if some typed (non-VARCHAR) column's first value does not
 * fit its type, the first record is a header. If every first value fits, it is data. If every
 * column is VARCHAR, nothing tells them apart and a header is assumed, as most files have one.
 */
final class CsvHeaderSniffer {
  private CsvHeaderSniffer() {}

  /** Whether the first of {@code records} (at least one) is a header. */
  static boolean hasHeader(List<String[]> records, CsvOptions options) {
    if (records.size() < 2) {
      return true;
    }
    String[] first = records.get(0);
    CsvTypeInference[] types = infer(records.subList(1, records.size()), first.length, options);
    boolean typed = false;
    for (int c = 0; c < first.length; c++) {
      ColumnType type = types[c].result();
      if (type == ColumnType.VARCHAR) {
        continue;
      }
      typed = true;
      String raw = first[c];
      if (raw == null || raw.equals(options.nullString()) || raw.strip().isEmpty()) {
        continue;
      }
      if (CsvValues.parse(raw.strip(), type) == CsvValues.NO_FIT) {
        return true;
      }
    }
    return !typed;
  }

  /** One inference per column over the non-null values of {@code rows}. */
  static CsvTypeInference[] infer(List<String[]> rows, int width, CsvOptions options) {
    CsvTypeInference[] inference = new CsvTypeInference[width];
    for (int c = 0; c < width; c++) {
      inference[c] = new CsvTypeInference();
    }
    for (String[] row : rows) {
      for (int c = 0; c < width && c < row.length; c++) {
        String raw = row[c];
        if (raw == null || raw.equals(options.nullString())) {
          continue;
        }
        String text = raw.strip();
        if (!text.isEmpty()) {
          inference[c].accept(text);
        }
      }
    }
    return inference;
  }
}
