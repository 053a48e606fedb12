package dev.bucketsql.bench;

import dev.bucketsql.datagen.SampleScale;
import dev.bucketsql.datagen.SampleSpec;
import dev.bucketsql.server.BucketSqlServer;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/run pg [--scale S] [--table T] [--repeat N] [--python P]}: one table read whole, the
 * way each client reads it, in the same run over the same local S3 server: the embedded driver
 * (every value with {@code getObject}), the remote driver through Avatica, and pandas' {@code
 * read_sql} through psycopg2 against the PostgreSQL endpoint; and the time to the first row of the
 * same scan through Avatica and through a psycopg2 server-side cursor. The Python timings are taken
 * inside the Python process (interpreter start excluded). Default table: RAW_interactions_clean at
 * FULL scale (1.13 million rows).
 */
final class PgReadBench {
  private static final String PYTHON_READ =
      String.join(
          "\n",
          "import sys, time, psycopg2, pandas",
          "port, sql, mode = int(sys.argv[1]), sys.argv[2], sys.argv[3]",
          "conn = psycopg2.connect(host='127.0.0.1', port=port, dbname='bucketsql', user='bench')",
          "t, cpu = time.perf_counter(), time.process_time()",
          "if mode == 'pandas':",
          "    frame = pandas.read_sql(sql, conn)",
          "    rows = len(frame)",
          "elif mode == 'fetchall':",
          "    cur = conn.cursor()",
          "    cur.execute(sql)",
          "    rows = len(cur.fetchall())",
          "else:",
          "    cur = conn.cursor(name='first')",
          "    cur.itersize = 1000",
          "    cur.execute(sql)",
          "    rows = 1 if cur.fetchone() is not None else 0",
          "print('%d %.1f %.1f' % (rows, (time.perf_counter() - t) * 1000,"
              + " (time.process_time() - cpu) * 1000))",
          "conn.close()",
          "");

  private PgReadBench() {}

