package dev.bucketsql.parquet;

import static org.apache.parquet.filter2.predicate.FilterApi.and;
import static org.apache.parquet.filter2.predicate.FilterApi.eq;
import static org.apache.parquet.filter2.predicate.FilterApi.gt;
import static org.apache.parquet.filter2.predicate.FilterApi.gtEq;
import static org.apache.parquet.filter2.predicate.FilterApi.lt;
import static org.apache.parquet.filter2.predicate.FilterApi.ltEq;
import static org.apache.parquet.filter2.predicate.FilterApi.notEq;
import static org.apache.parquet.filter2.predicate.FilterApi.or;

import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.predicate.Domain;
import dev.bucketsql.format.predicate.Range;
import dev.bucketsql.format.predicate.ScanPredicate;
import dev.bucketsql.parquet.ParquetSchemaMapping.MappedColumn;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.filter2.predicate.Operators;
import org.apache.parquet.filter2.predicate.Operators.SupportsLtGt;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Maps a {@link ScanPredicate} (per-column domains in SQL value representation) to parquet's {@link
 * FilterPredicate}, column by column. A column whose domain cannot be expressed exactly or as a
 * safe superset is left out, so the result never rules out a row the domain accepts:
 *
 * <ul>
 *   <li>TIMESTAMP bounds in milliseconds are scaled to the column's unit, covering every finer
 *       value that floors to the same millisecond; INT96, TIME, DECIMAL, unsigned integers, UUID
 *       and VARBINARY columns are not pushed.
 *   <li>REAL/DOUBLE bounds are widened by one ulp (so -0.0, 0.0 and rounding of a DOUBLE bound to
 *       REAL cannot lose a row), and a domain reaching +infinity is not pushed, because NaN sorts
 *       above it in some comparisons and not in others.
 *   <li>VARCHAR ranges are pushed only when their bounds are ASCII: Parquet orders strings by UTF-8
 *       bytes and Java by UTF-16 units, which agree whenever one side is ASCII. Equality and IN are
 *       always pushed.
 * </ul>
 */
final class ParquetFilterTranslator {
  /** More ranges than this are pushed as the one range spanning them. */
  private static final int MAX_RANGES = 64;

  /** Up to this many values are pushed as OR of equalities, more as IN. */
  private static final int MAX_OR_POINTS = 16;

  private ParquetFilterTranslator() {}

  /** The filter for {@code predicate} over {@code mapping}'s columns, empty when none applies. */
  static Optional<FilterPredicate> translate(
      ScanPredicate predicate, ParquetSchemaMapping mapping) {
    if (predicate.isAll() || predicate.isNone()) {
      return Optional.empty();
    }
    FilterPredicate result = null;
    for (Map.Entry<Integer, Domain> e : predicate.domains().entrySet()) {
      int index = e.getKey();
      if (index < 0 || index >= mapping.size()) {
        continue;
      }
      FilterPredicate column = column(mapping.column(index), e.getValue());
      if (column != null) {
        result = result == null ? column : and(result, column);
      }
    }
    return Optional.ofNullable(result);
  }

  private static FilterPredicate column(MappedColumn column, Domain domain) {
    if (column.unsupported() != null
        || column.isNested()
        || !column.field().isPrimitive()
        || column.field().getName().contains(".")) {
      return null;
    }
    PrimitiveType type = column.field().asPrimitiveType();
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    ColumnType sql = column.column().type();
    String name = column.field().getName();
    switch (type.getPrimitiveTypeName()) {
      case INT32:
        if (sql == ColumnType.DATE
            || (logical == null && sql == ColumnType.INTEGER)
            || (logical instanceof IntLogicalTypeAnnotation i && i.isSigned())) {
          return build(FilterApi.intColumn(name), domain, v -> ((Number) v).intValue());
        }
        return null;
      case INT64:
        if (logical == null || (logical instanceof IntLogicalTypeAnnotation i && i.isSigned())) {
          return build(FilterApi.longColumn(name), domain, v -> ((Number) v).longValue());
        }
        if (logical instanceof TimestampLogicalTypeAnnotation t) {
          long perMilli =
              switch (t.getUnit()) {
                case MILLIS -> 1L;
                case MICROS -> 1_000L;
                case NANOS -> 1_000_000L;
              };
          return timestamp(FilterApi.longColumn(name), domain, perMilli);
        }
        return null;
      case FLOAT:
        return floating(FilterApi.floatColumn(name), domain, true);
      case DOUBLE:
        return floating(FilterApi.doubleColumn(name), domain, false);
      case BOOLEAN:
        return bool(FilterApi.booleanColumn(name), domain);
      case BINARY:
        if (sql == ColumnType.VARCHAR) {
          return string(FilterApi.binaryColumn(name), domain);
        }
        return null;
      default:
        return null;
    }
  }

  /** Columns whose SQL value converts to the stored value one to one, order preserved. */
  private static <T extends Comparable<T>, C extends Operators.Column<T> & SupportsLtGt>
      FilterPredicate build(C column, Domain domain, Function<Object, T> convert) {
    List<Range> ranges = spanIfMany(domain.ranges());
    Optional<List<Comparable<?>>> points = Domain.of(domain.type(), ranges, false).discreteValues();
    FilterPredicate values = null;
    // A few values as OR of equalities: parquet's statistics test for IN only compares the
    // smallest and largest value with min/max, while each equality is tested on its own.
    if (points.isPresent() && points.get().size() > MAX_OR_POINTS) {
      Set<T> set = new LinkedHashSet<>();
      for (Comparable<?> v : points.get()) {
        set.add(convert.apply(v));
      }
      values = FilterApi.in(column, set);
    } else {
      for (Range r : ranges) {
        FilterPredicate p = range(column, r, convert);
        values = values == null ? p : or(values, p);
      }
    }
    return withNulls(column, values, domain.nullAllowed());
  }

