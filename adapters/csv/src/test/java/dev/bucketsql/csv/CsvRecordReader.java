package dev.bucketsql.csv;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.UnescapedQuoteHandling;
import dev.bucketsql.format.FormatException;
import dev.bucketsql.storage.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * The former reader, kept as a test oracle: an independent implementation of the same rules that
 * {@link CsvByteRecordReaderTest} checks the byte-level reader against.
 *
 * <p>Splits the characters of a {@link CsvCharSource} into records of field text with univocity,
 * and knows the line each record starts on. Failures come out as {@link FormatException}s naming
 * the key and line, or as the {@link StorageException} that caused them.
 */
final class CsvRecordReader implements CsvRecordSource {
  /** Characters univocity buffers: bounds the memory of a scan together with the field limit. */
  private static final int INPUT_BUFFER_CHARS = 64 * 1024;

  private final String key;
  private final Supplier<CsvCharSource> opener;
  private final CsvOptions options;
  private CsvCharSource source;
  private final CsvParser parser;
  private boolean started;
  private boolean closed;
  private long nextStart;
  private long recordLine;

  /**
   * @param opener opens the characters on the first {@link #next()}, so that creating a reader
   *     fetches nothing
   * @param selected file column indexes to produce, ascending, or null for all; fields not selected
   *     are skipped without building their text and come back as null
   */
  CsvRecordReader(
      String key,
      Supplier<CsvCharSource> opener,
      CsvDialect dialect,
      CsvOptions options,
      int[] selected) {
    this.key = key;
    this.opener = opener;
    this.options = options;
    this.parser = new CsvParser(settings(dialect, options, selected));
  }

  private static CsvParserSettings settings(
      CsvDialect dialect, CsvOptions options, int[] selected) {
    CsvParserSettings s = new CsvParserSettings();
    s.getFormat().setDelimiter(dialect.delimiter());
    s.getFormat().setQuote(dialect.quote());
    s.getFormat().setQuoteEscape(dialect.escape());
    // The char source hands on LF only as record separator (it drops the CR of CRLF).
    s.getFormat().setLineSeparator("\n");
    s.getFormat().setNormalizedNewline('\n');
    s.setNormalizeLineEndingsWithinQuotes(false);
    s.setLineSeparatorDetectionEnabled(false);
    s.setReadInputOnSeparateThread(false);
    s.setInputBufferSize(INPUT_BUFFER_CHARS);
    s.setMaxCharsPerColumn(options.maxCharsPerColumn());
    s.setMaxColumns(options.maxColumns());
    // Field text is kept as written; typed columns strip it when converting.
    s.setIgnoreLeadingWhitespaces(false);
    s.setIgnoreTrailingWhitespaces(false);
    s.setIgnoreLeadingWhitespacesInQuotes(false);
    s.setIgnoreTrailingWhitespacesInQuotes(false);
    s.setCommentProcessingEnabled(false);
    s.setSkipEmptyLines(false);
    s.setHeaderExtractionEnabled(false);
    s.setNullValue(null);
    s.setEmptyValue("");
    s.setUnescapedQuoteHandling(UnescapedQuoteHandling.RAISE_ERROR);
    // Field content stays out of exception text: messages are built here with what matters.
    s.setErrorContentLength(0);
    if (selected != null) {
      Integer[] boxed = new Integer[selected.length];
      for (int i = 0; i < selected.length; i++) {
        boxed[i] = selected[i];
      }
      s.selectIndexes(boxed);
      s.setColumnReorderingEnabled(false);
    }
    return s;
  }

  @Override
  public String[] next() {
    if (closed) {
      return null;
    }
    long start = nextStart;
    String[] row;
    try {
      if (!started) {
        started = true;
        source = opener.get();
        parser.beginParsing(source);
      }
      row = parser.parseNext();
    } catch (RuntimeException e) {
      throw translate(e, start);
    }
    if (row == null) {
      close();
      return null;
    }
    nextStart = parser.getContext().currentChar();
    recordLine = source.lineAt(start);
    return row;
  }

  @Override
  public long recordLine() {
    return recordLine;
  }

  /** The char source's count of complete records so far. */
  long completeRecords() {
    return source == null ? 0 : source.records();
  }

  private RuntimeException translate(RuntimeException e, long start) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FormatException || t instanceof StorageException) {
        return (RuntimeException) t;
      }
    }
    long line = source == null ? 1 : source.lineAt(start);
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof UncheckedIOException) {
        return new StorageException(
            "CSV object '" + key + "' line " + line + ": reading failed: " + t.getMessage(), e);
      }
    }
    String message = String.valueOf(e.getMessage());
    if (message.contains("exceeds the maximum number of characters")) {
      return CsvMessages.fieldTooLong(key, line, options.maxCharsPerColumn());
    }
    if (e.getCause() instanceof ArrayIndexOutOfBoundsException
        || message.contains("maximum number of columns")) {
      return CsvMessages.tooManyFields(key, line, options.maxColumns());
    }
    if (e instanceof TextParsingException) {
      String first = message.replace("com.univocity.parsers.common.TextParsingException - ", "");
      int cut = first.indexOf('\n');
      return CsvMessages.malformed(key, line, cut < 0 ? first : first.substring(0, cut), e);
    }
    return e;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (started) {
        parser.stopParsing();
      }
      if (source == null) {
        return;
      }
      try {
        source.close();
      } catch (IOException e) {
        throw new StorageException("CSV object '" + key + "': closing the stream failed", e);
      }
    }
  }
}
