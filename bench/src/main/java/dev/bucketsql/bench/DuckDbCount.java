package dev.bucketsql.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.duckdb.DuckDBDriver;

/**
 * The reference of {@link StartupBench}: a fresh JVM that opens DuckDB's JDBC driver, counts the
 * rows of one CSV file and prints the count, then its own CPU time ({@code cpu=S}) on standard
 * error. The driver is made directly, not through {@code DriverManager}, which would load every
 * driver on a class path.
 */
public final class DuckDbCount {
  private DuckDbCount() {}

  /** {@code DuckDbCount FILE.csv}. */
  public static void main(String[] args) throws Exception {
    String file = args[0].replace("'", "''");
    try (Connection connection = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM read_csv('" + file + "')")) {
      rows.next();
      System.out.println(rows.getLong(1));
    }
    long cpu = ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    System.err.printf(java.util.Locale.ROOT, "cpu=%.3f%n", cpu / 1e9);
  }
}
