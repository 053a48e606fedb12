package dev.bucketsql.server.pg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code COPY (query) TO STDOUT [WITH] [(FORMAT csv, HEADER, DELIMITER ',', NULL '')]}, what psql's
 * {@code \copy (query) TO 'file' CSV HEADER} sends: the rows of the query as CopyData messages, in
 * PostgreSQL's text or CSV format. Also {@code COPY table TO STDOUT}.
 */
final class PgCopy {
  private static final Pattern COPY =
      Pattern.compile(
          "(?is)COPY\\s+(?:\\((.*)\\)|([\\w.\"]+)(?:\\s*\\(([^)]*)\\))?)\\s+TO\\s+STDOUT\\b(.*)");

  /** An option word or a quoted string; parentheses and commas separate. */
  private static final Pattern TOKEN = Pattern.compile("'(?:[^']|'')*'|[^\\s(),]+");

  private final String query;
  private final boolean csv;
  private final boolean header;
  private final String delimiter;
  private final String nullText;

  private PgCopy(String query, boolean csv, boolean header, String delimiter, String nullText) {
    this.query = query;
    this.csv = csv;
    this.header = header;
    this.delimiter = delimiter;
    this.nullText = nullText;
  }

  /** The COPY of {@code sql} (comments stripped), or null when it is no COPY TO STDOUT. */
  static PgCopy parse(String sql) {
    Matcher m = COPY.matcher(sql);
    if (!m.matches()) {
      if (sql.regionMatches(true, 0, "COPY", 0, 4)) {
        throw new PgProtocolException(
            "0A000",
            "only COPY ... TO STDOUT is supported (BucketSQL is read-only;"
                + " psql: \\copy (SELECT ...) TO 'file' CSV HEADER)");
      }
      return null;
    }
    String query =
        m.group(1) != null
            ? m.group(1)
            : "SELECT " + (m.group(3) != null ? m.group(3) : "*") + " FROM " + m.group(2);
    List<String> tokens = new ArrayList<>();
    Matcher token = TOKEN.matcher(m.group(4));
    while (token.find()) {
      tokens.add(token.group());
    }
    String[] words = tokens.toArray(String[]::new);
    boolean csv = false;
    boolean header = false;
    String delimiter = null;
    String nullText = null;
    for (int i = 0; i < words.length; i++) {
      String word = words[i].toUpperCase(Locale.ROOT);
      switch (word) {
        case "WITH", "BINARY" -> {
          if (word.equals("BINARY")) {
            throw new PgProtocolException(
                "0A000", "COPY in binary format is not supported; use CSV or text");
          }
        }
        case "CSV" -> csv = true;
        case "HEADER" -> header = i + 1 >= words.length || !words[i + 1].equalsIgnoreCase("false");
        case "FORMAT" -> csv = i + 1 < words.length && words[++i].equalsIgnoreCase("csv");
        case "DELIMITER" -> delimiter = i + 1 < words.length ? unquote(words[++i]) : null;
        case "NULL" -> nullText = i + 1 < words.length ? unquote(words[++i]) : null;
        case "TRUE", "FALSE" -> {}
        default ->
            throw new PgProtocolException(
                "0A000",
                "COPY option "
                    + words[i]
                    + " is not supported;"
                    + " supported: CSV, FORMAT csv|text, HEADER, DELIMITER, NULL");
      }
    }
    return new PgCopy(
        query.strip(),
        csv,
        header,
        delimiter != null ? delimiter : csv ? "," : "\t",
        nullText != null ? nullText : csv ? "" : "\\N");
  }

  String query() {
    return query;
  }

  boolean header() {
    return header;
  }

  /**
   * Sends a result as CopyOutResponse and one CopyData per line (the header first, if asked).
   *
   * @return the number of rows sent
   */
  long write(ResultSet rs, List<PgColumn> columns, PgOutput out) throws IOException, SQLException {
    out.begin('H').writeByte(0).writeShort(columns.size());
    columns.forEach(c -> out.writeShort(0));
    out.end();
    if (header) {
      out.begin('d').writeBytes(line(columns.stream().map(PgColumn::name).toList())).end();
    }
    List<Object> values = new ArrayList<>(columns.size());
    long rows = 0;
    while (rs.next()) {
      values.clear();
      for (int i = 0; i < columns.size(); i++) {
        values.add(PgValues.read(rs, i + 1, columns.get(i)));
      }
      out.begin('d').writeBytes(line(values)).end();
      rows++;
    }
    return rows;
  }

  /** One line of output, with its newline. */
  byte[] line(List<?> values) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(delimiter);
      }
      Object value = values.get(i);
      if (value == null) {
        out.append(nullText);
      } else {
        String text = value instanceof String s ? s : PgValues.text(value);
        out.append(csv ? csvField(text) : textField(text));
      }
    }
    return out.append('\n').toString().getBytes(StandardCharsets.UTF_8);
  }

  private String csvField(String text) {
    boolean quote =
        text.isEmpty()
            || text.equals(nullText)
            || text.contains(delimiter)
            || text.contains("\"")
            || text.contains("\n")
            || text.contains("\r");
    return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }

  private static String textField(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String unquote(String word) {
    return word.length() >= 2 && word.startsWith("'") && word.endsWith("'")
        ? word.substring(1, word.length() - 1).replace("''", "'")
        : word;
  }
}
