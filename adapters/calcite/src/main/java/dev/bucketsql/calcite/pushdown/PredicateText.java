package dev.bucketsql.calcite.pushdown;

import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.TableSchema;
import dev.bucketsql.format.predicate.Domain;
import dev.bucketsql.format.predicate.Range;
import dev.bucketsql.format.predicate.ScanPredicate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;

/**
 * Renders a {@link ScanPredicate} for people: column names instead of indexes, dates and timestamps
 * as ISO text, strings quoted. For example {@code date >= 2018-01-01 AND rating IN (4, 5)}.
 */
public final class PredicateText {
  private PredicateText() {}

  /** {@code predicate} over the columns of {@code schema}. */
  public static String of(ScanPredicate predicate, TableSchema schema) {
    if (predicate.isNone()) {
      return "FALSE";
    }
    if (predicate.isAll()) {
      return "ALL";
    }
    StringBuilder s = new StringBuilder();
    for (Map.Entry<Integer, Domain> e : predicate.domains().entrySet()) {
      String name =
          e.getKey() < schema.size() ? schema.column(e.getKey()).name() : "$" + e.getKey();
      if (s.length() > 0) {
        s.append(" AND ");
      }
      s.append(domain(name, e.getValue()));
    }
    return s.toString();
  }

  private static String domain(String name, Domain d) {
    StringBuilder s = new StringBuilder();
    var points = d.discreteValues();
    if (points.isPresent() && points.get().size() > 1) {
      s.append(name).append(" IN (");
      for (int i = 0; i < points.get().size(); i++) {
        s.append(i == 0 ? "" : ", ").append(value(d.type(), points.get().get(i)));
      }
      s.append(')');
    } else {
      for (Range r : d.ranges()) {
        if (s.length() > 0) {
          s.append(" OR ");
        }
        s.append(range(name, d.type(), r));
      }
    }
    if (d.nullAllowed()) {
      s.append(s.length() > 0 ? " OR " : "").append(name).append(" IS NULL");
    }
    boolean many =
        d.ranges().size() + (d.nullAllowed() ? 1 : 0) > 1
            && points.map(p -> p.size() <= 1).orElse(true);
    return many ? "(" + s + ")" : s.toString();
  }

  private static String range(String name, ColumnType type, Range r) {
    if (r.isPoint()) {
      return name + " = " + value(type, r.low());
    }
    if (r.low() == null && r.high() == null) {
      return name + " IS NOT NULL";
    }
    String low =
        r.low() == null ? null : name + (r.lowInclusive() ? " >= " : " > ") + value(type, r.low());
    String high =
        r.high() == null
            ? null
            : name + (r.highInclusive() ? " <= " : " < ") + value(type, r.high());
    return low == null ? high : high == null ? low : low + " AND " + high;
  }

  private static String value(ColumnType type, Object v) {
    return switch (type) {
      case DATE -> LocalDate.ofEpochDay(((Number) v).longValue()).toString();
      case TIMESTAMP -> Instant.ofEpochMilli(((Number) v).longValue()).toString();
      case TIME -> LocalTime.ofNanoOfDay(((Number) v).longValue() * 1_000_000L).toString();
      case VARCHAR -> "'" + v.toString().replace("'", "''") + "'";
      default -> String.valueOf(v);
    };
  }
}
