package dev.bucketsql.bench;

import dev.bucketsql.datagen.SampleScale;
import dev.bucketsql.datagen.SampleSpec;
import dev.bucketsql.server.BucketSqlServer;
import dev.bucketsql.storage.s3.S3ObjectStore;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bench/run load [--scale TINY|SMALL] [--clients 32] [--rounds N]}: a BucketSQL server
 * (Avatica, in this JVM) over the local S3 server, and that many remote clients, each on its own
 * connection, running the reference queries round after round; answers checked against an embedded
 * run. Prints errors, wrong answers, latency p50/p99, the shared SDK clients, and the JVM's heap
 * after GC and thread count before, under and after the load.
 */
final class LoadBench {
  private LoadBench() {}

  static void main(String[] args, PrintStream out) throws Exception {
    SampleScale scale = SampleScale.TINY;
    int clients = 32;
    int rounds = 5;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--scale" -> scale = SampleScale.valueOf(args[++i].toUpperCase(Locale.ROOT));
        case "--clients" -> clients = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "unknown option '"
                    + args[i]
                    + "'; bench/run load [--scale TINY|SMALL] [--clients N] [--rounds N]");
      }
    }
    try (BenchEnvironment env =
        BenchEnvironment.start(SampleSpec.of(scale), Path.of("bench", "target", "data"), out)) {
      Map<String, List<String>> expected = new LinkedHashMap<>();
      try (Connection embedded = env.connect()) {
        for (ReferenceQueries.Query q : ReferenceQueries.ALL) {
          expected.put(q.name(), ReferenceQueries.answer(embedded, q));
        }
      }
      try (BucketSqlServer server =
          BucketSqlServer.builder(env.url()).properties(S3TestServer.jdbcKeys()).port(0).build()) {
        server.start();
        String before = resources();
        int poolsBefore = S3ObjectStore.sharedClients();
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        Map<String, List<Long>> byQuery = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicInteger wrong = new AtomicInteger();
        Map<String, Integer> errors = Collections.synchronizedMap(new java.util.TreeMap<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        String[] under = new String[1];
        int[] poolsUnder = new int[1];
        int totalRounds = rounds;
        long start = System.nanoTime();
        for (int k = 0; k < clients; k++) {
          int client = k;
          done.add(
              pool.submit(
                  () -> {
                    try (Connection c = DriverManager.getConnection(server.clientUrl())) {
                      for (int r = 0; r < totalRounds; r++) {
                        for (ReferenceQueries.Query q : ReferenceQueries.ALL) {
                          long t = System.nanoTime();
                          try {
                            List<String> answer = ReferenceQueries.answer(c, q);
                            long took = System.nanoTime() - t;
                            nanos.add(took);
                            byQuery
                                .computeIfAbsent(
                                    q.name(), n -> Collections.synchronizedList(new ArrayList<>()))
                                .add(took);
                            if (!answer.equals(expected.get(q.name()))) {
                              wrong.incrementAndGet();
                            }
                          } catch (Exception e) {
                            errors.merge(FaultBench.firstLine(e.getMessage()), 1, Integer::sum);
                          }
                        }
                        if (client == 0 && r == totalRounds / 2) {
                          under[0] = resources();
                          poolsUnder[0] = S3ObjectStore.sharedClients();
                        }
                      }
                    } catch (Exception e) {
                      errors.merge(
                          "connect: " + FaultBench.firstLine(e.getMessage()), 1, Integer::sum);
                    }
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Thread.sleep(500); // connection closes finish on the server's threads
        out.printf(
            "%nload run: scale %s, %d clients x %d rounds x %d queries = %d queries in %.1f s (%.1f/s)%n",
            scale,
            clients,
            rounds,
            ReferenceQueries.ALL.size(),
            nanos.size() + errors.size(),
            seconds,
            nanos.size() / seconds);
        out.printf(
            "wrong answers: %d, errors: %d%n",
            wrong.get(), errors.values().stream().mapToInt(Integer::intValue).sum());
        errors.forEach((m, n) -> out.printf("  %4d x %s%n", n, m));
        out.printf(
            "latency per query, ms: p50 %.0f p99 %.0f max %.0f%n",
            ReferenceQueries.percentileMillis(nanos, 50),
            ReferenceQueries.percentileMillis(nanos, 99),
            ReferenceQueries.percentileMillis(nanos, 100));
        for (ReferenceQueries.Query q : ReferenceQueries.ALL) {
          List<Long> times = byQuery.getOrDefault(q.name(), List.of());
          out.printf(
              "  %-36s p50 %6.0f  p99 %6.0f%n",
              q.name(),
              ReferenceQueries.percentileMillis(times, 50),
              ReferenceQueries.percentileMillis(times, 99));
        }
        out.printf(
            "shared SDK clients (HTTP pools): before %d, under load %d, after %d%n",
            poolsBefore, poolsUnder[0], S3ObjectStore.sharedClients());
        out.printf(
            "JVM (server, clients and S3 server together): before %s; under load %s; after %s%n",
            before, under[0], resources());
        // Idle pool threads (Jetty's, the HTTP clients') end after their idle timeouts (60 s).
        Thread.sleep(65_000);
        out.printf("65 s later: %s; threads by name: %s%n", resources(), threadNames());
      }
    }
  }

  /** Live threads counted by name, digits dropped. */
  private static Map<String, Integer> threadNames() {
    Map<String, Integer> names = new java.util.TreeMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      names.merge(t.getName().replaceAll("\\d+", "N"), 1, Integer::sum);
    }
    return names;
  }

  /** Heap in use after a GC, and live threads. */
  private static String resources() {
    System.gc();
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return String.format(
        Locale.ROOT,
        "heap %d MB, %d threads",
        used >> 20,
        ManagementFactory.getThreadMXBean().getThreadCount());
  }
}
