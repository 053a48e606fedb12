package dev.bucketsql.engine.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.join.HashJoin;
import dev.bucketsql.engine.join.JoinType;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryLimit;
import dev.bucketsql.engine.spill.SpillSettings;
import dev.bucketsql.engine.spill.SpillSpace;
import dev.bucketsql.format.ColumnType;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hash join's table built once ({@link HashJoin#buildShared}) and probed by the joins of 1 to 4
 * workers over pieces of the probe input ({@link HashJoin#probing}, through an {@link Exchange}):
 * the rows of one join over the whole input, in its order, for every join type that can share.
 */
class SharedHashJoinTest {
  private static final List<ColumnType> PROBE =
      List.of(ColumnType.INTEGER, ColumnType.VARCHAR, ColumnType.DECIMAL);
  private static final List<ColumnType> BUILD = List.of(ColumnType.VARCHAR, ColumnType.INTEGER);

  @AfterEach
  void noWorkerOutlivesItsExchange() {
    assertThat(Exchange.runningWorkers()).isZero();
  }

  @Test
  void workersProbingOneTableGiveTheRowsOfOneJoin() {
    Object[][] shapes = {
      {JoinType.INNER, HashJoin.Build.RIGHT},
      {JoinType.INNER, HashJoin.Build.LEFT},
      {JoinType.LEFT, HashJoin.Build.RIGHT},
      {JoinType.RIGHT, HashJoin.Build.LEFT},
      {JoinType.SEMI, HashJoin.Build.RIGHT},
      {JoinType.ANTI, HashJoin.Build.RIGHT},
      {JoinType.MARK, HashJoin.Build.RIGHT}
    };
    for (long seed = 1; seed <= 15; seed++) {
      Random random = new Random(seed);
      List<Object[]> probeRows = TestData.rows(random, PROBE, random.nextInt(400), 10);
      List<Object[]> buildRows = TestData.rows(random, BUILD, random.nextInt(60), 10);
      int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
      ExecContext context = TestData.context(batchSize);
      Pieces pieces = new Pieces(PROBE, probeRows, random, batchSize);
      for (Object[] shape : shapes) {
        JoinType type = (JoinType) shape[0];
        HashJoin.Build build = (HashJoin.Build) shape[1];
        boolean buildLeft = build == HashJoin.Build.LEFT;
        // probe key: the VARCHAR of the probe side; build key: the build side's VARCHAR
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
                    context));
        for (int threads = 1; threads <= 4; threads++) {
          HashJoin leader =
              join(
                  buildLeft
                      ? TestData.source(BUILD, buildRows, batchSize)
                      : Rows.source(PROBE, Collections.emptyIterator(), 1),
                  buildLeft
                      ? Rows.source(PROBE, Collections.emptyIterator(), 1)
                      : TestData.source(BUILD, buildRows, batchSize),
                  type,
                  build,
                  context);
          assertThat(leader.shareable()).isTrue();
          assertThat(leader.buildShared()).isTrue();
          List<Object[]> actual;
          try (Exchange exchange =
              new Exchange(
                  (piece, stopped) ->
                      leader.probing(pieces.open(piece, stopped), context.withStop(stopped)),
                  pieces.count(),
                  threads,
                  leader.types(),
                  context,
                  HeldBy.JOIN,
                  "table 't'")) {
            actual = Rows.collect(exchange);
          } finally {
            leader.close();
          }
          assertThat(TestData.sequence(actual))
              .as("seed %d, %s building %s, %d threads", seed, type, build, threads)
              .isEqualTo(TestData.sequence(expected));
        }
      }
    }
  }

  @Test
  void aJoinThatTracksItsBuiltRowsIsNotShared() {
    ExecContext context = TestData.context(8);
    HashJoin full =
        join(
            Rows.source(PROBE, Collections.emptyIterator(), 1),
            Rows.source(BUILD, Collections.emptyIterator(), 1),
            JoinType.FULL,
            HashJoin.Build.RIGHT,
            context);
    assertThat(full.shareable()).isFalse();
    assertThatThrownBy(full::buildShared).isInstanceOf(IllegalStateException.class);
    full.close();
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
    HashJoin leader =
        join(
            Rows.source(PROBE, Collections.emptyIterator(), 1),
            TestData.source(BUILD, buildRows, 64),
            JoinType.INNER,
            HashJoin.Build.RIGHT,
            small);
    assertThat(leader.buildShared()).isFalse();
    assertThat(leader.reservedBytes()).isZero();
  }

  private static HashJoin join(
      dev.bucketsql.engine.Operator left,
      dev.bucketsql.engine.Operator right,
      JoinType type,
      HashJoin.Build build,
      ExecContext context) {
    boolean buildLeft = build == HashJoin.Build.LEFT;
    int[] leftKeys = {buildLeft ? 0 : 1};
    int[] rightKeys = {buildLeft ? 1 : 0};
    return new HashJoin(left, right, leftKeys, rightKeys, type, build, context, "table 't'");
  }
}
