package dev.bucketsql.engine.aggregate;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.BatchWriter;
import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.Selection;
import dev.bucketsql.engine.hash.KeyTable;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryBudget;
import dev.bucketsql.engine.spill.Partitions;
import dev.bucketsql.engine.spill.SpillFile;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;

/**
 * GROUP BY over any key columns (strings, decimals, several columns; NULL is a group of its own)
 * with COUNT, SUM, MIN, MAX, AVG and their DISTINCT forms, STRING_AGG and the SQL layer's folds
 * (the quantiles). Without key columns it returns one row, even over no input. Output: the key
 * columns, then one column per call, groups in order of first appearance.
 *
 * <p>Each new group reserves its estimated bytes (key, accumulators) in the operator's memory
 * budget before it is added; DISTINCT calls reserve each new (group, value) pair.
 *
 * <p>When a new group does not fit and the query may spill, the groups held stay and keep
 * aggregating their rows, and a row of any other key is written to disk instead, to one of {@link
 * Partitions#FANOUT} files by its key's hash. A key is thus aggregated wholly in memory or wholly
 * from disk, in input order either way, so results are exactly those of the in-memory aggregate
 * (integer sums included). After the groups held are written out and their memory released, each
 * file is aggregated by an aggregate of its own one level down, which spills in turn up to {@link
 * Partitions#MAX_LEVEL}. DISTINCT calls spill their pairs the same way ({@code
 * DistinctAccumulator}). Groups then come out in no defined order.
 *
 * <p>STRING_AGG and the folds hold their groups' values. Those of a group held stay in memory (they
 * cannot be written out and merged again), so with such calls new groups go to disk once half the
 * memory is taken, leaving the rest to the held groups' values; a held group whose values outgrow
 * it is the memory error. The groups on disk keep all their rows there, in input order.
 */
public final class HashAggregate implements Operator {
  /** The rows to aggregate, or null when a caller feeds them ({@link #add}, {@link #endInput}). */
  private final Operator input;

  private final List<ColumnType> inputTypes;
  private final MemoryBudget parentBudget;
  private final long memory;
  private boolean inputEnded;
  private final int[] keys;
  private final List<AggregateCall> calls;
  private final HeldBy heldBy;
  private final String subject;
  private final int level;
  private SpillFile[] spilled;
  private int nextPartition;
  private HashAggregate child;
  private long spilledRows;
  private final long groupShare;
  private long groupBytes;
  private final ExecContext context;
  private final MemoryBudget budget;
  private final List<ColumnType> types;
  private final KeyTable groups;

  /** The groups of dictionary-numbered keys by their numbers, or null when a key cannot be. */
  private final DictionaryGroups numbered;

  private final Accumulator[] accumulators;
  private final long bytesPerGroupOfCalls;

  /** The memory kept free for the values of the groups held, when calls hold values. */
  private final long valueRoom;

  private int groupCount;
  private int capacity;
  private int[] rowGroups = new int[0];
  private int[] rowNumbers = new int[0];
  private int[] hashes = new int[0];
  private int[] selected = new int[0];

  /** Per row of the batch: its group as found before any of the batch's new groups was added. */
  private int[] found = new int[0];

  /** Per row of the batch not found: the bytes its key would take as a new group. */
  private long[] newKeyBytes = new long[0];

  /** Whether {@link #newKeyBytes} holds the batch's figures: made once a new group comes. */
  private boolean newKeyBytesMade;

  /** Whether a group key has an OBJECT column (a string), whose bytes are read per value. */
  private final boolean keysHoldObjects;

  /** What every new group's key is charged when no key column holds objects, else -1. */
  private final long fixedKeyBytes;

  private BatchWriter out;
  private int emitted;
  private boolean closed;

  /**
   * @param input the rows to aggregate
   * @param keys the group key columns of the input, none for one group over all rows
   * @param calls the aggregate calls
   * @param subject what the groups come from, for the memory error ({@code table 'x'})
   */
  public HashAggregate(
      Operator input, int[] keys, List<AggregateCall> calls, ExecContext context, String subject) {
    this(input, keys, calls, context, HeldBy.AGGREGATE, subject);
  }

