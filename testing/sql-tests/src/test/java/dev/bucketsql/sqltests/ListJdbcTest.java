package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * List columns through the embedded driver's JDBC surface, beside DuckDB's driver over the same
 * file: {@code getArray} with the base type and boxed elements, {@code getObject}, {@code
 * getString} in DuckDB's text, the column's metadata; a bad list text and an unnest where DuckDB
 * refuses one are SQLExceptions.
 */
@ExtendWith(S3ServerExtension.class)
class ListJdbcTest {
  private static final String QUERY =
      "SELECT CAST(nutrition AS DOUBLE[]) AS n, CAST(tags AS VARCHAR[]) AS t, [1, NULL, 3] AS i,"
          + " CAST('[''a, b'', NULL, \"it''s\", '''', x y]' AS VARCHAR[]) AS q FROM RAW_recipes ORDER BY id LIMIT 5";

  @Test
  void getArrayGivesTheBaseTypeAndBoxedElementsAsDuckDbDoes(S3TestServer server)
      throws SQLException {
    try (Connection bucket = SqlTestBucket.connect(server);
        Connection duck = SqlTestBucket.duckDb(server);
        Statement b = bucket.createStatement();
        Statement d = duck.createStatement();
        ResultSet ours = b.executeQuery(QUERY);
        ResultSet theirs = d.executeQuery(QUERY)) {
      assertThat(ours.getMetaData().getColumnType(1)).isEqualTo(Types.ARRAY);
      int rows = 0;
      while (ours.next()) {
        assertThat(theirs.next()).isTrue();
        Array nutrition = ours.getArray("n");
        assertThat(nutrition.getBaseType()).isEqualTo(Types.DOUBLE);
        assertThat(nutrition.getBaseTypeName()).isEqualTo("DOUBLE");
        Double[] values = (Double[]) nutrition.getArray();
        assertThat((Object[]) values).containsExactly((Object[]) theirs.getArray("n").getArray());
        assertThat((Object[]) nutrition.getArray(2, 2)).containsExactly(values[1], values[2]);
        assertThat(ours.getObject("t")).isInstanceOf(Array.class);
        String[] tags = (String[]) ours.getArray("t").getArray();
        assertThat((Object[]) tags).containsExactly((Object[]) theirs.getArray("t").getArray());
        Integer[] ints = (Integer[]) ours.getArray("i").getArray();
        assertThat(ints).containsExactly(1, null, 3);
        for (String column : new String[] {"n", "t", "i", "q"}) {
          assertThat(ours.getString(column)).as(column).isEqualTo(theirs.getString(column));
        }
        rows++;
      }
      assertThat(rows).isEqualTo(5);
    }
  }

  @Test
  void badListTextAndUnsupportedUnnestAreSqlExceptions(S3TestServer server) throws SQLException {
    try (Connection bucket = SqlTestBucket.connect(server);
        Statement s = bucket.createStatement()) {
      assertThatThrownBy(() -> drain(s.executeQuery("SELECT CAST('[1, x]' AS INTEGER[]) AS a")))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22P02"))
          .hasMessageContaining("'x'")
          .hasMessageContaining("[1, x]");
      assertThatThrownBy(
              () -> drain(s.executeQuery("SELECT CAST(name AS DOUBLE[]) AS a FROM RAW_recipes")))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22P02"))
          .hasMessageContaining("to a list");
      for (String sql :
          new String[] {
            "SELECT COUNT(unnest(tags)) AS n FROM nested_recipes",
            "SELECT unnest(tags) AS a, unnest(tags) AS b FROM nested_recipes"
          }) {
        assertThatThrownBy(() -> drain(s.executeQuery(sql)))
            .as(sql)
            .isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"))
            .hasMessageContaining("unnest");
      }
    }
  }

  private static void drain(ResultSet rs) throws SQLException {
    try (rs) {
      while (rs.next()) {
        rs.getObject(1);
      }
    }
  }
}
