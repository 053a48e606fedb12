package dev.bucketsql.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 22 TPC-H queries at scale factor {@value #SCALE_FACTOR} (60,175 lineitem rows) through
 * BucketSQL (Parquet objects on the S3 test server) and through DuckDB over the same local files:
 * every answer must be DuckDB's, numbers within {@link TpchAnswers#RELATIVE_TOLERANCE}.
 */
@ExtendWith(S3ServerExtension.class)
class TpchDifferentialTest {
  static final double SCALE_FACTOR = 0.01;
  private static final String BUCKET = "tpch";

  private static Path directory;
  private static Connection bucketSql;
  private static Connection duckDb;

  @BeforeAll
  static void setUp(S3TestServer server) throws IOException, SQLException {
    directory = Files.createTempDirectory("bucketsql-tpch");
    List<Path> files = TpchData.write(SCALE_FACTOR, directory);
    TpchData.upload(server, BUCKET, files);
    bucketSql = DriverManager.getConnection(server.jdbcUrl(BUCKET), S3TestServer.jdbcKeys());
    duckDb = TpchDuckDb.connect(files);
  }

  @AfterAll
  static void tearDown() throws SQLException, IOException {
    if (bucketSql != null) {
      bucketSql.close();
    }
    if (duckDb != null) {
      duckDb.close();
    }
    if (directory != null) {
      try (var paths = Files.walk(directory)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  static List<TpchQuery> queries() {
    return TpchQuery.all(SCALE_FACTOR);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void matchesDuckDb(TpchQuery query) throws SQLException {
    List<List<Object>> expected = TpchAnswers.query(duckDb, query.sql());
    assertThat(expected).as("DuckDB's answer to %s", query).isNotEmpty();
    List<List<Object>> actual = TpchAnswers.query(bucketSql, query.sql());
    assertThat(TpchAnswers.difference(actual, expected, query.ordered()))
        .as(
            "%s%n%s%nBucketSQL: %s%nDuckDB:    %s",
            query, query.sql(), head(actual), head(expected))
        .isNull();
  }

  private static List<List<Object>> head(List<List<Object>> rows) {
    return rows.subList(0, Math.min(rows.size(), 5));
  }
}
