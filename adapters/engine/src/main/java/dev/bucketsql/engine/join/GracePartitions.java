package dev.bucketsql.engine.join;

import dev.bucketsql.engine.BatchWriter;
import dev.bucketsql.engine.Cells;
import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.RowStore;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.memory.MemoryBudget;
import dev.bucketsql.engine.spill.Partitions;
import dev.bucketsql.engine.spill.SpillFile;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.BitSet;
import java.util.List;

/**
 * The grace hash join a {@link HashJoin} becomes when its build side does not fit: both inputs
 * written to {@link Partitions#FANOUT} files by the hash of their keys, then each pair of files
 * joined by a join of its own one level down (which splits again when its build side is still too
 * big).
 *
 * <p>A row with a NULL key matches nothing: for every join type but MARK it goes to partition 0,
 * where the join of that partition emits it as unmatched (outer and anti joins) or drops it. For
 * MARK, whose NULLs depend on the whole build side, a build row with a NULL key is copied to every
 * partition (so that each partition's marks see it), and a probe row with a NULL key is set aside
 * and marked against every build partition: NULL when any partition has a row it may equal, else
 * FALSE. A residual condition needs nothing more: the rows of a key-matching pair land in the same
 * partition, and each partition's join makes its own residual expression; with a residual, "may
 * equal" also asks that the pair's residual is not FALSE.
 */
final class GracePartitions implements AutoCloseable {
  private final HashJoin.Spec spec;
  private final ExecContext context;
  private final MemoryBudget budget;
  private final int level;
  private final SpillFile[] buildFiles = new SpillFile[Partitions.FANOUT];
  private final SpillFile[] probeFiles = new SpillFile[Partitions.FANOUT];
  private SpillFile nullProbe;
  private int partition;
  private Operator child;
  private Operator nullProbeRows;
  private BitSet nullMarks;
  private long nullRow;
  private BatchWriter out;

  GracePartitions(HashJoin.Spec spec, ExecContext context, MemoryBudget budget, int level) {
    this.spec = spec;
    this.context = context;
    this.budget = budget;
    this.level = level;
  }

  private SpillFile file(SpillFile[] files, int p) {
    if (files[p] == null) {
      files[p] = context.spill().newFile(budget);
    }
    return files[p];
  }

  /** Writes build row {@code row} of {@code store}. */
  void addBuild(RowStore store, int row) {
    List<ColumnType> types = spec.buildTypes();
    if (hasNullKey(store, spec.buildKeys(), spec.nullSafe(), row)) {
      if (spec.type() == JoinType.MARK) {
        for (int p = 0; p < Partitions.FANOUT; p++) {
          file(buildFiles, p).write(store, row, types);
        }
      } else {
        file(buildFiles, 0).write(store, row, types);
      }
      return;
    }
    file(buildFiles, Partitions.of(store, spec.buildKeys(), row, level)).write(store, row, types);
  }

  /** Writes build row {@code r} of {@code b}. */
  void addBuild(ColumnBatch b, int r) {
    if (HashJoin.hasNullKey(b, spec.buildKeys(), spec.nullSafe(), r)) {
      if (spec.type() == JoinType.MARK) {
        for (int p = 0; p < Partitions.FANOUT; p++) {
          file(buildFiles, p).write(b, r);
        }
      } else {
        file(buildFiles, 0).write(b, r);
      }
      return;
    }
    file(buildFiles, Partitions.of(b, spec.buildKeys(), r, level)).write(b, r);
  }

  /** Writes probe row {@code r} of {@code b}. */
  void addProbe(ColumnBatch b, int r) {
    if (HashJoin.hasNullKey(b, spec.probeKeys(), spec.nullSafe(), r)) {
      if (spec.type() == JoinType.MARK) {
        if (nullProbe == null) {
          nullProbe = context.spill().newFile(budget);
        }
        nullProbe.write(b, r);
      } else {
        file(probeFiles, 0).write(b, r);
      }
      return;
    }
    file(probeFiles, Partitions.of(b, spec.probeKeys(), r, level)).write(b, r);
  }

  private static boolean hasNullKey(RowStore store, int[] keys, boolean[] nullSafe, int row) {
    for (int i = 0; i < keys.length; i++) {
      if (!nullSafe[i] && store.isNull(keys[i], row)) {
        return true;
      }
    }
    return false;
  }

  /** The next batch of the join's output, or null when every partition is joined. */
  ColumnBatch next() {
    if (nullMarks == null && nullProbe != null) {
      markNullProbeRows();
    }
    while (partition < Partitions.FANOUT || child != null) {
      if (child != null) {
        ColumnBatch b = child.next();
        if (b != null) {
          return b;
        }
        child.close();
        child = null;
        continue;
      }
      int p = partition++;
      SpillFile build = buildFiles[p];
      SpillFile probe = probeFiles[p];
      buildFiles[p] = null;
      probeFiles[p] = null;
      boolean buildOutput =
          spec.preservesBuild() || spec.type() == JoinType.ANTI && spec.buildLeft();
      if (probe == null && (build == null || !buildOutput)) {
        // nothing of this partition reaches the output
        if (build != null) {
          build.delete();
        }
        continue;
      }
      child =
          spec.child(
              reader(build, spec.buildTypes()),
              reader(probe, spec.probeTypes()),
              context,
              level + 1);
    }
    return nullProbe == null ? null : nextNullProbeRows();
  }

  private Operator reader(SpillFile f, List<ColumnType> types) {
    return f == null ? Rows.empty(types) : f.reader(types, context, true);
  }

  /**
   * Marks each probe row with a NULL key against every build partition: NULL if any may equal it.
   */
  private void markNullProbeRows() {
    nullMarks = new BitSet();
    int markColumn = spec.probeTypes().size();
    for (SpillFile build : buildFiles) {
      if (build == null) {
        continue;
      }
      Operator join =
          spec.child(
              build.reader(spec.buildTypes(), context, false),
              nullProbe.reader(spec.probeTypes(), context, false),
              context,
              level + 1);
      try (join) {
        long row = 0;
        for (ColumnBatch b = join.next(); b != null; b = join.next()) {
          for (int r = 0; r < b.size(); r++, row++) {
            if (b.nulls(markColumn)[r]) {
              nullMarks.set((int) row);
            }
          }
        }
      }
    }
  }

  private ColumnBatch nextNullProbeRows() {
    if (nullProbeRows == null) {
      nullProbeRows = nullProbe.reader(spec.probeTypes(), context, true);
      out = new BatchWriter(spec.outputTypes(), context.batchSize());
    }
    ColumnBatch in = nullProbeRows.next();
    if (in == null) {
      return null;
    }
    ColumnBatch o = out.batch();
    int markColumn = spec.probeTypes().size();
    for (int r = 0; r < in.size(); r++) {
      int w = out.row();
      for (int c = 0; c < markColumn; c++) {
        Cells.copy(in, c, r, o, c, w);
      }
      o.nulls(markColumn)[w] = nullMarks.get((int) nullRow++);
      o.longs(markColumn)[w] = 0;
      out.commit();
    }
    return out.take();
  }

  /** Deletes every file left: the join ended, failed or was cancelled. */
  @Override
  public void close() {
    if (child != null) {
      child.close();
      child = null;
    }
    if (nullProbeRows != null) {
      nullProbeRows.close();
    }
    for (int p = 0; p < Partitions.FANOUT; p++) {
      if (buildFiles[p] != null) {
        buildFiles[p].delete();
      }
      if (probeFiles[p] != null) {
        probeFiles[p].delete();
      }
    }
    if (nullProbe != null) {
      nullProbe.delete();
    }
  }
}
