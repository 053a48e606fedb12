package dev.bucketsql.tpch;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The oracle: an in-memory DuckDB with one view per TPC-H file, named like the table. */
public final class TpchDuckDb {
  private TpchDuckDb() {}

  /** A new DuckDB connection whose views read {@code files} (as written by {@link TpchData}). */
  public static Connection connect(List<Path> files) throws SQLException {
    Connection duck = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = duck.createStatement()) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        String table = name.substring(0, name.lastIndexOf('.'));
        String path = file.toAbsolutePath().toString().replace("'", "''");
        s.execute("CREATE VIEW \"" + table + "\" AS SELECT * FROM read_parquet('" + path + "')");
      }
    } catch (SQLException e) {
      duck.close();
      throw e;
    }
    return duck;
  }
}
