package dev.bucketsql.fuzz;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The edge-case tables, each written as CSV ({@code edge.csv}) and as Parquet ({@code
 * edge_p.parquet}) holding the same values: integer and bigint extremes, 0 and -1, NaN, infinities
 * and -0.0, a NULL in every column, empty, long and non-ASCII strings, dates at the epoch and far
 * from it, timestamps with milliseconds, duplicate keys; and two join inputs ({@code jl}, {@code
 * jr}) whose keys repeat, miss and are NULL on both sides.
 *
 * <p>The Parquet copies are written by DuckDB ({@code COPY ... TO ... (FORMAT PARQUET)}) from the
 * same values cast to each column's type, so the types are exact (INTEGER, BIGINT, DECIMAL(9,2),
 * ...), where CSV leaves them to inference.
 */
final class EdgeTables {
  private static final String LONG = "long" + "-abcdefghij".repeat(30);

  /** One table: its name, column names and SQL types, rows as CSV field texts (null: empty). */
  record Table(String name, List<String> columns, List<String> types, List<String[]> rows) {}

  static final Table EDGE =
      new Table(
          "edge",
          List.of("id", "i", "b", "d", "m", "s", "dt", "ts", "bo"),
          List.of(
              "INTEGER",
              "INTEGER",
              "BIGINT",
              "DOUBLE",
              "DECIMAL(9,2)",
              "VARCHAR",
              "DATE",
              "TIMESTAMP",
              "BOOLEAN"),
          List.of(
              row(
                  "1",
                  "0",
                  "0",
                  "0.0",
                  "0.00",
                  "zero",
                  "1970-01-01",
                  "1970-01-01 00:00:00",
                  "true"),
              row(
                  "2",
                  "-1",
                  "-1",
                  "-1.5",
                  "-1.25",
                  "",
                  "1969-12-31",
                  "1969-12-31 23:59:59.999",
                  "false"),
              row(
                  "3",
                  "2147483647",
                  "9223372036854775807",
                  "NaN",
                  "9999999.99",
                  LONG,
                  "9999-12-31",
                  "2200-06-30 12:00:00.5",
                  "true"),
              row(
                  "4",
                  "-2147483648",
                  "-9223372036854775808",
                  "Infinity",
                  "-9999999.99",
                  "héllo wörld",
                  "0001-01-01",
                  "1900-01-01 00:00:00.001",
                  "false"),
              row(null, null, null, null, null, null, null, null, null),
              row(
                  "5",
                  "1",
                  "1",
                  "-Infinity",
                  "0.01",
                  "日本語",
                  "2000-02-29",
                  "2000-02-29 12:34:56.789",
                  null),
              row(
                  "6",
                  "42",
                  "4294967296",
                  "-0.0",
                  "1.00",
                  "emoji \uD83D\uDE00",
                  "2038-01-19",
                  "2038-01-19 03:14:07.123",
                  "true"),
              row(
                  "6",
                  "1",
                  "1",
                  "1e308",
                  "100.50",
                  "A",
                  "1900-01-01",
                  "1970-01-01 00:00:00.001",
                  "false"),
              row(
                  "7",
                  "-1",
                  "2147483648",
                  "2.5",
                  "-0.50",
                  "\uFB00ligature",
                  "2100-02-28",
                  "2018-03-05 14:07:09.123",
                  "true"),
              row(
                  "8",
                  "0",
                  "-2147483649",
                  "1e-300",
                  "0.00",
                  " padded ",
                  "1970-01-02",
                  "1999-12-31 23:59:59.999",
                  null),
              row(
                  "9",
                  null,
                  "0",
                  "0.1",
                  "3.33",
                  "Zebra",
                  "2018-01-05",
                  "2018-01-05 00:00:00",
                  "false"),
              row(
                  "10",
                  "7",
                  null,
                  "100.0",
                  "-1.00",
                  "zero",
                  "2018-01-05",
                  "2018-01-05 10:30:00.250",
                  "true"),
              row(
                  "11",
                  "2147483647",
                  "-1",
                  null,
                  "7.77",
                  "a",
                  null,
                  "2018-01-05 10:30:00.250",
                  "false"),
              row("12", "-7", "123456789012", "-2.5", null, null, "2019-07-01", null, "true")));

  static final Table JL =
      new Table(
          "jl",
          List.of("k", "a", "s"),
          List.of("INTEGER", "INTEGER", "VARCHAR"),
          List.of(
              row("1", "10", "x"),
              row("1", "11", "y"),
              row("2", "20", "x"),
              row(null, "30", "z"),
              row(null, "31", null),
              row("3", "40", "w"),
              row("5", "50", "p"),
              row("7", null, "x"),
              row("2147483647", "-1", "y")));

  static final Table JR =
      new Table(
          "jr",
          List.of("k", "b", "t"),
          List.of("INTEGER", "DOUBLE", "VARCHAR"),
          List.of(
              row("1", "1.5", "p"),
              row("1", "2.5", "q"),
              row("2", null, "p"),
              row(null, "4.0", "r"),
              row("4", "5.0", "x"),
              row("5", "-0.0", null),
              row("5", "6.5", "p"),
              row("8", "7.0", "x"),
              row("-2147483648", "NaN", "y")));

  static final List<Table> ALL = List.of(EDGE, JL, JR);

  private EdgeTables() {}

  private static String[] row(String... fields) {
    return fields;
  }

  /**
   * Writes every table as {@code NAME.csv} and {@code NAME_p.parquet} into {@code dir}.
   *
   * @return the files written
   */
  static List<Path> write(Path dir) throws IOException, SQLException {
    requireNonNull(dir, "dir is null");
    List<Path> files = new ArrayList<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = duck.createStatement()) {
      for (Table t : ALL) {
        Path csv = dir.resolve(t.name() + ".csv");
        Files.writeString(csv, csv(t), StandardCharsets.UTF_8);
        files.add(csv);
        Path parquet = dir.resolve(t.name() + "_p.parquet");
        s.execute(
            "COPY ("
                + select(t)
                + ") TO '"
                + parquet.toAbsolutePath().toString().replace("'", "''")
                + "' (FORMAT PARQUET)");
        files.add(parquet);
      }
    }
    return files;
  }

  /** The table as CSV: a header, RFC 4180 quoting where a field needs it, NULL as empty. */
  static String csv(Table t) {
    StringBuilder out = new StringBuilder(String.join(",", t.columns())).append('\n');
    for (String[] r : t.rows()) {
      for (int c = 0; c < r.length; c++) {
        if (c > 0) {
          out.append(',');
        }
        if (r[c] != null) {
          boolean quote = r[c].isEmpty() || r[c].matches(".*[,\"\\n ].*");
          out.append(quote ? '"' + r[c].replace("\"", "\"\"") + '"' : r[c]);
        }
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** DuckDB's SELECT of the table's rows, each value cast to its column's type. */
  static String select(Table t) {
    StringBuilder sql = new StringBuilder("SELECT * FROM (VALUES ");
    for (int r = 0; r < t.rows().size(); r++) {
      String[] row = t.rows().get(r);
      sql.append(r > 0 ? ", (" : "(");
      for (int c = 0; c < row.length; c++) {
        if (c > 0) {
          sql.append(", ");
        }
        String type = t.types().get(c);
        sql.append(
            row[c] == null
                ? "CAST(NULL AS " + type + ")"
                : "CAST('" + row[c].replace("'", "''") + "' AS " + type + ")");
      }
      sql.append(')');
    }
    return sql.append(") AS t(").append(String.join(", ", t.columns())).append(')').toString();
  }
}
