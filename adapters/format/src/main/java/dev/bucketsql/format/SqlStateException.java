package dev.bucketsql.format;

import static java.util.Objects.requireNonNull;

/**
 * A failure of a query that already knows its SQLSTATE: an arithmetic overflow, a division by zero,
 * a value that is not a valid date. The JDBC layer turns it into an {@code SQLException} with that
 * state and this one-line message, which names the operation, the values and, where there is one,
 * the fix.
 */
public class SqlStateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** 22003: a numeric value out of range (overflow). */
  public static final String NUMERIC_OUT_OF_RANGE = "22003";

  /** 22012: division by zero. */
  public static final String DIVISION_BY_ZERO = "22012";

  /** 22007: a text that is not a valid date, time or timestamp. */
  public static final String INVALID_DATETIME_FORMAT = "22007";

  /** 22008: a date or time field out of range. */
  public static final String DATETIME_FIELD_OVERFLOW = "22008";

  /** 22P02: a text that is not a valid value of the type asked (PostgreSQL's code). */
  public static final String INVALID_TEXT_REPRESENTATION = "22P02";

  /** 22023: an argument of a function that it does not accept. */
  public static final String INVALID_PARAMETER_VALUE = "22023";

  /** 54000: a program limit exceeded (a string too long, an expression nested too deep). */
  public static final String PROGRAM_LIMIT_EXCEEDED = "54000";

  private final String sqlState;

  /** A failure with SQLSTATE {@code sqlState} and a one-line message. */
  public SqlStateException(String sqlState, String message) {
    super(message);
    this.sqlState = requireNonNull(sqlState, "sqlState is null");
  }

  /** A failure with SQLSTATE {@code sqlState}, a one-line message and its cause. */
  public SqlStateException(String sqlState, String message, Throwable cause) {
    super(message, cause);
    this.sqlState = requireNonNull(sqlState, "sqlState is null");
  }

  /** The five-character SQLSTATE. */
  public String sqlState() {
    return sqlState;
  }
}
