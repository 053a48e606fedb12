package dev.bucketsql.calcite.engine;

import dev.bucketsql.engine.expr.Overflow;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import dev.bucketsql.format.SqlStateException;
import dev.bucketsql.storage.AccessDeniedException;
import dev.bucketsql.storage.Causes;
import dev.bucketsql.storage.StorageException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.time.DateTimeException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The one place that turns any failure of a JDBC call (preparing, executing, fetching a row,
 * connecting) into an {@link SQLException} with a SQLSTATE and a one-line message. The driver calls
 * it around every JDBC entry point and the server around every request, so an embedded and a remote
 * client see the same state and message.
 *
 * <p>It looks through the causal chain ({@link Causes}) for the exception that knows what went
 * wrong: one that already carries its state ({@link SqlStateException}, an {@code SQLException}
 * with a state), then the known kinds (a memory limit, a cancel, arithmetic, a value that does not
 * parse, storage). States follow PostgreSQL's where one fits (docs/sql.md, "SQLSTATE codes").
 * Calcite's wrappers ("Error while executing SQL ...") are dropped, never repeated.
 */
public final class QueryErrors {
  /** 08001: the client could not establish the connection. */
  public static final String CONNECTION_FAILED = "08001";

  /** 08006: the connection broke while in use. */
  public static final String CONNECTION_FAILURE = "08006";

  /** 28000: the credentials were refused. */
  public static final String INVALID_AUTHORIZATION = "28000";

  /** 57014: the query was cancelled or timed out. */
  public static final String QUERY_CANCELED = "57014";

  /** 53200: out of memory, or over the connection's {@code queryMemory}. */
  public static final String OUT_OF_MEMORY = "53200";

  /** The message of a statement nested too deeply for the parser, validator or planner. */
  static final String TOO_DEEP =
      "expression nested too deeply: split the statement or nest fewer expressions and subqueries";

  /** 54001: an expression or statement nested too deeply. */
  public static final String TOO_COMPLEX = "54001";

  /** 58030: reading an object from the bucket failed. */
  public static final String IO_ERROR = "58030";

  /** 55000: a call on a closed statement, result set or connection. */
  public static final String OBJECT_NOT_IN_STATE = "55000";

  /** XX000: a failure inside BucketSQL that has no better code. */
  public static final String INTERNAL_ERROR = "XX000";

  private static final int MAX_MESSAGE = 400;
  private static final Pattern INPUT_STRING =
      Pattern.compile("For input string: \"(.*)\"", Pattern.DOTALL);
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

