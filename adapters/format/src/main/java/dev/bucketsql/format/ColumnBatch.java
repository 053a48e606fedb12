package dev.bucketsql.format;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Up to {@link #capacity()} rows of a scan held column by column, for {@link RowCursor#nextBatch}:
 * the typed access an operator that reads millions of rows uses instead of one {@code Object[]} per
 * row.
 *
 * <p>Each column is stored by its {@link Kind}: integral types, DATE, TIME, TIMESTAMP and BOOLEAN
 * (0 or 1) in a {@code long[]}, REAL and DOUBLE in a {@code double[]}, everything else as the
 * objects {@link ColumnType} names. A null value has its flag set in {@link #nulls} and an
 * unspecified value in the typed array. The arrays are the batch's own and are overwritten by the
 * next fill: read them before asking for the next batch.
 *
 * <p>A DECIMAL column may instead be filled as unscaled {@code long}s of one scale ({@link
 * #decimalLongs}, {@link #setDecimalScale}), as a Parquet DECIMAL stored in INT32 or INT64 is: an
 * operator that knows the form (a SUM) reads the longs and never creates a {@code BigDecimal};
 * every other reader asks {@link #objects} as before, which turns the longs into {@code
 * BigDecimal}s once and leaves the column in the object form. So the form is an optimization no
 * reader has to know about.
 *
 * <p>An OBJECT column whose values a format took from a dictionary (a Parquet chunk's dictionary
 * page) may also carry each row's number in that dictionary ({@link #dictionaryIds}) and the
 * dictionary itself ({@link #dictionary}): its values by number, the very objects the rows hold. An
 * operator may then work on the numbers (group a few distinct strings by a lookup in a small array
 * rather than by hashing and comparing them), but only for a row whose object is identical ({@code
 * ==}) to the dictionary's value of its number: a writer that puts other objects into the column
 * leaves numbers that no longer describe it, and the identity check is what keeps that harmless.
 * {@link #gather} and {@link #copyColumn} carry the numbers along; {@link #clear} ends them.
 *
 * <p>Such a column may even be filled with the numbers alone ({@link #setDictionaryValues}): its
 * rows' objects are the dictionary's values of their numbers, written into {@link #objects} only
 * when someone asks for them. A store of an object reference costs a garbage collector's barrier,
 * and an operator that works on the numbers (a grouping by a few strings) never needs the objects;
 * {@link #gather} and {@link #copyColumn} pass the form on, and every reader of the objects gets
 * them as before, so this form too is an optimization no reader has to know about.
 */
public final class ColumnBatch {
  /** {@link #decimalScale}'s answer for a column whose values are objects. */
  public static final int OBJECTS = Integer.MIN_VALUE;

  /** The rows a batch holds unless told otherwise: enough to amortize per-batch work. */
  public static final int DEFAULT_CAPACITY = 4096;

  /** How a column's values are held. */
  public enum Kind {
    /** In {@link #longs(int)}. */
    LONG,
    /** In {@link #doubles(int)}. */
    DOUBLE,
    /** In {@link #objects(int)}. */
    OBJECT;

    /** The kind of values of {@code type}. */
    public static Kind of(ColumnType type) {
      return switch (requireNonNull(type, "type is null")) {
        case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, DATE, TIME, TIMESTAMP -> LONG;
        case REAL, DOUBLE -> DOUBLE;
        default -> OBJECT;
      };
    }
  }

  private final ColumnType[] types;
  private final Kind[] kinds;
  private final long[][] longs;
  private final double[][] doubles;
  private final Object[][] objects;
  private final boolean[][] nulls;

  /** Per DECIMAL column: the scale of the unscaled longs it holds, or {@link #OBJECTS}. */
  private final int[] decimalScales;

  /** Per OBJECT column: each row's number in {@link #dictionaries}, allocated on first use. */
  private final int[][] dictionaryIds;

  /** Per OBJECT column: the dictionary its rows' numbers refer to, or null when none. */
  private final Object[][] dictionaries;

  /**
   * Per OBJECT column: rows {@code [0, pending)} are held as their numbers in {@link #dictionaries}
   * alone, their objects not yet written.
   */
  private final int[] pending;

  /** Per OBJECT column: whether its objects may have been written since the last clear. */
  private final boolean[] written;

  private final int capacity;
  private int size;

  /**
   * An empty batch.
   *
   * @param types the type of each column, in the scan's projection order
   * @param capacity how many rows one fill may hold, at least 1
   */
  public ColumnBatch(ColumnType[] types, int capacity) {
    requireNonNull(types, "types is null");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.types = types.clone();
    this.capacity = capacity;
    int n = types.length;
    kinds = new Kind[n];
    longs = new long[n][];
    doubles = new double[n][];
    objects = new Object[n][];
    nulls = new boolean[n][];
    decimalScales = new int[n];
    Arrays.fill(decimalScales, OBJECTS);
    dictionaryIds = new int[n][];
    dictionaries = new Object[n][];
    pending = new int[n];
    written = new boolean[n];
    for (int c = 0; c < n; c++) {
      kinds[c] = Kind.of(types[c]);
      switch (kinds[c]) {
        case LONG -> longs[c] = new long[capacity];
        case DOUBLE -> doubles[c] = new double[capacity];
        default -> objects[c] = new Object[capacity];
      }
      nulls[c] = new boolean[capacity];
    }
  }

  /** Rows this batch can hold. */
  public int capacity() {
    return capacity;
  }

  /** Rows it holds now. */
  public int size() {
    return size;
  }

  /** Columns, as many as the scan projects. */
  public int columnCount() {
    return types.length;
  }

  /** The type of column {@code c}. */
  public ColumnType type(int c) {
    return types[c];
  }

  /** How column {@code c} is held. */
  public Kind kind(int c) {
    return kinds[c];
  }

  /**
   * The values of a {@link Kind#LONG} column (null for other kinds); valid up to {@link #size()}.
   */
  public long[] longs(int c) {
    return longs[c];
  }

  /** The values of a {@link Kind#DOUBLE} column (null for other kinds). */
  public double[] doubles(int c) {
    return doubles[c];
  }

  /**
   * The values of an {@link Kind#OBJECT} column (null for other kinds). A DECIMAL column held as
   * unscaled longs gets its {@code BigDecimal}s now, and stays in that form until the next fill.
   */
  public Object[] objects(int c) {
    if (decimalScales[c] != OBJECTS) {
      materialize(c);
    }
    if (pending[c] > 0) {
      writePending(c);
    }
    written[c] = true;
    return objects[c];
  }

  /** Writes the objects of the rows held as dictionary numbers alone. */
  private void writePending(int c) {
    written[c] = true;
    Object[] values = objects[c];
    Object[] dictionary = dictionaries[c];
    int[] ids = dictionaryIds[c];
    // by the numbers alone, not the NULL flags: a writer may have moved the flags already (a
    // compaction moves them before it asks for the objects it moves next)
    for (int r = 0, end = pending[c]; r < end; r++) {
      int id = ids[r];
      values[r] = id < 0 ? null : dictionary[id];
    }
    pending[c] = 0;
  }

  /**
   * Says that rows {@code [0, rows)} of OBJECT column {@code c} are the values of {@code
   * dictionary} that their numbers in {@link #dictionaryIds} name, a NULL's number negative, their
   * NULL flags set; the objects are written when {@link #objects} is asked for. A format fills a
   * column so; a later part of the same fill that comes as objects asks for {@link
   * #objectsDuringFill} first.
   */
  public void setDictionaryValues(int c, Object[] dictionary, int rows) {
    if (rows < 0 || rows > capacity) {
      throw new IllegalArgumentException("rows out of range: " + rows);
    }
    if (decimalScales[c] != OBJECTS) {
      throw new IllegalStateException("column " + c + " holds unscaled decimals");
    }
    setDictionary(c, dictionary);
    pending[c] = rows;
  }

  /**
   * How many rows from the first of OBJECT column {@code c} are held as dictionary numbers alone
   * ({@link #setDictionaryValues}): each such row's value is {@code dictionary(c)[id]} for its
   * number {@code id} (NULL for a negative one) by construction, with no identity to check.
   */
  public int dictionaryValueRows(int c) {
    return pending[c];
  }

  /**
   * The scale of the unscaled longs DECIMAL column {@code c} holds ({@link #decimalLongs}), or
   * {@link #OBJECTS} when its values are {@code BigDecimal}s in {@link #objects}.
   */
  public int decimalScale(int c) {
    return decimalScales[c];
  }

  /**
   * The array a format fills with the unscaled values of DECIMAL column {@code c} before {@link
   * #setDecimalScale}; it also holds them after. Allocated on first use.
   */
  public long[] decimalLongs(int c) {
    if (types[c] != ColumnType.DECIMAL) {
      throw new IllegalStateException("column " + c + " is " + types[c] + ", not DECIMAL");
    }
    if (longs[c] == null) {
      longs[c] = new long[capacity];
    }
    return longs[c];
  }

  /**
   * Says that DECIMAL column {@code c}'s values up to {@link #size()} are unscaled longs of {@code
   * scale} in {@link #decimalLongs}; the next {@link #clear} or {@link #objects} ends it.
   */
  public void setDecimalScale(int c, int scale) {
    decimalLongs(c);
    if (scale == OBJECTS) {
      throw new IllegalArgumentException("scale out of range: " + scale);
    }
    decimalScales[c] = scale;
  }

  /**
   * Ends the unscaled form of column {@code c} without turning its longs into objects: for a writer
   * about to overwrite the column's objects.
   */
  public void dropDecimalLongs(int c) {
    decimalScales[c] = OBJECTS;
  }

  /**
   * The dictionary the numbers of OBJECT column {@code c} ({@link #dictionaryIds}) refer to, its
   * values by number; null when the column carries no numbers. Row {@code r}'s number {@code id}
   * describes it only where {@code objects(c)[r] == dictionary(c)[id]} (see the class comment). The
   * array is the format's: read it, never write it.
   */
  public Object[] dictionary(int c) {
    return dictionaries[c];
  }

  /**
   * Each row's number in {@link #dictionary} for OBJECT column {@code c} (any value, a negative one
   * included, for a row that has none: a NULL); the array a format fills before {@link
   * #setDictionary}. Allocated on first use.
   */
  public int[] dictionaryIds(int c) {
    if (kinds[c] != Kind.OBJECT) {
      throw new IllegalStateException("column " + c + " is " + types[c] + ", not held as objects");
    }
    if (dictionaryIds[c] == null) {
      dictionaryIds[c] = new int[capacity];
    }
    return dictionaryIds[c];
  }

  /**
   * Says that the rows of OBJECT column {@code c} up to {@link #size()} carry their numbers in
   * {@code dictionary} in {@link #dictionaryIds}; the next {@link #clear} ends it.
   */
  public void setDictionary(int c, Object[] dictionary) {
    dictionaryIds(c);
    requireNonNull(dictionary, "dictionary is null");
    if (pending[c] > 0 && dictionaries[c] != dictionary) {
      writePending(c);
    }
    dictionaries[c] = dictionary;
  }

  /** Ends the numbers of column {@code c}: it carries no dictionary until set again. */
  public void dropDictionary(int c) {
    if (pending[c] > 0) {
      writePending(c);
    }
    dictionaries[c] = null;
  }

  /**
   * Copies column {@code from}'s values at rows {@code rows[0, n)} of {@code source} into rows
   * {@code [0, n)} of this batch's column {@code to} (the same type), in the form they are held: a
   * DECIMAL held as unscaled longs stays so, dictionary numbers come along.
   */
  public void gather(ColumnBatch source, int from, int[] rows, int n, int to) {
    boolean[] sourceNulls = source.nulls[from];
    boolean[] targetNulls = nulls[to];
    for (int i = 0; i < n; i++) {
      targetNulls[i] = sourceNulls[rows[i]];
    }
    int scale = source.decimalScales[from];
    if (scale != OBJECTS) {
      long[] in = source.longs[from];
      long[] out = decimalLongs(to);
      for (int i = 0; i < n; i++) {
        out[i] = in[rows[i]];
      }
      decimalScales[to] = scale;
      return;
    }
    switch (kinds[to]) {
      case LONG -> {
        long[] in = source.longs[from];
        long[] out = longs[to];
        for (int i = 0; i < n; i++) {
          out[i] = in[rows[i]];
        }
      }
      case DOUBLE -> {
        double[] in = source.doubles[from];
        double[] out = doubles[to];
        for (int i = 0; i < n; i++) {
          out[i] = in[rows[i]];
        }
      }
      default -> {
        decimalScales[to] = OBJECTS;
        if (source.pending[from] > 0 && allBelow(rows, n, source.pending[from])) {
          // the numbers alone, as the source holds them
          int[] ids = source.dictionaryIds[from];
          int[] outIds = dictionaryIds(to);
          for (int i = 0; i < n; i++) {
            outIds[i] = ids[rows[i]];
          }
          dictionaries[to] = source.dictionaries[from];
          pending[to] = n;
          return;
        }
        Object[] in = source.objects(from);
        Object[] out = objects(to);
        pending[to] = 0;
        for (int i = 0; i < n; i++) {
          out[i] = sourceNulls[rows[i]] ? null : in[rows[i]];
        }
        Object[] dictionary = source.dictionaries[from];
        dictionaries[to] = null;
        if (dictionary != null) {
          int[] ids = source.dictionaryIds[from];
          int[] outIds = dictionaryIds(to);
          for (int i = 0; i < n; i++) {
            outIds[i] = ids[rows[i]];
          }
          dictionaries[to] = dictionary;
        }
      }
    }
  }

  /**
   * Copies rows {@code [0, n)} of {@code source}'s column {@code from} into this batch's column
   * {@code to} (the same type), in the form they are held.
   */
  public void copyColumn(ColumnBatch source, int from, int n, int to) {
    System.arraycopy(source.nulls[from], 0, nulls[to], 0, n);
    int scale = source.decimalScales[from];
    if (scale != OBJECTS) {
      System.arraycopy(source.longs[from], 0, decimalLongs(to), 0, n);
      decimalScales[to] = scale;
      return;
    }
    switch (kinds[to]) {
      case LONG -> System.arraycopy(source.longs[from], 0, longs[to], 0, n);
      case DOUBLE -> System.arraycopy(source.doubles[from], 0, doubles[to], 0, n);
      default -> {
        decimalScales[to] = OBJECTS;
        if (source.pending[from] >= n && n > 0) {
          // the numbers alone, as the source holds them
          System.arraycopy(source.dictionaryIds[from], 0, dictionaryIds(to), 0, n);
          dictionaries[to] = source.dictionaries[from];
          pending[to] = n;
          return;
        }
        pending[to] = 0;
        System.arraycopy(source.objects(from), 0, objects(to), 0, n);
        Object[] dictionary = source.dictionaries[from];
        dictionaries[to] = null;
        if (dictionary != null) {
          System.arraycopy(source.dictionaryIds[from], 0, dictionaryIds(to), 0, n);
          dictionaries[to] = dictionary;
        }
      }
    }
  }

  /**
   * {@link #objects} while a format is filling the batch, before {@link #setSize}: the first {@code
   * filled} rows of a column held as unscaled longs become {@code BigDecimal}s, so that the fill
   * can go on in the object form (a later part of the fill whose values come as objects).
   */
  public Object[] objectsDuringFill(int c, int filled) {
    if (decimalScales[c] != OBJECTS) {
      materialize(c, filled);
    }
    if (pending[c] > 0) {
      writePending(c);
    }
    written[c] = true;
    return objects[c];
  }

  private void materialize(int c) {
    materialize(c, size);
  }

  private void materialize(int c, int rows) {
    long[] unscaled = longs[c];
    boolean[] isNull = nulls[c];
    Object[] values = objects[c];
    written[c] = true;
    int scale = decimalScales[c];
    for (int r = 0; r < rows; r++) {
      values[r] = isNull[r] ? null : BigDecimal.valueOf(unscaled[r], scale);
    }
    decimalScales[c] = OBJECTS;
  }

  /** Per row, whether column {@code c} is null there. */
  public boolean[] nulls(int c) {
    return nulls[c];
  }

  /**
   * Makes every row NULL in each column whose flag in {@code read} is false (none when {@code read}
   * is null): the columns a consumer does not read, which the producer then never writes.
   */
  public void nullUnread(boolean[] read) {
    for (int c = 0; read != null && c < read.length; c++) {
      if (!read[c]) {
        Arrays.fill(nulls[c], true);
      }
    }
  }

  /** Whether each of {@code rows[0, n)} is below {@code end}. */
  private static boolean allBelow(int[] rows, int n, int end) {
    int max = -1;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, rows[i]);
    }
    return n > 0 && max < end;
  }

  /** Empties the batch, keeping its arrays. */
  public void clear() {
    for (int c = 0; c < objects.length; c++) {
      // a column whose objects nobody wrote since the last clear holds none to drop
      if (objects[c] != null && written[c]) {
        Arrays.fill(objects[c], 0, size, null);
        written[c] = false;
      }
    }
    Arrays.fill(pending, 0);
    Arrays.fill(decimalScales, OBJECTS);
    Arrays.fill(dictionaries, null);
    size = 0;
  }

  /** Sets the number of rows after a format filled the arrays directly. */
  public void setSize(int rows) {
    if (rows < 0 || rows > capacity) {
      throw new IllegalArgumentException("size out of range: " + rows);
    }
    size = rows;
  }

  /**
   * Appends one row in {@link RowCursor#current()}'s representation.
   *
   * @throws IllegalStateException when the batch is full
   */
  public void addRow(Object[] row) {
    if (size == capacity) {
      throw new IllegalStateException("the batch is full");
    }
    int r = size;
    for (int c = 0; c < types.length; c++) {
      set(c, r, row[c]);
    }
    size++;
  }

  /**
   * Appends rows {@code [from, from + count)} of {@code source}, a batch of the same column types.
   *
   * @throws IllegalStateException when they do not fit
   */
  public void append(ColumnBatch source, int from, int count) {
    if (source.types.length != types.length) {
      throw new IllegalArgumentException(
          "the batches have " + source.types.length + " and " + types.length + " columns");
    }
    if (from < 0 || count < 0 || from + count > source.size) {
      throw new IllegalArgumentException("rows out of range: " + from + " + " + count);
    }
    if (size + count > capacity) {
      throw new IllegalStateException("the batch is full");
    }
    for (int c = 0; c < types.length; c++) {
      dropDictionary(c);
      switch (kinds[c]) {
        case LONG -> System.arraycopy(source.longs[c], from, longs[c], size, count);
        case DOUBLE -> System.arraycopy(source.doubles[c], from, doubles[c], size, count);
        default -> System.arraycopy(source.objects(c), from, objects(c), size, count);
      }
      System.arraycopy(source.nulls[c], from, nulls[c], size, count);
    }
    size += count;
  }

  /** The value at column c, row r in {@link ColumnType}'s representation; null when null. */
  public Object value(int c, int r) {
    if (nulls[c][r]) {
      return null;
    }
    return switch (kinds[c]) {
      case LONG -> {
        long v = longs[c][r];
        yield switch (types[c]) {
          case BOOLEAN -> (Object) (v != 0);
          case TINYINT -> (Object) (byte) v;
          case SMALLINT -> (Object) (short) v;
          case INTEGER, DATE, TIME -> (Object) (int) v;
          default -> (Object) v;
        };
      }
      case DOUBLE -> types[c] == ColumnType.REAL ? (Object) (float) doubles[c][r] : doubles[c][r];
      default ->
          decimalScales[c] != OBJECTS
              ? BigDecimal.valueOf(longs[c][r], decimalScales[c])
              : r < pending[c] ? pendingValue(c, r) : objects[c][r];
    };
  }

  private Object pendingValue(int c, int r) {
    // a NULL is answered before
    int id = dictionaryIds[c][r];
    return id < 0 ? null : dictionaries[c][id];
  }

  /** Stores {@code value} ({@link ColumnType}'s representation, or null) at column c, row r. */
  public void set(int c, int r, Object value) {
    if (decimalScales[c] != OBJECTS) {
      materialize(c);
    }
    if (value == null) {
      nulls[c][r] = true;
      return;
    }
    nulls[c][r] = false;
    switch (kinds[c]) {
      case LONG ->
          longs[c][r] = value instanceof Boolean b ? (b ? 1L : 0L) : ((Number) value).longValue();
      case DOUBLE -> doubles[c][r] = ((Number) value).doubleValue();
      default -> objects(c)[r] = value;
    }
  }
}
