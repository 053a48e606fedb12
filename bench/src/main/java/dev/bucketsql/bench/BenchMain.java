package dev.bucketsql.bench;

import dev.bucketsql.datagen.SampleScale;
import dev.bucketsql.datagen.SampleSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs benchmark suites against a local S3 server: {@code bench/run [SUITE...] [--scale S]
 * [--repeat N] [--data DIR]}, or {@code bench/run sql --query "SELECT ..."} to time one statement,
 * or {@code bench/run fuzz --queries N --seed S} for a differential fuzzing campaign against
 * DuckDB, or {@code bench/run tpch --sf 1} for the 22 TPC-H queries beside DuckDB. Results are
 * times beside the raw download of the same bytes in the same run, with bytes and requests fetched;
 * see docs/benchmarks.md.
 */
public final class BenchMain {
  private BenchMain() {}

  private static Map<String, BenchSuite> suites() {
    Map<String, BenchSuite> suites = new LinkedHashMap<>();
    for (BenchSuite suite :
        List.<BenchSuite>of(
            new CsvSuite(), new ParquetSuite(), new EngineSuite(), new WindowSuite())) {
      suites.put(suite.name(), suite);
    }
    return suites;
  }

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    if (args.length > 0 && args[0].equals("fuzz")) {
      // its own data (sample set and edge-case tables) and server: see docs/benchmarks.md
      dev.bucketsql.fuzz.FuzzMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("parquet-scan")) {
      // its own data (TPC-H lineitem) and server: see docs/benchmarks.md
      ParquetScanSuite.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("faults")) {
      // its own data (sample set) and S3 server, behind a fault-injecting proxy
      FaultBench.main(java.util.Arrays.copyOfRange(args, 1, args.length), System.out);
      return;
    }
    if (args.length > 0 && args[0].equals("load")) {
      // its own data, S3 server and BucketSQL server, with remote clients
      LoadBench.main(java.util.Arrays.copyOfRange(args, 1, args.length), System.out);
      return;
    }
    if (args.length > 0 && args[0].equals("pg")) {
      // its own data, S3 server and BucketSQL server; pandas through psycopg2 beside the JDBC
      // drivers
      PgReadBench.main(java.util.Arrays.copyOfRange(args, 1, args.length), System.out);
      return;
    }
    if (args.length > 0 && args[0].equals("startup")) {
      // fresh processes of bin/bucketsql sql -e against its own data and S3 server
      StartupBench.main(java.util.Arrays.copyOfRange(args, 1, args.length), System.out);
      return;
    }
    if (args.length > 0 && args[0].equals("keys")) {
      // the engine's hash aggregation and join over batches made in memory: no data, no server
      KeyBench.main(java.util.Arrays.copyOfRange(args, 1, args.length), System.out);
      return;
    }
    if (args.length > 0 && args[0].equals("late-filter")) {
      // the Parquet batch scan of lineitem with TPC-H's pushed filters, late materialization on/off
      LateFilterBench.main(java.util.Arrays.copyOfRange(args, 1, args.length), System.out);
      return;
    }
    if (args.length > 0 && args[0].equals("filter-conditions")) {
      // the engine's filter with q02's, q16's and q22's conditions, as a lazy AND's CASE and as
      // conjuncts, in one thread
      FilterConditionBench.main(java.util.Arrays.copyOfRange(args, 1, args.length), System.out);
      return;
    }
    if (args.length > 0 && args[0].equals("sort")) {
      // ORDER BY over TPC-H lineitem on its own server, beside DuckDB: see docs/benchmarks.md
      SortBench.main(java.util.Arrays.copyOfRange(args, 1, args.length), System.out);
      return;
    }
    if (args.length > 0 && args[0].equals("tpch")) {
      // its own data (TPC-H tables at a scale factor) and server: see docs/benchmarks.md
      TpchBench.main(java.util.Arrays.copyOfRange(args, 1, args.length), System.out);
      return;
    }
    Map<String, BenchSuite> suites = suites();
    SampleScale scale = SampleScale.FULL;
    int repeat = 3;
    Path data = Path.of("bench", "target", "data");
    List<BenchSuite> chosen = new ArrayList<>();
    List<String> queries = new ArrayList<>();
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--scale" -> scale = SampleScale.valueOf(args[++i].toUpperCase(Locale.ROOT));
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        case "--data" -> data = Path.of(args[++i]);
        case "--query" -> queries.add(args[++i]);
        case "--set" -> {
          String[] kv = args[++i].split("=", 2);
          settings.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        case "sql" -> chosen.add(new SqlSuite(queries));
        case "all" -> chosen.addAll(suites.values());
        default -> {
          BenchSuite suite = suites.get(args[i]);
          if (suite == null) {
            System.err.println(
                "unknown suite or option '" + args[i] + "'; suites: " + suites.keySet());
            System.exit(2);
          }
          chosen.add(suite);
        }
      }
    }
    if (chosen.isEmpty()) {
      chosen.addAll(suites.values());
    }
    System.out.printf(
        "BucketSQL benchmarks: scale %s, best of %d, %d cores, Java %s%n",
        scale, repeat, Runtime.getRuntime().availableProcessors(), Runtime.version());
    try (BenchEnvironment env = BenchEnvironment.start(SampleSpec.of(scale), data, System.out)) {
      settings.forEach(env::set);
      for (BenchSuite suite : chosen) {
        System.out.println();
        System.out.println("== " + suite.name());
        suite.run(env, repeat);
      }
    }
  }
}