  static void main(String[] args, PrintStream out) throws Exception {
    SampleScale scale = SampleScale.FULL;
    String table = "RAW_interactions_clean";
    int repeat = 3;
    String python = "python3";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--scale" -> scale = SampleScale.valueOf(args[++i].toUpperCase(Locale.ROOT));
        case "--table" -> table = args[++i];
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        case "--python" -> python = args[++i];
        default ->
            throw new IllegalArgumentException(
                "unknown option '"
                    + args[i]
                    + "'; bench/run pg [--scale TINY|SMALL|FULL] [--table T] [--repeat N] [--python P]");
      }
    }
    String sql = "SELECT * FROM \"" + table + "\"";
    Path script = Files.createTempFile("bucketsql-pg-read", ".py");
    Files.writeString(script, PYTHON_READ, StandardCharsets.UTF_8);
    try (BenchEnvironment env =
            BenchEnvironment.start(SampleSpec.of(scale), Path.of("bench", "target", "data"), out);
        BucketSqlServer server =
            BucketSqlServer.builder(env.url())
                .properties(S3TestServer.jdbcKeys())
                .port(0)
                .pgPort(0)
                .build()) {
      server.start();
      out.printf(
          Locale.ROOT,
          "%s at %s, %d runs each (best of them shown, all listed)%n",
          table,
          scale,
          repeat);
      List<Double> embedded = new ArrayList<>();
      List<Double> remote = new ArrayList<>();
      List<Double> pandas = new ArrayList<>();
      List<Double> fetchall = new ArrayList<>();
      // CPU of each run: the JVM (driver or server, and the S3 server both paths read) and Python
      List<Double> embeddedCpu = new ArrayList<>();
      List<Double> pandasServerCpu = new ArrayList<>();
      List<Double> pandasPythonCpu = new ArrayList<>();
      List<Double> fetchallPythonCpu = new ArrayList<>();
      List<Double> firstAvatica = new ArrayList<>();
      List<Double> firstPg = new ArrayList<>();
      long rows = -1;
      for (int r = 0; r < repeat; r++) {
        try (Connection c = env.connect()) {
          long t = System.nanoTime();
          long cpu = BenchEnvironment.cpuNanos();
          rows = readAll(c, sql);
          embedded.add(ms(t));
          embeddedCpu.add((BenchEnvironment.cpuNanos() - cpu) / 1e6);
        }
        try (Connection c = DriverManager.getConnection(server.clientUrl())) {
          long t = System.nanoTime();
          long remoteRows = readAll(c, sql);
          remote.add(ms(t));
          check(rows, remoteRows, "the remote driver");
        }
        try (Connection c = DriverManager.getConnection(server.clientUrl());
            Statement s = c.createStatement()) {
          s.setFetchSize(1000);
          long t = System.nanoTime();
          try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            firstAvatica.add(ms(t));
          }
        }
        long serverCpu = BenchEnvironment.cpuNanos();
        double[] read = python(python, script, server.pgPort(), sql, "pandas");
        pandasServerCpu.add((BenchEnvironment.cpuNanos() - serverCpu) / 1e6);
        check(rows, (long) read[0], "pandas.read_sql");
        pandas.add(read[1]);
        pandasPythonCpu.add(read[2]);
        double[] fetched = python(python, script, server.pgPort(), sql, "fetchall");
        check(rows, (long) fetched[0], "psycopg2 fetchall");
        fetchall.add(fetched[1]);
        fetchallPythonCpu.add(fetched[2]);
        firstPg.add(python(python, script, server.pgPort(), sql, "first")[1]);
      }
      out.printf(Locale.ROOT, "rows: %d%n", rows);
      line(out, "embedded JDBC, every value", embedded);
      line(out, "remote JDBC (Avatica)", remote);
      line(out, "  its CPU (this JVM)", embeddedCpu);
      line(out, "pandas.read_sql via psycopg2", pandas);
      line(out, "  its CPU (Python)", pandasPythonCpu);
      line(out, "  its CPU (this JVM: server and S3)", pandasServerCpu);
      line(out, "psycopg2 fetchall, no pandas", fetchall);
      line(out, "  its CPU (Python)", fetchallPythonCpu);
      out.printf(
          Locale.ROOT,
          "pandas / embedded: %.2f (best against best)%n",
          best(pandas) / best(embedded));
      line(out, "first row, Avatica (fetch size 1000)", firstAvatica);
      line(out, "first row, psycopg2 server-side cursor", firstPg);
    } finally {
      Files.deleteIfExists(script);
    }
  }

  private static long readAll(Connection c, String sql) throws SQLException {
    long rows = 0;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          rs.getObject(i);
        }
        rows++;
      }
    }
    return rows;
  }

  /** Rows, wall milliseconds and CPU milliseconds measured inside a Python process. */
  private static double[] python(String python, Path script, int port, String sql, String mode)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(python, script.toString(), Integer.toString(port), sql, mode)
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(
          python
              + " failed (it needs psycopg2 and pandas; --python names another"
              + " interpreter): "
              + output);
    }
    String[] parts = output.substring(output.lastIndexOf('\n') + 1).split(" ");
    return new double[] {
      Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2])
    };
  }

  private static void check(long expected, long actual, String client) {
    if (expected != actual) {
      throw new IllegalStateException(
          client + " read " + actual + " rows where the embedded driver read " + expected);
    }
  }

  private static void line(PrintStream out, String what, List<Double> millis) {
    out.printf(
        Locale.ROOT,
        "%-42s best %8.0f ms   runs %s%n",
        what,
        best(millis),
        millis.stream().map(m -> String.format(Locale.ROOT, "%.0f", m)).toList());
  }

  private static double best(List<Double> millis) {
    return millis.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double ms(long start) {
    return (System.nanoTime() - start) / 1e6;
  }
}