  private static <T extends Comparable<T>, C extends Operators.Column<T> & SupportsLtGt>
      FilterPredicate range(C column, Range r, Function<Object, T> convert) {
    if (r.isPoint()) {
      return eq(column, convert.apply(r.low()));
    }
    FilterPredicate low =
        r.low() == null
            ? null
            : r.lowInclusive()
                ? gtEq(column, convert.apply(r.low()))
                : gt(column, convert.apply(r.low()));
    FilterPredicate high =
        r.high() == null
            ? null
            : r.highInclusive()
                ? ltEq(column, convert.apply(r.high()))
                : lt(column, convert.apply(r.high()));
    if (low == null && high == null) {
      return notEq(column, (T) null);
    }
    return low == null ? high : high == null ? low : and(low, high);
  }

  private static <T extends Comparable<T>, C extends Operators.Column<T> & SupportsLtGt>
      FilterPredicate withNulls(C column, FilterPredicate values, boolean nullAllowed) {
    if (!nullAllowed) {
      return values == null ? eq(column, (T) null) /* unreachable: NONE is not pushed */ : values;
    }
    FilterPredicate nulls = eq(column, (T) null);
    return values == null ? nulls : or(values, nulls);
  }

  /** Millisecond bounds over a column stored in finer units: every value flooring into range. */
  private static FilterPredicate timestamp(
      Operators.LongColumn column, Domain domain, long perMilli) {
    List<Range> scaled = new ArrayList<>();
    try {
      for (Range r : spanIfMany(domain.ranges())) {
        Long low = null;
        Long high = null;
        if (r.low() != null) {
          long v = ((Number) r.low()).longValue();
          low = Math.multiplyExact(r.lowInclusive() ? v : Math.addExact(v, 1), perMilli);
        }
        if (r.high() != null) {
          long v = ((Number) r.high()).longValue();
          high =
              r.highInclusive()
                  ? Math.multiplyExact(Math.addExact(v, 1), perMilli) - 1
                  : Math.multiplyExact(v, perMilli) - 1;
        }
        if (low != null && high != null && low > high) {
          continue;
        }
        scaled.add(new Range(low, low != null, high, high != null));
      }
    } catch (ArithmeticException e) {
      return null; // a bound beyond the stored range: not worth pushing
    }
    if (scaled.isEmpty() && !domain.nullAllowed()) {
      return null;
    }
    return build(column, Domain.of(ColumnType.BIGINT, scaled, domain.nullAllowed()), v -> (Long) v);
  }

  private static <T extends Comparable<T>, C extends Operators.Column<T> & SupportsLtGt>
      FilterPredicate floating(C column, Domain domain, boolean isFloat) {
    List<Range> widened = new ArrayList<>();
    for (Range r : spanIfMany(domain.ranges())) {
      if (r.high() == null || isNaN(r.low()) || isNaN(r.high())) {
        return null;
      }
      Comparable<?> low = null;
      if (r.low() != null) {
        double v = ((Number) r.low()).doubleValue();
        low = isFloat ? (Comparable<?>) Math.nextDown((float) v) : Math.nextDown(v);
      }
      double h = ((Number) r.high()).doubleValue();
      Comparable<?> high = isFloat ? (Comparable<?>) Math.nextUp((float) h) : Math.nextUp(h);
      widened.add(new Range(low, low != null, high, true));
    }
    @SuppressWarnings("unchecked")
    Function<Object, T> identity = v -> (T) v;
    FilterPredicate values = null;
    for (Range r : widened) {
      FilterPredicate p = range(column, r, identity);
      values = values == null ? p : or(values, p);
    }
    return withNulls(column, values, domain.nullAllowed());
  }

  private static boolean isNaN(Object v) {
    return (v instanceof Double d && d.isNaN()) || (v instanceof Float f && f.isNaN());
  }

  private static FilterPredicate bool(Operators.BooleanColumn column, Domain domain) {
    Optional<List<Comparable<?>>> points = domain.discreteValues();
    if (points.isEmpty()) {
      return null;
    }
    FilterPredicate values = null;
    for (Comparable<?> v : points.get()) {
      FilterPredicate p = eq(column, (Boolean) v);
      values = values == null ? p : or(values, p);
    }
    if (domain.nullAllowed()) {
      FilterPredicate nulls = eq(column, (Boolean) null);
      return values == null ? nulls : or(values, nulls);
    }
    return values;
  }

  private static FilterPredicate string(Operators.BinaryColumn column, Domain domain) {
    for (Range r : spanIfMany(domain.ranges())) {
      if (!r.isPoint() && !(isAscii(r.low()) && isAscii(r.high()))) {
        return null;
      }
    }
    return build(column, domain, v -> Binary.fromString((String) v));
  }

  private static boolean isAscii(Object value) {
    if (value == null) {
      return true;
    }
    String s = (String) value;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static List<Range> spanIfMany(List<Range> ranges) {
    if (ranges.size() <= MAX_RANGES) {
      return ranges;
    }
    Range first = ranges.get(0);
    Range last = ranges.get(ranges.size() - 1);
    return List.of(new Range(first.low(), first.lowInclusive(), last.high(), last.highInclusive()));
  }
}
