package dev.bucketsql.csv;

/**
 * The syntax of one CSV object, as sniffed from its head or forced by {@link CsvOptions}.
 *
 * @param delimiter the field delimiter
 * @param quote the quote character
 * @param escape the character escaping a quote inside a quoted field
 * @param lineSeparator the line break of the first line, {@code "\n"}, {@code "\r\n"} or {@code
 *     "\r"}. With the first two, LF and CR LF end records everywhere in the object and a lone CR is
 *     data; with {@code "\r"} (classic Mac files), CR, CR LF and LF all end records
 * @param bomLength bytes of byte order mark skipped at the start, 0 or 3
 * @param delimiterSniffed whether the delimiter was sniffed rather than given
 * @param quoteSniffed whether quote and escape were sniffed rather than given
 * @param header whether the first record names the columns
 * @param headerSniffed whether {@code header} was sniffed rather than given
 */
public record CsvDialect(
    char delimiter,
    char quote,
    char escape,
    String lineSeparator,
    int bomLength,
    boolean delimiterSniffed,
    boolean quoteSniffed,
    boolean header,
    boolean headerSniffed) {

  /** This dialect with the header decision {@code header}. */
  CsvDialect withHeader(boolean header, boolean sniffed) {
    return new CsvDialect(
        delimiter,
        quote,
        escape,
        lineSeparator,
        bomLength,
        delimiterSniffed,
        quoteSniffed,
        header,
        sniffed);
  }

  @Override
  public String toString() {
    return "CsvDialect{delimiter="
        + CsvMessages.printable(delimiter)
        + (delimiterSniffed ? " (sniffed)" : "")
        + ", quote="
        + quote
        + ", escape="
        + escape
        + (quoteSniffed ? " (sniffed)" : "")
        + ", header="
        + header
        + (headerSniffed ? " (sniffed)" : "")
        + ", lineSeparator="
        + ("\r\n".equals(lineSeparator) ? "CRLF" : "\r".equals(lineSeparator) ? "CR" : "LF")
        + ", bom="
        + (bomLength > 0)
        + "}";
  }
}
