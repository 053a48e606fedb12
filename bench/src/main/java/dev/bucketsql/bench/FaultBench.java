package dev.bucketsql.bench;

import dev.bucketsql.datagen.SampleScale;
import dev.bucketsql.datagen.SampleSpec;
import dev.bucketsql.testing.s3.FaultInjectingProxy;
import dev.bucketsql.testing.s3.FaultInjectingProxy.Fault;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code bench/run faults [--scale TINY|SMALL] [--rounds N] [--rate R] [--seed S]}: the reference
 * queries, each round on a new connection, through a proxy that breaks a fraction of the requests
 * (resets, 503, 500, stalls past the socket timeout, cut and short bodies); every answer compared
 * with the answer without faults. Prints wrong answers, errors by message, faults injected by kind,
 * and latency p50/p99 with and without faults.
 */
final class FaultBench {
  private FaultBench() {}

  static void main(String[] args, PrintStream out) throws Exception {
    SampleScale scale = SampleScale.TINY;
    int rounds = 20;
    double rate = 0.1;
    long seed = 1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--scale" -> scale = SampleScale.valueOf(args[++i].toUpperCase(Locale.ROOT));
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--rate" -> rate = Double.parseDouble(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "unknown option '"
                    + args[i]
                    + "'; bench/run faults [--scale TINY|SMALL] [--rounds N] [--rate R] [--seed S]");
      }
    }
    try (BenchEnvironment env =
            BenchEnvironment.start(SampleSpec.of(scale), Path.of("bench", "target", "data"), out);
        FaultInjectingProxy proxy = new FaultInjectingProxy(env.s3Port())) {
      Map<String, List<String>> expected = new LinkedHashMap<>();
      List<Long> cleanNanos = new ArrayList<>();
      try (Connection clean = env.connect()) {
        for (ReferenceQueries.Query q : ReferenceQueries.ALL) {
          ReferenceQueries.answer(clean, q); // warm: plans and schemas
          long t = System.nanoTime();
          expected.put(q.name(), ReferenceQueries.answer(clean, q));
          cleanNanos.add(System.nanoTime() - t);
        }
      }
      proxy.stallFor(Duration.ofMillis(1500));
      proxy.randomFaults(seed, rate, EnumSet.complementOf(EnumSet.of(Fault.HTML)));
      String url =
          "jdbc:bucketsql:s3://"
              + BenchEnvironment.BUCKET
              + "?endpoint="
              + proxy.endpoint()
              + "&region="
              + dev.bucketsql.testing.s3.S3TestServer.REGION
              + "&socketTimeout=1s&maxAttempts=6&retryBaseDelay=10ms";
      Properties keys = dev.bucketsql.testing.s3.S3TestServer.jdbcKeys();
      int runs = 0;
      int wrong = 0;
      Map<String, Integer> errors = new TreeMap<>();
      List<Long> faultedNanos = new ArrayList<>();
      long start = System.nanoTime();
      for (int round = 0; round < rounds; round++) {
        try (Connection c = DriverManager.getConnection(url, keys)) {
          for (ReferenceQueries.Query q : ReferenceQueries.ALL) {
            runs++;
            long t = System.nanoTime();
            try {
              List<String> answer = ReferenceQueries.answer(c, q);
              faultedNanos.add(System.nanoTime() - t);
              if (!answer.equals(expected.get(q.name()))) {
                wrong++;
                out.printf("WRONG ANSWER: %s (round %d)%n", q.name(), round);
              }
            } catch (SQLException e) {
              errors.merge(firstLine(e.getMessage()), 1, Integer::sum);
            }
          }
        } catch (SQLException e) {
          errors.merge("connect: " + firstLine(e.getMessage()), 1, Integer::sum);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf(
          "%nfault run: scale %s, %d rounds x %d queries = %d runs in %.1f s, rate %.2f, seed %d%n",
          scale, rounds, ReferenceQueries.ALL.size(), runs, seconds, rate, seed);
      out.printf(
          "requests through the proxy: %d, faults injected: %d%n",
          proxy.requests(), proxy.injected());
      for (Fault f : Fault.values()) {
        if (f != Fault.HTML) {
          out.printf("  %-15s %d%n", f, proxy.injected(f));
        }
      }
      out.printf(
          "wrong answers: %d, errors: %d%n",
          wrong, errors.values().stream().mapToInt(Integer::intValue).sum());
      errors.forEach((m, n) -> out.printf("  %4d x %s%n", n, m));
      out.printf(
          "latency per query, ms: without faults p50 %.0f p99 %.0f; with faults p50 %.0f p99 %.0f%n",
          ReferenceQueries.percentileMillis(cleanNanos, 50),
          ReferenceQueries.percentileMillis(cleanNanos, 99),
          ReferenceQueries.percentileMillis(faultedNanos, 50),
          ReferenceQueries.percentileMillis(faultedNanos, 99));
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int nl = message.indexOf('\n');
    String line = nl < 0 ? message : message.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
