package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Maps whose keys or values are dates, times or timestamps through the embedded driver: {@code
 * getObject} gives a map of {@link Date}, {@link Time} and {@link Timestamp} (not the engine's days
 * and milliseconds), and {@code getString} DuckDB's text, beside DuckDB's driver for the same map
 * (DuckDB writes {@code MAP {k: v}} where Calcite writes {@code MAP[k, v]}).
 */
@ExtendWith(S3ServerExtension.class)
class MapJdbcTest {
  @Test
  void mapsOfDatesAndTimestampsReadAsDatesAndTimestamps(S3TestServer server) throws SQLException {
    try (Connection bucket = SqlTestBucket.connect(server);
        Statement s = bucket.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT MAP[DATE '2024-01-02', 1, DATE '1969-12-31', CAST(NULL AS INTEGER)] AS d,"
                    + " MAP['a', TIMESTAMP '2024-01-02 03:04:05.5', 'b', TIMESTAMP '1969-12-31 23:59:59'] AS t,"
                    + " MAP['a', TIME '03:04:05'] AS tm, MAP['k', [DATE '2024-01-02', DATE '2024-01-03']] AS l,"
                    + " MAP[1, 'x'] AS plain")) {
      assertThat(rs.next()).isTrue();
      Map<?, ?> dates = (Map<?, ?>) rs.getObject("d");
      assertThat(new ArrayList<Object>(dates.keySet()))
          .containsExactly(Date.valueOf("2024-01-02"), Date.valueOf("1969-12-31"));
      assertThat(dates.get(Date.valueOf("2024-01-02"))).isEqualTo(1);
      assertThat(dates.get(Date.valueOf("1969-12-31"))).isNull();
      Map<?, ?> stamps = (Map<?, ?>) rs.getObject("t");
      assertThat(stamps.get("a")).isEqualTo(Timestamp.valueOf("2024-01-02 03:04:05.5"));
      assertThat(stamps.get("b")).isEqualTo(Timestamp.valueOf("1969-12-31 23:59:59"));
      assertThat(((Map<?, ?>) rs.getObject("tm")).get("a")).isEqualTo(Time.valueOf("03:04:05"));
      assertThat(new ArrayList<Object>((List<?>) ((Map<?, ?>) rs.getObject("l")).get("k")))
          .containsExactly(Date.valueOf("2024-01-02"), Date.valueOf("2024-01-03"));
      assertThat(rs.getString("t")).isEqualTo("{a=2024-01-02 03:04:05.5, b=1969-12-31 23:59:59}");
      assertThat(rs.getString("l")).isEqualTo("{k=[2024-01-02, 2024-01-03]}");
      // DuckDB quotes a time or timestamp inside a map ('03:04:05'); lists here do not either
      assertThat(rs.getString("tm")).isEqualTo("{a=03:04:05}");
      assertThat(((Map<?, ?>) rs.getObject("plain")).get(1)).isEqualTo("x");
      try (Connection duck = SqlTestBucket.duckDb(server);
          Statement d = duck.createStatement();
          ResultSet theirs =
              d.executeQuery(
                  "SELECT MAP {DATE '2024-01-02': 1, DATE '1969-12-31': NULL} AS d, MAP {1: 'x'} AS plain")) {
        assertThat(theirs.next()).isTrue();
        for (String column : new String[] {"d", "plain"}) {
          assertThat(rs.getString(column)).as(column).isEqualTo(theirs.getString(column));
        }
      }
    }
  }

  /**
   * getString of maps holding NaN and the infinities, lists of maps and maps of lists of maps, as
   * DuckDB's driver writes them (nan and inf in DuckDB's spelling; an inner map never quoted).
   */
  @Test
  void mapTextAsDuckDbWritesIt(S3TestServer server) throws SQLException {
    String[][] cases = {
      {
        "MAP['a', CAST('NaN' AS DOUBLE), 'b', CAST('-Infinity' AS DOUBLE)]",
        "MAP {'a': 'NaN'::DOUBLE, 'b': '-Infinity'::DOUBLE}"
      },
      {"MAP[true, CAST('Infinity' AS REAL)]", "MAP {true: 'Infinity'::REAL}"},
      {"[MAP['a', 1], MAP['b', NULL]]", "[MAP {'a': 1}, MAP {'b': NULL}]"},
      {"MAP['k', [MAP['a', 1]]]", "MAP {'k': [MAP {'a': 1}]}"},
      {"[MAP[DATE '2024-01-02', 1]]", "[MAP {DATE '2024-01-02': 1}]"},
      {"MAP['k', [CAST('NaN' AS DOUBLE), 1.5e0]]", "MAP {'k': ['NaN'::DOUBLE, 1.5]}"}
    };
    try (Connection bucket = SqlTestBucket.connect(server);
        Connection duck = SqlTestBucket.duckDb(server)) {
      for (String[] c : cases) {
        assertThat(text(bucket, c[0])).as(c[0]).isEqualTo(text(duck, c[1]));
      }
    }
  }

  private static String text(Connection connection, String expression) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + expression)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }
}
