package dev.bucketsql.csv;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.ColumnType;
import dev.bucketsql.storage.config.SettingDescription;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * CSV options given as text settings, as a JDBC URL or connection properties carry them: {@code
 * csv.<option>} for every CSV table of a connection and {@code csv.table.<table>.<option>} for one
 * table, the per-table value winning. {@code <table>} is the table name (the key relative to the
 * bucket prefix without {@code .csv}, {@code .csv.gz} or {@code .csv.zst}), matched without regard
 * to case. See docs/csv.md for the options and their values.
 */
public final class CsvSettings {
  /** Prefix of every CSV setting. */
  public static final String PREFIX = "csv.";

  /** Prefix of per-table CSV settings: {@code csv.table.<table>.<option>}. */
  public static final String TABLE_PREFIX = "csv.table.";

  /**
   * The connection-wide keys {@code csv.<option>} with their descriptions, choices and defaults;
   * each option may also be given per table as {@code csv.table.<table>.<option>}.
   */
  public static final List<SettingDescription> DESCRIPTIONS =
      List.of(
          SettingDescription.of(
              PREFIX + "delimiter",
              "field delimiter: one character, or tab, comma, semicolon, pipe; auto sniffs it",
              "auto"),
          SettingDescription.of(PREFIX + "quote", "quote character; not given: sniffed (\" or ')"),
          SettingDescription.of(
              PREFIX + "escape",
              "character escaping a quote in a quoted field (the quote itself: RFC 4180"
                  + " doubling); not given: sniffed"),
          SettingDescription.choice(
              PREFIX + "header",
              "whether the first record holds the column names",
              "auto",
              "auto",
              "true",
              "false"),
          SettingDescription.of(PREFIX + "charset", "character set of the objects", "UTF-8"),
          SettingDescription.of(
              PREFIX + "nullString",
              "a field equal to this text is NULL; unquoted empty fields always are",
              ""),
          SettingDescription.of(
              PREFIX + "sampleBytes",
              "bytes read to infer the delimiter, header and column types",
              Integer.toString(CsvOptions.DEFAULT_SAMPLE_BYTES)),
          SettingDescription.of(
              PREFIX + "maxCharsPerColumn",
              "longest field, in characters",
              Integer.toString(CsvOptions.DEFAULT_MAX_CHARS_PER_COLUMN)),
          SettingDescription.of(
              PREFIX + "maxColumns",
              "most columns in a record",
              Integer.toString(CsvOptions.DEFAULT_MAX_COLUMNS)),
          SettingDescription.choice(
              PREFIX + "lenient",
              "whether a value that does not fit its column's type reads as NULL (with a"
                  + " warning) instead of failing the query",
              "false",
              "true",
              "false"),
          SettingDescription.choice(
              PREFIX + "skipMalformed",
              "whether a record with too many or too few fields is skipped (with a warning)"
                  + " instead of failing the query",
              "false",
              "true",
              "false"),
          SettingDescription.choice(
              PREFIX + "compression",
              "compression of the objects; auto goes by the extension (.gz, .zst)",
              "auto",
              "auto",
              "none",
              "gzip",
              "zstd"),
          SettingDescription.of(
              PREFIX + "parallelism",
              "ranges of one object read in parallel: 1 is one stream; auto: one stream below"
                  + " 4 cores, else cores + 1",
              "auto"),
          SettingDescription.of(
              PREFIX + "splitSize",
              "bytes per parallel range read: a number, or with k or m",
              CsvOptions.DEFAULT_SPLIT_SIZE / (1024 * 1024) + "m"),
          SettingDescription.of(
              PREFIX + "types",
              "column types instead of inferred ones: name:TYPE;name:DECIMAL(p,s);..."));

  /** The option names, in their canonical spelling: the keys of {@link #DESCRIPTIONS}. */
  public static final List<String> OPTIONS =
      DESCRIPTIONS.stream().map(d -> d.key().substring(PREFIX.length())).toList();

  private static final Map<String, String> CANONICAL = new TreeMap<>();

  static {
    for (String o : OPTIONS) {
      CANONICAL.put(o.toLowerCase(Locale.ROOT), o);
    }
  }

  private static final CsvSettings NONE = new CsvSettings(CsvOptions.defaults(), Map.of());

  private final CsvOptions connection;
  private final Map<String, CsvOptions> tables;

  private CsvSettings(CsvOptions connection, Map<String, CsvOptions> tables) {
    this.connection = connection;
    this.tables = tables;
  }

  /** No CSV settings: every table read with {@link CsvOptions#defaults()}. */
  public static CsvSettings none() {
    return NONE;
  }

  /**
   * The canonical spelling of a CSV setting key ({@code csv.Delimiter} is {@code csv.delimiter}; a
   * table name keeps its spelling), or empty if {@code key} is not one.
   */
  public static Optional<String> canonicalKey(String key) {
    requireNonNull(key, "key is null");
    if (!key.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Optional.empty();
    }
    int dot = key.lastIndexOf('.');
    String option = CANONICAL.get(key.substring(dot + 1).toLowerCase(Locale.ROOT));
    if (option == null) {
      return Optional.empty();
    }
    if (dot == PREFIX.length() - 1) {
      return Optional.of(PREFIX + option);
    }
    if (key.regionMatches(true, 0, TABLE_PREFIX, 0, TABLE_PREFIX.length())
        && dot > TABLE_PREFIX.length()) {
      return Optional.of(TABLE_PREFIX + key.substring(TABLE_PREFIX.length(), dot) + "." + option);
    }
    return Optional.empty();
  }

