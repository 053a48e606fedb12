package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Plain JDBC on catalog tables: parameters, result metadata, max rows, fetch size. */
@ExtendWith(S3ServerExtension.class)
class MetadataStatementTest {
  private static Connection connection;

  @BeforeAll
  static void connect(S3TestServer server) throws SQLException {
    connection = CatalogBucket.connect(server);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void preparedStatementWithParametersOnAPartitionedTable() throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT user_id, review, \"year\" FROM interactions WHERE \"year\" = ? AND rating >= ? ORDER BY user_id")) {
      ps.setInt(1, 2019);
      ps.setInt(2, 2);
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        assertThat(md.getColumnCount()).isEqualTo(3);
        assertThat(md.getColumnLabel(2)).isEqualTo("review");
        assertThat(md.getColumnType(1)).isEqualTo(Types.INTEGER);
        assertThat(md.getColumnType(2)).isEqualTo(Types.VARCHAR);
        assertThat(md.isNullable(2)).isEqualTo(ResultSetMetaData.columnNullable);
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(4);
        assertThat(rs.getString(2)).isEqualTo("meh");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(6);
        assertThat(rs.next()).isFalse();
      }
      ps.setInt(1, 2018);
      ps.setInt(2, 5);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(1);
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void maxRowsAndFetchSize() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.setMaxRows(2);
      s.setFetchSize(1);
      assertThat(s.getFetchSize()).isEqualTo(1);
      int n = 0;
      try (ResultSet rs = s.executeQuery("SELECT user_id, rating FROM interactions")) {
        while (rs.next()) {
          n++;
        }
      }
      assertThat(n).isEqualTo(2);
    }
  }
}
