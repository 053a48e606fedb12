package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.run.ExprTranslator.Maker;
import dev.bucketsql.engine.expr.Exprs;
import dev.bucketsql.format.ColumnType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongUnaryOperator;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * EXTRACT of date and time parts, and the reinterpretation of a DATE or TIMESTAMP as the number
 * that holds it, for {@link ExprTranslator}. Each computes what Calcite's code for EXTRACT
 * computes, with the same calls: the date parts by {@code DateTimeUtils.unixDateExtract} of the day
 * ({@code Math.floorDiv} of a TIMESTAMP's milliseconds by a day's), the time parts of a TIMESTAMP
 * by {@code Math.floorMod} of its milliseconds by the next larger unit, divided by the part's own
 * milliseconds (MILLISECOND and MICROSECOND: the milliseconds in the minute, times 1 or 1000).
 */
final class DateTimeTranslator {
  /**
   * The date parts whose EXTRACT Calcite's code computes with {@code unixDateExtract}, of a DATE or
   * of a TIMESTAMP's day. The SQL layer gives DuckDB's meaning to the others it knows (EPOCH,
   * YEARWEEK) before they reach a plan, and numbers DOW from Sunday 0 by subtracting 1 after.
   */
  private static final Set<TimeUnitRange> DATE_PARTS =
      EnumSet.of(
          TimeUnitRange.YEAR,
          TimeUnitRange.QUARTER,
          TimeUnitRange.MONTH,
          TimeUnitRange.DAY,
          TimeUnitRange.DOW,
          TimeUnitRange.DOY,
          TimeUnitRange.WEEK,
          TimeUnitRange.ISOYEAR,
          TimeUnitRange.ISODOW,
          TimeUnitRange.DECADE,
          TimeUnitRange.CENTURY,
          TimeUnitRange.MILLENNIUM);

  private static final long MILLIS_PER_DAY = DateTimeUtils.MILLIS_PER_DAY;
  private static final long MILLIS_PER_HOUR = DateTimeUtils.MILLIS_PER_HOUR;
  private static final long MILLIS_PER_MINUTE = DateTimeUtils.MILLIS_PER_MINUTE;
  private static final long MILLIS_PER_SECOND = DateTimeUtils.MILLIS_PER_SECOND;

  private final ExprTranslator root;

  DateTimeTranslator(ExprTranslator root) {
    this.root = root;
  }

  /**
   * {@code EXTRACT(part FROM x)} of a DATE or TIMESTAMP as BIGINT; other parts (a time part of a
   * DATE, NANOSECOND) and other operand types (TIME, intervals) stay Calcite's.
   */
  @Nullable Maker extract(List<RexNode> operands, ColumnType type) {
    TimeUnitRange part = operands.size() == 2 ? unit(operands.get(0)) : null;
    if (part == null || type != ColumnType.BIGINT) {
      return null;
    }
    SqlTypeName from = operands.get(1).getType().getSqlTypeName();
    LongUnaryOperator f;
    if (from == SqlTypeName.DATE && DATE_PARTS.contains(part)) {
      f = d -> DateTimeUtils.unixDateExtract(part, d);
    } else if (from == SqlTypeName.TIMESTAMP) {
      f = ofTimestamp(part);
    } else {
      f = null;
    }
    Maker x = f == null ? null : root.translate(operands.get(1));
    if (x == null) {
      return null;
    }
    LongUnaryOperator function = f;
    return () -> Exprs.longFunction(x.make(), ColumnType.BIGINT, function);
  }

  /**
   * The unit of an EXTRACT: its flag, or the text BranchExtracts gives an EXTRACT inside a CASE
   * (the unit's name in a letter case of its own, which Calcite's code reads back as the unit).
   */
  private static @Nullable TimeUnitRange unit(RexNode operand) {
    if (!(operand instanceof RexLiteral literal)) {
      return null;
    }
    if (literal.getValue() instanceof TimeUnitRange part) {
      return part;
    }
    String text = literal.getValueAs(String.class);
    if (text == null) {
      return null;
    }
    try {
      TimeUnitRange part = TimeUnitRange.valueOf(text.toUpperCase(java.util.Locale.ROOT));
      return part.endUnit == null ? part : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** EXTRACT of {@code part} from a TIMESTAMP's milliseconds, or null. */
  private static @Nullable LongUnaryOperator ofTimestamp(TimeUnitRange part) {
    if (DATE_PARTS.contains(part)) {
      return ts -> DateTimeUtils.unixDateExtract(part, Math.floorDiv(ts, MILLIS_PER_DAY));
    }
    return switch (part) {
      case HOUR -> ts -> Math.floorMod(ts, MILLIS_PER_DAY) / MILLIS_PER_HOUR;
      case MINUTE -> ts -> Math.floorMod(ts, MILLIS_PER_HOUR) / MILLIS_PER_MINUTE;
      case SECOND -> ts -> Math.floorMod(ts, MILLIS_PER_MINUTE) / MILLIS_PER_SECOND;
      case MILLISECOND -> ts -> Math.floorMod(ts, MILLIS_PER_MINUTE);
      case MICROSECOND -> ts -> Math.floorMod(ts, MILLIS_PER_MINUTE) * 1000;
      default -> null;
    };
  }

  /**
   * {@code Reinterpret(x)} of a DATE or TIMESTAMP as BIGINT: the days or milliseconds that hold it,
   * as Calcite's code reads them (the SQL layer's {@code epoch(x)} is arithmetic on them). Other
   * reinterpretations (a DECIMAL's unscaled value, intervals) stay Calcite's.
   */
  @Nullable Maker reinterpret(List<RexNode> operands, ColumnType type) {
    if (operands.isEmpty() || type != ColumnType.BIGINT) {
      return null;
    }
    SqlTypeName from = operands.get(0).getType().getSqlTypeName();
    if (from != SqlTypeName.DATE && from != SqlTypeName.TIMESTAMP) {
      return null;
    }
    Maker x = root.translate(operands.get(0));
    return x == null ? null : () -> Exprs.longFunction(x.make(), ColumnType.BIGINT, v -> v);
  }
}
