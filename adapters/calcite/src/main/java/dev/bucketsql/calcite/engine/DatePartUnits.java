package dev.bucketsql.calcite.engine;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The date parts DuckDB names, before validation: {@code EXTRACT(unit FROM x)} and {@code
 * date_part('unit', x)} with any of DuckDB's names for a unit ({@code 'years'}, {@code 'mon'},
 * {@code 'weekday'}, {@code 'us'}, ...) become Calcite's EXTRACT of that unit. Calcite knows fewer
 * names, and maps some text units wrongly at run time ({@code date_part('isoyear', x)} failed,
 * {@code 'isodoy'} gave the ISO year).
 *
 * <p>DuckDB's functions of one part that Calcite lacks ({@code day(x)}, {@code isoyear(x)}, {@code
 * weekday(x)}, ...) become the same EXTRACT.
 *
 * <p>Two units have no EXTRACT of the same meaning in Calcite: EPOCH is DuckDB's DOUBLE with the
 * fraction ({@link DuckEpoch}), not Calcite's whole seconds, and YEARWEEK is the ISO year times 100
 * plus the ISO week. A unit DuckDB does not know is left for the validator to reject.
 */
final class DatePartUnits {
  private static final Map<String, String> UNITS = new HashMap<>();

  static {
    unit("YEAR", "year", "y", "years", "yr", "yrs");
    unit("MONTH", "month", "mon", "months", "mons");
    unit("DAY", "day", "days", "d", "dayofmonth");
    unit("DECADE", "decade", "dec", "decades", "decs");
    unit("CENTURY", "century", "cent", "centuries", "c");
    unit("MILLENNIUM", "millennium", "mil", "millenniums", "millenia", "mils", "millenium");
    unit(
        "MICROSECOND", "microseconds", "microsecond", "us", "usec", "usecs", "usecond", "useconds");
    unit(
        "MILLISECOND", "milliseconds", "millisecond", "ms", "msec", "msecs", "msecond", "mseconds");
    unit("SECOND", "second", "sec", "seconds", "secs", "s");
    unit("MINUTE", "minute", "min", "minutes", "mins", "m");
    unit("HOUR", "hour", "hr", "hours", "hrs", "h");
    unit("DOW", "dayofweek", "weekday", "dow");
    unit("ISODOW", "isodow");
    unit("WEEK", "week", "weeks", "w", "weekofyear");
    unit("DOY", "dayofyear", "doy");
    unit("QUARTER", "quarter", "quarters");
    unit("ISOYEAR", "isoyear");
    unit("EPOCH", "epoch");
    unit("YEARWEEK", "yearweek");
  }

  /**
   * DuckDB's one-argument functions of a date part that Calcite does not have under the same name
   * (it has {@code year}, {@code month}, {@code hour}, {@code dayofweek}, ...).
   */
  private static final Map<String, String> FUNCTIONS =
      Map.ofEntries(
          Map.entry("day", "DAY"),
          Map.entry("weekday", "DOW"),
          Map.entry("weekofyear", "WEEK"),
          Map.entry("isodow", "ISODOW"),
          Map.entry("isoyear", "ISOYEAR"),
          Map.entry("yearweek", "YEARWEEK"),
          Map.entry("decade", "DECADE"),
          Map.entry("century", "CENTURY"),
          Map.entry("millennium", "MILLENNIUM"),
          Map.entry("millisecond", "MILLISECOND"),
          Map.entry("microsecond", "MICROSECOND"));

  private DatePartUnits() {}

  private static void unit(String canonical, String... names) {
    for (String name : names) {
      UNITS.put(name, canonical);
    }
  }

  /** Rewrites {@code node} in place and returns it (or its replacement, if it is itself one). */
  static SqlNode rewrite(SqlNode node) {
    return InPlaceCalls.replace(node, DatePartUnits::replacement);
  }

  /** What {@code call} becomes, or null if it is no date part in a name to rewrite. */
  private static @Nullable SqlNode replacement(SqlCall call) {
    String canonical;
    SqlNode value;
    if (call.operandCount() == 2 && isDatePart(call)) {
      String unit = unitName(call.operand(0));
      canonical = unit == null ? null : UNITS.get(unit.toLowerCase(Locale.ROOT));
      if (canonical == null || alreadyCalcites(call, canonical)) {
        return null;
      }
      value = call.operand(1);
    } else if (call.operandCount() == 1
        && call.getOperator() instanceof SqlUnresolvedFunction function) {
      canonical = FUNCTIONS.get(function.getName().toLowerCase(Locale.ROOT));
      if (canonical == null) {
        return null;
      }
      value = call.operand(0);
    } else {
      return null;
    }
    SqlParserPos pos = call.getParserPosition();
    return switch (canonical) {
      case "EPOCH" -> DuckEpoch.INSTANCE.createCall(pos, value);
      case "YEARWEEK" ->
          SqlStdOperatorTable.PLUS.createCall(
              pos,
              SqlStdOperatorTable.MULTIPLY.createCall(
                  pos,
                  extract(TimeUnit.ISOYEAR, value, pos),
                  SqlLiteral.createExactNumeric("100", pos)),
              extract(TimeUnit.WEEK, value, pos));
      default -> extract(TimeUnit.valueOf(canonical), value, pos);
    };
  }

  /**
   * Whether {@code call} is Calcite's EXTRACT of {@code canonical} already, which it computes as
   * DuckDB.
   */
  private static boolean alreadyCalcites(SqlCall call, String canonical) {
    return call.getKind() == SqlKind.EXTRACT
        && call.operand(0) instanceof SqlIntervalQualifier qualifier
        && qualifier.timeFrameName == null
        && !canonical.equals("EPOCH")
        && qualifier.timeUnitRange.startUnit.name().equals(canonical);
  }

  private static SqlCall extract(TimeUnit unit, SqlNode value, SqlParserPos pos) {
    return SqlStdOperatorTable.EXTRACT.createCall(
        pos, new SqlIntervalQualifier(unit, null, pos), value);
  }

  private static boolean isDatePart(SqlCall call) {
    if (call.getKind() == SqlKind.EXTRACT) {
      return true;
    }
    String name = call.getOperator().getName();
    return name.equalsIgnoreCase("DATE_PART") || name.equalsIgnoreCase("DATEPART");
  }

  /** The unit as written: a keyword or name in EXTRACT, a string constant in date_part. */
  private static @Nullable String unitName(SqlNode unit) {
    if (unit instanceof SqlIntervalQualifier qualifier) {
      if (qualifier.timeFrameName != null) {
        return qualifier.timeFrameName;
      }
      return qualifier.timeUnitRange.endUnit == null
          ? qualifier.timeUnitRange.startUnit.name()
          : null;
    }
    if (unit instanceof SqlLiteral literal
        && SqlTypeName.CHAR_TYPES.contains(literal.getTypeName())) {
      return literal.getValueAs(String.class);
    }
    return null;
  }
}
