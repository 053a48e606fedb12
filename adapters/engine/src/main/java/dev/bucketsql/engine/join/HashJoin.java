package dev.bucketsql.engine.join;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.BatchWriter;
import dev.bucketsql.engine.Cells;
import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.QueryCancelledException;
import dev.bucketsql.engine.RowStore;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.expr.Expr;
import dev.bucketsql.engine.hash.IndexProbe;
import dev.bucketsql.engine.hash.JoinIndex;
import dev.bucketsql.engine.hash.KeyTable;
import dev.bucketsql.engine.hash.PackedJoinKeys;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryBudget;
import dev.bucketsql.engine.spill.Partitions;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnBatch.Kind;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.SqlStateException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * An equi-join on one or more key columns of any comparable type: the input the caller names is
 * built into a hash table (its rows in a {@link RowStore}, chained by key), then the other is
 * probed a batch at a time. Output: for {@link JoinType#INNER}, LEFT, RIGHT and FULL the left
 * columns then the right columns, whichever side is built; for SEMI and ANTI the left columns; for
 * MARK the left columns and the mark. Rows come in no defined order. A residual condition, the rest
 * of a join condition besides its equalities, is evaluated over a batch of key-matching pairs
 * ({@link JoinPairs}) at a time, before any of them counts as a match.
 *
 * <p>The build side's rows, keys and chains are reserved in the operator's memory budget row by
 * row; a side that does not fit fails with the limit and the setting to raise, unless the query may
 * spill: then the join becomes a grace hash join ({@link GracePartitions}), both sides partitioned
 * to disk by key hash and joined partition by partition.
 */
public final class HashJoin implements Operator {
  /** The input that is built into the hash table. */
  public enum Build {
    /** Build the left input, probe with the right. */
    LEFT,
    /** Build the right input, probe with the left. */
    RIGHT
  }

  private static final int START = -2;

  /** What a join one level down needs to join one partition of this one's inputs. */
  record Spec(
      int[] leftKeys,
      int[] rightKeys,
      JoinType type,
      Build build,
      String subject,
      List<ColumnType> buildTypes,
      List<ColumnType> probeTypes,
      List<ColumnType> outputTypes,
      int[] buildKeys,
      int[] probeKeys,
      boolean[] nullSafe,
      Supplier<? extends Expr> residual,
      boolean preservesBuild) {
    boolean buildLeft() {
      return build == Build.LEFT;
    }

    /** The join of one partition: {@code buildInput} built, {@code probeInput} probed. */
    HashJoin child(Operator buildInput, Operator probeInput, ExecContext context, int level) {
      return new HashJoin(
          buildLeft() ? buildInput : probeInput,
          buildLeft() ? probeInput : buildInput,
          leftKeys,
          rightKeys,
          nullSafe,
          residual,
          type,
          build,
          context,
          subject,
          level);
    }
  }

  private final Operator left;
  private final Operator right;
  private final JoinType type;
  private final boolean buildLeft;
  private final Operator build;
  private final Operator probe;
  private final int[] buildKeys;
  private final int[] probeKeys;
  private final boolean[] nullSafe;
  private final Supplier<? extends Expr> residual;
  private final ExecContext context;
  private final MemoryBudget budget;
  private final List<ColumnType> types;
  private final int leftWidth;
  private final int rightWidth;
  private final boolean preserveProbe;
  private final boolean preserveBuild;
  private final boolean tracksMatches;
  private final Spec spec;
  private final int level;
  private GracePartitions grace;

  private RowStore store;
  private KeyTable table;

  /**
   * One LONG or DOUBLE key, or LONG keys to pack ({@link #packs}): the build rows go through a
   * {@link JoinIndex} (a key to its chain of rows, sized and built once the build side is
   * complete), not through {@link #table} and {@link #heads}. Cleared when packed keys do not fit.
   */
  private boolean indexed;

  /**
   * Two or more LONG keys, none null-safe: the build observes their ranges, and once complete packs
   * them into one key of the index when they fit ({@link PackedJoinKeys}), else builds {@link
   * #table}.
   */
  private final boolean packs;

  /** The packing of the keys, fixed when the index was built on it; else null. */
  private PackedJoinKeys packed;

  /** Whether the index was built on {@link #packed} keys. */
  private boolean packedIndex;

  /** With {@link #packed}: per row of the probe batch, whether its keys can match no built row. */
  private boolean[] keyMisses = new boolean[0];

  private final boolean doubleKey;
  private JoinIndex index;

  /** This join's own arrays for looking a probe batch up in {@link #index}. */
  private final IndexProbe indexProbe = new IndexProbe();

  /** With an index and a null-safe key: the rows whose key is NULL, chained once it is sealed. */
  private int[] nullSafeRows = new int[0];

  private int nullSafeCount;

  /** The last of {@link #nullSafeRows}, the chain a NULL probe key matches, or -1. */
  private int nullHead = -1;

  /** The normalized bits of a probe batch's DOUBLE keys. */
  private long[] keyBits = new long[0];

  private int[] heads = new int[16];
  private int[] next = new int[16];
  private boolean[] matched;
  private int[] nullKeyRows = new int[0];
  private int nullKeyCount;
  private BatchWriter out;

  /** Per output column, whether the consumer reads it ({@link #emitOnly}); null: every one. */
  private boolean[] emitted;

  private ColumnBatch probeBatch;

  /** The key hashes of the rows of {@link #probeBatch}, and of the build batch being added. */
  private int[] hashes = new int[0];

  /**
   * Per row of {@link #probeBatch}: the first build row of its key's chain, or -1; while the table
   * is built, the key numbers of the build batch's rows.
   */
  private int[] starts = new int[0];

  /** The pairs of probe and build rows written next, gathered a column at a time. */
  private int[] pairProbe = new int[0];

  private int[] pairBuild = new int[0];

  private int probeRow;
  private int chain = START;
  private boolean rowMatched;
  private boolean probeDone;
  private int tailRow;
  private boolean closed;

  /** With a residual: the first expression made, for {@link #pairs}. */
  private final Expr firstResidual;

  /** With a residual: the candidate pairs of the probe batch gathered last. */
  private JoinPairs pairs;

  /** With a residual, for MARK: the pairs whose keys are unknown (a NULL key). */
  private JoinPairs unknownPairs;

  /** Whether {@link #pairs} are evaluated and not yet all emitted. */
  private boolean pending;

  /** The next pair of {@link #pairs} to emit. */
  private int emitPos;

  /** The probe rows before this one have all their pairs in {@link #pairs} or before. */
  private int gatheredEnd;

  /** The next probe row whose own output (unmatched, SEMI, ANTI, MARK) is due. */
  private int finishRow;

  /** Per probe row of the batch: a pair passed; for MARK, a pair's residual was NULL. */
  private boolean[] rowPassed = new boolean[0];

  private boolean[] rowUnknown = new boolean[0];

  /** Built by {@link #buildShared}: the table is complete and other joins may probe it. */
  private boolean builtForSharing;

  /** True while {@link #buildShared} builds: the table must stay in memory, never spill. */
  private boolean sharing;

  /** Where the built keys of key pair {@link #filterKey} go once built ({@link #publishKeys}). */
  private KeyFilter keyFilter;

  private int filterKey;

  /** The join whose table this one probes ({@link #probing}), or null for a join of its own. */
  private HashJoin shared;

  /**
   * A join that only emits the build rows owed after the probes ({@link #afterProbes}): how many
   * probing joins must have read all their input first; -1 for any other join.
   */
  private int awaitedProbes = -1;

  /** A probing join of a join that tracks its matches has told {@link #shared} it is done. */
  private boolean probeReported;

  /** On a join built for sharing: how many probing joins have read all their input. */
  private int probesFinished;

  /**
   * @param leftKeys the key columns of the left input
   * @param rightKeys the key columns of the right input, pairwise of the same kind as the left's
   * @param build which input to build: the smaller, as the caller estimates; MARK builds RIGHT
   * @param subject what the built side holds, for the memory error ({@code table 'x'})
   */
  public HashJoin(
      Operator left,
      Operator right,
      int[] leftKeys,
      int[] rightKeys,
      JoinType type,
      Build build,
      ExecContext context,
      String subject) {
    this(
        left,
        right,
        leftKeys,
        rightKeys,
        new boolean[leftKeys.length],
        null,
        type,
        build,
        context,
        subject,
        0);
  }

  /**
   * As above, with keys compared as {@code IS NOT DISTINCT FROM} where {@code nullSafe} says so:
   * NULL matches NULL on such a key (a decorrelated subquery joined back to its outer rows), where
   * on the others a NULL key matches nothing. Not for MARK, whose NULLs mean unknown.
   */
  public HashJoin(
      Operator left,
      Operator right,
      int[] leftKeys,
      int[] rightKeys,
      boolean[] nullSafe,
      JoinType type,
      Build build,
      ExecContext context,
      String subject) {
    this(left, right, leftKeys, rightKeys, nullSafe, null, type, build, context, subject, 0);
  }

  /**
   * As above, with a residual condition: a pair whose keys match joins only where {@code residual}
   * (a BOOLEAN expression over the left columns then the right columns, as the output of an INNER
   * join has them) is TRUE. A pair whose residual is FALSE or NULL is no match: LEFT, RIGHT and
   * FULL emit a row none of whose pairs passed with NULLs, SEMI a probe row once if a pair passes,
   * ANTI only if none does. MARK is TRUE when a pair passes; else NULL when a pair's residual is
   * NULL, or when a pair whose keys are unknown (a NULL key, as {@link JoinType#MARK} says) has a
   * residual that is not FALSE; else FALSE. The residual is evaluated only for pairs whose keys
   * match (and, for MARK, for those whose keys may match), a batch of pairs at a time, so an
   * overflow or a zero divisor fails only for such a pair.
   *
   * @param residual makes the residual; each join of a spilled partition makes its own
   */
  public HashJoin(
      Operator left,
      Operator right,
      int[] leftKeys,
      int[] rightKeys,
      boolean[] nullSafe,
      Supplier<? extends Expr> residual,
      JoinType type,
      Build build,
      ExecContext context,
      String subject) {
    this(
        left,
        right,
        leftKeys,
        rightKeys,
        nullSafe,
        requireNonNull(residual, "residual is null"),
        type,
        build,
        context,
        subject,
        0);
  }

  private HashJoin(
      Operator left,
      Operator right,
      int[] leftKeys,
      int[] rightKeys,
      boolean[] nullSafe,
      Supplier<? extends Expr> residual,
      JoinType type,
      Build build,
      ExecContext context,
      String subject,
      int level) {
    this.level = level;
    this.left = requireNonNull(left, "left is null");
    this.right = requireNonNull(right, "right is null");
    this.type = requireNonNull(type, "type is null");
    this.context = requireNonNull(context, "context is null");
    requireNonNull(build, "build is null");
    if (leftKeys.length == 0 || leftKeys.length != rightKeys.length) {
      throw new IllegalArgumentException(
          "an equi-join needs as many left keys as right keys, at least one: "
              + leftKeys.length
              + " and "
              + rightKeys.length);
    }
    for (int i = 0; i < leftKeys.length; i++) {
      ColumnType l = left.types().get(leftKeys[i]);
      ColumnType r = right.types().get(rightKeys[i]);
      Cells.checkComparable(l, "left key", leftKeys[i]);
      Cells.checkComparable(r, "right key", rightKeys[i]);
      if (Kind.of(l) != Kind.of(r) || (Kind.of(l) == Kind.OBJECT && l != r)) {
        throw new IllegalArgumentException(
            "join key "
                + i
                + " compares "
                + l
                + " with "
                + r
                + ": cast one side to the other's type first");
      }
    }
    if (type == JoinType.MARK && build != Build.RIGHT) {
      throw new IllegalArgumentException("a mark join builds its right input (the IN list)");
    }
    if (nullSafe.length != leftKeys.length) {
      throw new IllegalArgumentException(
          "one null-safe flag per key pair: " + nullSafe.length + " for " + leftKeys.length);
    }
    boolean anyNullSafe = false;
    for (boolean n : nullSafe) {
      anyNullSafe |= n;
    }
    if (type == JoinType.MARK && anyNullSafe) {
      throw new IllegalArgumentException("a mark join's NULL keys are unknown, never equal");
    }
    this.nullSafe = nullSafe.clone();
    this.residual = residual;
    this.firstResidual = residual == null ? null : residual.get();
    if (firstResidual != null && firstResidual.type() != ColumnType.BOOLEAN) {
      throw new IllegalArgumentException(
          "a residual join condition is BOOLEAN, not " + firstResidual.type());
    }
    this.buildLeft = build == Build.LEFT;
    this.build = buildLeft ? left : right;
    this.probe = buildLeft ? right : left;
    this.buildKeys = (buildLeft ? leftKeys : rightKeys).clone();
    this.probeKeys = (buildLeft ? rightKeys : leftKeys).clone();
    this.budget = context.budget(HeldBy.JOIN, subject);
    Kind firstKind = Kind.of(this.build.types().get(buildKeys[0]));
    this.packs = buildKeys.length > 1 && !anyNullSafe && allLong(this.build.types(), buildKeys);
    this.indexed = buildKeys.length == 1 && firstKind != Kind.OBJECT || packs;
    this.doubleKey = firstKind == Kind.DOUBLE;
    leftWidth = left.types().size();
    rightWidth = right.types().size();
    List<ColumnType> t = new ArrayList<>(left.types());
    if (type.outputsRight()) {
      t.addAll(right.types());
    } else if (type == JoinType.MARK) {
      t.add(ColumnType.BOOLEAN);
    }
    types = List.copyOf(t);
    boolean keepLeft = type == JoinType.LEFT || type == JoinType.FULL;
    boolean keepRight = type == JoinType.RIGHT || type == JoinType.FULL;
    preserveProbe = buildLeft ? keepRight : keepLeft;
    preserveBuild = buildLeft ? keepLeft : keepRight;
    tracksMatches =
        preserveBuild || (buildLeft && (type == JoinType.SEMI || type == JoinType.ANTI));
    spec =
        new Spec(
            leftKeys.clone(),
            rightKeys.clone(),
            type,
            build,
            subject,
            this.build.types(),
            probe.types(),
            types,
            buildKeys,
            probeKeys,
            this.nullSafe,
            residual,
            preserveBuild);
  }

  private static boolean allLong(List<ColumnType> types, int[] keys) {
    for (int k : keys) {
      if (Kind.of(types.get(k)) != Kind.LONG) {
        return false;
      }
    }
    return true;
  }

  @Override
  public List<ColumnType> types() {
    return types;
  }

  @Override
  public ColumnBatch next() {
    if (closed) {
      return null;
    }
    try {
      if (out == null) {
        if (shared == null) {
          buildTable();
        } else if (awaitedProbes >= 0) {
          shared.awaitProbes(awaitedProbes, context);
        }
        out = ColumnsRead.writer(types, emitted, context.batchSize());
      }
      if (grace != null) {
        return grace.next();
      }
    } catch (RuntimeException e) {
      // a failure or a cancel: the spill files go now, not when the consumer closes
      if (grace != null) {
        grace.close();
      }
      throw e;
    }
    while (!probeDone && !out.full()) {
      if (probeBatch == null || probeBatchDone()) {
        context.checkCancelled();
        probeBatch = probe.next();
        probeRow = 0;
        chain = START;
        if (probeBatch == null) {
          probeDone = true;
          probe.close();
          break;
        }
        if (!indexed) {
          hashBatch(probeBatch, probeKeys);
        }
        findStarts();
        if (firstResidual != null) {
          startResidualBatch();
        }
        continue;
      }
      if (firstResidual != null) {
        residualRows();
      } else if (type.outputsRight()) {
        probePairs();
      } else {
        probeRows();
      }
    }
    if (probeDone && tracksMatches) {
      if (shared == null || awaitedProbes >= 0) {
        tail();
      } else if (!probeReported) {
        // its matches are all marked: the build rows owed come from afterProbes, once
        probeReported = true;
        shared.probeFinished();
      }
    }
    return out.take();
  }

  private void buildTable() {
    List<ColumnType> buildTypes = build.types();
    store =
        new RowStore(
            buildTypes,
            ColumnsRead.heldBuildColumns(
                emitted,
                buildKeys,
                buildTypes.size(),
                outputsBuild() ? (buildLeft ? 0 : leftWidth) : -1,
                firstResidual != null));
    if (packs) {
      packed = new PackedJoinKeys(buildKeys.length);
    } else if (indexed) {
      index = new JoinIndex();
    } else {
      table = new KeyTable(keyTypes());
    }
    for (ColumnBatch b = build.next(); b != null; b = build.next()) {
      context.checkCancelled();
      if (grace == null && indexed) {
        addIndexedBatch(b);
        continue;
      }
      if (grace == null) {
        hashBatch(b, buildKeys);
        // the keys already in the table, looked up in one loop whose cache misses overlap
        if (starts.length < b.size()) {
          starts = new int[Math.max(b.size(), context.batchSize())];
        }
        table.findAll(b, buildKeys, b.size(), hashes, starts);
      }
      for (int r = 0; r < b.size(); r++) {
        if (grace != null) {
          grace.addBuild(b, r);
        } else {
          addBuildRow(b, r, hashes[r], starts[r]);
        }
      }
    }
    build.close();
    if (grace == null && indexed) {
      sealIndex();
    }
    if (grace != null) {
      for (ColumnBatch b = probe.next(); b != null; b = probe.next()) {
        context.checkCancelled();
        for (int r = 0; r < b.size(); r++) {
          grace.addProbe(b, r);
        }
      }
      probe.close();
      return;
    }
    if (keyFilter != null) {
      keyFilter.publish(store, buildKeys[filterKey], budget);
    }
    if (tracksMatches) {
      matched = new boolean[store.size()];
    }
  }

  /** Whether the output holds the build side's columns. */
  private boolean outputsBuild() {
    return type.outputsRight() || buildLeft;
  }

  private List<ColumnType> keyTypes() {
    List<ColumnType> keyTypes = new ArrayList<>();
    for (int k : buildKeys) {
      keyTypes.add(build.types().get(k));
    }
    return keyTypes;
  }

  /**
   * Publishes the built side's values of key pair {@code key} to {@code filter} once the table is
   * built in memory (not when it spills), so that the operators under the probe side can drop rows
   * that cannot join ({@link KeyFiltered}). Only for a join that emits no probe row without a match
   * (INNER, SEMI, an outer join preserving the built side only) on a LONG key that is not
   * null-safe; call it before the first {@link #next}.
   */
  public void publishKeys(KeyFilter filter, int key) {
    if (type == JoinType.ANTI || type == JoinType.MARK || preserveProbe) {
      throw new IllegalArgumentException("a " + type + " join keeps probe rows without a match");
    }
    if (key < 0 || key >= buildKeys.length || nullSafe[key]) {
      throw new IllegalArgumentException("key " + key + " is not a key that NULL never matches");
    }
    if (Kind.of(build.types().get(buildKeys[key])) != Kind.LONG) {
      throw new IllegalArgumentException("a key filter holds LONG keys only");
    }
    if (out != null || builtForSharing || shared != null) {
      throw new IllegalStateException("the join has started, or its table is shared");
    }
    this.keyFilter = requireNonNull(filter, "filter is null");
    this.filterKey = key;
  }

  private void hashBatch(ColumnBatch b, int[] keys) {
    if (hashes.length < b.size()) {
      hashes = new int[Math.max(b.size(), context.batchSize())];
    }
    table.hash(b, keys, b.size(), hashes);
  }

  /**
   * Adds build row {@code r} of {@code b}, whose key {@link KeyTable#findAll} numbered {@code
   * known} (-1 when it was not in the table then: an earlier row of the batch may have added it
   * since).
   */
  private void addBuildRow(ColumnBatch b, int r, int hash, int known) {
    int row = store.size();
    boolean nullKey = hasNullKey(b, buildKeys, nullSafe, r);
    int id = nullKey ? -1 : known;
    // charged as new: an earlier row of the batch may have added it since, which costs nothing
    long newKey = nullKey || id >= 0 ? 0 : table.bytesOfNewKey(b, buildKeys, r);
    long needed =
        store.bytesAfterAppend(b, r)
            + table.bytes()
            + newKey
            + 4L * (next.length + heads.length)
            + 4L * nullKeyRows.length;
    if (spillsInsteadOf(needed)) {
      grace.addBuild(b, r);
      return;
    }
    budget.reserveUpTo(needed + 8, row + 1L);
    store.append(b, r);
    if (row == next.length) {
      next = Arrays.copyOf(next, row + (row >> 1) + 16);
    }
    if (nullKey) {
      next[row] = -1;
      nullKeyRows = addRow(nullKeyRows, nullKeyCount++, row);
      return;
    }
    chain(b, buildKeys, r, row, hash, id);
  }

  /**
   * Chains build row {@code row}, whose key (not NULL) is row {@code r} of {@code b}'s columns
   * {@code keys}, numbered {@code id} by the table or -1 when it was not found there.
   */
  private void chain(ColumnBatch b, int[] keys, int r, int row, int hash, int id) {
    if (id < 0) {
      int known = table.size();
      id = table.findOrAdd(b, keys, r, hash);
      if (table.size() > known) {
        if (id == heads.length) {
          heads = Arrays.copyOf(heads, id + (id >> 1) + 16);
        }
        heads[id] = -1;
      }
    }
    next[row] = heads[id];
    heads[id] = row;
  }

  /**
   * Adds the rows of build batch {@code b} to the store and their keys to the index, a column at a
   * time; their bytes are reserved for the whole batch. A batch that does not fit turns the join
   * into a grace join when it may spill.
   */
  private void addIndexedBatch(ColumnBatch b) {
    int n = b.size();
    if (n == 0) {
      return;
    }
    int first = store.size();
    // the rows' objects are read once, here, and the figure handed to the store
    long objects = store.objectBytes(b, 0, n);
    long needed =
        store.bytesAfterAppend(n, objects)
            // packed keys: the index's keys, added once the build is complete, 8 bytes a row
            + (packs ? 8L * (first + n) : index.bytesAfterAdding(first + n - 1))
            + 4L * (nullKeyRows.length + nullSafeRows.length + n);
    if (spillsInsteadOf(needed)) {
      for (int r = 0; r < n; r++) {
        grace.addBuild(b, r);
      }
      return;
    }
    budget.reserveUpTo(needed + 8, first + (long) n);
    store.appendAll(b, 0, n, objects);
    if (packs) {
      packed.observe(b, buildKeys, n);
      for (int r = 0; r < n; r++) {
        if (hasNullKey(b, buildKeys, nullSafe, r)) {
          nullKeyRows = addRow(nullKeyRows, nullKeyCount++, first + r);
        }
      }
      return;
    }
    int c = buildKeys[0];
    boolean[] nulls = b.nulls(c);
    long[] longs = doubleKey ? null : b.longs(c);
    double[] doubles = doubleKey ? b.doubles(c) : null;
    for (int r = 0; r < n; r++) {
      int row = first + r;
      if (nulls[r]) {
        index.addKeyless(row);
        if (nullSafe[0]) {
          nullSafeRows = addRow(nullSafeRows, nullSafeCount++, row);
        } else {
          nullKeyRows = addRow(nullKeyRows, nullKeyCount++, row);
        }
      } else {
        index.add(doubleKey ? Cells.keyBits(doubles[r]) : longs[r], row);
      }
    }
  }

  /**
   * Whether the build, holding {@code needed} bytes with what comes next, outgrows the join's
   * memory and may spill: then it has become a grace join ({@link #toGrace}) and the caller hands
   * the rows to it. A build shared with other workers cannot spill and says so ({@link
   * NotShareable}).
   */
  private boolean spillsInsteadOf(long needed) {
    if (needed + 8 <= budget.limit().bytes()
        || !context.spill().enabled()
        || level >= Partitions.MAX_LEVEL) {
      return false;
    }
    if (sharing) {
      throw new NotShareable();
    }
    toGrace();
    return true;
  }

  private static int[] addRow(int[] rows, int at, int row) {
    int[] r = at == rows.length ? Arrays.copyOf(rows, at * 2 + 16) : rows;
    r[at] = row;
    return r;
  }

  /**
   * Ends an indexed build: reserves the chains and the index (the bytes it takes are known only now
   * that every row is in), or goes to a grace join when they do not fit and it may spill.
   */
  private void sealIndex() {
    if (packed != null && !indexPacked()) {
      return;
    }
    long extra = index.sealBytes();
    long lists = 4L * (nullKeyRows.length + nullSafeRows.length);
    long needed = store.bytes() + index.bytes() + extra + lists;
    if (spillsInsteadOf(needed)) {
      return;
    }
    budget.reserveUpTo(needed + 8, store.size());
    if (!index.seal(extra)) {
      throw new IllegalStateException("the join index did not fit the bytes it asked for");
    }
    next = index.chains();
    for (int i = 0; i < nullSafeCount; i++) {
      next[nullSafeRows[i]] = nullHead;
      nullHead = nullSafeRows[i];
    }
    // the keys as added are gone: give back what only the build needed
    long held = store.bytes() + index.bytes() + lists + 8;
    if (budget.reserved() > held) {
      budget.release(budget.reserved() - held);
    }
  }

  /**
   * With keys to pack, once the build side is complete: adds each row's packed key to a new index
   * and returns true for {@link #sealIndex} to seal it; or builds the {@link KeyTable} instead when
   * the keys' ranges do not pack, or turns to a grace join when the keys do not fit in memory, and
   * returns false.
   */
  private boolean indexPacked() {
    int rows = store.size();
    if (!packed.fit()) {
      packed = null;
      indexed = false;
      buildTableFromStore();
      return false;
    }
    long lists = 4L * nullKeyRows.length;
    long needed = store.bytes() + 8L * Math.max(16, rows) + 8L * (rows / 64 + 1) + lists;
    if (spillsInsteadOf(needed)) {
      return false;
    }
    budget.reserveUpTo(needed + 8, rows);
    index = new JoinIndex(rows);
    int[] keys = buildKeys;
    for (int row = 0; row < rows; row++) {
      if ((row & 0xFFFF) == 0) {
        context.checkCancelled();
      }
      if (hasNullKey(store, keys, row)) {
        index.addKeyless(row);
      } else {
        index.add(packed.pack(store, keys, row), row);
      }
    }
    packedIndex = true;
    return true;
  }

  private static boolean hasNullKey(RowStore store, int[] keys, int row) {
    for (int k : keys) {
      if (store.isNull(k, row)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Keys whose ranges do not pack: numbers them in a {@link KeyTable} and chains the rows as a join
   * of several keys always did, reading the keys back from the store a batch at a time (the rows
   * with a NULL key are listed already). Turns to a grace join when the table does not fit.
   */
  private void buildTableFromStore() {
    table = new KeyTable(keyTypes());
    int rows = store.size();
    int width = buildKeys.length;
    int size = context.batchSize();
    ColumnBatch keys = new ColumnBatch(keyTypes().toArray(new ColumnType[0]), size);
    int[] columns = new int[width];
    int[] at = new int[size];
    for (int i = 0; i < width; i++) {
      columns[i] = i;
    }
    next = new int[rows];
    Arrays.fill(next, -1);
    if (starts.length < size) {
      starts = new int[size];
    }
    for (int from = 0; from < rows; from += size) {
      context.checkCancelled();
      int n = Math.min(size, rows - from);
      for (int i = 0; i < n; i++) {
        at[i] = from + i;
      }
      keys.clear();
      for (int i = 0; i < width; i++) {
        store.gatherColumn(buildKeys[i], at, 0, n, keys, 0, i);
      }
      keys.setSize(n);
      hashBatch(keys, columns);
      table.findAll(keys, columns, n, hashes, starts);
      for (int r = 0; r < n; r++) {
        if (hasNullKey(keys, columns, nullSafe, r)) {
          continue;
        }
        int id = starts[r];
        long needed =
            store.bytes()
                + table.bytes()
                + (id >= 0 ? 0 : table.bytesOfNewKey(keys, columns, r))
                + 4L * (next.length + heads.length)
                + 4L * nullKeyRows.length;
        if (spillsInsteadOf(needed)) {
          return;
        }
        budget.reserveUpTo(needed + 8, from + r + 1L);
        chain(keys, columns, r, from + r, hashes[r], id);
      }
    }
    // the packed keys the build reserved for were never made: give them back
    long held =
        store.bytes()
            + table.bytes()
            + 4L * (next.length + heads.length)
            + 4L * nullKeyRows.length
            + 8;
    if (budget.reserved() > held) {
      budget.release(budget.reserved() - held);
    }
  }

  /**
   * Writes the rows built so far to partitions on disk and drops the table: a grace join from now
   * on.
   */
  private void toGrace() {
    grace = new GracePartitions(spec, context, budget, level);
    for (int row = 0; row < store.size(); row++) {
      if (row % context.batchSize() == 0) {
        context.checkCancelled();
      }
      grace.addBuild(store, row);
    }
    store = null;
    table = null;
    index = null;
    packed = null;
    heads = new int[0];
    next = new int[0];
    nullKeyRows = new int[0];
    nullKeyCount = 0;
    nullSafeRows = new int[0];
    nullSafeCount = 0;
    budget.releaseAll();
  }

  /**
   * Whether this join remembers which built rows matched (an outer join preserving the built side,
   * a SEMI or ANTI join building its left input): it owes build rows after its probe. Shared, its
   * probing joins only mark their matches, and {@link #afterProbes} emits those rows once.
   */
  public boolean tracksMatches() {
    return tracksMatches;
  }

  /**
   * Builds this join's table now, in memory, for {@link #probing} joins of other threads; its own
   * probe input is never read (close it with the join). Returns false when the table does not fit
   * in memory and the query may spill: a spilling (grace) join cannot be shared, and the caller
   * runs the join alone instead. Without spilling, a table over the limit fails as it would alone.
   */
  public boolean buildShared() {
    if (out != null || builtForSharing) {
      throw new IllegalStateException("the join has already run");
    }
    sharing = true;
    try {
      buildTable();
    } catch (NotShareable e) {
      close();
      return false;
    } finally {
      sharing = false;
    }
    builtForSharing = true;
    return true;
  }

  /**
   * A join of {@code probeInput} against the table this join built ({@link #buildShared}): the rows
   * this join would make from that input, read by one thread while others probe the same table (for
   * a join that {@link #tracksMatches}, the rows made while probing; it marks its matches in this
   * join's flags, and {@link #afterProbes} emits the build rows owed once). The table stays this
   * join's, counted in its budget, and must outlive the probing join; closing the probing join
   * closes {@code probeInput} only.
   */
  public HashJoin probing(Operator probeInput, ExecContext probeContext) {
    if (!builtForSharing || closed) {
      throw new IllegalStateException("the table is not built for sharing, or closed");
    }
    Operator none = Rows.empty(build.types());
    HashJoin j =
        new HashJoin(
            buildLeft ? none : probeInput,
            buildLeft ? probeInput : none,
            spec.leftKeys(),
            spec.rightKeys(),
            nullSafe,
            residual,
            type,
            spec.build(),
            probeContext,
            spec.subject(),
            level);
    j.shared = this;
    j.emitted = emitted;
    j.store = store;
    j.table = table;
    j.index = index;
    j.indexed = indexed;
    j.packed = packed;
    j.nullHead = nullHead;
    j.heads = heads;
    j.next = next;
    j.nullKeyRows = nullKeyRows;
    j.nullKeyCount = nullKeyCount;
    j.matched = matched;
    return j;
  }

  /**
   * For a join that {@link #tracksMatches}: the build rows it owes after its probes (each matched
   * row for SEMI, each unmatched one for ANTI, each unmatched one with NULLs for the other side for
   * an outer join), in the order of its table, as one join emits them after its probe. Its first
   * batch waits until {@code probes} joins {@link #probing} this table have read all their input;
   * until then it sees a cancel or a worker's stop through {@code tailContext}.
   *
   * <p>The probing joins mark their matches in one array of flags without a lock: each flag is only
   * ever set to true, a {@code boolean[]} element is written alone (no word tearing, JLS 17.6), so
   * a race between two workers setting one flag leaves it true either way, and the flags end as the
   * union of every probe's matches whatever the order, the flags of one thread probing all. Each
   * probing join reports its end under this join's lock after its last mark, and this one reads the
   * flags only after taking that lock and seeing every report, so it sees every mark.
   */
  public HashJoin afterProbes(int probes, ExecContext tailContext) {
    if (!tracksMatches) {
      throw new IllegalStateException(
          "a " + type + " join building " + spec.build() + " owes no rows");
    }
    if (probes < 0) {
      throw new IllegalArgumentException("probes " + probes);
    }
    HashJoin j = probing(Rows.empty(probe.types()), tailContext);
    j.awaitedProbes = probes;
    j.probeDone = true;
    return j;
  }

  /** A join probing this table has read all its input, every match it found marked. */
  private synchronized void probeFinished() {
    probesFinished++;
    notifyAll();
  }

  /** Waits until {@code probes} joins probing this table have read all their input. */
  private synchronized void awaitProbes(int probes, ExecContext waiting) {
    while (probesFinished < probes) {
      waiting.checkCancelled();
      try {
        // timed: a worker's stop or the statement's cancel does not notify this lock
        wait(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new QueryCancelledException("query cancelled: the thread running it was interrupted");
      }
    }
  }

  /**
   * Says which of the join's output columns its consumer reads ({@code columns}, one flag per
   * output column): the join writes only those, and the others hold no defined value (NULL where
   * the join writes nothing; the rows an outer join pads and those it owes after its probe write
   * them), so the consumer must not read them. The build side then holds only its columns read, its
   * keys, and every column when there is a residual, in memory and when it spills. Call it before
   * the first {@link #next}; a join built for sharing passes it on to the joins {@link #probing}
   * its table.
   */
  public void emitOnly(boolean[] columns) {
    if (columns.length != types.size()) {
      throw new IllegalArgumentException(
          columns.length + " flags of columns read for " + types.size() + " columns");
    }
    if (out != null || store != null || shared != null) {
      throw new IllegalStateException("the join has started, or probes a shared table");
    }
    this.emitted = columns.clone();
  }

  /** Whether this join (not counting the joins of its partitions) spilled to disk. */
  public boolean spilled() {
    return grace != null;
  }

  /** Whether row {@code r} has a NULL on a key that is not null-safe: it matches no row. */
  static boolean hasNullKey(ColumnBatch b, int[] keys, boolean[] nullSafe, int r) {
    for (int i = 0; i < keys.length; i++) {
      if (!nullSafe[i] && b.nulls(keys[i])[r]) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first build row of each probe row's chain into {@link #starts}, the whole batch in three
   * tight loops (keys to numbers, NULL keys out, numbers to chains), so that the cache misses of
   * different rows overlap.
   */
  private void findStarts() {
    int n = probeBatch.size();
    if (starts.length < n) {
      starts = new int[Math.max(n, context.batchSize())];
    }
    int[] s = starts;
    if (indexed) {
      findIndexedStarts(n, s);
      return;
    }
    table.findAll(probeBatch, probeKeys, n, hashes, s);
    for (int i = 0; i < probeKeys.length; i++) {
      if (!nullSafe[i]) {
        boolean[] nulls = probeBatch.nulls(probeKeys[i]);
        for (int r = 0; r < n; r++) {
          if (nulls[r]) {
            s[r] = -1;
          }
        }
      }
    }
    int[] h = heads;
    for (int r = 0; r < n; r++) {
      int id = s[r];
      s[r] = id < 0 ? -1 : h[id];
    }
  }

  /** {@link #findStarts} through the index: its rows are the chains' starts already. */
  private void findIndexedStarts(int n, int[] s) {
    if (packed != null) {
      if (keyMisses.length < n) {
        keyBits = new long[Math.max(n, context.batchSize())];
        keyMisses = new boolean[keyBits.length];
      }
      packed.packAll(probeBatch, probeKeys, n, keyBits, keyMisses);
      indexProbe.firstAll(index, keyBits, keyMisses, n, s);
      return;
    }
    int c = probeKeys[0];
    boolean[] nulls = probeBatch.nulls(c);
    long[] keys;
    if (doubleKey) {
      if (keyBits.length < n) {
        keyBits = new long[Math.max(n, context.batchSize())];
      }
      double[] values = probeBatch.doubles(c);
      for (int r = 0; r < n; r++) {
        keyBits[r] = Cells.keyBits(values[r]);
      }
      keys = keyBits;
    } else {
      keys = probeBatch.longs(c);
    }
    indexProbe.firstAll(index, keys, nulls, n, s);
    if (nullHead >= 0) {
      for (int r = 0; r < n; r++) {
        if (nulls[r]) {
          s[r] = nullHead;
        }
      }
    }
  }

  private int firstMatch(int r) {
    return starts[r];
  }

  /**
   * INNER, LEFT, RIGHT and FULL without a residual: pairs the probe rows from {@link #probeRow} on
   * with their build rows, as many as the output batch holds, then writes them a column at a time.
   */
  private void probePairs() {
    int room = out.room();
    if (pairProbe.length < room) {
      pairProbe = new int[Math.max(room, context.batchSize())];
      pairBuild = new int[pairProbe.length];
    }
    int[] pp = pairProbe;
    int[] pb = pairBuild;
    int[] chains = next;
    boolean[] marks = tracksMatches ? matched : null;
    int size = probeBatch.size();
    if (marks == null
        && !preserveProbe
        && nullHead < 0
        && chain == START
        && indexed
        && index != null
        && index.unique()) {
      int end = probeRow + Math.min(size - probeRow, room);
      int found = UniqueMatches.pairs(starts, probeRow, end, pp, pb);
      probeRow = end;
      writePairs(found, false);
      return;
    }
    int n = 0;
    boolean absent = false;
    int r = probeRow;
    int c = chain;
    boolean any = rowMatched;
    while (r < size && n < room) {
      if (c == START) {
        c = starts[r];
        any = false;
      }
      while (c >= 0 && n < room) {
        pp[n] = r;
        pb[n] = c;
        n++;
        if (marks != null && !marks[c]) {
          // read first: a row marked already is not written again, so workers sharing the flags
          // keep their cache lines shared instead of taking them from each other
          marks[c] = true;
        }
        any = true;
        c = chains[c];
      }
      if (c >= 0) {
        break;
      }
      if (!any && preserveProbe) {
        if (n == room) {
          break;
        }
        pp[n] = r;
        pb[n] = -1;
        n++;
        absent = true;
      }
      c = START;
      r++;
    }
    probeRow = r;
    chain = c;
    rowMatched = any;
    writePairs(n, absent);
  }

  /**
   * Writes the {@code n} pairs of {@link #pairProbe} and {@link #pairBuild} to the output a column
   * at a time; {@code absent} when a build row is -1 (a probe row without a match, NULLs for the
   * build side).
   */
  private void writePairs(int n, boolean absent) {
    if (n == 0) {
      return;
    }
    int[] pp = pairProbe;
    int[] pb = pairBuild;
    ColumnBatch o = out.batch();
    int w = out.row();
    int probeAt = buildLeft ? leftWidth : 0;
    boolean[] read = emitted;
    for (int col = 0; col < probeBatch.columnCount(); col++) {
      if (read == null || read[probeAt + col]) {
        Cells.gather(probeBatch, col, pp, n, o, probeAt + col, w);
      }
    }
    int buildAt = buildLeft ? 0 : leftWidth;
    if (read == null || absent) {
      store.gather(pb, 0, n, o, w, buildAt, absent);
    } else {
      for (int col = 0; col < store.columnCount(); col++) {
        if (read[buildAt + col]) {
          store.gatherColumn(col, pb, 0, n, o, w, buildAt + col);
        }
      }
    }
    out.commit(n);
  }

  /**
   * SEMI, ANTI and MARK without a residual: joins probe rows from {@link #probeRow} until the batch
   * ends or the output fills.
   */
  private void probeRows() {
    ColumnBatch o = out.batch();
    while (probeRow < probeBatch.size()) {
      int r = probeRow;
      switch (type) {
        case SEMI, ANTI -> {
          boolean found = firstMatch(r) >= 0;
          if (buildLeft) {
            boolean[] marks = matched;
            for (int b = firstMatch(r); b >= 0; b = next[b]) {
              if (!marks[b]) {
                marks[b] = true;
              }
            }
          } else if (found == (type == JoinType.SEMI)) {
            if (out.full()) {
              return;
            }
            copyProbe(r, o, out.row(), 0);
            out.commit();
          }
        }
        case MARK -> {
          if (out.full()) {
            return;
          }
          int w = out.row();
          copyProbe(r, o, w, 0);
          int mark = mark(r);
          o.nulls(leftWidth)[w] = mark < 0;
          o.longs(leftWidth)[w] = Math.max(mark, 0);
          out.commit();
        }
        default -> throw new IllegalStateException(type + " joins its rows in probePairs");
      }
      probeRow++;
    }
  }

  /** Whether every row of the probe batch is joined and its output written. */
  private boolean probeBatchDone() {
    return probeRow >= probeBatch.size()
        && (firstResidual == null || !pending && finishRow >= probeBatch.size());
  }

  private void startResidualBatch() {
    if (pairs == null) {
      pairs =
          new JoinPairs(
              firstResidual, !buildLeft, left.types(), right.types(), context.batchSize());
    }
    int n = probeBatch.size();
    if (rowPassed.length < n) {
      rowPassed = new boolean[n];
      rowUnknown = new boolean[n];
    }
    Arrays.fill(rowPassed, 0, n, false);
    Arrays.fill(rowUnknown, 0, n, false);
    pending = false;
    finishRow = 0;
    gatheredEnd = 0;
  }

  /**
   * With a residual: gathers the next batch of candidate pairs of the probe batch and evaluates the
   * residual over them, then writes their output, as far as the output batch holds.
   */
  private void residualRows() {
    if (!pending) {
      // a batch of pairs may come of one probe row's long chain: as much work as a batch read
      context.checkCancelled();
      gatherPairs();
      pairs.evaluate();
      pending = true;
      emitPos = 0;
    }
    emitResidualPairs();
  }

  /**
   * Adds the pairs of the probe rows from {@link #probeRow} on until the pairs are full; a row with
   * a longer chain goes on in the next batch of pairs, from {@link #chain}.
   */
  private void gatherPairs() {
    pairs.clear();
    // once a pair of a probe row passed, SEMI, ANTI and MARK probing the left side know its answer
    boolean decidesOnce = !type.outputsRight() && !buildLeft;
    while (probeRow < probeBatch.size() && !pairs.full()) {
      int r = probeRow;
      if (chain == START) {
        chain = firstMatch(r);
      }
      if (decidesOnce && rowPassed[r]) {
        chain = -1;
      }
      while (chain >= 0 && !pairs.full()) {
        pairs.add(probeBatch, r, store, chain);
        chain = next[chain];
      }
      if (chain >= 0) {
        break;
      }
      chain = START;
      probeRow++;
    }
    gatheredEnd = probeRow;
  }

  /** Writes the pairs that passed, and the output of each probe row whose pairs are all known. */
  private void emitResidualPairs() {
    ColumnBatch o = out.batch();
    while (emitPos < pairs.size()) {
      int r = pairs.probeRow(emitPos);
      if (!finishRowsBefore(r)) {
        return;
      }
      if (pairs.passed(emitPos)) {
        if (type.outputsRight()) {
          if (out.full()) {
            return;
          }
          pairs.copyTo(emitPos, o, out.row());
          out.commit();
        }
        rowPassed[r] = true;
        if (tracksMatches && !matched[pairs.buildRow(emitPos)]) {
          matched[pairs.buildRow(emitPos)] = true;
        }
      } else if (pairs.unknown(emitPos)) {
        rowUnknown[r] = true;
      }
      emitPos++;
    }
    if (finishRowsBefore(gatheredEnd)) {
      pending = false;
    }
  }

  /**
   * Writes the output of the probe rows from {@link #finishRow} up to {@code end}, whose pairs are
   * all evaluated; false when the output batch filled first.
   */
  private boolean finishRowsBefore(int end) {
    ColumnBatch o = out.batch();
    while (finishRow < end) {
      if (out.full()) {
        return false;
      }
      int r = finishRow++;
      switch (type) {
        case SEMI, ANTI -> {
          if (!buildLeft && rowPassed[r] == (type == JoinType.SEMI)) {
            copyProbe(r, o, out.row(), 0);
            out.commit();
          }
        }
        case MARK -> {
          int w = out.row();
          copyProbe(r, o, w, 0);
          int mark = residualMark(r);
          o.nulls(leftWidth)[w] = mark < 0;
          o.longs(leftWidth)[w] = Math.max(mark, 0);
          out.commit();
        }
        default -> {
          if (!rowPassed[r] && preserveProbe) {
            writePair(r, -1);
          }
        }
      }
    }
    return true;
  }

  /** MARK with a residual for probe row {@code r}, its key-matching pairs evaluated: 1, 0 or -1. */
  private int residualMark(int r) {
    if (rowPassed[r]) {
      return 1;
    }
    if (rowUnknown[r]) {
      return -1;
    }
    if (store.size() == 0) {
      return 0;
    }
    boolean probeNullKey = hasNullKey(probeBatch, probeKeys, nullSafe, r);
    if (unknownPairs == null) {
      unknownPairs =
          new JoinPairs(residual.get(), true, left.types(), right.types(), context.batchSize());
    }
    unknownPairs.clear();
    // the build rows a NULL key may equal: all of them when the probe row's only key is NULL
    int count = probeNullKey ? store.size() : nullKeyCount;
    for (int i = 0; i < count; i++) {
      int b = probeNullKey ? i : nullKeyRows[i];
      if (probeNullKey && probeKeys.length == 1 || mayEqual(r, b)) {
        unknownPairs.add(probeBatch, r, store, b);
        if (unknownPairs.full() && unknownResidualHolds()) {
          return -1;
        }
      }
    }
    return unknownResidualHolds() ? -1 : 0;
  }

  /**
   * Whether a pair of {@link #unknownPairs} (whose keys are unknown) has a residual that is not
   * FALSE, so the pair may join; clears the pairs. A pair whose residual fails (an overflow) has no
   * value and is unknown too: its keys may not even match, so the failure is not the query's.
   */
  private boolean unknownResidualHolds() {
    try {
      unknownPairs.evaluate();
    } catch (QueryCancelledException e) {
      throw e;
    } catch (SqlStateException e) {
      unknownPairs.clear();
      return true;
    }
    boolean holds = false;
    for (int i = 0; i < unknownPairs.size(); i++) {
      holds |= unknownPairs.passed(i) || unknownPairs.unknown(i);
    }
    unknownPairs.clear();
    return holds;
  }

  /** Writes probe row {@code r} joined to build row {@code b}, or to NULLs when {@code b < 0}. */
  private void writePair(int r, int b) {
    ColumnBatch o = out.batch();
    int w = out.row();
    int probeAt = buildLeft ? leftWidth : 0;
    int buildAt = buildLeft ? 0 : leftWidth;
    copyProbe(r, o, w, probeAt);
    if (b >= 0) {
      store.copyTo(b, o, w, buildAt);
    } else {
      nulls(o, w, buildAt, buildLeft ? leftWidth : rightWidth);
    }
    out.commit();
  }

  private void copyProbe(int r, ColumnBatch o, int w, int at) {
    for (int c = 0; c < probeBatch.columnCount(); c++) {
      Cells.copy(probeBatch, c, r, o, at + c, w);
    }
  }

  private static void nulls(ColumnBatch o, int w, int from, int count) {
    for (int c = from; c < from + count; c++) {
      Cells.setNull(o, c, w);
    }
  }

  /** SQL's IN for probe row {@code r}: 1 TRUE, 0 FALSE, -1 NULL. */
  private int mark(int r) {
    if (store.size() == 0) {
      return 0;
    }
    if (hasNullKey(probeBatch, probeKeys, nullSafe, r)) {
      if (probeKeys.length == 1) {
        return -1;
      }
      for (int b = 0; b < store.size(); b++) {
        if (mayEqual(r, b)) {
          return -1;
        }
      }
      return 0;
    }
    if (firstMatch(r) >= 0) {
      return 1;
    }
    for (int i = 0; i < nullKeyCount; i++) {
      if (mayEqual(r, nullKeyRows[i])) {
        return -1;
      }
    }
    return 0;
  }

  /**
   * Whether probe row {@code r} and build row {@code b} differ on no key where both are non-null.
   */
  private boolean mayEqual(int r, int b) {
    for (int i = 0; i < probeKeys.length; i++) {
      int pc = probeKeys[i];
      int bc = buildKeys[i];
      if (probeBatch.nulls(pc)[r] || store.isNull(bc, b)) {
        continue;
      }
      boolean equal =
          switch (store.kind(bc)) {
            case LONG -> probeBatch.longs(pc)[r] == store.longAt(bc, b);
            case DOUBLE ->
                Cells.compareDoubles(probeBatch.doubles(pc)[r], store.doubleAt(bc, b)) == 0;
            default -> Cells.compareObjects(probeBatch.objects(pc)[r], store.objectAt(bc, b)) == 0;
          };
      if (!equal) {
        return false;
      }
    }
    return true;
  }

  /** After the probe: the build rows an outer, semi or anti join still owes. */
  private void tail() {
    ColumnBatch o = out.batch();
    while (tailRow < store.size() && !out.full()) {
      int b = tailRow++;
      boolean emit =
          type == JoinType.SEMI
              ? matched[b]
              : !matched[b]; // ANTI, or an outer join's unmatched row
      if (!emit) {
        continue;
      }
      int w = out.row();
      if (!type.outputsRight()) {
        store.copyTo(b, o, w, 0);
      } else if (buildLeft) {
        store.copyTo(b, o, w, 0);
        nulls(o, w, leftWidth, rightWidth);
      } else {
        nulls(o, w, 0, leftWidth);
        store.copyTo(b, o, w, leftWidth);
      }
      out.commit();
    }
  }

  /** Whether the table is built and indexed on packed keys ({@link PackedJoinKeys}), for tests. */
  boolean packedKeys() {
    return packedIndex;
  }

  /** Bytes reserved now, for tests and EXPLAIN ANALYZE. */
  public long reservedBytes() {
    return budget.reserved();
  }

  /** The table would spill while it is built for sharing. */
  private static final class NotShareable extends RuntimeException {
    NotShareable() {
      super("the join's table does not fit in memory", null, false, false);
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      store = null;
      table = null;
      index = null;
      budget.releaseAll();
      try {
        if (grace != null) {
          grace.close();
        }
      } finally {
        left.close();
        right.close();
      }
    }
  }
}
