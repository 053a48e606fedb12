package dev.bucketsql.format.predicate;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The values one column may take for a row to pass a filter: a union of disjoint ranges of non-null
 * values, and whether NULL passes. A SQL filter is translated once into domains; each format then
 * uses them to skip what cannot match (Parquet row groups by statistics, files by partition
 * values). A domain never excludes a value the filter accepts; it may keep values the filter
 * rejects, so the filter still runs above the scan.
 */
public final class Domain {
  private final ColumnType type;
  private final List<Range> ranges;
  private final boolean nullAllowed;

  private Domain(ColumnType type, List<Range> ranges, boolean nullAllowed) {
    this.type = type;
    this.ranges = ranges;
    this.nullAllowed = nullAllowed;
  }

  /** Every value, NULL included: no restriction. */
  public static Domain all(ColumnType type) {
    return new Domain(requireNonNull(type, "type is null"), List.of(Range.ALL), true);
  }

  /** No value at all: no row can pass. */
  public static Domain none(ColumnType type) {
    return new Domain(requireNonNull(type, "type is null"), List.of(), false);
  }

  /** Only NULL ({@code IS NULL}). */
  public static Domain onlyNull(ColumnType type) {
    return new Domain(requireNonNull(type, "type is null"), List.of(), true);
  }

  /** Every non-null value ({@code IS NOT NULL}). */
  public static Domain notNull(ColumnType type) {
    return new Domain(requireNonNull(type, "type is null"), List.of(Range.ALL), false);
  }

  /** Exactly {@code value} ({@code = value}). */
  public static Domain singleValue(ColumnType type, Comparable<?> value) {
    return of(type, List.of(Range.point(value)), false);
  }

  /** Any of {@code values} ({@code IN (...)}); NULLs among them are ignored, as SQL does. */
  public static Domain values(ColumnType type, Collection<? extends Comparable<?>> values) {
    List<Range> points = new ArrayList<>();
    for (Comparable<?> v : values) {
      if (v != null) {
        points.add(Range.point(v));
      }
    }
    return of(type, points, false);
  }

  /** The non-null values in {@code range}. */
  public static Domain range(ColumnType type, Range range) {
    return of(type, List.of(range), false);
  }

  /** A domain from any ranges, which may overlap; they are sorted and merged. */
  public static Domain of(ColumnType type, Collection<Range> ranges, boolean nullAllowed) {
    requireNonNull(type, "type is null");
    List<Range> sorted = new ArrayList<>(requireNonNull(ranges, "ranges is null"));
    sorted.sort(Range.BY_LOW);
    List<Range> merged = new ArrayList<>();
    for (Range r : sorted) {
      if (!merged.isEmpty() && merged.get(merged.size() - 1).touches(r)) {
        merged.set(merged.size() - 1, merged.get(merged.size() - 1).span(r));
      } else {
        merged.add(r);
      }
    }
    return new Domain(type, List.copyOf(merged), nullAllowed);
  }

  /** The column type whose representation the values use. */
  public ColumnType type() {
    return type;
  }

  /** The disjoint ranges of non-null values, in ascending order. */
  public List<Range> ranges() {
    return ranges;
  }

  /** Whether NULL passes. */
  public boolean nullAllowed() {
    return nullAllowed;
  }

  /** Whether this domain restricts nothing. */
  public boolean isAll() {
    return nullAllowed && ranges.size() == 1 && ranges.get(0).equals(Range.ALL);
  }

  /** Whether no value passes. */
  public boolean isNone() {
    return !nullAllowed && ranges.isEmpty();
  }

  /** Whether {@code value} (null for NULL) passes. */
  public boolean contains(Comparable<?> value) {
    if (value == null) {
      return nullAllowed;
    }
    for (Range r : ranges) {
      if (r.contains(value)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a group of values described by statistics may hold a passing value.
   *
   * @param min smallest non-null value, or null when unknown
   * @param max largest non-null value, or null when unknown
   * @param hasNulls whether the group may hold NULLs
   * @param hasNonNulls whether the group may hold non-null values
   */
  public boolean mayOverlap(
      Comparable<?> min, Comparable<?> max, boolean hasNulls, boolean hasNonNulls) {
    if (nullAllowed && hasNulls) {
      return true;
    }
    if (!hasNonNulls || ranges.isEmpty()) {
      return false;
    }
    if (min == null || max == null) {
      return true;
    }
    for (Range r : ranges) {
      if (r.overlaps(min, max)) {
        return true;
      }
    }
    return false;
  }

  /** The values in both domains ({@code AND}). */
  public Domain intersect(Domain other) {
    checkType(other);
    List<Range> result = new ArrayList<>();
    for (Range a : ranges) {
      for (Range b : other.ranges) {
        Range both = a.intersect(b);
        if (both != null) {
          result.add(both);
        }
      }
    }
    return of(type, result, nullAllowed && other.nullAllowed);
  }

  /** The values in either domain ({@code OR}). */
  public Domain union(Domain other) {
    checkType(other);
    List<Range> result = new ArrayList<>(ranges);
    result.addAll(other.ranges);
    return of(type, result, nullAllowed || other.nullAllowed);
  }

  /** The values not in this domain ({@code NOT}), NULL passing when it did not. */
  public Domain complement() {
    List<Range> gaps = new ArrayList<>();
    Comparable<?> lo = null;
    boolean loInc = false;
    boolean open = true;
    for (Range r : ranges) {
      if (r.low() != null) {
        gaps.add(new Range(lo, lo != null && loInc, r.low(), !r.lowInclusive()));
      } else if (!open) {
        throw new IllegalStateException("ranges are not disjoint: " + ranges);
      }
      open = false;
      lo = r.high();
      loInc = !r.highInclusive();
      if (lo == null) {
        return of(type, gaps, !nullAllowed);
      }
    }
    gaps.add(new Range(lo, lo != null && loInc, null, false));
    return of(type, gaps, !nullAllowed);
  }

  /** The values, when every range is a single value. */
  public Optional<List<Comparable<?>>> discreteValues() {
    List<Comparable<?>> values = new ArrayList<>();
    for (Range r : ranges) {
      if (!r.isPoint()) {
        return Optional.empty();
      }
      values.add(r.low());
    }
    return Optional.of(values);
  }

  private void checkType(Domain other) {
    if (other.type != type) {
      throw new IllegalArgumentException(
          "domains of " + type + " and " + other.type + " do not combine");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Domain d
        && d.type == type
        && d.nullAllowed == nullAllowed
        && d.ranges.equals(ranges);
  }

  @Override
  public int hashCode() {
    return ranges.hashCode() * 31 + (nullAllowed ? 1 : 0);
  }

  @Override
  public String toString() {
    if (isAll()) {
      return "ALL";
    }
    if (isNone()) {
      return "NONE";
    }
    StringBuilder s = new StringBuilder();
    for (Range r : ranges) {
      s.append(s.length() == 0 ? "" : " or ")
          .append(r.equals(Range.ALL) ? "NOT NULL" : r.toString());
    }
    if (nullAllowed) {
      s.append(s.length() == 0 ? "NULL" : " or NULL");
    }
    return s.toString();
  }
}