  /**
   * As above, for an operator that groups on behalf of another: its memory and spill errors name
   * {@code heldBy} (a set operation holds the distinct rows of its inputs as groups).
   */
  public HashAggregate(
      Operator input,
      int[] keys,
      List<AggregateCall> calls,
      ExecContext context,
      HeldBy heldBy,
      String subject) {
    this(
        requireNonNull(input, "input is null"),
        input.types(),
        keys,
        calls,
        context,
        heldBy,
        subject,
        0,
        null,
        context.memory().bytes());
  }

  /**
   * An aggregate its caller feeds a batch at a time ({@link #add}, then {@link #endInput}) before
   * it reads the groups: one grouping set of a {@link GroupingSetsAggregate}, reserving in a part
   * of {@code parent} and planning (when to spill, the DISTINCT pairs' share) with {@code memory}
   * bytes of it.
   */
  static HashAggregate fed(
      List<ColumnType> inputTypes,
      int[] keys,
      List<AggregateCall> calls,
      ExecContext context,
      MemoryBudget parent,
      long memory) {
    requireNonNull(parent, "parent is null");
    return new HashAggregate(
        null,
        inputTypes,
        keys,
        calls,
        context,
        parent.heldBy(),
        parent.subject(),
        0,
        parent,
        memory);
  }