  /** The states of SqlStateExceptions thrown by static initializers, by message; bounded. */
  private static final Map<String, String> INITIALIZER_STATES =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
              return size() > 1024;
            }
          });

  private static final Pattern INITIALIZER_FAILURE =
      Pattern.compile("^Exception ([\\w.$]+)(?:: (.*?))? \\[in thread", Pattern.DOTALL);
  private static final Pattern ARRAY_SIZE =
      Pattern.compile("Required array size too large: (\\d+)");

  private QueryErrors() {}

  /**
   * The SQLException to throw for {@code e}, raised by a JDBC call on the statement {@code sql}
   * (null when there is none, as for a connect). Returns {@code e} itself when it is already an
   * SQLException with a state.
   */
  public static SQLException toSqlException(Throwable e, @Nullable String sql) {
    SQLException known = withState(e);
    if (known != null) {
      return known;
    }
    Throwable replayed = replayInitializerFailure(e);
    if (replayed != null) {
      SQLException s = toSqlException(replayed, sql);
      replayed.initCause(e); // after translating: the rebuilt exception is the root meanwhile
      return s;
    }
    SqlStateException stated = Causes.find(e, SqlStateException.class);
    if (stated != null) {
      if (Causes.find(e, ExceptionInInitializerError.class) != null) {
        // the next run of the same plan sees only the text: remember the state of that text
        INITIALIZER_STATES.put(String.valueOf(stated.getMessage()), stated.sqlState());
      }
      return create(stated.sqlState(), oneLine(stated.getMessage()), e);
    }
    if (Causes.find(e, StackOverflowError.class) != null) {
      return create(TOO_COMPLEX, TOO_DEEP, e);
    }
    // a statement prepared without BucketPrepare (a plain Calcite connection served remotely)
    SqlParseException parse = Causes.find(e, SqlParseException.class);
    if (parse != null) {
      return create("42601", oneLine(parse.getMessage()), e);
    }
    CalciteContextException context = Causes.find(e, CalciteContextException.class);
    if (context != null) {
      String message = oneLine(context.getMessage());
      return create(SqlErrors.validatorState(message), message, e);
    }
    MemoryLimitExceededException memory = Causes.find(e, MemoryLimitExceededException.class);
    if (memory != null) {
      return create(OUT_OF_MEMORY, oneLine(memory.getMessage()), e);
    }
    if (Causes.find(e, OutOfMemoryError.class) != null) {
      return create(
          OUT_OF_MEMORY,
          "out of memory: the query needs more heap than the JVM has; lower the"
              + " connection setting queryMemory so that operators fail early, or give the JVM more (-Xmx)",
          e);
    }
    CancellationException cancel = Causes.find(e, CancellationException.class);
    if (cancel != null || Causes.find(e, InterruptedException.class) != null) {
      return cancelled(cancel, e);
    }
    if (Causes.root(e) instanceof SQLException s
        && String.valueOf(s.getMessage()).contains("canceled")) {
      // Avatica's own check of the statement's cancel flag ("Statement canceled")
      return create(QUERY_CANCELED, "query cancelled: Statement.cancel() was called", e);
    }
    ArithmeticException arithmetic = Causes.find(e, ArithmeticException.class);
    if (arithmetic != null) {
      return arithmetic(arithmetic, e);
    }
    NumberFormatException number = Causes.find(e, NumberFormatException.class);
    if (number != null) {
      return invalidNumber(number, sql, e);
    }
    DateTimeException dateTime = Causes.find(e, DateTimeException.class);
    if (dateTime != null) {
      return create(
          SqlStateException.INVALID_DATETIME_FORMAT,
          "invalid date or time: "
              + oneLine(dateTime.getMessage())
              + "; write dates as 'YYYY-MM-DD' and timestamps as 'YYYY-MM-DD hh:mm:ss[.fff]'",
          e);
    }
    SQLException datetime = datetimeValue(e, sql);
    if (datetime != null) {
      return datetime;
    }
    Throwable root = Causes.root(e);
    Matcher size = ARRAY_SIZE.matcher(String.valueOf(root.getMessage()));
    if (root instanceof IndexOutOfBoundsException && size.find()) {
      return create(
          SqlStateException.PROGRAM_LIMIT_EXCEEDED,
          "result too large: a value of "
              + size.group(1)
              + " characters or elements exceeds the limit of 2147483639",
          e);
    }
    AccessDeniedException denied = Causes.find(e, AccessDeniedException.class);
    if (denied != null) {
      return create(INVALID_AUTHORIZATION, oneLine(denied.getMessage()), e);
    }
    StorageException storage = Causes.find(e, StorageException.class);
    if (storage != null) {
      return create(IO_ERROR, oneLine(storage.getMessage()), e);
    }
    if (root instanceof SQLException s && s.getSQLState() == null) {
      // Avatica's own checks ("Statement is closed", "ResultSet is closed"): a usage error
      String message = oneLine(s.getMessage());
      return create(message.contains("closed") ? OBJECT_NOT_IN_STATE : INTERNAL_ERROR, message, e);
    }
    return create(
        INTERNAL_ERROR,
        "internal error: "
            + describe(root)
            + (sql == null ? "" : " (running: " + clip(oneLine(sql), 120) + ")"),
        e);
  }

  /**
   * The SQLException for {@code e}, raised while opening a connection: 28000 when the store refused
   * the credentials, 08001 otherwise (the message of a storage failure says what to fix).
   */
  public static SQLException connectFailure(Throwable e) {
    SQLException known = withState(e);
    if (known != null) {
      return known;
    }
    AccessDeniedException denied = Causes.find(e, AccessDeniedException.class);
    if (denied != null) {
      return create(INVALID_AUTHORIZATION, oneLine(denied.getMessage()), e);
    }
    StorageException storage = Causes.find(e, StorageException.class);
    Throwable shown = storage != null ? storage : Causes.root(e);
    String message =
        shown instanceof StorageException || shown instanceof IllegalArgumentException
            ? oneLine(shown.getMessage())
            : "cannot connect: " + describe(shown);
    return create(CONNECTION_FAILED, message, e);
  }

  /**
   * An SQLException of the JDBC subclass that fits {@code sqlState}: {@link SQLDataException} for
   * class 22, {@link SQLSyntaxErrorException} for 42, {@link SQLTimeoutException} is chosen by the
   * caller for timeouts.
   */
  public static SQLException create(String sqlState, String message, @Nullable Throwable cause) {
    String line = oneLine(message);
    String type = sqlState.substring(0, 2);
    return switch (type) {
      case "22" -> new SQLDataException(line, sqlState, cause);
      case "42" -> new SQLSyntaxErrorException(line, sqlState, cause);
      case "0A" -> new SQLFeatureNotSupportedException(line, sqlState, cause);
      case "08" -> new SQLNonTransientConnectionException(line, sqlState, cause);
      case "28" -> new SQLInvalidAuthorizationSpecException(line, sqlState, cause);
      case "53", "57" -> new SQLTransientException(line, sqlState, cause);
      case "54" -> new SQLNonTransientException(line, sqlState, cause);
      default -> new SQLException(line, sqlState, cause);
    };
  }

  /** {@code message} on one line: its first line, whitespace collapsed, clipped. */
  public static String oneLine(@Nullable String message) {
    if (message == null || message.isBlank()) {
      return "(no message)";
    }
    String first = message.strip().lines().findFirst().orElse("").strip();
    return clip(first.replaceAll("\\s+", " "), MAX_MESSAGE);
  }

  /**
   * The failure of a static initializer that failed before, rebuilt from its description. A
   * statement run again (its plan is cached) finds the class of its generated code unusable: the
   * JVM throws NoClassDefFoundError whose cause is an ExceptionInInitializerError holding only the
   * text "Exception java.lang.ArithmeticException: / by zero [in thread ...]".
   */
  private static @Nullable Throwable replayInitializerFailure(Throwable e) {
    Throwable root = Causes.root(e);
    if (!(root instanceof ExceptionInInitializerError init) || init.getException() != null) {
      return null;
    }
    Matcher m = INITIALIZER_FAILURE.matcher(String.valueOf(init.getMessage()));
    if (!m.find()) {
      return null;
    }
    String type = m.group(1);
    String message = m.group(2);
    return switch (type) {
      case "java.lang.ArithmeticException" -> new ArithmeticException(message);
      case "java.lang.NumberFormatException" -> new NumberFormatException(message);
      case "java.lang.IllegalArgumentException" -> new IllegalArgumentException(message);
      case "java.lang.ArrayIndexOutOfBoundsException" ->
          new ArrayIndexOutOfBoundsException(message);
      case "java.lang.OutOfMemoryError" -> new OutOfMemoryError(message);
      case "java.lang.StackOverflowError" -> new StackOverflowError(message);
      case "dev.bucketsql.format.SqlStateException" -> {
        String state = message == null ? null : INITIALIZER_STATES.get(message);
        yield new SqlStateException(
            state == null ? INTERNAL_ERROR : state, String.valueOf(message));
      }
      default -> new RuntimeException(type + (message == null ? "" : ": " + message));
    };
  }

  /** The first SQLException in the chain that already has a meaningful state, or null. */
  private static @Nullable SQLException withState(Throwable e) {
    for (Throwable t = e; t != null; t = Causes.cause(t)) {
      if (t instanceof SQLException s
          && s.getSQLState() != null
          && !s.getSQLState().equals("00000")
          && !s.getSQLState().equals("HY000")) {
        return s;
      }
      if (t == Causes.cause(t)) {
        break;
      }
    }
    return null;
  }

  private static SQLException cancelled(@Nullable CancellationException cancel, Throwable e) {
    String message = cancel == null ? null : cancel.getMessage();
    String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (lower.contains("timeout") || lower.contains("timed out")) {
      return new SQLTimeoutException(
          oneLine(message) + "; raise Statement.setQueryTimeout or narrow the query",
          QUERY_CANCELED,
          e);
    }
    return create(
        QUERY_CANCELED,
        "query cancelled" + (message == null || message.isBlank() ? "" : ": " + oneLine(message)),
        e);
  }

  private static SQLException arithmetic(ArithmeticException a, Throwable e) {
    String message = String.valueOf(a.getMessage());
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("by zero") || lower.contains("division undefined")) {
      return create(
          SqlStateException.DIVISION_BY_ZERO,
          // the engine's DECIMAL % says the same
          Overflow.DECIMAL_DIVISION_BY_ZERO,
          e);
    }
    if (lower.contains("overflow")
        || lower.contains("out of range")
        || lower.contains("cannot be represented")) {
      return create(
          SqlStateException.NUMERIC_OUT_OF_RANGE,
          "numeric value out of range: "
              + oneLine(message)
              + "; CAST to BIGINT, DOUBLE or a wider DECIMAL",
          e);
    }
    return create("22000", "arithmetic error: " + oneLine(message), e);
  }

  private static SQLException invalidNumber(
      NumberFormatException n, @Nullable String sql, Throwable e) {
    Matcher m = INPUT_STRING.matcher(String.valueOf(n.getMessage()));
    String value = m.find() ? m.group(1) : String.valueOf(n.getMessage());
    if (NUMBER.matcher(value.strip()).matches()) {
      // a number, but not one the target type holds (Java's parser says only "For input string")
      return create(
          SqlStateException.NUMERIC_OUT_OF_RANGE,
          "number '"
              + clip(oneLine(value), 80)
              + "' out of range for the type it is converted to; CAST to BIGINT, DOUBLE or a wider DECIMAL",
          e);
    }
    String where = around(sql, value);
    String hint =
        where == null
            ? "; the column holds text that is not a number: filter those rows out before the CAST"
            : "; compare a numeric column with a number (5, not 'five'), or CAST the column to VARCHAR";
    return create(
        SqlStateException.INVALID_TEXT_REPRESENTATION,
        "invalid number '"
            + clip(oneLine(value), 80)
            + "'"
            + (where == null ? "" : " in " + where)
            + ": the text is not a number"
            + hint,
        e);
  }

  /** Calcite's date parsing fails with "Value of DAY field is out of range in '...'" and kin. */
  private static @Nullable SQLException datetimeValue(Throwable e, @Nullable String sql) {
    for (Throwable t = e; t != null; t = Causes.cause(t)) {
      if (!(t instanceof IllegalArgumentException)) {
        if (t == Causes.cause(t)) {
          break;
        }
        continue;
      }
      String message = String.valueOf(t.getMessage());
      boolean field = message.contains("field is out of range");
      boolean format =
          message.startsWith("Invalid DATE")
              || message.startsWith("Invalid TIME")
              || message.contains("not in format");
      if (field || format) {
        Matcher q = QUOTED.matcher(message);
        String value = q.find() ? q.group(1) : null;
        String where = value == null ? null : around(sql, value);
        return create(
            field
                ? SqlStateException.DATETIME_FIELD_OVERFLOW
                : SqlStateException.INVALID_DATETIME_FORMAT,
            (field ? "date or time field out of range: " : "invalid date or time: ")
                + oneLine(message)
                + (where == null ? "" : " in " + where)
                + "; write dates as 'YYYY-MM-DD' and timestamps as 'YYYY-MM-DD hh:mm:ss[.fff]'",
            e);
      }
    }
    return null;
  }

  /**
   * The comparison or call around the literal {@code 'value'} in {@code sql} ("rating = 'five'"),
   * so the message names the column; null when the value is not a literal there.
   */
  static @Nullable String around(@Nullable String sql, String value) {
    if (sql == null) {
      return null;
    }
    String literal = "'" + value.replace("'", "''") + "'";
    int at = sql.indexOf(literal);
    if (at < 0) {
      return null;
    }
    Matcher m =
        Pattern.compile(
                "([\\w.\"]+\\s*(?:=|<>|!=|<=|>=|<|>|\\bLIKE\\b|\\bIN\\b\\s*\\()\\s*)$",
                Pattern.CASE_INSENSITIVE)
            .matcher(sql.substring(Math.max(0, at - 80), at));
    // only a comparison names the column; a bare literal (a CAST) is in the message already
    return m.find() ? clip(oneLine(m.group(1) + literal), 120) : null;
  }

  private static String describe(Throwable root) {
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + oneLine(message));
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "...";
  }
}
