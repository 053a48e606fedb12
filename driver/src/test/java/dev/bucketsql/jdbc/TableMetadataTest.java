package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a BI tool browses: the bucket's data files as tables named without extension, their columns
 * in file order with JDBC types, and query column labels as typed.
 */
@ExtendWith(S3ServerExtension.class)
class TableMetadataTest {
  private static Connection connection;

  @BeforeAll
  static void connect(S3TestServer server) throws SQLException {
    connection = SampleBucket.connect(server);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void listsTheNineSampleTables() throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = connection.getMetaData().getTables(null, SampleBucket.BUCKET, "%", null)) {
      while (rs.next()) {
        assertThat(rs.getString("TABLE_SCHEM")).isEqualTo(SampleBucket.BUCKET);
        assertThat(rs.getString("TABLE_TYPE")).isEqualTo("TABLE");
        tables.add(rs.getString("TABLE_NAME"));
      }
    }
    assertThat(tables)
        .containsExactlyInAnyOrder(
            "RAW_recipes",
            "RAW_interactions",
            "PP_recipes",
            "PP_users",
            "interactions_train",
            "interactions_test",
            "interactions_validation",
            "RAW_recipes_clean",
            "RAW_interactions_clean");
  }

  @Test
  void tablePatternFilters() throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet rs =
        connection.getMetaData().getTables(null, SampleBucket.BUCKET, "interactions\\_%", null)) {
      while (rs.next()) {
        tables.add(rs.getString("TABLE_NAME"));
      }
    }
    assertThat(tables)
        .containsExactlyInAnyOrder(
            "interactions_train", "interactions_test", "interactions_validation");
  }

  @Test
  void bucketIsASchema() throws SQLException {
    List<String> schemas = new ArrayList<>();
    try (ResultSet rs = connection.getMetaData().getSchemas()) {
      while (rs.next()) {
        schemas.add(rs.getString("TABLE_SCHEM"));
      }
    }
    assertThat(schemas).contains(SampleBucket.BUCKET);
  }

  @Test
  void csvColumnsInHeaderOrderWithTypes() throws SQLException {
    DatabaseMetaData md = connection.getMetaData();
    List<String> columns = new ArrayList<>();
    try (ResultSet rs = md.getColumns(null, SampleBucket.BUCKET, "PP_recipes", "%")) {
      while (rs.next()) {
        columns.add(
            rs.getInt("ORDINAL_POSITION")
                + " "
                + rs.getString("COLUMN_NAME")
                + " "
                + rs.getInt("DATA_TYPE"));
      }
    }
    assertThat(columns)
        .containsExactly(
            "1 id " + Types.BIGINT,
            "2 i " + Types.BIGINT,
            "3 name_tokens " + Types.VARCHAR,
            "4 ingredient_tokens " + Types.VARCHAR,
            "5 steps_tokens " + Types.VARCHAR,
            "6 techniques " + Types.VARCHAR,
            "7 calorie_level " + Types.BIGINT,
            "8 ingredient_ids " + Types.VARCHAR);
  }

  @Test
  void parquetColumnsWithTypes() throws SQLException {
    List<String> columns = new ArrayList<>();
    try (ResultSet rs =
        connection
            .getMetaData()
            .getColumns(null, SampleBucket.BUCKET, "RAW_interactions_clean", "%")) {
      while (rs.next()) {
        columns.add(rs.getString("COLUMN_NAME") + " " + rs.getInt("DATA_TYPE"));
      }
    }
    assertThat(columns)
        .containsExactly(
            "user_id " + Types.BIGINT,
            "recipe_id " + Types.BIGINT,
            "date " + Types.DATE,
            "rating " + Types.BIGINT,
            "review " + Types.VARCHAR);
  }

  @Test
  void queryLabelsAreAsTyped() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT calorie_level AS CalorieLevel, COUNT(*) AS nRecipes, MAX(id) maxId"
                    + " FROM pp_recipes GROUP BY calorie_level")) {
      ResultSetMetaData md = rs.getMetaData();
      assertThat(md.getColumnCount()).isEqualTo(3);
      assertThat(md.getColumnLabel(1)).isEqualTo("CalorieLevel");
      assertThat(md.getColumnLabel(2)).isEqualTo("nRecipes");
      assertThat(md.getColumnLabel(3)).isEqualTo("maxId");
      assertThat(md.getColumnType(1)).isEqualTo(Types.BIGINT);
      assertThat(md.getColumnType(2)).isEqualTo(Types.BIGINT);
      assertThat(md.getColumnType(3)).isEqualTo(Types.BIGINT);
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong("nRecipes")).isPositive();
    }
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, name_tokens FROM PP_recipes LIMIT 1")) {
      ResultSetMetaData md = rs.getMetaData();
      assertThat(md.getColumnLabel(1)).isEqualTo("id");
      assertThat(md.getColumnLabel(2)).isEqualTo("name_tokens");
      assertThat(md.getColumnType(2)).isEqualTo(Types.VARCHAR);
    }
  }
}
