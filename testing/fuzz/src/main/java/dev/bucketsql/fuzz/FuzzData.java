package dev.bucketsql.fuzz;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.datagen.SampleData;
import dev.bucketsql.datagen.SampleManifest;
import dev.bucketsql.datagen.SampleScale;
import dev.bucketsql.datagen.SampleSpec;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fuzzer's data: the tiny sample data set and the {@link EdgeTables}, in bucket {@value
 * #BUCKET} of an S3 test server and as local files that DuckDB reads (one view per file, named as
 * BucketSQL names the table).
 */
public final class FuzzData {
  /** The bucket the files are uploaded to. */
  public static final String BUCKET = "fuzz";

  private final S3TestServer server;
  private final Path directory;
  private final List<String> tables;

  private FuzzData(S3TestServer server, Path directory, List<String> tables) {
    this.server = server;
    this.directory = directory;
    this.tables = tables;
  }

  /** Generates every file into {@code directory} and uploads the same bytes to {@code server}. */
  public static FuzzData create(S3TestServer server, Path directory)
      throws IOException, SQLException {
    requireNonNull(server, "server is null");
    Files.createDirectories(directory);
    SampleManifest manifest =
        SampleData.generateAndUpload(SampleSpec.of(SampleScale.TINY), directory, server, BUCKET);
    if (manifest.files().isEmpty()) {
      throw new IllegalStateException("no sample files generated");
    }
    for (Path file : EdgeTables.write(directory)) {
      server.putObject(BUCKET, file.getFileName().toString(), file);
    }
    List<String> tables = new ArrayList<>();
    try (var files = Files.list(directory)) {
      for (Path p : (Iterable<Path>) files.sorted()::iterator) {
        String name = p.getFileName().toString();
        tables.add(name.substring(0, name.lastIndexOf('.')));
      }
    }
    return new FuzzData(server, directory, List.copyOf(tables));
  }

  /** The table names, as both engines know them. */
  public List<String> tables() {
    return tables;
  }

  /** A new BucketSQL connection to the bucket. */
  public Connection bucketSql() throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(BUCKET), S3TestServer.jdbcKeys());
  }

  /**
   * An in-memory DuckDB, one thread, with one table per file, loaded once: CSV with RFC 4180
   * quoting and types inferred from every row, Parquet as it is.
   */
  public Connection duckDb() throws SQLException, IOException {
    Connection duck = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = duck.createStatement();
        var files = Files.list(directory)) {
      s.execute("SET threads = 1");
      for (Path p : (Iterable<Path>) files::iterator) {
        String file = p.getFileName().toString();
        String table = file.substring(0, file.lastIndexOf('.'));
        String path = p.toAbsolutePath().toString().replace("'", "''");
        String source =
            file.endsWith(".parquet")
                ? "read_parquet('" + path + "')"
                : "read_csv('"
                    + path
                    + "', header = true, delim = ',', quote = '\"', escape = '\"',"
                    + " sample_size = -1)";
        s.execute(
            String.format(Locale.ROOT, "CREATE TABLE \"%s\" AS SELECT * FROM %s", table, source));
      }
    } catch (SQLException | IOException | RuntimeException e) {
      duck.close();
      throw e;
    }
    return duck;
  }
}
