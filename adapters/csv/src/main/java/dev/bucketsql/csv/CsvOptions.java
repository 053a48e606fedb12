package dev.bucketsql.csv;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.ColumnType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How CSV objects are read. Immutable; build with {@link #builder()}. Every option has a default
 * that suits RFC 4180 files, and every sniffed or inferred property can be forced.
 */
public final class CsvOptions {
  /** Default number of bytes read at the head of an object to sniff its dialect and types. */
  public static final int DEFAULT_SAMPLE_BYTES = 256 * 1024;

  /** Default longest field, in characters; longer fields fail the scan. */
  public static final int DEFAULT_MAX_CHARS_PER_COLUMN = 1_000_000;

  /** Default largest number of fields in one record. */
  public static final int DEFAULT_MAX_COLUMNS = 4096;

  /** Types a column can be declared as; the others have no CSV text form here. */
  static final Set<ColumnType> SUPPORTED_TYPES =
      EnumSet.of(
          ColumnType.BOOLEAN,
          ColumnType.INTEGER,
          ColumnType.BIGINT,
          ColumnType.DOUBLE,
          ColumnType.DATE,
          ColumnType.TIMESTAMP,
          ColumnType.VARCHAR);

  private static final CsvOptions DEFAULTS = builder().build();

  private final Character delimiter;
  private final char quote;
  private final char escape;
  private final boolean header;
  private final Charset charset;
  private final String nullString;
  private final int sampleBytes;
  private final int maxCharsPerColumn;
  private final int maxColumns;
  private final Map<String, ColumnType> columnTypes;

  private CsvOptions(Builder b) {
    this.delimiter = b.delimiter;
    this.quote = b.quote;
    this.escape = b.escape;
    this.header = b.header;
    this.charset = b.charset;
    this.nullString = b.nullString;
    this.sampleBytes = b.sampleBytes;
    this.maxCharsPerColumn = b.maxCharsPerColumn;
    this.maxColumns = b.maxColumns;
    this.columnTypes = Map.copyOf(b.columnTypes);
  }

  /** The defaults: sniffed delimiter, {@code "} quote and escape, a header row, UTF-8. */
  public static CsvOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.delimiter = delimiter;
    b.quote = quote;
    b.escape = escape;
    b.header = header;
    b.charset = charset;
    b.nullString = nullString;
    b.sampleBytes = sampleBytes;
    b.maxCharsPerColumn = maxCharsPerColumn;
    b.maxColumns = maxColumns;
    b.columnTypes.putAll(columnTypes);
    return b;
  }

  /** The field delimiter, or empty to sniff it among {@code , TAB ; |}. */
  public Optional<Character> delimiter() {
    return Optional.ofNullable(delimiter);
  }

  /** The character that encloses fields holding delimiters, quotes or line breaks. */
  public char quote() {
    return quote;
  }

  /**
   * The character that escapes a quote inside a quoted field; equal to the quote for RFC 4180
   * doubling.
   */
  public char escape() {
    return escape;
  }

  /** Whether the first record names the columns. */
  public boolean header() {
    return header;
  }

  /** The character set the bytes are decoded with; undecodable bytes fail the scan. */
  public Charset charset() {
    return charset;
  }

  /** A field equal to this text is NULL; unquoted empty fields are always NULL. */
  public String nullString() {
    return nullString;
  }

  /**
   * How many bytes at the head of an object are read, in one request, for sniffing and inference.
   */
  public int sampleBytes() {
    return sampleBytes;
  }

  /** The longest field accepted, in characters. */
  public int maxCharsPerColumn() {
    return maxCharsPerColumn;
  }

  /** The largest number of fields accepted in one record. */
  public int maxColumns() {
    return maxColumns;
  }

  /**
   * Declared column types by column name (after header names were made unique); they replace
   * inference.
   */
  public Map<String, ColumnType> columnTypes() {
    return columnTypes;
  }

  @Override
  public String toString() {
    return "CsvOptions{delimiter="
        + (delimiter == null ? "sniffed" : CsvMessages.printable(delimiter))
        + ", quote="
        + quote
        + ", escape="
        + escape
        + ", header="
        + header
        + ", charset="
        + charset
        + ", nullString='"
        + nullString
        + "', sampleBytes="
        + sampleBytes
        + ", maxCharsPerColumn="
        + maxCharsPerColumn
        + ", maxColumns="
        + maxColumns
        + ", columnTypes="
        + columnTypes
        + "}";
  }

  /** Builds {@link CsvOptions}; each setter checks its argument at once. */
  public static final class Builder {
    private Character delimiter;
    private char quote = '"';
    private char escape = '"';
    private boolean header = true;
    private Charset charset = StandardCharsets.UTF_8;
    private String nullString = "";
    private int sampleBytes = DEFAULT_SAMPLE_BYTES;
    private int maxCharsPerColumn = DEFAULT_MAX_CHARS_PER_COLUMN;
    private int maxColumns = DEFAULT_MAX_COLUMNS;
    private final Map<String, ColumnType> columnTypes = new LinkedHashMap<>();

    private Builder() {}

    /** Forces the field delimiter instead of sniffing it. */
    public Builder delimiter(char delimiter) {
      checkSyntaxChar(delimiter, "delimiter");
      this.delimiter = delimiter;
      return this;
    }

    /** Sniffs the delimiter again (the default). */
    public Builder sniffDelimiter() {
      this.delimiter = null;
      return this;
    }

    /** Sets the quote character, {@code "} by default. */
    public Builder quote(char quote) {
      checkSyntaxChar(quote, "quote");
      this.quote = quote;
      return this;
    }

    /**
     * Sets the escape character for quotes inside quoted fields, {@code "} (doubling) by default.
     */
    public Builder escape(char escape) {
      checkSyntaxChar(escape, "escape");
      this.escape = escape;
      return this;
    }

    /** Whether the first record is a header row, true by default. */
    public Builder header(boolean header) {
      this.header = header;
      return this;
    }

    /** Sets the character set, UTF-8 by default. */
    public Builder charset(Charset charset) {
      this.charset = requireNonNull(charset, "charset is null");
      return this;
    }

    /** Sets the text read as NULL besides unquoted empty fields, empty by default. */
    public Builder nullString(String nullString) {
      this.nullString = requireNonNull(nullString, "nullString is null");
      return this;
    }

    /** Sets how many bytes at the head of an object are sampled; at least 1. */
    public Builder sampleBytes(int sampleBytes) {
      this.sampleBytes = positive(sampleBytes, "sampleBytes");
      return this;
    }

    /** Sets the longest field accepted, in characters; at least 1. */
    public Builder maxCharsPerColumn(int maxCharsPerColumn) {
      this.maxCharsPerColumn = positive(maxCharsPerColumn, "maxCharsPerColumn");
      return this;
    }

    /** Sets the largest number of fields in one record; at least 1. */
    public Builder maxColumns(int maxColumns) {
      this.maxColumns = positive(maxColumns, "maxColumns");
      return this;
    }

    /**
     * Declares the type of the column named {@code column}, replacing inference. Supported:
     * BOOLEAN, INTEGER, BIGINT, DOUBLE, DATE, TIMESTAMP, VARCHAR.
     */
    public Builder columnType(String column, ColumnType type) {
      requireNonNull(column, "column is null");
      requireNonNull(type, "type is null");
      if (!SUPPORTED_TYPES.contains(type)) {
        throw new IllegalArgumentException(
            "column '"
                + column
                + "' cannot be declared "
                + type
                + "; CSV columns can be "
                + SUPPORTED_TYPES);
      }
      columnTypes.put(column, type);
      return this;
    }

    /** Builds the options, checking that delimiter and quote differ. */
    public CsvOptions build() {
      if (delimiter != null && (delimiter == quote || delimiter == escape)) {
        throw new IllegalArgumentException(
            "delimiter " + CsvMessages.printable(delimiter) + " must differ from quote and escape");
      }
      return new CsvOptions(this);
    }

    private static void checkSyntaxChar(char c, String what) {
      if (c == '\n' || c == '\r') {
        throw new IllegalArgumentException(what + " cannot be a line break");
      }
    }

    private static int positive(int value, String what) {
      if (value < 1) {
        throw new IllegalArgumentException(what + " must be at least 1: " + value);
      }
      return value;
    }
  }
}
