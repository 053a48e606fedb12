package dev.bucketsql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The demo, run as a user runs it, answering a remote query before it stops. */
class DemoCommandTest {
  @Test
  void runsTheExamplesServesARemoteQueryAndStops() throws Exception {
    AtomicLong remoteCount = new AtomicLong(-1);
    AtomicLong pgCount = new AtomicLong(-1);
    java.util.List<Long> fileCounts = new java.util.ArrayList<>();
    java.util.concurrent.atomic.AtomicReference<String> shownAfterUse =
        new java.util.concurrent.atomic.AtomicReference<>();
    DemoCommand.ServerListener remoteClient =
        server -> {
          // What DBeaver does with the printed URL: BucketSQL's remote driver, no S3 keys.
          Class.forName("dev.bucketsql.jdbc.remote.RemoteDriver");
          try (Connection c = DriverManager.getConnection(server.remoteDriverUrl());
              Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT COUNT(*) AS n FROM PP_recipes")) {
            rs.next();
            remoteCount.set(rs.getLong(1));
          }
          // What psql and PostgreSQL drivers do with the printed port.
          try (Connection c = DriverManager.getConnection(server.pgUrl(), "demo", "");
              Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT COUNT(*) AS n FROM PP_recipes")) {
            rs.next();
            pgCount.set(rs.getLong(1));
          }
          // The first queries of our users' setup notes, typed in DuckDB's spelling, unchanged.
          try (Connection c = DriverManager.getConnection(server.remoteDriverUrl());
              Statement s = c.createStatement()) {
            for (String sql :
                java.util.List.of(
                    "SELECT COUNT(*) FROM 's3://mangetamain/PP_recipes.csv'",
                    "SELECT COUNT(*) FROM read_csv('s3://mangetamain/PP_recipes.csv')",
                    "SELECT COUNT(*) FROM read_csv_auto('s3://mangetamain/PP_recipes.csv', header = true)",
                    "SELECT COUNT(*) FROM read_parquet('s3://mangetamain/RAW_recipes_clean.parquet')",
                    "SELECT COUNT(*) FROM RAW_recipes_clean")) {
              try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                fileCounts.add(rs.getLong(1));
              }
            }
            // USE changes the server-side connection's default schema, and SHOW TABLES follows it
            s.execute("USE bucketsql");
            try (ResultSet rs = s.executeQuery("SHOW TABLES")) {
              rs.next();
              shownAfterUse.set(rs.getString("name"));
            }
          }
        };
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            return type == DemoCommand.class
                ? type.cast(new DemoCommand(remoteClient))
                : CommandLine.defaultFactory().create(type);
          }
        };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            new String[] {"demo", "--scale", "tiny", "--port", "0", "--pg-port", "0", "--no-wait"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            factory);
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(printed)
        .contains("SELECT COUNT(*) AS n FROM PP_recipes;")
        .contains("calorie_level | ")
        .contains("avg_calories")
        .contains("jdbc:bucketsql:s3://mangetamain?endpoint=http://127.0.0.1:")
        .contains("jdbc:bucketsql:remote:url=http://127.0.0.1:")
        .contains("jdbc:avatica:remote:url=http://127.0.0.1:")
        .contains("/status")
        .containsPattern("psql \"host=127\\.0\\.0\\.1 port=\\d+ dbname=bucketsql user=demo\"")
        // --no-wait: no command line for a server that is about to stop
        .contains("--no-wait: the servers stop now")
        .doesNotContain("bucketsql sql --server");
    assertThat(remoteCount.get()).isPositive();
    assertThat(pgCount.get()).isEqualTo(remoteCount.get());
    assertThat(fileCounts)
        .containsExactly(
            remoteCount.get(),
            remoteCount.get(),
            remoteCount.get(),
            fileCounts.get(4),
            fileCounts.get(4));
    assertThat(fileCounts.get(4)).isPositive();
    assertThat(shownAfterUse.get()).isEqualTo("csv_rejects");
    // The remote answer is the one the embedded driver printed first.
    assertThat(printed).containsPattern("(?m)^-*\\R\\s*" + remoteCount.get() + "$");
  }

  @Test
  void unknownOptionIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            new String[] {"demo", "--colour"},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option: '--colour'");
  }
}
