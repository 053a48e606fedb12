package dev.bucketsql.csv;

import dev.bucketsql.format.FormatException;
import java.util.List;

/**
 * The error messages of this package, in one place so they stay alike: each names the object key
 * and the line (1-based, counting the header, where the record starts) and hints at a fix.
 */
final class CsvMessages {
  /** Offending values longer than this are cut in messages, which stay readable in a log line. */
  static final int MAX_VALUE_IN_MESSAGE = 80;

  private CsvMessages() {}

  static FormatException emptyObject(String key) {
    return new FormatException(
        "CSV object '"
            + key
            + "' is empty (0 bytes): empty object, no header row, so it cannot be read as a"
            + " table; remove the object or write a header row into it");
  }

  static FormatException noRecords(String key) {
    return new FormatException(
        "CSV object '"
            + key
            + "' holds no record (only blank lines or a byte order mark): no header row, so it"
            + " cannot be read as a table; write a header row into it");
  }

  static FormatException headerBeyondSample(String key, int sampleBytes) {
    return new FormatException(
        "CSV object '"
            + key
            + "' line 1: the first record does not end within the first "
            + sampleBytes
            + " bytes sampled; raise the sampleBytes option, or check for an unclosed quote in"
            + " the header");
  }

  static FormatException unknownDeclaredColumn(String key, String column, List<String> names) {
    return new FormatException(
        "CSV object '"
            + key
            + "': column '"
            + column
            + "' has a declared type but is not a column of the object; its columns are "
            + names);
  }

  static FormatException typeMismatch(
      String key, long line, String column, String value, String type, boolean declared) {
    return new FormatException(
        "CSV object '"
            + key
            + "' line "
            + line
            + ", column '"
            + column
            + "': value '"
            + shorten(value)
            + "' is not a valid "
            + type
            + (declared
                ? " (the type declared for the column); fix the value or declare the column"
                    + " VARCHAR"
                : " (the type inferred from the sample at the head of the object); declare the"
                    + " column's type in the CSV options, for example VARCHAR"));
  }

  static FormatException wrongFieldCount(
      String key, long line, int found, int expected, char delimiter) {
    return new FormatException(
        "CSV object '"
            + key
            + "' line "
            + line
            + ": record has "
            + found
            + " fields, expected "
            + expected
            + " like the first record; check the delimiter ("
            + printable(delimiter)
            + ") and that fields holding it are quoted");
  }

  static FormatException unterminatedQuote(String key, long line, char quote) {
    return new FormatException(
        "CSV object '"
            + key
            + "' line "
            + line
            + ": a quoted field opened in this record is not closed before the end of the"
            + " object; add the missing closing quote ("
            + quote
            + ")");
  }

  static FormatException charAfterQuote(String key, long line, char c, char quote) {
    return new FormatException(
        "CSV object '"
            + key
            + "' line "
            + line
            + ": unexpected character "
            + printable(c)
            + " after the closing quote of a field; quote the whole field and double every"
            + " quote ("
            + quote
            + quote
            + ") inside it");
  }

  static FormatException undecodable(String key, long line, long byteOffset, String charset) {
    return new FormatException(
        "CSV object '"
            + key
            + "' line "
            + line
            + " (byte offset "
            + byteOffset
            + "): invalid "
            + charset
            + " byte sequence; convert the object to "
            + charset
            + " or set the charset option to its encoding (for example ISO-8859-1)");
  }

  /**
   * Bytes of an object read through UTF-8 transcoded from {@code charset} that {@code charset} does
   * not decode: named by line only, since offsets in the transcoded text are not the object's.
   */
  static FormatException undecodableTranscoded(String key, long line, String charset) {
    return new FormatException(
        "CSV object '"
            + key
            + "' line "
            + line
            + ": invalid "
            + charset
            + " byte sequence (malformed, or a character "
            + charset
            + " does not map); fix those bytes or set the charset option to the object's"
            + " encoding (for example UTF-8)");
  }

  static FormatException fieldTooLong(String key, long line, int maxChars) {
    return new FormatException(
        "CSV object '"
            + key
            + "' line "
            + line
            + ": a field is longer than "
            + maxChars
            + " characters (maxCharsPerColumn); this often means an unclosed quote, otherwise"
            + " raise maxCharsPerColumn");
  }

  static FormatException tooManyFields(String key, long line, int maxColumns) {
    return new FormatException(
        "CSV object '"
            + key
            + "' line "
            + line
            + ": record has more than "
            + maxColumns
            + " fields (maxColumns); check the delimiter, or raise maxColumns");
  }

  static FormatException malformed(String key, long line, String detail, Throwable cause) {
    return new FormatException(
        "CSV object '" + key + "' line " + line + ": malformed CSV: " + detail, cause);
  }

  /** A character as a reader recognizes it in a message: TAB for a tab, else quoted. */
  static String printable(char c) {
    switch (c) {
      case '\t':
        return "TAB";
      case ' ':
        return "SPACE";
      case '\r':
        return "CR";
      case '\n':
        return "LF";
      default:
        return "'" + c + "'";
    }
  }

  static String shorten(String value) {
    if (value.length() <= MAX_VALUE_IN_MESSAGE) {
      return value;
    }
    return value.substring(0, MAX_VALUE_IN_MESSAGE) + "...(" + value.length() + " chars)";
  }
}