  /**
   * Reads the CSV settings among {@code settings} (other keys are ignored).
   *
   * @throws IllegalArgumentException naming the key and what values it takes
   */
  public static CsvSettings parse(Map<String, String> settings) {
    CsvOptions.Builder base = CsvOptions.builder();
    Map<String, Map<String, String>> perTable = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : settings.entrySet()) {
      Optional<String> key = canonicalKey(e.getKey());
      if (key.isEmpty()) {
        if (e.getKey().regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
          throw new IllegalArgumentException(
              "unknown CSV setting '"
                  + e.getKey()
                  + "'; use csv.<option> or csv.table.<table>.<option> with an option among "
                  + OPTIONS);
        }
        continue;
      }
      String k = key.get();
      int dot = k.lastIndexOf('.');
      if (k.startsWith(TABLE_PREFIX)) {
        String table = k.substring(TABLE_PREFIX.length(), dot).toLowerCase(Locale.ROOT);
        perTable.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(k, e.getValue());
      } else {
        apply(base, k, k.substring(dot + 1), e.getValue());
      }
    }
    CsvOptions connection = base.build();
    Map<String, CsvOptions> tables = new LinkedHashMap<>();
    perTable.forEach(
        (table, values) -> {
          CsvOptions.Builder b = connection.toBuilder();
          values.forEach((k, v) -> apply(b, k, k.substring(k.lastIndexOf('.') + 1), v));
          tables.put(table, b.build());
        });
    return new CsvSettings(connection, Map.copyOf(tables));
  }

  /** The options for every table without settings of its own. */
  public CsvOptions connectionOptions() {
    return connection;
  }

  /** The options for table {@code table} (any case). */
  public CsvOptions forTable(String table) {
    return tables.getOrDefault(table.toLowerCase(Locale.ROOT), connection);
  }

  private static void apply(CsvOptions.Builder b, String key, String option, String raw) {
    String v = raw.strip();
    try {
      switch (option) {
        case "delimiter" -> {
          if (isAuto(v)) {
            b.sniffDelimiter();
          } else {
            b.delimiter(character(v));
          }
        }
        case "quote" -> b.quote(character(v));
        case "escape" -> b.escape(character(v));
        case "header" -> {
          if (isAuto(v)) {
            b.sniffHeader();
          } else {
            b.header(bool(v));
          }
        }
        case "charset" -> b.charset(charset(v));
        case "nullString" -> b.nullString(raw);
        case "sampleBytes" -> b.sampleBytes(Integer.parseInt(v));
        case "maxCharsPerColumn" -> b.maxCharsPerColumn(Integer.parseInt(v));
        case "maxColumns" -> b.maxColumns(Integer.parseInt(v));
        case "lenient" -> b.lenient(bool(v));
        case "skipMalformed" -> b.skipMalformed(bool(v));
        case "compression" -> b.compression(CsvCompression.parse(v));
        case "parallelism" -> {
          if (v.equalsIgnoreCase("auto")) {
            b.autoParallelism();
          } else {
            b.parallelism(Integer.parseInt(v));
          }
        }
        case "splitSize" -> b.splitSize(size(v));
        case "types" -> types(b, v);
        default -> throw new IllegalArgumentException("unknown option");
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "CSV setting " + key + "='" + raw + "' is not valid: " + e.getMessage(), e);
    }
  }

  private static Charset charset(String name) {
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "no charset of that name in this Java runtime; give a Java charset name, for example"
              + " UTF-8, ISO-8859-1, windows-1252, UTF-16, Shift_JIS or GB18030",
          e);
    }
  }

  private static boolean isAuto(String v) {
    return v.equalsIgnoreCase("auto") || v.isEmpty();
  }

  private static char character(String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "\\t", "tab" -> '\t';
      case "comma" -> ',';
      case "semicolon" -> ';';
      case "pipe" -> '|';
      case "backslash" -> '\\';
      default -> {
        if (v.length() != 1) {
          throw new IllegalArgumentException(
              "expected one character, or tab, comma, semicolon, pipe, backslash");
        }
        yield v.charAt(0);
      }
    };
  }

  private static boolean bool(String v) {
    if (v.equalsIgnoreCase("true")) {
      return true;
    }
    if (v.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException("expected true or false");
  }

  private static int size(String v) {
    String s = v.toLowerCase(Locale.ROOT);
    int unit = 1;
    if (s.endsWith("k") || s.endsWith("m")) {
      unit = s.endsWith("k") ? 1024 : 1024 * 1024;
      s = s.substring(0, s.length() - 1);
    }
    return Math.multiplyExact(Integer.parseInt(s.strip()), unit);
  }

  /** {@code name:TYPE;name:DECIMAL(p,s);...}. */
  private static void types(CsvOptions.Builder b, String v) {
    for (String part : v.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int colon = part.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("expected name:TYPE;name:TYPE...");
      }
      String name = part.substring(0, colon).strip();
      String type = part.substring(colon + 1).strip().toUpperCase(Locale.ROOT);
      if (type.startsWith("DECIMAL(") && type.endsWith(")")) {
        String[] ps = type.substring(8, type.length() - 1).split(",");
        int scale = ps.length > 1 ? Integer.parseInt(ps[1].strip()) : 0;
        b.columnDecimal(name, Integer.parseInt(ps[0].strip()), scale);
      } else {
        b.columnType(name, ColumnType.valueOf(type));
      }
    }
  }
}
