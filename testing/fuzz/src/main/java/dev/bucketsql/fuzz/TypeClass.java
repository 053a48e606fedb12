package dev.bucketsql.fuzz;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;

/**
 * The column types the fuzzer tells apart, the same for both engines' JDBC metadata: SMALLINT and
 * TINYINT count as INTEGER, REAL as DOUBLE, CHAR as VARCHAR, DuckDB's HUGEINT as DECIMAL(38,0); a
 * DECIMAL keeps its scale ({@link #describe}), not its precision, which the engines derive by
 * different rules.
 */
enum TypeClass {
  INTEGER,
  BIGINT,
  HUGEINT,
  DOUBLE,
  DECIMAL,
  VARCHAR,
  DATE,
  TIMESTAMP,
  BOOLEAN,
  OTHER;

  /** Whether values of this class are numbers. */
  boolean numeric() {
    return this == INTEGER
        || this == BIGINT
        || this == HUGEINT
        || this == DOUBLE
        || this == DECIMAL;
  }

  /** Whether values of this class are exact integers. */
  boolean integral() {
    return this == INTEGER || this == BIGINT || this == HUGEINT;
  }

  /** The class of result column {@code column} (from 1), with its scale for decimals. */
  static String describe(ResultSetMetaData md, int column) throws SQLException {
    TypeClass c = of(md, column);
    return c == DECIMAL ? "DECIMAL(s=" + md.getScale(column) + ")" : c.name();
  }

  /** The class of result column {@code column} (from 1). */
  static TypeClass of(ResultSetMetaData md, int column) throws SQLException {
    String name = String.valueOf(md.getColumnTypeName(column)).toUpperCase(Locale.ROOT);
    switch (md.getColumnType(column)) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER:
        return INTEGER;
      case Types.BIGINT:
        return BIGINT;
      case Types.REAL, Types.FLOAT, Types.DOUBLE:
        return DOUBLE;
      case Types.DECIMAL, Types.NUMERIC:
        return md.getScale(column) == 0 && md.getPrecision(column) >= 38 ? HUGEINT : DECIMAL;
      case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR:
        return VARCHAR;
      case Types.DATE:
        return DATE;
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE:
        return TIMESTAMP;
      case Types.BOOLEAN, Types.BIT:
        return BOOLEAN;
      default:
        if (name.startsWith("HUGEINT") || name.startsWith("UBIGINT")) {
          return HUGEINT;
        }
        return name.startsWith("INTEGER") ? INTEGER : OTHER;
    }
  }
}
