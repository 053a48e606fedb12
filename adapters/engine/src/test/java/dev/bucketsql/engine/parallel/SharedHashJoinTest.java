package dev.bucketsql.engine.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.QueryCancelledException;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.expr.Expr;
import dev.bucketsql.engine.expr.Exprs;
import dev.bucketsql.engine.join.HashJoin;
import dev.bucketsql.engine.join.JoinType;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryLimit;
import dev.bucketsql.engine.spill.SpillSettings;
import dev.bucketsql.engine.spill.SpillSpace;
import dev.bucketsql.format.ColumnType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hash join's table built once ({@link HashJoin#buildShared}) and probed by the joins of 1 to 4
 * workers over pieces of the probe input ({@link HashJoin#probing}, through an {@link Exchange}):
 * the rows of one join over the whole input, in its order, for every join type and build side. A
 * join that tracks its built rows' matches (SEMI and ANTI building the left input, an outer join
 * preserving the built side, FULL) has one more piece after the probes, {@link
 * HashJoin#afterProbes}, which emits the build rows owed once every probe has ended.
 */
class SharedHashJoinTest {
  private static final List<ColumnType> PROBE =
      List.of(ColumnType.INTEGER, ColumnType.VARCHAR, ColumnType.DECIMAL);
  private static final List<ColumnType> BUILD = List.of(ColumnType.VARCHAR, ColumnType.INTEGER);

  private static final Object[][] SHAPES = {
    {JoinType.INNER, HashJoin.Build.RIGHT},
    {JoinType.INNER, HashJoin.Build.LEFT},
    {JoinType.LEFT, HashJoin.Build.RIGHT},
    {JoinType.RIGHT, HashJoin.Build.LEFT},
    {JoinType.SEMI, HashJoin.Build.RIGHT},
    {JoinType.ANTI, HashJoin.Build.RIGHT},
    {JoinType.MARK, HashJoin.Build.RIGHT},
    {JoinType.SEMI, HashJoin.Build.LEFT},
    {JoinType.ANTI, HashJoin.Build.LEFT},
    {JoinType.LEFT, HashJoin.Build.LEFT},
    {JoinType.RIGHT, HashJoin.Build.RIGHT},
    {JoinType.FULL, HashJoin.Build.LEFT},
    {JoinType.FULL, HashJoin.Build.RIGHT}
  };

  /** How the two sides join: on their text, on their integer (the join index), with a residual. */
  private enum Keys {
    TEXT,
    INTEGER,
    INTEGER_AND_RESIDUAL
  }

  @AfterEach
  void noWorkerOutlivesItsExchange() {
    assertThat(Exchange.runningWorkers()).isZero();
  }

  @Test
  void workersProbingOneTableGiveTheRowsOfOneJoin() {
    for (long seed = 1; seed <= 15; seed++) {
      Random random = new Random(seed);
      List<Object[]> probeRows = TestData.rows(random, PROBE, random.nextInt(400), 10);
      List<Object[]> buildRows = TestData.rows(random, BUILD, random.nextInt(60), 10);
      int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
      ExecContext context = TestData.context(batchSize);
      Pieces pieces = new Pieces(PROBE, probeRows, random, batchSize);
      Keys keys = Keys.values()[(int) (seed % Keys.values().length)];
      for (Object[] shape : SHAPES) {
        JoinType type = (JoinType) shape[0];
        HashJoin.Build build = (HashJoin.Build) shape[1];
        if (type == JoinType.MARK && keys != Keys.TEXT) {
          continue;
        }
        boolean buildLeft = build == HashJoin.Build.LEFT;
        List<Object[]> expected =
            Rows.collect(
                join(
                    buildLeft
                        ? TestData.source(BUILD, buildRows, batchSize)
                        : TestData.source(PROBE, probeRows, batchSize),
                    buildLeft
                        ? TestData.source(PROBE, probeRows, batchSize)
                        : TestData.source(BUILD, buildRows, batchSize),
                    type,
                    build,
                    keys,
                    context));
        for (int threads = 1; threads <= 4; threads++) {
          String as =
              String.format(
                  "seed %d, %s on %s building %s, %d threads", seed, type, keys, build, threads);
          HashJoin leader = leader(buildRows, batchSize, type, build, keys, context);
          assertThat(leader.buildShared()).isTrue();
          boolean tracks = leader.tracksMatches();
          assertThat(tracks)
              .as(as)
              .isEqualTo(
                  type == JoinType.FULL
                      || buildLeft
                          && (type == JoinType.SEMI
                              || type == JoinType.ANTI
                              || type == JoinType.LEFT)
                      || !buildLeft && type == JoinType.RIGHT);
          List<Object[]> actual;
          try (Exchange exchange =
              new Exchange(
                  fragment(leader, pieces, context),
                  pieces.count() + (tracks ? 1 : 0),
                  threads,
                  leader.types(),
                  context,
                  HeldBy.JOIN,
                  "table 't'")) {
            actual = Rows.collect(exchange);
          } finally {
            leader.close();
          }
          assertThat(TestData.sequence(actual)).as(as).isEqualTo(TestData.sequence(expected));
        }
      }
    }
  }

  @Test
  void theRowsOwedAfterTheProbesWaitForEveryProbe() {
    // build keys 0 to 39; the first piece matches 0 to 19, the slow second one 20 to 39, so rows
    // owed before the second probe ended would lack half the matches
    List<Object[]> buildRows = new ArrayList<>();
    List<List<Object[]>> probePieces = List.of(new ArrayList<>(), new ArrayList<>());
    for (int k = 0; k < 40; k++) {
      buildRows.add(new Object[] {"b" + k, k});
      probePieces.get(k / 20).add(new Object[] {k, "p" + k, null});
    }
    ExecContext context = TestData.context(7);
    for (JoinType type : new JoinType[] {JoinType.SEMI, JoinType.ANTI, JoinType.LEFT}) {
      HashJoin leader = leader(buildRows, 7, type, HashJoin.Build.LEFT, Keys.INTEGER, context);
      assertThat(leader.buildShared()).isTrue();
      Fragment slowSecond =
          (piece, stopped) -> {
            if (piece == 2) {
              return leader.afterProbes(2, context.withStop(stopped));
            }
            if (piece == 1) {
              sleep(200);
            }
            return leader.probing(
                TestData.source(PROBE, probePieces.get(piece), 7), context.withStop(stopped));
          };
      List<Object[]> actual;
      try (Exchange exchange =
          new Exchange(slowSecond, 3, 3, leader.types(), context, HeldBy.JOIN, "t")) {
        actual = Rows.collect(exchange);
      } finally {
        leader.close();
      }
      // SEMI: all 40 build rows; ANTI: none; LEFT: the 40 pairs and no row padded with NULLs
      assertThat(actual).as("%s", type).hasSize(type == JoinType.ANTI ? 0 : 40);
    }
  }

  @Test
  void aFailureOrACancelStopsTheWaitForTheProbes() {
    Random random = new Random(3);
    List<Object[]> probeRows = TestData.rows(random, PROBE, 300, 0);
    List<Object[]> buildRows = TestData.rows(random, BUILD, 40, 0);
    Pieces pieces = new Pieces(PROBE, probeRows, random, 3);
    assertThat(pieces.count()).isGreaterThan(2);
    // a failure in a probe: the worker waiting for it stops, the failure is the query's
    ExecContext context = TestData.context(3);
    pieces.failingPiece = pieces.count() - 1;
    pieces.failure = new IllegalStateException("damaged piece");
    HashJoin leader = leader(buildRows, 3, JoinType.ANTI, HashJoin.Build.LEFT, Keys.TEXT, context);
    assertThat(leader.buildShared()).isTrue();
    try (Exchange exchange =
        new Exchange(
            fragment(leader, pieces, context),
            pieces.count() + 1,
            2,
            leader.types(),
            context,
            HeldBy.JOIN,
            "t")) {
      assertThatThrownBy(() -> Rows.collect(exchange)).isSameAs(pieces.failure);
    } finally {
      leader.close();
    }
    assertThat(pieces.closed.get()).isEqualTo(pieces.opened.get());
    // a cancel while the rows owed wait for a probe that never ends (one too many awaited)
    pieces.failingPiece = -1;
    AtomicInteger checks = new AtomicInteger();
    int closedBefore = pieces.closed.get();
    int count = pieces.count();
    // cancelled once every probe has ended, while only the rows owed are left, waiting
    ExecContext cancelling =
        new ExecContext(
            new MemoryLimit(1L << 30, MemoryLimit.QUERY_MEMORY),
            3,
            () -> pieces.closed.get() - closedBefore == count && checks.incrementAndGet() > 3);
    HashJoin waiting =
        leader(buildRows, 3, JoinType.LEFT, HashJoin.Build.LEFT, Keys.INTEGER, cancelling);
    assertThat(waiting.buildShared()).isTrue();
    Fragment neverDone =
        (piece, stopped) ->
            piece < count
                ? waiting.probing(pieces.open(piece, stopped), cancelling.withStop(stopped))
                : waiting.afterProbes(count + 1, cancelling.withStop(stopped));
    try (Exchange exchange =
        new Exchange(neverDone, count + 1, 2, waiting.types(), cancelling, HeldBy.JOIN, "t")) {
      assertThatThrownBy(() -> Rows.collect(exchange)).isInstanceOf(QueryCancelledException.class);
    } finally {
      waiting.close();
    }
    assertThat(pieces.closed.get()).isEqualTo(pieces.opened.get());
  }

  @Test
  void aTableThatWouldSpillIsNotShared(@TempDir Path dir) {
    Random random = new Random(9);
    List<Object[]> buildRows = TestData.rows(random, BUILD, 2000, 0);
    ExecContext small =
        new ExecContext(
            new MemoryLimit(4096, MemoryLimit.QUERY_MEMORY),
            64,
            () -> false,
            new SpillSpace(new SpillSettings(true, dir, 1L << 30)));
    Object[][] shapes = {
      {JoinType.INNER, HashJoin.Build.RIGHT},
      {JoinType.SEMI, HashJoin.Build.LEFT},
      {JoinType.FULL, HashJoin.Build.RIGHT}
    };
    for (Object[] shape : shapes) {
      HashJoin leader =
          leader(buildRows, 64, (JoinType) shape[0], (HashJoin.Build) shape[1], Keys.TEXT, small);
      assertThat(leader.buildShared()).as("%s", shape[0]).isFalse();
      assertThat(leader.reservedBytes()).isZero();
      assertThatThrownBy(
              () -> leader.probing(Rows.source(PROBE, Collections.emptyIterator(), 1), small))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  /** The pieces probing {@code leader}'s table, then, if it tracks its matches, the rows owed. */
  private static Fragment fragment(HashJoin leader, Pieces pieces, ExecContext context) {
    int count = pieces.count();
    return (piece, stopped) ->
        piece < count
            ? leader.probing(pieces.open(piece, stopped), context.withStop(stopped))
            : leader.afterProbes(count, context.withStop(stopped));
  }

  /** A join whose only input is its build side, to build for sharing. */
  private static HashJoin leader(
      List<Object[]> buildRows,
      int batchSize,
      JoinType type,
      HashJoin.Build build,
      Keys keys,
      ExecContext context) {
    boolean buildLeft = build == HashJoin.Build.LEFT;
    return join(
        buildLeft
            ? TestData.source(BUILD, buildRows, batchSize)
            : Rows.source(PROBE, Collections.emptyIterator(), 1),
        buildLeft
            ? Rows.source(PROBE, Collections.emptyIterator(), 1)
            : TestData.source(BUILD, buildRows, batchSize),
        type,
        build,
        keys,
        context);
  }

  private static HashJoin join(
      Operator left, Operator right, JoinType type, HashJoin.Build build, ExecContext context) {
    return join(left, right, type, build, Keys.TEXT, context);
  }

  /**
   * The probe side's text against the build side's, or their integers; the residual keeps the pairs
   * whose build text sorts before the probe's, or whose probe decimal is NULL.
   */
  private static HashJoin join(
      Operator left,
      Operator right,
      JoinType type,
      HashJoin.Build build,
      Keys keys,
      ExecContext context) {
    boolean buildLeft = build == HashJoin.Build.LEFT;
    boolean text = keys == Keys.TEXT;
    // left then right: BUILD (text 0, integer 1) and PROBE (integer 0, text 1), or the reverse
    int[] leftKeys = {buildLeft ? (text ? 0 : 1) : (text ? 1 : 0)};
    int[] rightKeys = {buildLeft ? (text ? 1 : 0) : (text ? 0 : 1)};
    if (keys != Keys.INTEGER_AND_RESIDUAL) {
      return new HashJoin(left, right, leftKeys, rightKeys, type, build, context, "table 't'");
    }
    int buildText = buildLeft ? 0 : PROBE.size();
    int probeText = buildLeft ? BUILD.size() + 1 : 1;
    int probeDecimal = buildLeft ? BUILD.size() + 2 : 2;
    // the integers are equal: the texts decide, or a NULL decimal (a residual often NULL)
    Supplier<Expr> residual =
        () ->
            Exprs.or(
                Exprs.lt(
                    Exprs.column(buildText, ColumnType.VARCHAR),
                    Exprs.column(probeText, ColumnType.VARCHAR)),
                Exprs.isNull(Exprs.column(probeDecimal, ColumnType.DECIMAL)));
    return new HashJoin(
        left,
        right,
        leftKeys,
        rightKeys,
        new boolean[1],
        residual,
        type,
        build,
        context,
        "table 't'");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
