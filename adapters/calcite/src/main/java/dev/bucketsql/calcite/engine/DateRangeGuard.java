package dev.bucketsql.calcite.engine;

import java.math.BigDecimal;
import java.util.Map;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.rules.DateRangeRules;
import org.apache.calcite.rel.rules.DateRangeRules.FilterDateRangeRule.FilterDateRangeRuleConfig;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlKind;

/**
 * Calcite's rule that turns {@code EXTRACT(YEAR FROM d) = 2018} into a range of {@code d}, kept for
 * the values a date part can take. It computes the range's ends with {@code java.util.Calendar},
 * which has no year 0 (it becomes 1 BC) and switches to the Julian calendar before 1582: {@code
 * EXTRACT(YEAR FROM d) > 0} became a range no date is in, and the filter returned no row where
 * DuckDB returns every one. A filter comparing a date part with a number outside its range (a year
 * outside 1583-9998, a month outside 1-12, ...) keeps the EXTRACT, which is evaluated per row; the
 * rest still becomes a range (and prunes row groups).
 */
final class DateRangeGuard {
  /**
   * The first year of the Gregorian calendar everywhere, and the last whose range ends in a year of
   * four digits (the range of 9999 ends at 10000-01-01, which Calcite's date strings refuse with an
   * IllegalArgumentException).
   */
  private static final Map<TimeUnitRange, long[]> VALID =
      Map.of(
          TimeUnitRange.YEAR, new long[] {1583, 9998},
          TimeUnitRange.MONTH, new long[] {1, 12},
          TimeUnitRange.DAY, new long[] {1, 31},
          TimeUnitRange.HOUR, new long[] {0, 23},
          TimeUnitRange.MINUTE, new long[] {0, 59},
          TimeUnitRange.SECOND, new long[] {0, 59});

  /** The rule, for filters whose date parts are compared with values they can take. */
  static final RelOptRule FILTER_DATE_RANGE =
      FilterDateRangeRuleConfig.DEFAULT
          .withOperandSupplier(
              b -> b.operand(Filter.class).predicate(DateRangeGuard::safe).anyInputs())
          .as(FilterDateRangeRuleConfig.class)
          .toRule();

  private DateRangeGuard() {}

  /** Replaces Calcite's rule in {@code planner} with the guarded one. */
  static void register(RelOptPlanner planner) {
    if (planner.removeRule(DateRangeRules.FILTER_INSTANCE)) {
      planner.addRule(FILTER_DATE_RANGE);
    }
  }

  /** Whether every date part in {@code filter}'s condition is compared with a value it can take. */
  static boolean safe(Filter filter) {
    RexNode condition =
        RexUtil.expandSearch(filter.getCluster().getRexBuilder(), null, filter.getCondition());
    boolean[] safe = {true};
    condition.accept(
        new RexVisitorImpl<Void>(true) {
          @Override
          public Void visitCall(RexCall call) {
            if (comparison(call.getKind()) && call.getOperands().size() == 2) {
              check(call.getOperands().get(0), call.getOperands().get(1), safe);
              check(call.getOperands().get(1), call.getOperands().get(0), safe);
            }
            return super.visitCall(call);
          }
        });
    return safe[0];
  }

  private static boolean comparison(SqlKind kind) {
    return switch (kind) {
      case EQUALS,
          NOT_EQUALS,
          LESS_THAN,
          LESS_THAN_OR_EQUAL,
          GREATER_THAN,
          GREATER_THAN_OR_EQUAL,
          IS_DISTINCT_FROM,
          IS_NOT_DISTINCT_FROM ->
          true;
      default -> false;
    };
  }

  /**
   * Clears {@code safe[0]} when {@code part} is an EXTRACT and {@code value} a number it cannot be.
   */
  private static void check(RexNode part, RexNode value, boolean[] safe) {
    if (!(part instanceof RexCall extract)
        || extract.getKind() != SqlKind.EXTRACT
        || !(extract.getOperands().get(0) instanceof RexLiteral unit)
        || !(unit.getValue() instanceof TimeUnitRange range)) {
      return;
    }
    long[] valid = VALID.get(range);
    BigDecimal v =
        value instanceof RexLiteral literal ? literal.getValueAs(BigDecimal.class) : null;
    if (valid != null
        && v != null
        && (v.compareTo(BigDecimal.valueOf(valid[0])) < 0
            || v.compareTo(BigDecimal.valueOf(valid[1])) > 0)) {
      safe[0] = false;
    }
  }
}
