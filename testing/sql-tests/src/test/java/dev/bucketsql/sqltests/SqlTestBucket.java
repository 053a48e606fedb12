package dev.bucketsql.sqltests;

import dev.bucketsql.calcite.pushdown.ScanRegistry;
import dev.bucketsql.datagen.SampleData;
import dev.bucketsql.datagen.SampleManifest;
import dev.bucketsql.datagen.SampleScale;
import dev.bucketsql.datagen.SampleSpec;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.jdbc.CalciteConnection;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The tiny sample data set plus a few hand-made files (NULLs, an empty table, keyword column names,
 * nested columns in {@link NestedParquetFile}) in bucket {@value #BUCKET} of the shared test
 * server, and the same local files as DuckDB views named like BucketSQL's tables. Made once per
 * test run.
 */
final class SqlTestBucket {
  static final String BUCKET = "sqltests";

  /** Hand-made CSV files: name to content. */
  static final Map<String, String> EXTRA_FILES = extraFiles();

  private static Path directory;

  private SqlTestBucket() {}

  private static Map<String, String> extraFiles() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("nulls.csv", "id,score,label\n1,5,a\n2,,b\n3,4,\n4,,\n5,3,a\n");
    files.put("empty_reviews.csv", "user_id,recipe_id,rating\n");
    files.put(
        "keywords.csv",
        "id,date,year,month,value,user,time\n"
            + "1,2018-01-05,2018,1,10,ann,x\n"
            + "2,2018-03-09,2018,3,20,bob,y\n"
            + "3,2019-07-01,2019,7,30,ann,z\n"
            + "4,2017-12-31,2017,12,40,cid,x\n");
    // Join inputs for the fused join-aggregate: NULL and duplicate keys on both sides, keys
    // without a match, NULLs in every value column. fact is the bigger object, so dim is the
    // side held in memory wherever it sits in the FROM clause.
    files.put(
        "fact.csv",
        "k,v,d,x,n\n"
            + "1,1.5,2018-01-05,3000000000,a\n"
            + "1,2.5,2019-02-01,-5,\n"
            + "2,,2018-03-09,7,b\n"
            + ",4.0,2020-07-01,8,c\n"
            + "3,0.25,,,d\n"
            + "4,8.0,2017-12-31,9,e\n"
            + "4,-1.0,2021-06-15,3000000001,f\n"
            + "9,3.0,2018-01-01,1,g\n"
            + ",5.0,2018-05-05,2,h\n"
            + "2,6.5,2019-09-09,4,\n"
            + "1,2.0,2018-11-30,6,a\n");
    // Timestamps with milliseconds, some equal.
    files.put(
        "stamps.csv",
        "id,ts\n"
            + "1,2000-02-29 12:34:56.789\n"
            + "2,2018-01-05 10:30:00\n"
            + "3,2000-02-29 12:34:56.789\n"
            + "4,2000-02-29 12:34:56\n");
    // Moments for the engine's EXTRACT, decimal remainder, ILIKE and casts to text: timestamps
    // before 1970 with milliseconds, ISO week edges, decimals of both signs, names in and out of
    // ASCII, a row of NULLs.
    files.put(
        "moments.csv",
        "id,ts,d,a,b,name\n"
            + "1,2000-02-29 12:34:56.789,2000-02-29,7.50,2.0,Apple\n"
            + "2,1969-12-31 23:59:59.999,1969-12-31,-7.25,2.0,apricot\n"
            + "3,1960-02-29 23:00:00.001,1960-02-29,7.25,-2.5,Éclair\n"
            + "4,2021-01-03 00:00:00,2021-01-03,0.00,3.0,BANANA\n"
            + "5,2018-12-31 06:07:08.009,2018-12-31,-0.01,0.3,Ärger\n"
            + "6,,,,,\n"
            + "7,2020-12-31 23:59:59.999,2020-12-31,123456.78,-0.7,a_b%c\n"
            + "8,1999-01-01 00:00:00,1999-01-01,5.00,,apple pie\n");
    // Text for the engine's casts from text: numbers, decimals, dates (leap days, before 1970),
    // timestamps with milliseconds and booleans as VARCHAR columns; row 5 is NULLs, row 7 no
    // value of any type and row 8 text that is no valid value (beyond BIGINT, beyond
    // DECIMAL(10,2), February 29 of 2023, no boolean word).
    files.put(
        "texts.csv",
        "id,num,dec,day,stamp,flag,word\n"
            + "1,42,12.25,2024-02-29,2024-02-29 12:34:56.789,true,h\u00e9llo\n"
            + "2,-7,-0.5,1900-03-01,1969-12-31 23:59:59.999,F,\u65e5\u672c\u8a9e\n"
            + "3,9223372036854775807,99999.99,2000-02-29,2000-02-29 00:00:00,yes,Z\u00fcrich\n"
            + "4,-9223372036854775808,0.01,1969-12-31,1970-01-01 00:00:00.001,0,a_b\n"
            + "5,,,,,,\n"
            + "6,2.5,-12345.67,1999-12-31,1999-12-31 23:59:59,N,e\u0301\n"
            + "7,x,x,x,x,x,\ud83d\ude00\n"
            + "8,99999999999999999999,123456789.12,2023-02-29,2023-02-29 10:00:00,maybe,-\n");
    files.put(
        "dim.csv",
        "id,grp,w,born\n"
            + "1,red,10.0,2001-01-01\n"
            + "1,blue,20.0,2002-02-02\n"
            + "2,red,,2003-03-03\n"
            + "3,,30.5,\n"
            + ",red,40.0,2004-04-04\n"
            + "5,green,50.0,2005-05-05\n");
    return files;
  }

  /** Generates and uploads the files unless done already; returns their directory. */
  static synchronized Path ensure(S3TestServer server) {
    if (directory == null) {
      try {
        Path dir = Files.createTempDirectory("bucketsql-sqltests");
        SampleManifest manifest =
            SampleData.generateAndUpload(SampleSpec.of(SampleScale.TINY), dir, server, BUCKET);
        try (S3Client client = server.newClient()) {
          for (Map.Entry<String, String> f : EXTRA_FILES.entrySet()) {
            Path path = dir.resolve(f.getKey());
            Files.writeString(path, f.getValue(), StandardCharsets.UTF_8);
            client.putObject(b -> b.bucket(BUCKET).key(f.getKey()), RequestBody.fromFile(path));
          }
          Path nested = dir.resolve(NestedParquetFile.KEY);
          NestedParquetFile.write(nested);
          client.putObject(
              b -> b.bucket(BUCKET).key(NestedParquetFile.KEY), RequestBody.fromFile(nested));
        }
        if (manifest.files().isEmpty()) {
          throw new IllegalStateException("no sample files generated");
        }
        directory = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return directory;
  }

  static String url(S3TestServer server) {
    return server.jdbcUrl(BUCKET);
  }

  /** A new BucketSQL connection to the bucket. */
  static Connection connect(S3TestServer server) throws SQLException {
    ensure(server);
    return DriverManager.getConnection(url(server), S3TestServer.jdbcKeys());
  }

  /** A new BucketSQL connection to the bucket with pushdown (and the fused operators) off. */
  static Connection connectWithoutPushdown(S3TestServer server) throws SQLException {
    Connection c = connect(server);
    ScanRegistry.of(c.unwrap(CalciteConnection.class)).setPushdown(false);
    return c;
  }

  /**
   * An in-memory DuckDB with one view per file, named as BucketSQL names the table, reading the
   * same local files: CSV with RFC 4180 quoting (so quoted line breaks stay in the field), Parquet
   * as it is.
   */
  static Connection duckDb(S3TestServer server) throws SQLException {
    Path dir = ensure(server);
    Connection duck = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = duck.createStatement()) {
      try (var files = Files.list(dir)) {
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
              String.format(Locale.ROOT, "CREATE VIEW \"%s\" AS SELECT * FROM %s", table, source));
        }
      }
    } catch (IOException e) {
      duck.close();
      throw new UncheckedIOException(e);
    }
    return duck;
  }

  /** The local copy of {@code key}. */
  static Path file(String key) {
    return directory.resolve(key);
  }
}
