package dev.bucketsql.format;

/**
 * The SQL types a data file's columns are read as. Each names the Java class its non-null
 * values have in a row produced by a {@link RowCursor}: the representation Calcite's
 * enumerable engine uses internally, so rows reach SQL without conversion.
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
  TIMESTAMP
}
