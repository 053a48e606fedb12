package dev.bucketsql.bench;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.format.TableSchema;
import dev.bucketsql.format.predicate.Domain;
import dev.bucketsql.format.predicate.Range;
import dev.bucketsql.format.predicate.ScanPredicate;
import dev.bucketsql.parquet.ParquetDataFile;
import dev.bucketsql.parquet.ParquetFooterCache;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.memory.InMemoryObjectStore;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/run late-filter [--file lineitem.parquet] [--repeat R]}: the Parquet batch scan of
 * TPC-H {@code lineitem} with the filters TPC-H queries push into it, with late materialization on
 * and off, alternately, in one thread over the file held in memory (no S3, no SQL, no engine): the
 * best thread CPU time of each, and the rows each hands on (the filter above the scan would drop
 * the rest).
 */
final class LateFilterBench {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final String PROPERTY = "bucketsql.parquet.lateFilter";

  private LateFilterBench() {}

  static void main(String[] args, PrintStream out) throws Exception {
    Path file = Path.of("bench/target/tpch/sf1.0/lineitem.parquet");
    int repeat = 5;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--file" -> file = Path.of(args[++i]);
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
      }
    }
    InMemoryObjectStore store = new InMemoryObjectStore("late");
    ObjectInfo info = store.put("lineitem.parquet", Files.readAllBytes(file));
    ParquetDataFile data = new ParquetDataFile(store, info, new ParquetFooterCache(4));
    TableSchema schema = data.schema();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < schema.size(); i++) {
      index.put(schema.column(i).name().toLowerCase(java.util.Locale.ROOT), i);
    }
    out.printf(
        "late materialization over %s (%,d bytes), one thread, best of %d, load average %.2f%n",
        file,
        Files.size(file),
        repeat,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    out.println(
        "| scan | rows handed on (off) | rows handed on (on) | CPU ms off | CPU ms on | on/off |");
    out.println("|---|---:|---:|---:|---:|---:|");
    for (Map.Entry<String, Case> e : cases(index).entrySet()) {
      Case c = e.getValue();
      long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
      long[] rows = new long[2];
      for (int r = 0; r < repeat; r++) {
        for (int mode = 0; mode < 2; mode++) {
          if (mode == 0) {
            System.setProperty(PROPERTY, "false");
          } else {
            System.clearProperty(PROPERTY);
          }
          long start = THREADS.getCurrentThreadCpuTime();
          rows[mode] = scan(data, schema, c.projection, c.predicate);
          best[mode] = Math.min(best[mode], THREADS.getCurrentThreadCpuTime() - start);
        }
      }
      System.clearProperty(PROPERTY);
      out.printf(
          "| %s | %,d | %,d | %d | %d | %.2f |%n",
          e.getKey(),
          rows[0],
          rows[1],
          best[0] / 1_000_000,
          best[1] / 1_000_000,
          (double) best[1] / best[0]);
    }
  }

  private record Case(int[] projection, ScanPredicate predicate) {}

  private static Map<String, Case> cases(Map<String, Integer> at) {
    Map<String, Case> cases = new LinkedHashMap<>();
    cases.put(
        "q06: shipdate 1 year, discount, quantity",
        new Case(
            columns(at, "l_quantity", "l_extendedprice", "l_discount", "l_shipdate"),
            ScanPredicate.of(
                Map.of(
                    at.get("l_shipdate"), dates("1994-01-01", "1995-01-01"),
                    at.get("l_discount"),
                        Domain.range(ColumnType.DOUBLE, new Range(0.05, true, 0.07, true)),
                    at.get("l_quantity"),
                        Domain.range(ColumnType.DOUBLE, new Range(null, false, 24.0, false))))));
    cases.put(
        "q14: shipdate 1 month",
        new Case(
            columns(at, "l_partkey", "l_extendedprice", "l_discount", "l_shipdate"),
            ScanPredicate.of(at.get("l_shipdate"), dates("1995-09-01", "1995-10-01"))));
    cases.put(
        "q12: shipmode IN 2, receiptdate 1 year",
        new Case(
            columns(at, "l_orderkey", "l_shipmode", "l_commitdate", "l_receiptdate", "l_shipdate"),
            ScanPredicate.of(
                Map.of(
                    at.get("l_shipmode"),
                        Domain.values(ColumnType.VARCHAR, List.of("MAIL", "SHIP")),
                    at.get("l_receiptdate"), dates("1994-01-01", "1995-01-01")))));
    cases.put(
        "q19: shipinstruct, shipmode IN 2, quantity",
        new Case(
            columns(
                at,
                "l_partkey",
                "l_quantity",
                "l_extendedprice",
                "l_discount",
                "l_shipinstruct",
                "l_shipmode"),
            ScanPredicate.of(
                Map.of(
                    at.get("l_shipinstruct"),
                        Domain.singleValue(ColumnType.VARCHAR, "DELIVER IN PERSON"),
                    at.get("l_shipmode"),
                        Domain.values(ColumnType.VARCHAR, List.of("AIR", "AIR REG")),
                    at.get("l_quantity"),
                        Domain.range(ColumnType.DOUBLE, new Range(1.0, true, 30.0, true))))));
    cases.put(
        "q01: shipdate keeps 98%",
        new Case(
            columns(
                at,
                "l_returnflag",
                "l_linestatus",
                "l_quantity",
                "l_extendedprice",
                "l_discount",
                "l_tax",
                "l_shipdate"),
            ScanPredicate.of(
                at.get("l_shipdate"),
                Domain.range(
                    ColumnType.DATE,
                    new Range(
                        null, false, (int) LocalDate.parse("1998-09-02").toEpochDay(), true)))));
    return cases;
  }

  private static Domain dates(String from, String until) {
    return Domain.range(
        ColumnType.DATE,
        new Range(
            (int) LocalDate.parse(from).toEpochDay(),
            true,
            (int) LocalDate.parse(until).toEpochDay(),
            false));
  }

  private static int[] columns(Map<String, Integer> at, String... names) {
    int[] projection = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      projection[i] = at.get(names[i]);
    }
    return projection;
  }

  private static long scan(
      ParquetDataFile data, TableSchema schema, int[] projection, ScanPredicate predicate) {
    ColumnType[] types = new ColumnType[projection.length];
    for (int i = 0; i < types.length; i++) {
      types[i] = schema.column(projection[i]).type();
    }
    ColumnBatch batch = new ColumnBatch(types, ColumnBatch.DEFAULT_CAPACITY);
    long rows = 0;
    try (RowCursor cursor = data.scan(new ScanSpec(projection, new IoStats(), predicate))) {
      for (int n; (n = cursor.nextBatch(batch)) > 0; ) {
        rows += n;
      }
    }
    return rows;
  }
}
