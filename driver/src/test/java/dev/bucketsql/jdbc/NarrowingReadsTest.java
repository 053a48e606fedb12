package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code getInt} and its kin never wrap a wider value around (Avatica's cast gave -1294967296 for a
 * BIGINT 3000000000): in range they read the value (a fraction truncated, as JDBC says), out of
 * range they fail with 22003 naming the column and the getter to use.
 */
@ExtendWith(S3ServerExtension.class)
class NarrowingReadsTest {
  @Test
  void integerGettersCheckTheRange(S3TestServer server) throws SQLException {
    try (Connection c = SampleBucket.connect(server);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT CAST(3000000000 AS BIGINT) AS big, CAST(5 AS BIGINT) AS small, CAST(1.9 AS DOUBLE) AS d,"
                    + " CAST(1e30 AS DOUBLE) AS huge, CAST(NULL AS BIGINT) AS nothing,"
                    + " CAST(70000 AS INTEGER) AS i, CAST(-2.5 AS DECIMAL(5,1)) AS dec")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong("big")).isEqualTo(3_000_000_000L);
      assertThat(rs.getInt("small")).isEqualTo(5);
      assertThat(rs.getInt("d")).isEqualTo(1);
      assertThat(rs.getShort("dec")).isEqualTo((short) -2);
      assertThat(rs.getInt("nothing")).isZero();
      assertThat(rs.wasNull()).isTrue();
      assertThat(rs.getInt("i")).isEqualTo(70_000);
      assertOutOfRange(catchThrowable(() -> rs.getInt("big")), "BIG", "3000000000", "getInt");
      assertOutOfRange(catchThrowable(() -> rs.getShort("i")), "I", "70000", "getShort");
      assertOutOfRange(catchThrowable(() -> rs.getLong("huge")), "HUGE", "1.0E30", "getLong");
    }
  }

  private static void assertOutOfRange(
      Throwable thrown, String column, String value, String getter) {
    assertThat(thrown).isInstanceOf(SQLException.class);
    SQLException e = (SQLException) thrown;
    assertThat(e.getSQLState()).isEqualTo("22003");
    assertThat(e.getMessage()).containsIgnoringCase(column).contains(value).contains(getter);
  }
}
