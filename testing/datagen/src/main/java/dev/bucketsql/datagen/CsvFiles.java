package dev.bucketsql.datagen;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens CSV writers that spell the files the way the Food.com CSVs are spelled. */
final class CsvFiles {
  private static final int BUFFER = 1 << 16;

  private CsvFiles() {}

  /**
   * A writer to {@code path} with RFC 4180 quoting: a field is quoted when it holds a comma, a
   * double quote, a CR or an LF, and quotes inside are doubled. Records end in LF. Values are
   * written exactly: no trimming, and line breaks inside fields are kept as they are (CR LF stays
   * CR LF) rather than normalised.
   */
  static CsvWriter open(Path path, String... headers) throws IOException {
    CsvWriterSettings settings = new CsvWriterSettings();
    settings.getFormat().setLineSeparator("\n");
    settings.getFormat().setDelimiter(',');
    settings.getFormat().setQuote('"');
    settings.getFormat().setQuoteEscape('"');
    settings.setQuoteEscapingEnabled(true);
    settings.setQuotationTriggers('\r', '\n');
    settings.setNormalizeLineEndingsWithinQuotes(false);
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setHeaders(headers);
    BufferedWriter out =
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(path), StandardCharsets.UTF_8), BUFFER);
    CsvWriter writer = new CsvWriter(out, settings);
    writer.writeHeaders();
    return writer;
  }

  /** Number of LF bytes in the file: its physical line count when it ends in LF. */
  static long countLines(Path path) throws IOException {
    long lines = 0;
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(path)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
      }
    }
    return lines;
  }
}
