package dev.bucketsql.engine.expr;

import dev.bucketsql.engine.Cells;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnBatch.Kind;
import dev.bucketsql.format.ColumnType;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code x IN (c1, ..., ck)} over non-NULL constants of {@code x}'s type, integers (and the types
 * held as longs), doubles or strings: NULL where {@code x} is NULL, else whether {@code x} equals
 * one of them as SQL compares ({@code -0.0 = 0.0}, NaN equal to itself). One membership test per
 * row, where the OR of equalities it stands for makes a BOOLEAN column per constant and combines
 * them; as a WHERE conjunct it clears the filter's row mask directly ({@link Narrowing}).
 */
final class InList implements Expr, Narrowing {
  /** Up to this many constants a row is compared with each in turn; past it, a set or a search. */
  private static final int LINEAR = 8;

  private final Expr x;
  private final Kind kind;
  private final long[] keys;
  private final String[] strings;
  private final Set<String> stringSet;
  private final Result result = new Result(ColumnType.BOOLEAN);

  InList(Expr x, List<Object> values) {
    this.x = x;
    this.kind = Kind.of(x.type());
    if (values.isEmpty()) {
      throw new IllegalArgumentException("an IN list has at least one value");
    }
    if (x.type() == ColumnType.BOOLEAN) {
      throw new IllegalArgumentException("an IN list of BOOLEAN is not supported");
    }
    if (kind == Kind.OBJECT) {
      if (x.type() != ColumnType.VARCHAR) {
        throw new IllegalArgumentException("an IN list of " + x.type() + " is not supported");
      }
      Set<String> distinct = new HashSet<>();
      for (Object v : values) {
        distinct.add((String) requireValue(v));
      }
      strings = distinct.toArray(new String[0]);
      stringSet = strings.length > LINEAR ? distinct : null;
      keys = null;
    } else {
      long[] k = new long[values.size()];
      for (int i = 0; i < k.length; i++) {
        Object v = requireValue(values.get(i));
        k[i] =
            kind == Kind.LONG
                ? ((Number) v).longValue()
                : Cells.keyBits(((Number) v).doubleValue());
      }
      keys = Arrays.stream(k).sorted().distinct().toArray();
      strings = null;
      stringSet = null;
    }
  }

  private static Object requireValue(Object v) {
    if (v == null) {
      throw new IllegalArgumentException("an IN list holds no NULL");
    }
    return v;
  }

  @Override
  public ColumnType type() {
    return ColumnType.BOOLEAN;
  }

  @Override
  public ColumnBatch evaluate(ColumnBatch input, boolean[] rows) {
    int n = input.size();
    ColumnBatch v = x.evaluate(input, rows);
    ColumnBatch out = result.of(n);
    boolean[] nulls = out.nulls(0);
    long[] values = out.longs(0);
    boolean[] vn = v.nulls(0);
    for (int r = 0; r < n; r++) {
      boolean isNull = vn[r] || rows != null && !rows[r];
      nulls[r] = isNull;
      values[r] = !isNull && member(v, r) ? 1 : 0;
    }
    return out;
  }

  @Override
  public int narrow(ColumnBatch input, boolean[] pass, boolean all, int n) {
    ColumnBatch v = x.evaluate(input, all ? null : pass);
    boolean[] vn = v.nulls(0);
    int passing = 0;
    for (int r = 0; r < n; r++) {
      boolean p = pass[r] && !vn[r] && member(v, r);
      pass[r] = p;
      passing += p ? 1 : 0;
    }
    return passing;
  }

  /** Whether the non-NULL value at row {@code r} of {@code v} is one of the constants. */
  private boolean member(ColumnBatch v, int r) {
    if (strings != null) {
      String s = (String) v.objects(0)[r];
      if (stringSet != null) {
        return stringSet.contains(s);
      }
      for (String c : strings) {
        if (c.equals(s)) {
          return true;
        }
      }
      return false;
    }
    long key =
        kind == Kind.LONG
            ? v.longs(0)[r]
            : Double.doubleToLongBits(Cells.normalize(v.doubles(0)[r]));
    long[] k = keys;
    if (k.length <= LINEAR) {
      for (long c : k) {
        if (c == key) {
          return true;
        }
      }
      return false;
    }
    return Arrays.binarySearch(k, key) >= 0;
  }
}
