package dev.bucketsql.format.predicate;

import java.util.Comparator;
import java.util.Objects;

/**
 * A contiguous set of non-null values of one column: {@code low .. high}, each end inclusive,
 * exclusive or unbounded ({@code null}). Values use the column type's representation (see {@link
 * dev.bucketsql.format.ColumnType}) and compare naturally.
 *
 * @param low lower end, or null for unbounded
 * @param lowInclusive whether {@code low} itself is in the range
 * @param high upper end, or null for unbounded
 * @param highInclusive whether {@code high} itself is in the range
 */
public record Range(
    Comparable<?> low, boolean lowInclusive, Comparable<?> high, boolean highInclusive) {
  /** Every non-null value. */
  public static final Range ALL = new Range(null, false, null, false);

  /** Checks that the range is not inverted. */
  public Range {
    if (low != null && high != null) {
      int c = compare(low, high);
      if (c > 0 || (c == 0 && !(lowInclusive && highInclusive))) {
        throw new IllegalArgumentException(
            "empty range: " + describe(low, lowInclusive, high, highInclusive));
      }
    }
  }

  /** The single value {@code value}. */
  public static Range point(Comparable<?> value) {
    Objects.requireNonNull(value, "value is null");
    return new Range(value, true, value, true);
  }

  /** Whether this range is a single value. */
  public boolean isPoint() {
    return low != null && high != null && compare(low, high) == 0;
  }

  /** Whether {@code value} (non-null) lies in this range. */
  public boolean contains(Comparable<?> value) {
    if (low != null) {
      int c = compare(value, low);
      if (c < 0 || (c == 0 && !lowInclusive)) {
        return false;
      }
    }
    if (high != null) {
      int c = compare(value, high);
      return c < 0 || (c == 0 && highInclusive);
    }
    return true;
  }

  /**
   * Whether some value between {@code min} and {@code max} (both inclusive, as file statistics give
   * them) lies in this range.
   */
  public boolean overlaps(Comparable<?> min, Comparable<?> max) {
    if (high != null) {
      int c = compare(min, high);
      if (c > 0 || (c == 0 && !highInclusive)) {
        return false;
      }
    }
    if (low != null) {
      int c = compare(max, low);
      return c > 0 || (c == 0 && lowInclusive);
    }
    return true;
  }

  /** The values in both ranges, or null when they share none. */
  public Range intersect(Range other) {
    Comparable<?> lo = low;
    boolean loInc = lowInclusive;
    if (other.low != null
        && (lo == null || compareLow(other.low, other.lowInclusive, lo, loInc) > 0)) {
      lo = other.low;
      loInc = other.lowInclusive;
    }
    Comparable<?> hi = high;
    boolean hiInc = highInclusive;
    if (other.high != null
        && (hi == null || compareHigh(other.high, other.highInclusive, hi, hiInc) < 0)) {
      hi = other.high;
      hiInc = other.highInclusive;
    }
    if (lo != null && hi != null) {
      int c = compare(lo, hi);
      if (c > 0 || (c == 0 && !(loInc && hiInc))) {
        return null;
      }
    }
    return new Range(lo, loInc, hi, hiInc);
  }

  /** Orders ranges by their lower end, unbounded first. */
  static final Comparator<Range> BY_LOW =
      (a, b) -> {
        if (a.low == null || b.low == null) {
          return a.low == null ? (b.low == null ? 0 : -1) : 1;
        }
        return compareLow(a.low, a.lowInclusive, b.low, b.lowInclusive);
      };

  /** Whether this range and {@code next} (which starts no earlier) touch or overlap. */
  boolean touches(Range next) {
    if (high == null || next.low == null) {
      return true;
    }
    int c = compare(high, next.low);
    return c > 0 || (c == 0 && (highInclusive || next.lowInclusive));
  }

  /** The smallest range holding this one and {@code next}. */
  Range span(Range next) {
    Comparable<?> hi = high;
    boolean hiInc = highInclusive;
    if (hi != null
        && (next.high == null || compareHigh(next.high, next.highInclusive, hi, hiInc) > 0)) {
      hi = next.high;
      hiInc = next.highInclusive;
    }
    return new Range(low, lowInclusive, hi, hiInc);
  }

  private static int compareLow(Comparable<?> a, boolean aInc, Comparable<?> b, boolean bInc) {
    int c = compare(a, b);
    if (c != 0 || aInc == bInc) {
      return c;
    }
    return aInc ? -1 : 1;
  }

  private static int compareHigh(Comparable<?> a, boolean aInc, Comparable<?> b, boolean bInc) {
    int c = compare(a, b);
    if (c != 0 || aInc == bInc) {
      return c;
    }
    return aInc ? 1 : -1;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Comparable<?> a, Comparable<?> b) {
    return ((Comparable) a).compareTo(b);
  }

  @Override
  public String toString() {
    return describe(low, lowInclusive, high, highInclusive);
  }

  private static String describe(Object low, boolean lowInc, Object high, boolean highInc) {
    if (low != null && low.equals(high)) {
      return "=" + low;
    }
    return (low == null ? "(-inf" : (lowInc ? "[" : "(") + low)
        + ", "
        + (high == null ? "+inf)" : high + (highInc ? "]" : ")"));
  }
}
