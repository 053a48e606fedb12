package dev.bucketsql.calcite.run;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.join.HashJoin;
import dev.bucketsql.engine.join.JoinType;
import dev.bucketsql.format.ColumnType;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The build side of one hash join of a parallel pipeline: built once, in memory, and probed by the
 * join of every worker ({@link HashJoin#probing}). Each execution keeps its tables in {@link
 * SharedBuilds}; this object only says how to build one.
 */
final class SharedJoin {
  private final EngineNode buildInput;
  private final List<ColumnType> probeTypes;
  private final int[] leftKeys;
  private final int[] rightKeys;
  private final boolean[] nullSafe;
  private final ExprTranslator.@Nullable Maker residual;
  private final JoinType type;
  private final HashJoin.Build build;
  private final String subject;

  /** The token of the key filter the built keys go to ({@link HashJoin#publishKeys}), or null. */
  private final @Nullable Object filterToken;

  /** The key pair whose built values go to the filter. */
  private final int filterKey;

  /** The output columns read above the join ({@link HashJoin#emitOnly}), or null for all. */
  private final boolean @Nullable [] read;

  SharedJoin(
      EngineNode buildInput,
      List<ColumnType> probeTypes,
      int[] leftKeys,
      int[] rightKeys,
      boolean[] nullSafe,
      ExprTranslator.@Nullable Maker residual,
      JoinType type,
      HashJoin.Build build,
      String subject,
      @Nullable Object filterToken,
      int filterKey,
      boolean @Nullable [] read) {
    this.read = read == null ? null : read.clone();
    this.buildInput = requireNonNull(buildInput, "buildInput is null");
    this.probeTypes = List.copyOf(probeTypes);
    this.leftKeys = leftKeys.clone();
    this.rightKeys = rightKeys.clone();
    this.nullSafe = nullSafe.clone();
    this.residual = residual;
    this.type = requireNonNull(type, "type is null");
    this.build = requireNonNull(build, "build is null");
    this.subject = requireNonNull(subject, "subject is null");
    this.filterToken = filterToken;
    this.filterKey = filterKey;
  }

  /**
   * Whether a join of {@code type} building {@code build} tracks which built rows matched (as
   * {@link HashJoin#tracksMatches} says of a join made): its workers only mark their matches, and
   * the build rows it owes come in one more piece after the scan's ({@link HashJoin#afterProbes}).
   */
  static boolean tracksMatches(JoinType type, HashJoin.Build build) {
    boolean buildLeft = build == HashJoin.Build.LEFT;
    boolean keepLeft = type == JoinType.LEFT || type == JoinType.FULL;
    boolean keepRight = type == JoinType.RIGHT || type == JoinType.FULL;
    boolean preserveBuild = buildLeft ? keepLeft : keepRight;
    return preserveBuild || buildLeft && (type == JoinType.SEMI || type == JoinType.ANTI);
  }

  /**
   * The join whose table the workers probe, built now from the whole build input; null when the
   * table does not fit in memory and the query may spill (each worker then joins on its own).
   */
  @Nullable HashJoin build(EngineRun whole) {
    Operator input = buildInput.open(whole);
    Operator none = Rows.empty(probeTypes);
    boolean buildLeft = build == HashJoin.Build.LEFT;
    Operator left = buildLeft ? input : none;
    Operator right = buildLeft ? none : input;
    // the probing joins take the leader's residual, each making its own expression
    HashJoin leader =
        EngineHashJoin.hashJoin(
            left,
            right,
            leftKeys,
            rightKeys,
            nullSafe,
            residual,
            type,
            build,
            whole.join(),
            subject,
            read);
    try {
      if (filterToken != null) {
        // the table is immutable once built: its keys filter the probe side of every worker
        leader.publishKeys(whole.keyFilter(filterToken), filterKey);
      }
      return leader.buildShared() ? leader : null;
    } catch (RuntimeException e) {
      leader.close();
      throw e;
    }
  }
}
