package dev.bucketsql.format;

/**
 * The SQL types a data file's columns are read as. Each names the Java class its non-null values
 * have in a row produced by a {@link RowCursor}: the representation Calcite's enumerable engine
 * uses internally, so rows reach SQL without conversion.
 */
public enum ColumnType {
  /** {@link Boolean}. */
  BOOLEAN,
  /** {@link Byte}. */
  TINYINT,
  /** {@link Short}. */
  SMALLINT,
  /** {@link Integer}. */
  INTEGER,
  /** {@link Long}. */
  BIGINT,
  /** {@link Float}. */
  REAL,
  /** {@link Double}. */
  DOUBLE,
  /** {@link java.math.BigDecimal}, with the column's precision and scale. */
  DECIMAL,
  /** {@link String}. */
  VARCHAR,
  /** {@code byte[]}. */
  VARBINARY,
  /** {@link Integer}: days since 1970-01-01. */
  DATE,
  /** {@link Integer}: milliseconds since midnight. */
  TIME,
  /** {@link Long}: milliseconds since 1970-01-01T00:00, a local date-time read as UTC. */
  TIMESTAMP,
  /**
   * {@link java.util.List} of the element column's values (see {@link Column#element()}), in order;
   * elements may be null when the element column is nullable. An empty list is not null.
   */
  ARRAY,
  /**
   * {@link java.util.Map} from the key column's values to the value column's values (see {@link
   * Column#key()} and {@link Column#value()}), iterating in file order; keys are never null, values
   * may be.
   */
  MAP,
  /**
   * {@code Object[]} holding one value per field (see {@link Column#fields()}), in field order; a
   * field may be null while the row itself is not.
   */
  ROW;

  /**
   * The rank of an integer type by width (TINYINT 1, SMALLINT 2, INTEGER 3, BIGINT 4), 0 for any
   * other type: an integer type holds every value of the integer types of lower rank.
   */
  public int integerRank() {
    return switch (this) {
      case TINYINT -> 1;
      case SMALLINT -> 2;
      case INTEGER -> 3;
      case BIGINT -> 4;
      default -> 0;
    };
  }

  /** Whether this is TINYINT, SMALLINT, INTEGER or BIGINT. */
  public boolean isInteger() {
    return integerRank() > 0;
  }

  /** Whether values of this type contain other values: ARRAY, MAP and ROW. */
  public boolean isNested() {
    return this == ARRAY || this == MAP || this == ROW;
  }
}
