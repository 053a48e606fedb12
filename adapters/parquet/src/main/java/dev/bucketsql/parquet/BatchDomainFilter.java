package dev.bucketsql.parquet;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.predicate.Domain;
import dev.bucketsql.format.predicate.Range;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One column's {@link Domain} evaluated over rows of a {@link ColumnBatch}, in the batch's own
 * representation: which rows may pass the pushed filter, so that the scan decodes its other columns
 * only for those.
 *
 * <p>It may keep a row the domain rejects, never the other way round: the filter above the scan
 * checks every row again, so keeping too much costs time, dropping too much a wrong answer. Hence
 * floating-point bounds are compared inclusively (so -0.0 and 0.0 both pass a bound at zero) and
 * NaN always passes; string ranges are used only when their bounds are ASCII, where every order of
 * strings agrees; a domain this class cannot read exactly makes {@link #of} answer null, and the
 * column is then not used to filter.
 */
final class BatchDomainFilter {
  private final boolean nullAllowed;
  private final ColumnType type;

  /** Inclusive bounds of the ranges, in order, for LONG columns and DECIMAL objects' longs. */
  private final long[] lows;

  private final long[] highs;
  private final double[] lowDoubles;
  private final double[] highDoubles;
  private final List<Range> ranges;

  /** The values, when every range is one string: a set lookup instead of comparisons. */
  private final Set<String> strings;

  /** The scale {@link #scaledLows} were made for, or {@link ColumnBatch#OBJECTS}. */
  private int scale = ColumnBatch.OBJECTS;

  private long[] scaledLows;
  private long[] scaledHighs;

  /** The dictionary whose entries {@link #verdicts} judge: 0 not yet, 1 pass, 2 fail. */
  private Object[] judged;

  private byte[] verdicts;

  private BatchDomainFilter(ColumnType type, Domain domain) {
    this.type = type;
    this.nullAllowed = domain.nullAllowed();
    this.ranges = domain.ranges();
    int n = ranges.size();
    ColumnBatch.Kind kind = ColumnBatch.Kind.of(type);
    lows = kind == ColumnBatch.Kind.LONG ? new long[n] : null;
    highs = kind == ColumnBatch.Kind.LONG ? new long[n] : null;
    lowDoubles = kind == ColumnBatch.Kind.DOUBLE ? new double[n] : null;
    highDoubles = kind == ColumnBatch.Kind.DOUBLE ? new double[n] : null;
    Set<String> points = type == ColumnType.VARCHAR ? new HashSet<>() : null;
    for (int i = 0; i < n; i++) {
      Range r = ranges.get(i);
      if (lows != null) {
        lows[i] = r.low() == null ? Long.MIN_VALUE : asLong(r.low()) + (r.lowInclusive() ? 0 : 1);
        highs[i] =
            r.high() == null ? Long.MAX_VALUE : asLong(r.high()) - (r.highInclusive() ? 0 : 1);
      } else if (lowDoubles != null) {
        lowDoubles[i] = r.low() == null ? Double.NEGATIVE_INFINITY : widen(r.low(), false);
        highDoubles[i] = r.high() == null ? Double.POSITIVE_INFINITY : widen(r.high(), true);
      } else if (points != null) {
        if (r.isPoint()) {
          points.add((String) r.low());
        } else {
          points = null;
        }
      }
    }
    this.strings = points;
  }

  /**
   * The filter for a column of {@code type} restricted to {@code domain}; null when this class
   * cannot evaluate it exactly (a type or a value it does not read), and the column must not
   * filter.
   */
  static BatchDomainFilter of(ColumnType type, Domain domain) {
    if (domain.type() != type || domain.isAll()) {
      return null;
    }
    for (Range r : domain.ranges()) {
      if (!readable(type, r.low()) || !readable(type, r.high())) {
        return null;
      }
      if (type == ColumnType.VARCHAR
          && !r.isPoint()
          && !(ascii((String) r.low()) && ascii((String) r.high()))) {
        // beyond ASCII, UTF-16 order and code point order disagree: which the filter uses is
        // not this class's to assume
        return null;
      }
      if (ColumnBatch.Kind.of(type) == ColumnBatch.Kind.LONG
          && (r.low() != null && !r.lowInclusive() && asLong(r.low()) == Long.MAX_VALUE
              || r.high() != null && !r.highInclusive() && asLong(r.high()) == Long.MIN_VALUE)) {
        return null;
      }
    }
    return new BatchDomainFilter(type, domain);
  }

  private static boolean readable(ColumnType type, Comparable<?> v) {
    if (v == null) {
      return true;
    }
    return switch (type) {
      case BOOLEAN -> v instanceof Boolean;
      case TINYINT, SMALLINT, INTEGER, BIGINT, DATE, TIME, TIMESTAMP ->
          v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
      case REAL, DOUBLE ->
          (v instanceof Double || v instanceof Float) && !Double.isNaN(((Number) v).doubleValue());
      case DECIMAL -> v instanceof BigDecimal;
      case VARCHAR -> v instanceof String;
      default -> false;
    };
  }

  private static boolean ascii(String s) {
    if (s == null) {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static long asLong(Comparable<?> v) {
    return v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).longValue();
  }

  /** A bound as a double moved one step outwards for a REAL column's float rounding. */
  private double widen(Comparable<?> bound, boolean up) {
    double d = ((Number) bound).doubleValue();
    if (type == ColumnType.REAL) {
      float f = (float) d;
      return up ? Math.nextUp(f) : Math.nextDown(f);
    }
    return d;
  }

  /**
   * Puts into {@code out} the offsets {@code i} (ascending) of the rows {@code from + i}, {@code i
   * < n}, of column {@code c} that may pass, and returns how many.
   *
   * @param dictionary the dictionary the numbers of these rows refer to ({@link
   *     ColumnBatch#dictionaryIds}), or null: each of its entries is then judged once, not each row
   */
  int select(ColumnBatch batch, int c, int from, int n, int[] out, Object[] dictionary) {
    boolean[] nulls = batch.nulls(c);
    return switch (batch.kind(c)) {
      case LONG -> selectLongs(batch.longs(c), nulls, from, n, out, lows, highs);
      case DOUBLE -> selectDoubles(batch.doubles(c), nulls, from, n, out);
      default -> {
        int held = batch.decimalScale(c);
        if (held != ColumnBatch.OBJECTS) {
          scaleBounds(held);
          yield selectLongs(batch.decimalLongs(c), nulls, from, n, out, scaledLows, scaledHighs);
        }
        if (type == ColumnType.VARCHAR && dictionary != null) {
          yield selectIds(batch, c, from, n, out, dictionary);
        }
        yield selectObjects(batch.objects(c), nulls, from, n, out);
      }
    };
  }

  /**
   * As {@link #select} over {@code n} values of a LONG column held in {@code values} and {@code
   * nulls} from {@code from} on (not a DECIMAL: its bounds are scaled for the batch's longs).
   */
  int selectLongs(long[] values, boolean[] nulls, int from, int n, int[] out) {
    return selectLongs(values, nulls, from, n, out, lows, highs);
  }

  /** Whether the column's values are LONG (not DECIMAL) or DOUBLE: {@link #selectLongs} applies. */
  boolean primitive() {
    return lows != null || lowDoubles != null;
  }

  private int selectLongs(
      long[] values, boolean[] nulls, int from, int n, int[] out, long[] lo, long[] hi) {
    int k = 0;
    boolean ifNull = nullAllowed;
    if (lo.length == 1) {
      long a = lo[0];
      long b = hi[0];
      // no branch on the data: a kept row only moves the write position on
      for (int i = 0; i < n; i++) {
        long v = values[from + i];
        boolean isNull = nulls[from + i];
        boolean pass = isNull ? ifNull : (v >= a) & (v <= b);
        out[k] = i;
        k += pass ? 1 : 0;
      }
      return k;
    }
    for (int i = 0; i < n; i++) {
      boolean pass = nulls[from + i] ? ifNull : inRanges(values[from + i], lo, hi);
      out[k] = i;
      k += pass ? 1 : 0;
    }
    return k;
  }

  private static boolean inRanges(long v, long[] lo, long[] hi) {
    int a = 0;
    int b = lo.length - 1;
    // the last range starting at or below v is the only one that may hold it
    while (a <= b) {
      int m = (a + b) >>> 1;
      if (lo[m] <= v) {
        a = m + 1;
      } else {
        b = m - 1;
      }
    }
    return b >= 0 && v <= hi[b];
  }

  /** As {@link #select} over {@code n} values of a DOUBLE column from {@code from} on. */
  int selectDoubles(double[] values, boolean[] nulls, int from, int n, int[] out) {
    int k = 0;
    boolean ifNull = nullAllowed;
    if (lowDoubles.length == 1) {
      double a = lowDoubles[0];
      double b = highDoubles[0];
      for (int i = 0; i < n; i++) {
        double v = values[from + i];
        boolean isNull = nulls[from + i];
        // NaN: whatever order the filter gives it, it is kept
        boolean pass = isNull ? ifNull : ((v >= a) & (v <= b)) | (v != v);
        out[k] = i;
        k += pass ? 1 : 0;
      }
      return k;
    }
    int ranges = lowDoubles.length;
    for (int i = 0; i < n; i++) {
      boolean pass;
      if (nulls[from + i]) {
        pass = ifNull;
      } else {
        double v = values[from + i];
        pass = v != v;
        for (int r = 0; r < ranges && !pass; r++) {
          pass = v >= lowDoubles[r] && v <= highDoubles[r];
        }
      }
      out[k] = i;
      k += pass ? 1 : 0;
    }
    return k;
  }

  private int selectIds(ColumnBatch batch, int c, int from, int n, int[] out, Object[] dictionary) {
    if (dictionary != judged) {
      judged = dictionary;
      verdicts = new byte[dictionary.length];
    }
    boolean[] nulls = batch.nulls(c);
    int[] ids = batch.dictionaryIds(c);
    if (batch.dictionaryValueRows(c) >= from + n && batch.dictionary(c) == dictionary) {
      return selectNumbers(nulls, ids, from, n, out, dictionary);
    }
    Object[] objects = batch.objects(c);
    int k = 0;
    for (int i = 0; i < n; i++) {
      int r = from + i;
      boolean pass;
      if (nulls[r]) {
        pass = nullAllowed;
      } else {
        int id = ids[r];
        byte verdict = verdicts[id];
        if (verdict == 0 || dictionary[id] != objects[r]) {
          // each entry is judged once; a row whose object is not the entry is judged alone
          boolean ok = matches(objects[r]);
          if (dictionary[id] == objects[r]) {
            verdicts[id] = ok ? (byte) 1 : (byte) 2;
          }
          pass = ok;
        } else {
          pass = verdict == 1;
        }
      }
      out[k] = i;
      k += pass ? 1 : 0;
    }
    return k;
  }

  /**
   * As {@link #selectIds} over rows held as their numbers alone ({@link
   * ColumnBatch#dictionaryValueRows}): each row's value is its entry by construction, so the rows
   * are judged without their objects being written.
   */
  private int selectNumbers(
      boolean[] nulls, int[] ids, int from, int n, int[] out, Object[] dictionary) {
    byte[] verdict = verdicts;
    int k = 0;
    for (int i = 0; i < n; i++) {
      int r = from + i;
      boolean pass;
      if (nulls[r]) {
        pass = nullAllowed;
      } else {
        int id = ids[r];
        byte v = verdict[id];
        if (v == 0) {
          Object value = dictionary[id];
          v = (value == null ? nullAllowed : matches(value)) ? (byte) 1 : (byte) 2;
          verdict[id] = v;
        }
        pass = v == 1;
      }
      out[k] = i;
      k += pass ? 1 : 0;
    }
    return k;
  }

  private int selectObjects(Object[] values, boolean[] nulls, int from, int n, int[] out) {
    int k = 0;
    for (int i = 0; i < n; i++) {
      boolean pass =
          nulls[from + i] || values[from + i] == null ? nullAllowed : matches(values[from + i]);
      out[k] = i;
      k += pass ? 1 : 0;
    }
    return k;
  }

  private boolean matches(Object value) {
    if (strings != null) {
      return strings.contains(value);
    }
    for (Range r : ranges) {
      if (r.contains((Comparable<?>) value)) {
        return true;
      }
    }
    return false;
  }

  /** The ranges of a DECIMAL column as inclusive bounds on unscaled longs of {@code held}. */
  private void scaleBounds(int held) {
    if (held == scale) {
      return;
    }
    int n = ranges.size();
    long[] lo = new long[n];
    long[] hi = new long[n];
    int kept = 0;
    for (Range r : ranges) {
      long a =
          r.low() == null
              ? Long.MIN_VALUE
              : unscaled((BigDecimal) r.low(), held, true, r.lowInclusive());
      long b =
          r.high() == null
              ? Long.MAX_VALUE
              : unscaled((BigDecimal) r.high(), held, false, r.highInclusive());
      if (a <= b) {
        lo[kept] = a;
        hi[kept] = b;
        kept++;
      }
    }
    if (kept == 0) {
      // no unscaled long lies in any range: one empty range keeps the loops simple
      lo = new long[] {1};
      hi = new long[] {0};
    } else if (kept < n) {
      lo = java.util.Arrays.copyOf(lo, kept);
      hi = java.util.Arrays.copyOf(hi, kept);
    }
    scaledLows = lo;
    scaledHighs = hi;
    scale = held;
  }

  /**
   * The smallest (a low bound) or largest (a high bound) unscaled long of {@code scale} in the
   * range's side of {@code bound}, clamped to the longs.
   */
  private static long unscaled(BigDecimal bound, int scale, boolean low, boolean inclusive) {
    BigDecimal shifted = bound.movePointRight(scale);
    BigInteger whole =
        shifted.setScale(0, low ? RoundingMode.CEILING : RoundingMode.FLOOR).toBigIntegerExact();
    if (!inclusive && shifted.compareTo(new BigDecimal(whole)) == 0) {
      whole = low ? whole.add(BigInteger.ONE) : whole.subtract(BigInteger.ONE);
    }
    if (whole.bitLength() > 63) {
      return whole.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
    return whole.longValue();
  }
}
