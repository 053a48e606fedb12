package dev.bucketsql.datagen;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a generated CSV back with univocity, exactly: no trimming, line breaks kept. */
final class CsvRows {
  final List<String> header;
  final List<String[]> rows;

  private CsvRows(List<String> header, List<String[]> rows) {
    this.header = header;
    this.rows = rows;
  }

  static CsvRows read(Path path) throws IOException {
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setLineSeparator("\n");
    settings.getFormat().setDelimiter(',');
    settings.getFormat().setQuote('"');
    settings.getFormat().setQuoteEscape('"');
    settings.setHeaderExtractionEnabled(true);
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setIgnoreLeadingWhitespacesInQuotes(false);
    settings.setIgnoreTrailingWhitespacesInQuotes(false);
    settings.setNormalizeLineEndingsWithinQuotes(false);
    settings.setMaxCharsPerColumn(-1);
    settings.setEmptyValue("");
    settings.setNullValue("");
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      CsvParser parser = new CsvParser(settings);
      List<String[]> rows = parser.parseAll(in);
      List<String> header = List.of(parser.getRecordMetadata().headers());
      return new CsvRows(header, rows);
    }
  }

  int column(String name) {
    int at = header.indexOf(name);
    if (at < 0) {
      throw new IllegalArgumentException("no column " + name + " in " + header);
    }
    return at;
  }

  /** Counts LF bytes, independently of the generator's own count. */
  static long physicalLines(Path path) throws IOException {
    byte[] bytes = Files.readAllBytes(path);
    long lines = 0;
    for (byte b : bytes) {
      if (b == '\n') {
        lines++;
      }
    }
    return lines;
  }
}