  private HashAggregate(
      Operator input,
      List<ColumnType> inputTypes,
      int[] keys,
      List<AggregateCall> calls,
      ExecContext context,
      HeldBy heldBy,
      String subject,
      int level,
      MemoryBudget parentBudget,
      long memory) {
    this.input = input;
    this.inputTypes = List.copyOf(inputTypes);
    this.parentBudget = parentBudget;
    this.memory = memory;
    this.calls = List.copyOf(calls);
    this.heldBy = requireNonNull(heldBy, "heldBy is null");
    this.subject = requireNonNull(subject, "subject is null");
    this.level = level;
    this.keys = keys.clone();
    this.context = requireNonNull(context, "context is null");
    this.budget = parentBudget == null ? context.budget(heldBy, subject) : parentBudget.part();
    List<ColumnType> in = this.inputTypes;
    List<ColumnType> t = new ArrayList<>();
    List<ColumnType> keyTypes = new ArrayList<>();
    for (int k : this.keys) {
      keyTypes.add(in.get(k));
    }
    t.addAll(keyTypes);
    accumulators = new Accumulator[calls.size()];
    // DISTINCT pairs may take half the memory, shared evenly, and spill beyond it: the groups keep
    // the rest
    long distinctCalls = calls.stream().filter(AggregateCall::distinct).count();
    long pairShare = memory / Math.max(1, 2 * distinctCalls);
    groupShare = distinctCalls == 0 ? memory : memory - distinctCalls * pairShare;
    long perGroup = 0;
    for (int i = 0; i < accumulators.length; i++) {
      AggregateCall call = calls.get(i);
      ColumnType argType = call.column() < 0 ? null : in.get(call.column());
      t.add(call.resultType(argType));
      Accumulator a =
          switch (call.function()) {
            // these hold values that grow with their rows: they reserve them in the budget
            case FOLD -> new FoldAccumulator(call.fold(), in, budget, this::groupsForErrors);
            case STRING_AGG ->
                new StringAggAccumulator(call.column(), call.by(), budget, this::groupsForErrors);
            default -> Accumulators.of(call, argType, in);
          };
      accumulators[i] =
          call.distinct()
              ? new DistinctAccumulator(a, call.column(), in, budget, context, level, pairShare)
              : a;
      if (call.filter() >= 0) {
        if (in.get(call.filter()) != ColumnType.BOOLEAN) {
          throw new IllegalArgumentException(
              call.name() + " filters by a BOOLEAN column, not " + in.get(call.filter()));
        }
        // filtered before DISTINCT: a value counts once among the rows that pass
        accumulators[i] = new FilteredAccumulator(accumulators[i], call.filter());
      }
    }
    // several double sums advance together, one loop over the rows for all of them
    DoubleSums.fuse(this.calls, in, accumulators);
    for (Accumulator a : accumulators) {
      perGroup += a.bytesPerGroup();
    }
    bytesPerGroupOfCalls = perGroup;
    // calls that hold their values (STRING_AGG, folds) keep growing in the groups held, whose
    // values cannot spill: once half the memory is taken, new groups go to disk
    boolean holdsValues =
        calls.stream()
            .anyMatch(
                c ->
                    c.function() == AggregateCall.Function.STRING_AGG
                        || c.function() == AggregateCall.Function.FOLD);
    valueRoom = holdsValues ? memory / 2 : 0;
    types = List.copyOf(t);
    groups = keyTypes.isEmpty() ? null : KeyTable.forGroups(keyTypes);
    keysHoldObjects = groups != null && groups.holdsObjects();
    fixedKeyBytes = groups == null || keysHoldObjects ? -1 : groups.bytesOfNewKeyAside();
    numbered = DictionaryGroups.of(this.keys, in);
    if (groups == null) {
      // the single group exists before any row: SELECT COUNT(*) over nothing is 0
      groupCount = 1;
      ensureCapacity(1);
    }
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
        if (input != null) {
          consume();
        } else if (!inputEnded) {
          throw new IllegalStateException(
              "the groups of a fed aggregate are read before its input ended");
        }
        for (Accumulator a : accumulators) {
          a.finish();
        }
        out = new BatchWriter(types, context.batchSize());
      }
      context.checkCancelled();
      if (emitted < groupCount) {
        return emitHeld();
      }
      if (spilled == null) {
        return null;
      }
      // the groups held are out: their memory goes to the aggregates of the spilled partitions
      budget.releaseAll();
      return nextFromDisk();
    } catch (RuntimeException e) {
      // a failure or a cancel: the spill files go now, not when the consumer closes
      deleteSpill();
      throw e;
    }
  }

  private ColumnBatch emitHeld() {
    ColumnBatch batch = out.batch();
    while (emitted < groupCount && !out.full()) {
      int r = out.row();
      if (groups != null) {
        groups.copyKey(emitted, batch, r, 0);
      }
      for (int i = 0; i < accumulators.length; i++) {
        accumulators[i].write(emitted, batch, keys.length + i, r);
      }
      out.commit();
      emitted++;
    }
    return out.take();
  }

  /** The groups of the spilled partitions, one partition after the other. */
  private ColumnBatch nextFromDisk() {
    while (true) {
      if (child != null) {
        ColumnBatch b = child.next();
        if (b != null) {
          return b;
        }
        child.close();
        child = null;
      }
      while (nextPartition < spilled.length && spilled[nextPartition] == null) {
        nextPartition++;
      }
      if (nextPartition == spilled.length) {
        return null;
      }
      SpillFile file = spilled[nextPartition];
      spilled[nextPartition++] = null;
      child =
          new HashAggregate(
              file.reader(inputTypes, context, true),
              inputTypes,
              keys,
              calls,
              context,
              heldBy,
              subject,
              level + 1,
              parentBudget,
              memory);
    }
  }

  private void consume() {
    // the input may hand on a filter's batch with the rows it keeps named, uncopied
    Selection live = new Selection();
    for (ColumnBatch b = input.nextSelected(live); b != null; b = input.nextSelected(live)) {
      add(b, live);
    }
    input.close();
    endInput();
  }

  /** Aggregates the rows of {@code b}: the next batch of the input. */
  void add(ColumnBatch b) {
    add(b, null);
  }

  /**
   * Aggregates the rows of {@code b} that {@code live} names (all when null). The keys of every row
   * are hashed and looked up in one loop each (a dead row's key is a value of its type or NULL, so
   * that is harmless, and the filter compacts batches where dead rows would dominate); only the
   * live rows make groups, spill or reach the calls.
   */
  private void add(ColumnBatch b, Selection live) {
    if (inputEnded) {
      throw new IllegalStateException("a batch after the input ended");
    }
    context.checkCancelled();
    int n = b.size();
    if (rowGroups.length < n) {
      rowGroups = new int[n];
      rowNumbers = new int[n];
      hashes = new int[n];
      selected = new int[n];
      found = new int[n];
      newKeyBytes = new long[n];
      for (int i = 0; i < n; i++) {
        rowNumbers[i] = i;
      }
    }
    // keys carrying dictionary numbers: the groups of the combinations seen before, by number
    boolean byNumber = numbered != null && numbered.findAll(b, n, found);
    if (groups != null && !byNumber) {
      groups.hash(b, keys, n, hashes);
      // the groups already known, in one loop whose lookups overlap; a row whose key is new (or was
      // new when the loop ran: added since by an earlier row of the batch) looks again below
      groups.findAll(b, keys, n, hashes, found);
      newKeyBytesMade = false;
    }
    boolean all = live == null || live.all();
    int[] liveRows = all ? rowNumbers : live.rows();
    int count = all ? n : live.count();
    int m = 0;
    for (int i = 0; i < count; i++) {
      int r = liveRows[i];
      int g;
      if (groups == null) {
        g = 0;
      } else if (found[r] >= 0) {
        g = found[r];
      } else if (byNumber) {
        // a combination new before this batch (an earlier row of it may have added its group
        // since) or a row without numbers: the cache again, else the key table, then the cache
        g = numbered.known(r);
        if (g < 0) {
          g = groupOf(b, r, groups.hash(b, keys, r), -1);
          if (g >= 0) {
            numbered.remember(r, g);
          }
        }
      } else {
        // keys of numbers alone cost the same each: nothing to read a batch at a time
        g = groupOf(b, r, hashes[r], keysHoldObjects ? n : -1);
      }
      if (g >= 0) {
        rowGroups[m] = g;
        selected[m++] = r;
      }
    }
    int[] rows = m == n ? rowNumbers : m == count ? liveRows : selected;
    for (Accumulator a : accumulators) {
      a.add(b, rowGroups, rows, m);
    }
  }

  /** Ends the input: no more {@link #add}; the groups can be read. */
  void endInput() {
    inputEnded = true;
    if (spilled != null) {
      for (SpillFile f : spilled) {
        if (f != null) {
          f.finish();
        }
      }
    }
  }

  /**
   * The group of row {@code r}, or -1 when the row went to disk. Given the batch's size {@code n}
   * (else -1) the rows {@link #found} did not find are new groups' keys, whose bytes are then
   * counted for the whole batch at once when the first of them is added.
   */
  private int groupOf(ColumnBatch b, int r, int hash, int n) {
    int g = groups.find(b, keys, r, hash);
    if (g >= 0) {
      return g;
    }
    if (n >= 0 && !newKeyBytesMade) {
      // each string's header read in one loop, where a key at a time waits for each in turn
      groups.bytesOfNewKeys(b, keys, n, found, newKeyBytes);
      newKeyBytesMade = true;
    }
    long newKey =
        fixedKeyBytes >= 0
            ? fixedKeyBytes
            : n >= 0 ? newKeyBytes[r] : groups.bytesOfNewKey(b, keys, r);
    long bytes = newKey + bytesPerGroupOfCalls;
    boolean full = groupBytes + bytes > groupShare || !budget.fits(bytes + valueRoom);
    if (spilled != null || (full && context.spill().enabled() && level < Partitions.MAX_LEVEL)) {
      spill(b, r);
      return -1;
    }
    budget.reserve(bytes, groupCount + 1L);
    groupBytes += bytes;
    g = groups.add(b, keys, r, hash, newKey);
    groupCount++;
    ensureCapacity(groupCount);
    return g;
  }

  private void ensureCapacity(int needed) {
    if (needed > capacity) {
      capacity = Accumulator.capacity(capacity, needed);
      for (Accumulator a : accumulators) {
        a.grow(capacity);
      }
    }
  }

  private void spill(ColumnBatch b, int r) {
    if (spilled == null) {
      spilled = new SpillFile[Partitions.FANOUT];
    }
    int p = Partitions.of(b, keys, r, level);
    if (spilled[p] == null) {
      spilled[p] = context.spill().newFile(budget);
    }
    spilled[p].write(b, r);
    spilledRows++;
  }

  private void deleteSpill() {
    if (child != null) {
      child.close();
      child = null;
    }
    if (spilled != null) {
      for (int p = 0; p < spilled.length; p++) {
        if (spilled[p] != null) {
          spilled[p].delete();
          spilled[p] = null;
        }
      }
    }
    for (Accumulator a : accumulators) {
      a.release();
    }
  }

  /**
   * The groups held, as a memory error counts them: none without key columns (the one group is
   * there from the start), as Calcite's guard counts them.
   */
  private long groupsForErrors() {
    return groups == null ? 0 : groupCount;
  }

  /**
   * Input rows this aggregate wrote to disk (not counting its partitions' own), for tests and
   * EXPLAIN ANALYZE.
   */
  public long spilledRows() {
    return spilledRows;
  }

  /** Bytes reserved now (for tests and EXPLAIN ANALYZE). */
  public long reservedBytes() {
    return budget.reserved();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      budget.releaseAll();
      try {
        deleteSpill();
      } finally {
        if (input != null) {
          input.close();
        }
      }
    }
  }
}
