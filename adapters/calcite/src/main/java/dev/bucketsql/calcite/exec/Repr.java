package dev.bucketsql.calcite.exec;

import dev.bucketsql.format.ColumnBatch.Kind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The Java class a SQL value has in Calcite's enumerable code, and how the fused operators hold it
 * while they work: in a {@code long}, a {@code double} or as the object itself.
 */
public enum Repr {
  /** {@link Boolean}, held as 0 or 1. */
  BOOLEAN(Kind.LONG),
  /** {@link Byte} (TINYINT). */
  BYTE(Kind.LONG),
  /** {@link Short} (SMALLINT). */
  SHORT(Kind.LONG),
  /** {@link Integer}: INTEGER, DATE (days), TIME (milliseconds). */
  INT(Kind.LONG),
  /** {@link Long}: BIGINT, TIMESTAMP (milliseconds). */
  LONG(Kind.LONG),
  /** {@link Float} (REAL). */
  FLOAT(Kind.DOUBLE),
  /** {@link Double}: DOUBLE and FLOAT. */
  DOUBLE(Kind.DOUBLE),
  /** The object itself: VARCHAR, DECIMAL, ... */
  OBJECT(Kind.OBJECT);

  private final Kind kind;

  Repr(Kind kind) {
    this.kind = kind;
  }

  /** How values are held. */
  public Kind kind() {
    return kind;
  }

  /** Whether this is an integral type (not BOOLEAN). */
  public boolean isIntegral() {
    return this == BYTE || this == SHORT || this == INT || this == LONG;
  }

  /** The representation of {@code type}, or null when the fused operators do not handle it. */
  public static @Nullable Repr of(SqlTypeName type) {
    return switch (type) {
      case BOOLEAN -> BOOLEAN;
      case TINYINT -> BYTE;
      case SMALLINT -> SHORT;
      case INTEGER, DATE, TIME -> INT;
      case BIGINT, TIMESTAMP -> LONG;
      case REAL -> FLOAT;
      case FLOAT, DOUBLE -> DOUBLE;
      case CHAR, VARCHAR, DECIMAL, BINARY, VARBINARY -> OBJECT;
      default -> null;
    };
  }

  /** {@code v} as this representation's Java object. */
  Object box(long v) {
    return switch (this) {
      case BOOLEAN -> v != 0;
      case BYTE -> (byte) v;
      case SHORT -> (short) v;
      case INT -> (int) v;
      case LONG -> v;
      case FLOAT -> (float) v;
      case DOUBLE -> (double) v;
      default -> throw new IllegalStateException("not a number: " + this);
    };
  }

  /** {@code v} as this representation's Java object. */
  Object box(double v) {
    return switch (this) {
      case FLOAT -> (float) v;
      case DOUBLE -> v;
      default -> box((long) v);
    };
  }
}
