package dev.bucketsql.bench;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.aggregate.AggregateCall;
import dev.bucketsql.engine.aggregate.AggregateCall.Function;
import dev.bucketsql.engine.aggregate.HashAggregate;
import dev.bucketsql.engine.hash.KeyTable;
import dev.bucketsql.engine.join.HashJoin;
import dev.bucketsql.engine.join.HashJoin.Build;
import dev.bucketsql.engine.join.JoinType;
import dev.bucketsql.engine.memory.MemoryLimit;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/run keys [--rows N] [--repeat R] [--only NAME]}: the engine's hash aggregation and
 * hash join over keys of several columns, the work {@link KeyTable}'s general path does, on batches
 * made in memory (no storage, no SQL), so the figures are the operators' own:
 *
 * <ul>
 *   <li>{@code agg-text2}: GROUP BY two VARCHAR columns of 3 and 2 values, COUNT(*) and a SUM
 *       (TPC-H q01's l_returnflag, l_linestatus), 4 groups;
 *   <li>{@code agg-long1}: GROUP BY one BIGINT, 1.9 million groups (the one-column table);
 *   <li>{@code agg-long2}: GROUP BY (BIGINT, BIGINT), 1.9 million groups;
 *   <li>{@code agg-long-text}: GROUP BY (BIGINT, VARCHAR), the text one of 7 values, 350,000
 *       groups;
 *   <li>{@code agg-id-text}: GROUP BY (BIGINT, VARCHAR), the text decided by the number (TPC-H
 *       q10's customer number beside its comment), 200,000 groups; each text is one object of about
 *       60 characters shared by the rows of its number, as a join's output shares the build side's,
 *       and made anew each run, so its hash is not cached from the run before;
 *   <li>{@code join-long2}: an inner join on two BIGINT columns, 1/4 of the rows built (each key
 *       once), every probe row matching one;
 *   <li>{@code join-nation2}: an inner join on two BIGINT columns, a dense key and a code of 25
 *       values (TPC-H q05's customer on its key and nation), one probe row in 25 matching: the keys
 *       packed into one, a table with the bitmap in front;
 *   <li>{@code join-wide2}: as {@code join-long2} with the first key scattered over the whole range
 *       of a long, so the two keys do not pack into one and keep the general table;
 *   <li>{@code join-long1}: the same on the first column alone (dense keys 0, 1, 2, ...);
 *   <li>{@code join-sparse1}: as {@code join-long1} with each key scattered over the whole range of
 *       a long, so no array indexed by the key can hold them;
 *   <li>{@code join-half1}: one BIGINT key, 1.5 million keys (at the default rows) one in four
 *       values, as TPC-H's order keys are, half the probe rows finding one: the array by key with
 *       the bitmap in front;
 *   <li>{@code join-halfsparse1}: as {@code join-half1} with the keys scattered over the whole
 *       range of a long: the table alone, no bitmap;
 *   <li>{@code join-miss1}: one BIGINT key, the keys built every fifth value (0, 5, 10, ...), so
 *       four probe rows in five find nothing, as TPC-H q03's lineitem rows against its orders;
 *   <li>{@code source}: the batches alone, what every line above pays before its operator.
 * </ul>
 *
 * <p>Each line is run once to warm up and then {@code R} times; it prints the best wall time and
 * the best and median CPU time of the thread running it (the operators run on it, so other
 * processes on a shared machine inflate it less than the wall clock), and a check value (groups or
 * rows out, the sum of a column) that must agree between builds. The engine classes are whatever
 * the class path holds: to compare two builds, run this over each, alternating.
 */
final class KeyBench {
  private static final String[] FLAGS = {"A", "N", "R"};
  private static final String[] STATUS = {"O", "F"};
  private static final String[] MODES = {"AIR", "FOB", "MAIL", "RAIL", "REG AIR", "SHIP", "TRUCK"};
  private static final int ID_TEXTS = 200_000;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private KeyBench() {}

  static void main(String[] args, PrintStream out) {
    int rows = 6_000_000;
    int repeat = 5;
    String only = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Integer.parseInt(args[++i]);
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        case "--only" -> only = args[++i];
        default -> {
          System.err.println(
              "unknown option '"
                  + args[i]
                  + "'; bench/run keys [--rows N] [--repeat R] [--only NAME]");
          System.exit(2);
        }
      }
    }
    out.printf(
        Locale.ROOT,
        "Key tables: %,d rows, best of %d after a warm-up, Java %s, load average %.1f, KeyTable from %s%n",
        rows,
        repeat,
        Runtime.version(),
        BenchEnvironment.loadAverage(),
        KeyTable.class.getProtectionDomain().getCodeSource().getLocation());
    out.println("| line | best wall ms | best CPU ms | median CPU ms | check |");
    out.println("|---|---:|---:|---:|---|");
    int n = rows;
    List<Line> lines =
        List.of(
            new Line("source", () -> drain(new Source(Shape.TEXT2, n))),
            new Line("agg-text2", () -> aggregate(Shape.TEXT2, n)),
            new Line("agg-long1", () -> aggregate(Shape.LONG1, n)),
            new Line("agg-long2", () -> aggregate(Shape.LONG2, n)),
            new Line("agg-long-text", () -> aggregate(Shape.LONG_TEXT, n)),
            new Line("agg-id-text", () -> aggregate(Shape.ID_TEXT, n)),
            new Line("join-long2", () -> join(Shape.BUILD, Shape.PROBE, new int[] {0, 1}, n)),
            new Line(
                "join-nation2", () -> join(Shape.NATION, Shape.NATION_PROBE, new int[] {0, 1}, n)),
            new Line("join-wide2", () -> join(Shape.WIDE, Shape.WIDE_PROBE, new int[] {0, 1}, n)),
            new Line("join-long1", () -> join(Shape.BUILD, Shape.PROBE, new int[] {0}, n)),
            new Line(
                "join-sparse1", () -> join(Shape.SPARSE, Shape.SPARSE_PROBE, new int[] {0}, n)),
            new Line("join-half1", () -> join(Shape.QUARTERS, Shape.HALF_PROBE, new int[] {0}, n)),
            new Line(
                "join-halfsparse1",
                () -> join(Shape.SPARSE, Shape.HALF_SPARSE_PROBE, new int[] {0}, n)),
            new Line("join-miss1", () -> join(Shape.FIFTHS, Shape.FIFTHS_PROBE, new int[] {0}, n)));
    for (Line line : lines) {
      if (only == null || line.name.contains(only)) {
        run(line, repeat, out);
      }
    }
    out.printf(Locale.ROOT, "load average after: %.1f%n", BenchEnvironment.loadAverage());
  }

  private static void run(Line line, int repeat, PrintStream out) {
    String check = line.work.run();
    long bestWall = Long.MAX_VALUE;
    long[] cpu = new long[repeat];
    for (int i = 0; i < repeat; i++) {
      long wall = System.nanoTime();
      long start = THREADS.getCurrentThreadCpuTime();
      String again = line.work.run();
      cpu[i] = THREADS.getCurrentThreadCpuTime() - start;
      bestWall = Math.min(bestWall, System.nanoTime() - wall);
      if (!again.equals(check)) {
        throw new IllegalStateException(line.name + ": " + again + " after " + check);
      }
    }
    Arrays.sort(cpu);
    out.printf(
        Locale.ROOT,
        "| %s | %.0f | %.0f | %.0f | %s |%n",
        line.name,
        bestWall / 1e6,
        cpu[0] / 1e6,
        cpu[repeat / 2] / 1e6,
        check);
  }

  private static ExecContext context() {
    // room for every group and the whole build side: the figures are of tables, not of spilling
    return ExecContext.of(new MemoryLimit(3L << 30, MemoryLimit.QUERY_MEMORY));
  }

  private static String aggregate(Shape shape, int rows) {
    int[] keys = shape == Shape.LONG1 ? new int[] {0} : new int[] {0, 1};
    try (Operator agg =
        new HashAggregate(
            new Source(shape, rows),
            keys,
            List.of(AggregateCall.countStar(), AggregateCall.of(Function.SUM, 2)),
            context(),
            "bench")) {
      long groups = 0;
      long count = 0;
      for (ColumnBatch b = agg.next(); b != null; b = agg.next()) {
        groups += b.size();
        for (int r = 0; r < b.size(); r++) {
          count += b.longs(keys.length)[r];
        }
      }
      return groups + " groups, " + count + " rows";
    }
  }

  private static String join(Shape build, Shape probe, int[] keys, int rows) {
    try (Operator join =
        new HashJoin(
            new Source(probe, rows),
            new Source(build, rows / 4),
            keys,
            keys,
            JoinType.INNER,
            Build.RIGHT,
            context(),
            "bench")) {
      long out = 0;
      long sum = 0;
      for (ColumnBatch b = join.next(); b != null; b = join.next()) {
        out += b.size();
        for (int r = 0; r < b.size(); r++) {
          sum += b.longs(5)[r];
        }
      }
      return out + " rows, sum " + sum;
    }
  }

  private static String drain(Operator op) {
    long rows = 0;
    for (ColumnBatch b = op.next(); b != null; b = op.next()) {
      rows += b.size();
    }
    op.close();
    return rows + " rows";
  }

  private record Line(String name, Work work) {}

  private interface Work {
    String run();
  }

  /** What the columns of a {@link Source} hold. */
  private enum Shape {
    TEXT2,
    LONG1,
    LONG2,
    LONG_TEXT,
    ID_TEXT,
    BUILD,
    PROBE,
    SPARSE,
    SPARSE_PROBE,
    QUARTERS,
    HALF_PROBE,
    HALF_SPARSE_PROBE,
    FIFTHS,
    FIFTHS_PROBE,
    NATION,
    NATION_PROBE,
    WIDE,
    WIDE_PROBE
  }

  /**
   * Rows made a batch at a time into one reused batch: two key columns and a BIGINT value, from a
   * fixed pseudo-random sequence, so every run and every build sees the same rows.
   */
  private static final class Source implements Operator {
    private final Shape shape;
    private final int rows;
    private final ColumnBatch batch;

    /** For {@link Shape#ID_TEXT}: the text of each number, made for this run. */
    private final String[] texts;

    private int made;
    private long seed = 0x2545F4914F6CDD1DL;

    Source(Shape shape, int rows) {
      this.shape = shape;
      this.rows = rows;
      ColumnType second =
          shape == Shape.TEXT2 || shape == Shape.LONG_TEXT || shape == Shape.ID_TEXT
              ? ColumnType.VARCHAR
              : ColumnType.BIGINT;
      texts = shape == Shape.ID_TEXT ? new String[ID_TEXTS] : null;
      for (int i = 0; texts != null && i < texts.length; i++) {
        texts[i] = "customer " + i + " furiously regular deposits sleep quickly along the " + i;
      }
      ColumnType first = shape == Shape.TEXT2 ? ColumnType.VARCHAR : ColumnType.BIGINT;
      batch =
          new ColumnBatch(
              new ColumnType[] {first, second, ColumnType.BIGINT}, ColumnBatch.DEFAULT_CAPACITY);
    }

    @Override
    public List<ColumnType> types() {
      return List.of(batch.type(0), batch.type(1), batch.type(2));
    }

    private long random() {
      seed ^= seed << 13;
      seed ^= seed >>> 7;
      seed ^= seed << 17;
      return seed >>> 1;
    }

    @Override
    public ColumnBatch next() {
      if (made == rows) {
        return null;
      }
      int n = Math.min(batch.capacity(), rows - made);
      batch.clear();
      Object[] a = batch.objects(0);
      Object[] s = batch.objects(1);
      long[] la = batch.longs(0);
      long[] ls = batch.longs(1);
      long[] v = batch.longs(2);
      for (int r = 0; r < n; r++) {
        long x = random();
        int row = made + r;
        switch (shape) {
          case TEXT2 -> {
            // q01's flags: the status follows the ship date, the flag mostly the status
            int status = (int) (x % 2);
            a[r] = FLAGS[status == 0 ? 1 : (int) ((x >>> 8) % 3)];
            s[r] = STATUS[status];
          }
          case LONG1 -> la[r] = (x % 200_000) * 7919 + (x >>> 20) % 10 * 1_000_000_007L;
          case LONG2 -> {
            la[r] = (x % 200_000) * 7919;
            ls[r] = (x >>> 20) % 10;
          }
          case LONG_TEXT -> {
            la[r] = x % 50_000;
            s[r] = MODES[(int) ((x >>> 20) % MODES.length)];
          }
          case ID_TEXT -> {
            int id = (int) (x % ID_TEXTS);
            la[r] = id;
            s[r] = texts[id];
          }
          case BUILD -> {
            la[r] = row;
            ls[r] = row % 1000;
          }
          case PROBE -> {
            long k = x % (rows / 4);
            la[r] = k;
            ls[r] = k % 1000;
          }
          case NATION -> {
            la[r] = row;
            ls[r] = row % 25;
          }
          case NATION_PROBE -> {
            la[r] = x % (rows / 4);
            ls[r] = (x >>> 20) % 25;
          }
          case WIDE -> {
            la[r] = row * 0x9E3779B97F4A7C15L;
            ls[r] = row % 1000;
          }
          case WIDE_PROBE -> {
            long k = x % (rows / 4);
            la[r] = k * 0x9E3779B97F4A7C15L;
            ls[r] = k % 1000;
          }
          case SPARSE -> la[r] = row * 0x9E3779B97F4A7C15L;
          case SPARSE_PROBE -> la[r] = (x % (rows / 4)) * 0x9E3779B97F4A7C15L;
          case QUARTERS -> la[r] = row * 4L;
          // even values: every other one a multiple of four
          case HALF_PROBE -> la[r] = (x % (rows / 2)) * 2;
          // an odd multiplier maps distinct values to distinct keys: those of [rows/4, rows/2) miss
          case HALF_SPARSE_PROBE -> la[r] = (x % (rows / 2)) * 0x9E3779B97F4A7C15L;
          case FIFTHS -> la[r] = row * 5L;
          case FIFTHS_PROBE -> la[r] = x % (rows / 4 * 5);
          default -> throw new IllegalStateException(shape.name());
        }
        v[r] = x % 50;
      }
      batch.setSize(n);
      made += n;
      return batch;
    }

    @Override
    public void close() {}
  }
}
