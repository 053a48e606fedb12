package dev.bucketsql.bench;

import dev.bucketsql.calcite.engine.DuckDbStrings;
import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.expr.Expr;
import dev.bucketsql.engine.expr.Exprs;
import dev.bucketsql.engine.expr.Filter;
import dev.bucketsql.engine.memory.MemoryLimit;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * {@code bench/run filter-conditions [--repeat R]}: the engine's filter over rows shaped like TPC-H
 * SF 1's parts (200,704) and customers (151,552), in memory, one thread, with the WHERE conditions
 * of q02, q16 and q22 in the two forms a plan can hand it: the lazy AND's CASE ({@code CASE WHEN
 * NOT a THEN FALSE ELSE a AND b END}, as {@code LazyLogic} writes it) and the conjuncts the binding
 * unfolds it into ({@code FilterConjuncts}), alternately; the best and mean thread CPU of each
 * after a quarter of the passes as warm-up, and the rows each kept (the same).
 */
final class FilterConditionBench {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int BATCH = ColumnBatch.DEFAULT_CAPACITY;

  private FilterConditionBench() {}

  static void main(String[] args, PrintStream out) {
    int repeat = 40;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
      }
    }
    Random random = new Random(1);
    List<ColumnBatch> parts = parts(random);
    List<ColumnBatch> customers = customers(random);
    out.printf(
        Locale.ROOT,
        "the engine's filter, one thread, %d passes each (a quarter as warm-up), load average"
            + " %.2f%n",
        repeat,
        BenchEnvironment.loadAverage());
    // q02: p_size = 15 AND p_type LIKE '%BRASS'
    Supplier<Expr> size15 = () -> Exprs.eq(column(2, ColumnType.BIGINT), bigint(15));
    Supplier<Expr> brass = () -> Exprs.like(column(1, ColumnType.VARCHAR), "%BRASS", -1);
    compare(out, "q02", parts, repeat, lazy(size15, brass), and(size15, brass));
    // q16: p_brand <> 'Brand#45' AND p_size IN (...) AND p_type NOT LIKE 'MEDIUM POLISHED%'
    Supplier<Expr> brand =
        () ->
            Exprs.ne(column(0, ColumnType.VARCHAR), Exprs.constant("Brand#45", ColumnType.VARCHAR));
    Supplier<Expr> sizes =
        () -> Exprs.in(column(2, ColumnType.BIGINT), List.of(3L, 9L, 14L, 19L, 23L, 36L, 45L, 49L));
    Supplier<Expr> notPolished =
        () -> Exprs.not(Exprs.like(column(1, ColumnType.VARCHAR), "MEDIUM POLISHED%", -1));
    Supplier<Expr> q16Rest = lazy(sizes, notPolished);
    compare(out, "q16", parts, repeat, lazy(brand, q16Rest), and(brand, and(sizes, notPolished)));
    // q22: c_acctbal > 0 AND substring(c_phone, 1, 2) IN (...)
    Supplier<Expr> positive =
        () -> Exprs.gt(column(1, ColumnType.DOUBLE), Exprs.constant(0.0, ColumnType.DOUBLE));
    Supplier<Expr> codes =
        () ->
            Exprs.in(
                Exprs.function(
                    ColumnType.VARCHAR,
                    v -> DuckDbStrings.substring((String) v[0], (Long) v[1], (Long) v[2]),
                    List.of(column(0, ColumnType.VARCHAR), bigint(1), bigint(2))),
                List.of("13", "31", "23", "29", "30", "18", "17"));
    compare(out, "q22", customers, repeat, lazy(positive, codes), and(positive, codes));
  }

  private static void compare(
      PrintStream out,
      String name,
      List<ColumnBatch> input,
      int repeat,
      Supplier<Expr> caseForm,
      Supplier<Expr> conjuncts) {
    long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
    long[] sum = new long[2];
    long[] kept = new long[2];
    int warm = repeat / 4;
    for (int pass = 0; pass < repeat; pass++) {
      for (int form = 0; form < 2; form++) {
        long t = THREADS.getCurrentThreadCpuTime();
        kept[form] = run(input, (form == 0 ? caseForm : conjuncts).get());
        long cpu = THREADS.getCurrentThreadCpuTime() - t;
        if (pass >= warm) {
          best[form] = Math.min(best[form], cpu);
          sum[form] += cpu;
        }
      }
    }
    int counted = repeat - warm;
    out.printf(
        Locale.ROOT,
        "%s over %,d rows: CASE %.2f ms (mean %.2f), conjuncts %.2f ms (mean %.2f); rows kept %,d"
            + " and %,d%n",
        name,
        input.size() * BATCH,
        best[0] / 1e6,
        sum[0] / 1e6 / counted,
        best[1] / 1e6,
        sum[1] / 1e6 / counted,
        kept[0],
        kept[1]);
  }

  /** The rows the engine's filter keeps of {@code input} with {@code condition}. */
  private static long run(List<ColumnBatch> input, Expr condition) {
    Iterator<ColumnBatch> batches = input.iterator();
    ColumnBatch first = input.get(0);
    List<ColumnType> types = new ArrayList<>();
    for (int c = 0; c < first.columnCount(); c++) {
      types.add(first.type(c));
    }
    Operator source =
        new Operator() {
          @Override
          public List<ColumnType> types() {
            return types;
          }

          @Override
          public ColumnBatch next() {
            return batches.hasNext() ? batches.next() : null;
          }

          @Override
          public void close() {}
        };
    long rows = 0;
    try (Filter filter =
        new Filter(source, condition, ExecContext.of(new MemoryLimit(1L << 30, "bench")))) {
      for (ColumnBatch b = filter.next(); b != null; b = filter.next()) {
        rows += b.size();
      }
    }
    return rows;
  }

  /** {@code CASE WHEN NOT a THEN FALSE ELSE a AND b END}. */
  private static Supplier<Expr> lazy(Supplier<Expr> a, Supplier<Expr> b) {
    return () ->
        Exprs.caseWhen(
            List.of(Exprs.not(a.get()), Exprs.constant(false, ColumnType.BOOLEAN)),
            Exprs.and(a.get(), b.get()),
            ColumnType.BOOLEAN);
  }

  private static Supplier<Expr> and(Supplier<Expr> a, Supplier<Expr> b) {
    return () -> Exprs.and(a.get(), b.get());
  }

  private static Expr column(int c, ColumnType type) {
    return Exprs.column(c, type);
  }

  private static Expr bigint(long v) {
    return Exprs.constant(v, ColumnType.BIGINT);
  }

  /** p_brand, p_type, p_size as TPC-H draws them. */
  private static List<ColumnBatch> parts(Random random) {
    String[] t1 = {"STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO"};
    String[] t2 = {"ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED"};
    String[] t3 = {"TIN", "NICKEL", "BRASS", "STEEL", "COPPER"};
    ColumnType[] types = {ColumnType.VARCHAR, ColumnType.VARCHAR, ColumnType.BIGINT};
    List<ColumnBatch> batches = new ArrayList<>();
    for (int b = 0; b < 200_000 / BATCH + 1; b++) {
      ColumnBatch batch = new ColumnBatch(types, BATCH);
      for (int r = 0; r < BATCH; r++) {
        batch.addRow(
            new Object[] {
              "Brand#" + (1 + random.nextInt(5)) + (1 + random.nextInt(5)),
              t1[random.nextInt(6)] + " " + t2[random.nextInt(5)] + " " + t3[random.nextInt(5)],
              (long) (1 + random.nextInt(50))
            });
      }
      batches.add(batch);
    }
    return batches;
  }

  /** c_phone, c_acctbal as TPC-H draws them. */
  private static List<ColumnBatch> customers(Random random) {
    ColumnType[] types = {ColumnType.VARCHAR, ColumnType.DOUBLE};
    List<ColumnBatch> batches = new ArrayList<>();
    for (int b = 0; b < 150_000 / BATCH + 1; b++) {
      ColumnBatch batch = new ColumnBatch(types, BATCH);
      for (int r = 0; r < BATCH; r++) {
        String phone =
            (10 + random.nextInt(25))
                + "-"
                + (100 + random.nextInt(900))
                + "-"
                + (100 + random.nextInt(900))
                + "-"
                + (1000 + random.nextInt(9000));
        batch.addRow(new Object[] {phone, random.nextInt(1_099_999) / 100.0 - 999.99});
      }
      batches.add(batch);
    }
    return batches;
  }
}
