package dev.bucketsql.calcite.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.format.SqlStateException;
import dev.bucketsql.storage.AccessDeniedException;
import dev.bucketsql.storage.StorageException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/**
 * The failures that SQL over the sample data cannot provoke on demand (an overflow thrown by engine
 * code, an Error inside a wrapper, a storage failure while reading) translate to their SQLSTATE,
 * through every wrapper Calcite and Avatica put around them.
 */
class QueryErrorsTest {
  /** As Avatica wraps a failure of executing: a state-less SQLException around the cause. */
  private static SQLException avaticaWrapped(Throwable cause) {
    return new SQLException(
        "Error while executing SQL \"SELECT 1\": " + cause.getMessage(), null, cause);
  }

  @Test
  void sqlStateExceptionKeepsItsStateAndMessage() {
    SqlStateException overflow =
        new SqlStateException(
            SqlStateException.NUMERIC_OUT_OF_RANGE,
            "INTEGER overflow in 2147483647 + 1; CAST to BIGINT");
    SQLException e =
        QueryErrors.toSqlException(avaticaWrapped(new RuntimeException(overflow)), "SELECT 1");
    assertThat((Throwable) e).isInstanceOf(SQLDataException.class);
    assertThat(e.getSQLState()).isEqualTo("22003");
    assertThat(e.getMessage()).isEqualTo("INTEGER overflow in 2147483647 + 1; CAST to BIGINT");
  }

  @Test
  void sqlStateExceptionInAStaticInitializerIsUnwrapped() {
    SqlStateException overflow = new SqlStateException("22003", "BIGINT overflow in SUM(x)");
    SQLException e = QueryErrors.toSqlException(new ExceptionInInitializerError(overflow), null);
    assertThat(e.getSQLState()).isEqualTo("22003");
    assertThat(e.getMessage()).isEqualTo("BIGINT overflow in SUM(x)");
  }

  @Test
  void sqlStateExceptionOfAFailedInitializerSeenAgainKeepsItsState() {
    // first run: the real exception; a later run of the same class sees only its text
    SqlStateException overflow = new SqlStateException("22003", "SMALLINT overflow in a + b");
    QueryErrors.toSqlException(new ExceptionInInitializerError(overflow), null);
    NoClassDefFoundError again = new NoClassDefFoundError("Could not initialize class Baz$1");
    again.initCause(
        new ExceptionInInitializerError(
            "Exception dev.bucketsql.format.SqlStateException: SMALLINT overflow in a + b [in thread \"main\"]"));
    SQLException e = QueryErrors.toSqlException(again, null);
    assertThat(e.getSQLState()).isEqualTo("22003");
    assertThat(e.getMessage()).isEqualTo("SMALLINT overflow in a + b");
  }

  @Test
  void plainArithmeticExceptions() {
    assertThat(
            QueryErrors.toSqlException(new ArithmeticException("integer overflow"), null)
                .getSQLState())
        .isEqualTo("22003");
    assertThat(QueryErrors.toSqlException(new ArithmeticException("/ by zero"), null).getSQLState())
        .isEqualTo("22012");
    assertThat(
            QueryErrors.toSqlException(new ArithmeticException("Division undefined"), null)
                .getSQLState())
        .isEqualTo("22012");
  }

  @Test
  void errorsBecomeSqlExceptions() {
    SQLException deep =
        QueryErrors.toSqlException(new RuntimeException(new StackOverflowError()), null);
    assertThat(deep.getSQLState()).isEqualTo("54001");
    assertThat(deep.getMessage()).contains("nested too deeply");
    SQLException memory =
        QueryErrors.toSqlException(avaticaWrapped(new OutOfMemoryError("Java heap space")), null);
    assertThat(memory.getSQLState()).isEqualTo("53200");
    assertThat(memory.getMessage()).contains("queryMemory");
  }

  @Test
  void storageFailuresWhileReading() {
    SQLException io =
        QueryErrors.toSqlException(
            new RuntimeException(
                new StorageException("S3 request failed with HTTP 500 reading 'a.csv'")),
            null);
    assertThat(io.getSQLState()).isEqualTo("58030");
    assertThat(io.getMessage()).contains("a.csv");
    SQLException denied =
        QueryErrors.toSqlException(
            new AccessDeniedException(
                "access denied for key id GKte\u2026", new RuntimeException()),
            null);
    assertThat(denied.getSQLState()).isEqualTo("28000");
  }

  @Test
  void timeoutAndCancel() {
    SQLException timeout =
        QueryErrors.toSqlException(
            new RuntimeException(
                new CancellationException("query timed out after 1000 ms while reading 'a.csv'")),
            null);
    assertThat((Throwable) timeout).isInstanceOf(SQLTimeoutException.class);
    assertThat(timeout.getSQLState()).isEqualTo("57014");
    SQLException cancel =
        QueryErrors.toSqlException(
            new CancellationException("query cancelled while reading 'a.csv'"), null);
    assertThat((Throwable) cancel).isNotInstanceOf(SQLTimeoutException.class);
    assertThat(cancel.getSQLState()).isEqualTo("57014");
  }

  @Test
  void unknownFailuresAreInternalWithOneLine() {
    SQLException e =
        QueryErrors.toSqlException(
            new IllegalStateException("first line\nsecond line"), "SELECT 1");
    assertThat(e.getSQLState()).isEqualTo("XX000");
    assertThat(e.getMessage())
        .contains("IllegalStateException: first line")
        .doesNotContain("\n")
        .doesNotContain("second line");
  }

  @Test
  void anSqlExceptionWithAStateIsKept() {
    SQLException original = new SQLException("nope", "42501");
    assertThat((Throwable) QueryErrors.toSqlException(new RuntimeException(original), null))
        .isSameAs(original);
  }
}
