package dev.bucketsql.csv;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.Column;
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

  /** Default size of the ranges a large object is split into for parallel reading. */
  public static final int DEFAULT_SPLIT_SIZE = 8 * 1024 * 1024;

  /**
   * Splits in flight (downloading, parsing or waiting to be read) per scan when a scan is split:
   * with the automatic choice, or when the options ask for splits without a number.
   */
  public static final int DEFAULT_PARALLELISM =
      Math.max(2, Runtime.getRuntime().availableProcessors() + 1);

  /**
   * Fewest cores with which the automatic choice splits a large object into parallel ranges. With
   * fewer, one stream parsed on one core while an I/O thread reads ahead is faster: splits then
   * only take turns on the same cores, and ranged GETs cost more per byte than one stream.
   */
  public static final int AUTO_SPLIT_MIN_CORES = 4;

  /** Types a column can be declared as; the others have no CSV text form here. */
  static final Set<ColumnType> SUPPORTED_TYPES =
      EnumSet.of(
          ColumnType.BOOLEAN,
          ColumnType.INTEGER,
          ColumnType.BIGINT,
          ColumnType.DOUBLE,
          ColumnType.DECIMAL,
          ColumnType.DATE,
          ColumnType.TIMESTAMP,
          ColumnType.VARCHAR);

  private static final CsvOptions DEFAULTS = builder().build();

  private final Character delimiter;
  private final Character quote;
  private final Character escape;
  private final Boolean header;
  private final Charset charset;
  private final String nullString;
  private final int sampleBytes;
  private final int maxCharsPerColumn;
  private final int maxColumns;
  private final boolean lenient;
  private final boolean skipMalformed;
  private final CsvCompression compression;
  private final Integer parallelism;
  private final int splitSize;
  private final Map<String, Column> declared;

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
    this.lenient = b.lenient;
    this.skipMalformed = b.skipMalformed;
    this.compression = b.compression;
    this.parallelism = b.parallelism;
    this.splitSize = b.splitSize;
    this.declared = Map.copyOf(b.declared);
  }

  /** The defaults: everything sniffed, UTF-8, strict errors. */
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
    b.lenient = lenient;
    b.skipMalformed = skipMalformed;
    b.compression = compression;
    b.parallelism = parallelism;
    b.splitSize = splitSize;
    b.declared.putAll(declared);
    return b;
  }

  /** The field delimiter, or empty to sniff it among {@code , TAB ; |}. */
  public Optional<Character> delimiter() {
    return Optional.ofNullable(delimiter);
  }

  /** The quote character, or empty to sniff it ({@code "} or {@code '}). */
  public Optional<Character> quote() {
    return Optional.ofNullable(quote);
  }

  /**
   * The character escaping a quote inside a quoted field (equal to the quote for RFC 4180
   * doubling), or empty to sniff it (doubling or {@code \}).
   */
  public Optional<Character> escape() {
    return Optional.ofNullable(escape);
  }

  /** Whether the first record names the columns, or empty to sniff it. */
  public Optional<Boolean> header() {
    return Optional.ofNullable(header);
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
   * Whether a value that does not fit its column's type becomes NULL (counted and reported) instead
   * of failing the scan.
   */
  public boolean lenient() {
    return lenient;
  }

  /**
   * Whether a malformed record (wrong field count, bad quoting, undecodable bytes, a field or
   * record over the limits) is skipped (counted and reported) instead of failing the scan.
   */
  public boolean skipMalformed() {
    return skipMalformed;
  }

  /** How objects are compressed; {@link CsvCompression#AUTO} by extension. */
  public CsvCompression compression() {
    return compression;
  }

  /**
   * Splits in flight per scan of a large object; 1 reads every object with one stream. When not set
   * ({@link #parallelismAuto()}), the value used if a scan is split.
   */
  public int parallelism() {
    return parallelism == null ? DEFAULT_PARALLELISM : parallelism;
  }

  /**
   * Whether the scan chooses between one stream and parallel splits by itself (parallelism not
   * set): splits only with at least {@link #AUTO_SPLIT_MIN_CORES} cores.
   */
  public boolean parallelismAuto() {
    return parallelism == null;
  }

  /** Bytes per split when a large object is read in parallel ranges. */
  public int splitSize() {
    return splitSize;
  }

  /**
   * Declared column types by column name (after header names were made unique); they replace
   * inference.
   */
  public Map<String, ColumnType> columnTypes() {
    Map<String, ColumnType> types = new LinkedHashMap<>();
    declared.forEach((name, column) -> types.put(name, column.type()));
    return types;
  }

  /** Declared columns by name, with DECIMAL precision and scale. */
  Map<String, Column> declaredColumns() {
    return declared;
  }

  @Override
  public String toString() {
    return "CsvOptions{delimiter="
        + (delimiter == null ? "sniffed" : CsvMessages.printable(delimiter))
        + ", quote="
        + (quote == null ? "sniffed" : quote)
        + ", escape="
        + (escape == null ? "sniffed" : escape)
        + ", header="
        + (header == null ? "sniffed" : header)
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
        + ", lenient="
        + lenient
        + ", skipMalformed="
        + skipMalformed
        + ", compression="
        + compression
        + ", parallelism="
        + (parallelism == null ? "auto" : parallelism)
        + ", splitSize="
        + splitSize
        + ", columnTypes="
        + declared.values()
        + "}";
  }

  /** Builds {@link CsvOptions}; each setter checks its argument at once. */
  public static final class Builder {
    private Character delimiter;
    private Character quote;
    private Character escape;
    private Boolean header;
    private Charset charset = StandardCharsets.UTF_8;
    private String nullString = "";
    private int sampleBytes = DEFAULT_SAMPLE_BYTES;
    private int maxCharsPerColumn = DEFAULT_MAX_CHARS_PER_COLUMN;
    private int maxColumns = DEFAULT_MAX_COLUMNS;
    private boolean lenient;
    private boolean skipMalformed;
    private CsvCompression compression = CsvCompression.AUTO;
    private Integer parallelism;
    private int splitSize = DEFAULT_SPLIT_SIZE;
    private final Map<String, Column> declared = new LinkedHashMap<>();

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

    /** Forces the quote character instead of sniffing it. */
    public Builder quote(char quote) {
      checkSyntaxChar(quote, "quote");
      this.quote = quote;
      return this;
    }

    /**
     * Forces the escape for quotes inside quoted fields; the quote itself means doubling ({@code
     * ""}).
     */
    public Builder escape(char escape) {
      checkSyntaxChar(escape, "escape");
      this.escape = escape;
      return this;
    }

    /** Forces whether the first record is a header row instead of sniffing it. */
    public Builder header(boolean header) {
      this.header = header;
      return this;
    }

    /** Sniffs whether there is a header row again (the default). */
    public Builder sniffHeader() {
      this.header = null;
      return this;
    }

    /**
     * Sets the character set, UTF-8 by default. Any charset the JVM knows: UTF-8 and single-byte
     * charsets whose bytes 0x00-0x7F are ASCII (ISO-8859-x, windows-125x) are read on their own
     * bytes; any other (UTF-16, UTF-32, Shift_JIS, EUC-JP, GB18030, Big5, EBCDIC) is transcoded to
     * UTF-8 as the object streams, and such objects are read with one stream, never split.
     */
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

    /** Values that do not fit their type become NULL, counted and reported; false by default. */
    public Builder lenient(boolean lenient) {
      this.lenient = lenient;
      return this;
    }

    /** Malformed records are skipped, counted and reported; false by default. */
    public Builder skipMalformed(boolean skipMalformed) {
      this.skipMalformed = skipMalformed;
      return this;
    }

    /** Sets the compression, {@link CsvCompression#AUTO} (by extension) by default. */
    public Builder compression(CsvCompression compression) {
      this.compression = requireNonNull(compression, "compression is null");
      return this;
    }

    /**
     * Forces the splits in flight per scan of a large object: 1 reads every object with one stream,
     * 2 or more splits large uncompressed objects into parallel ranges.
     */
    public Builder parallelism(int parallelism) {
      this.parallelism = positive(parallelism, "parallelism");
      return this;
    }

    /** Lets each scan choose between one stream and parallel splits (the default). */
    public Builder autoParallelism() {
      this.parallelism = null;
      return this;
    }

    /** Sets the bytes per split of a parallel scan; at least 4096. */
    public Builder splitSize(int splitSize) {
      if (splitSize < 4096) {
        throw new IllegalArgumentException("splitSize must be at least 4096: " + splitSize);
      }
      this.splitSize = splitSize;
      return this;
    }

    /**
     * Declares the type of the column named {@code column}, replacing inference. Supported:
     * BOOLEAN, INTEGER, BIGINT, DOUBLE, DATE, TIMESTAMP, VARCHAR; DECIMAL through {@link
     * #columnDecimal}.
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
      if (type == ColumnType.DECIMAL) {
        return columnDecimal(column, 38, 10);
      }
      declared.put(column, Column.of(column, type));
      return this;
    }

    /**
     * Declares the column named {@code column} DECIMAL({@code precision}, {@code scale}): values
     * are exact; one with more fraction digits or integer digits than that does not fit.
     */
    public Builder columnDecimal(String column, int precision, int scale) {
      requireNonNull(column, "column is null");
      if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
        throw new IllegalArgumentException(
            "column '"
                + column
                + "': DECIMAL("
                + precision
                + ", "
                + scale
                + ") needs 1 <= precision <= 38 and 0 <= scale <= precision");
      }
      declared.put(column, new Column(column, ColumnType.DECIMAL, true, precision, scale));
      return this;
    }

    /** Builds the options, checking that delimiter and quote differ. */
    public CsvOptions build() {
      char q = quote == null ? '"' : quote;
      if (delimiter != null && (delimiter == q || (escape != null && delimiter.equals(escape)))) {
        throw new IllegalArgumentException(
            "delimiter " + CsvMessages.printable(delimiter) + " must differ from quote and escape");
      }
      return new CsvOptions(this);
    }

    private static void checkSyntaxChar(char c, String what) {
      if (c == '\n' || c == '\r') {
        throw new IllegalArgumentException(what + " cannot be a line break");
      }
      if (c >= 128) {
        // Records are split on bytes: a syntax character must be one byte in every charset.
        throw new IllegalArgumentException(
            what
                + " "
                + CsvMessages.printable(c)
                + " is not supported: it must be an ASCII character");
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
