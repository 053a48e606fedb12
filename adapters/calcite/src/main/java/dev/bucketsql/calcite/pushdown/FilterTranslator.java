package dev.bucketsql.calcite.pushdown;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.BoundType;
import dev.bucketsql.calcite.pushdown.ColumnValues.Unconvertible;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.TableSchema;
import dev.bucketsql.format.predicate.Domain;
import dev.bucketsql.format.predicate.Range;
import dev.bucketsql.format.predicate.ScanPredicate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/**
 * Translates SQL filter conjuncts into a {@link ScanPredicate}: per-column domains in the columns'
 * value representation, by column index of the file schema (the {@code RexInputRef} indexes of the
 * filters).
 *
 * <p>Understood: {@code = <> < <= > >=} between a column (or a lossless widening CAST of it) and a
 * literal or {@code ?} parameter, in either order; {@code SEARCH} (Calcite's form of BETWEEN, IN
 * and ranges); IS [NOT] NULL; IS [NOT] TRUE/FALSE and bare BOOLEAN columns; AND, OR and NOT of
 * those. Anything else translates to "no restriction", so the predicate is always a superset of the
 * filter: the filter itself still runs above the scan.
 *
 * <p>Edge cases handled conservatively: a comparison with NULL matches nothing; NaN and infinite
 * bounds are not pushed; CHAR literals with trailing spaces (Calcite pads ragged IN lists) are not
 * pushed; DATE and TIMESTAMP parameters are widened by a day on each side, because their conversion
 * from JDBC objects depends on time zones.
 */
public final class FilterTranslator {
  private static final Object PLACEHOLDER = new Object();
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private final TableSchema schema;
  private final IntFunction<Object> parameters;

  private FilterTranslator(TableSchema schema, IntFunction<Object> parameters) {
    this.schema = requireNonNull(schema, "schema is null");
    this.parameters = parameters;
  }

  /**
   * The predicate {@code conjuncts} imply, at run time.
   *
   * @param parameters value of the dynamic parameter {@code ?index}, in the representation Calcite
   *     gives it at run time
   */
  public static ScanPredicate translate(
      List<RexNode> conjuncts, TableSchema schema, IntFunction<Object> parameters) {
    requireNonNull(parameters, "parameters is null");
    FilterTranslator t = new FilterTranslator(schema, parameters);
    ScanPredicate result = ScanPredicate.all();
    for (RexNode conjunct : conjuncts) {
      result = result.intersect(t.visit(conjunct).predicate);
    }
    return result;
  }

  /**
   * Whether {@code condition} restricts some column, whatever values its parameters take: the
   * planner pushes only such conjuncts.
   */
  public static boolean isPushable(RexNode condition, TableSchema schema) {
    return !new FilterTranslator(schema, null).visit(condition).predicate.isAll();
  }

  /** A translation and whether it is exactly the condition's rows (up to NULLs of others). */
  private record Result(ScanPredicate predicate, boolean exact) {
    static final Result ALL = new Result(ScanPredicate.all(), false);
  }

  private Result visit(RexNode node) {
    try {
      return switch (node.getKind()) {
        case AND -> and((RexCall) node);
        case OR -> or((RexCall) node);
        case NOT -> not((RexCall) node);
        case IS_NULL, IS_NOT_NULL -> nullTest((RexCall) node);
        case IS_TRUE, IS_FALSE, IS_NOT_TRUE, IS_NOT_FALSE -> truthTest((RexCall) node);
        case EQUALS,
            NOT_EQUALS,
            LESS_THAN,
            LESS_THAN_OR_EQUAL,
            GREATER_THAN,
            GREATER_THAN_OR_EQUAL ->
            comparison((RexCall) node);
        case SEARCH -> search((RexCall) node);
        case INPUT_REF -> booleanColumn((RexInputRef) node, true);
        default -> Result.ALL;
      };
    } catch (Unconvertible e) {
      return Result.ALL;
    }
  }

  private Result and(RexCall call) {
    ScanPredicate p = ScanPredicate.all();
    boolean exact = true;
    for (RexNode operand : call.getOperands()) {
      Result r = visit(operand);
      p = p.intersect(r.predicate);
      exact &= r.exact;
    }
    return new Result(p, exact);
  }

  private Result or(RexCall call) {
    ScanPredicate p = null;
    boolean exact = true;
    for (RexNode operand : call.getOperands()) {
      Result r = visit(operand);
      p = p == null ? r.predicate : p.columnWiseUnion(r.predicate);
      exact &= r.exact && r.predicate.domains().size() == 1;
    }
    exact &= p != null && p.domains().size() == 1;
    return new Result(p == null ? ScanPredicate.all() : p, exact);
  }

  private Result not(RexCall call) {
    Result inner = visit(call.getOperands().get(0));
    if (!inner.exact || inner.predicate.domains().size() != 1) {
      return Result.ALL;
    }
    var entry = inner.predicate.domains().entrySet().iterator().next();
    // The complement lets NULL through where NOT(...) is unknown: a superset, so not exact.
    return new Result(ScanPredicate.of(entry.getKey(), entry.getValue().complement()), false);
  }

  private Result nullTest(RexCall call) throws Unconvertible {
    int column = column(call.getOperands().get(0));
    ColumnType type = schema.column(column).type();
    Domain d = call.getKind() == SqlKind.IS_NULL ? Domain.onlyNull(type) : Domain.notNull(type);
    return new Result(ScanPredicate.of(column, d), true);
  }

  private Result truthTest(RexCall call) throws Unconvertible {
    RexNode operand = call.getOperands().get(0);
    if (!(operand instanceof RexInputRef ref)) {
      return Result.ALL;
    }
    boolean value = call.getKind() == SqlKind.IS_TRUE || call.getKind() == SqlKind.IS_NOT_FALSE;
    Result r = booleanColumn(ref, value);
    if (call.getKind() == SqlKind.IS_NOT_TRUE || call.getKind() == SqlKind.IS_NOT_FALSE) {
      var e = r.predicate.domains().entrySet().iterator().next();
      Domain withNull = e.getValue().union(Domain.onlyNull(e.getValue().type()));
      return new Result(ScanPredicate.of(e.getKey(), withNull), true);
    }
    return r;
  }

  private Result booleanColumn(RexInputRef ref, boolean value) throws Unconvertible {
    int column = column(ref);
    if (schema.column(column).type() != ColumnType.BOOLEAN) {
      throw new Unconvertible();
    }
    return new Result(
        ScanPredicate.of(column, Domain.singleValue(ColumnType.BOOLEAN, value)), true);
  }

  private Result comparison(RexCall call) throws Unconvertible {
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    SqlKind kind = call.getKind();
    if (!isColumn(left)) {
      RexNode t = left;
      left = right;
      right = t;
      kind = kind.reverse();
    }
    int column = column(left);
    ColumnType type = schema.column(column).type();
    Value v = value(right, type);
    if (v.value == PLACEHOLDER) {
      return new Result(ScanPredicate.of(column, Domain.notNull(type)), false);
    }
    if (v.value == null) {
      return new Result(ScanPredicate.none(), true); // a comparison with NULL is never true
    }
    List<Range> ranges = new ArrayList<>();
    Object lo = v.minus();
    Object hi = v.plus();
    boolean fuzzy = v.fuzz != 0;
    switch (kind) {
      case EQUALS -> add(ranges, type, lo, true, hi, true);
      case NOT_EQUALS -> {
        if (fuzzy) {
          add(ranges, type, null, false, null, false);
        } else {
          add(ranges, type, null, false, v.value, false);
          add(ranges, type, v.value, false, null, false);
        }
      }
      case LESS_THAN -> add(ranges, type, null, false, hi, fuzzy);
      case LESS_THAN_OR_EQUAL -> add(ranges, type, null, false, hi, true);
      case GREATER_THAN -> add(ranges, type, lo, fuzzy, null, false);
      case GREATER_THAN_OR_EQUAL -> add(ranges, type, lo, true, null, false);
      default -> throw new Unconvertible();
    }
    return new Result(ScanPredicate.of(column, Domain.of(type, ranges, false)), !fuzzy);
  }

  private static void add(
      List<Range> ranges, ColumnType type, Object lo, boolean loInc, Object hi, boolean hiInc)
      throws Unconvertible {
    Range r = ColumnValues.range(type, lo, loInc, hi, hiInc);
    if (r != null) {
      ranges.add(r);
    }
  }

  private Result search(RexCall call) throws Unconvertible {
    int column = column(call.getOperands().get(0));
    ColumnType type = schema.column(column).type();
    if (!(call.getOperands().get(1) instanceof RexLiteral literal)) {
      throw new Unconvertible();
    }
    Sarg<?> sarg = literal.getValueAs(Sarg.class);
    if (sarg == null) {
      throw new Unconvertible();
    }
    boolean isChar = literal.getType().getSqlTypeName() == SqlTypeName.CHAR;
    List<Range> ranges = new ArrayList<>();
    for (com.google.common.collect.Range<?> r : sarg.rangeSet.asRanges()) {
      Object lo = r.hasLowerBound() ? sargValue(r.lowerEndpoint(), isChar) : null;
      Object hi = r.hasUpperBound() ? sargValue(r.upperEndpoint(), isChar) : null;
      add(
          ranges,
          type,
          lo,
          r.hasLowerBound() && r.lowerBoundType() == BoundType.CLOSED,
          hi,
          r.hasUpperBound() && r.upperBoundType() == BoundType.CLOSED);
    }
    return new Result(
        ScanPredicate.of(column, Domain.of(type, ranges, sarg.nullAs == RexUnknownAs.TRUE)), true);
  }

  private static Object sargValue(Object v, boolean isChar) throws Unconvertible {
    if (v instanceof NlsString s) {
      return string(s.getValue(), isChar);
    }
    return comparable(v);
  }

  private static Object comparable(Object v) throws Unconvertible {
    if (v instanceof BigDecimal || v instanceof Boolean || v instanceof String) {
      return v;
    }
    if (v instanceof DateString d) {
      return d.getDaysSinceEpoch();
    }
    if (v instanceof TimestampString t) {
      return t.getMillisSinceEpoch();
    }
    if (v instanceof TimeString t) {
      return t.getMillisOfDay();
    }
    if (v instanceof Number n) {
      return n;
    }
    throw new Unconvertible();
  }

  private static String string(String s, boolean isChar) throws Unconvertible {
    if (isChar && s.endsWith(" ")) {
      // Calcite pads CHAR literals of ragged IN lists; which rows match is then unclear.
      throw new Unconvertible();
    }
    return s;
  }

  /** A value and how far to widen it on each side (for parameters of time types). */
  private record Value(Object value, long fuzz) {
    Object minus() {
      return shift(-fuzz);
    }

    Object plus() {
      return shift(fuzz);
    }

    private Object shift(long by) {
      if (by == 0) {
        return value;
      }
      return value instanceof Integer i ? (Object) (int) (i + by) : (Object) ((Long) value + by);
    }
  }

  private Value value(RexNode node, ColumnType columnType) throws Unconvertible {
    if (node instanceof RexLiteral literal) {
      if (literal.isNull()) {
        return new Value(null, 0);
      }
      return new Value(literalValue(literal), 0);
    }
    if (node instanceof RexDynamicParam param) {
      if (parameters == null) {
        return new Value(PLACEHOLDER, 0);
      }
      return parameterValue(parameters.apply(param.getIndex()), columnType);
    }
    throw new Unconvertible();
  }

  private static Object literalValue(RexLiteral literal) throws Unconvertible {
    SqlTypeName type = literal.getType().getSqlTypeName();
    switch (sqlFamily(type)) {
      case DECIMAL -> {
        if (type == SqlTypeName.DOUBLE || type == SqlTypeName.FLOAT || type == SqlTypeName.REAL) {
          return comparable(literal.getValueAs(Double.class));
        }
        return literal.getValueAs(BigDecimal.class);
      }
      case CHAR -> {
        return string(literal.getValueAs(String.class), type == SqlTypeName.CHAR);
      }
      case DATE -> {
        return literal.getValueAs(Integer.class);
      }
      case TIMESTAMP -> {
        return literal.getValueAs(Long.class);
      }
      case TIME -> {
        return literal.getValueAs(Integer.class);
      }
      case BOOLEAN -> {
        return literal.getValueAs(Boolean.class);
      }
      default -> throw new Unconvertible();
    }
  }

  /** Groups literal types: numbers, strings, date, timestamp, time, boolean. */
  private static SqlTypeName sqlFamily(SqlTypeName type) {
    return switch (type) {
      case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, FLOAT, DOUBLE -> SqlTypeName.DECIMAL;
      case CHAR, VARCHAR -> SqlTypeName.CHAR;
      case DATE -> SqlTypeName.DATE;
      case TIMESTAMP -> SqlTypeName.TIMESTAMP;
      case TIME -> SqlTypeName.TIME;
      case BOOLEAN -> SqlTypeName.BOOLEAN;
      default -> SqlTypeName.ANY;
    };
  }

  private static Value parameterValue(Object v, ColumnType type) throws Unconvertible {
    if (v == null) {
      return new Value(null, 0);
    }
    switch (type) {
      case DATE -> {
        if (v instanceof java.util.Date d) {
          return new Value(org.apache.calcite.runtime.SqlFunctions.toInt(d), 1);
        }
        if (v instanceof java.time.LocalDate d) {
          return new Value((int) d.toEpochDay(), 1);
        }
        if (v instanceof Integer i) {
          return new Value(i, 1);
        }
        throw new Unconvertible();
      }
      case TIMESTAMP -> {
        if (v instanceof java.util.Date d) {
          return new Value(org.apache.calcite.runtime.SqlFunctions.toLong(d), MILLIS_PER_DAY);
        }
        if (v instanceof Long l) {
          return new Value(l, MILLIS_PER_DAY);
        }
        throw new Unconvertible();
      }
      case TIME, VARBINARY -> throw new Unconvertible();
      case VARCHAR -> {
        if (v instanceof String s) {
          return new Value(s, 0);
        }
        throw new Unconvertible();
      }
      case BOOLEAN -> {
        if (v instanceof Boolean b) {
          return new Value(b, 0);
        }
        throw new Unconvertible();
      }
      default -> {
        if (v instanceof BigDecimal || v instanceof Number) {
          return new Value(comparable(v), 0);
        }
        if (v instanceof String s) {
          try {
            return new Value(new BigDecimal(s.trim()), 0);
          } catch (NumberFormatException e) {
            throw new Unconvertible();
          }
        }
        throw new Unconvertible();
      }
    }
  }

  private static boolean isColumn(RexNode node) {
    if (node instanceof RexInputRef) {
      return true;
    }
    return node.getKind() == SqlKind.CAST
        && ((RexCall) node).getOperands().get(0) instanceof RexInputRef;
  }

  /** The file column {@code node} reads, through a lossless widening CAST at most. */
  private int column(RexNode node) throws Unconvertible {
    if (node instanceof RexInputRef ref) {
      return checked(ref.getIndex());
    }
    if (node.getKind() == SqlKind.CAST) {
      RexNode operand = ((RexCall) node).getOperands().get(0);
      if (operand instanceof RexInputRef ref && isLossless(ref.getType(), node.getType())) {
        return checked(ref.getIndex());
      }
    }
    throw new Unconvertible();
  }

  private int checked(int index) throws Unconvertible {
    if (index < 0 || index >= schema.size()) {
      throw new Unconvertible();
    }
    ColumnType type = schema.column(index).type();
    if (type == ColumnType.VARBINARY) {
      throw new Unconvertible();
    }
    return index;
  }

  /** Whether CAST from {@code from} to {@code to} keeps every value and its order. */
  static boolean isLossless(RelDataType from, RelDataType to) {
    SqlTypeName f = from.getSqlTypeName();
    SqlTypeName t = to.getSqlTypeName();
    int digits = integerDigits(f);
    if (digits > 0) {
      if (integerDigits(t) >= digits) {
        return true;
      }
      if (t == SqlTypeName.DECIMAL) {
        return to.getPrecision() - to.getScale() >= digits;
      }
      return (t == SqlTypeName.DOUBLE || t == SqlTypeName.FLOAT) && f != SqlTypeName.BIGINT;
    }
    if (f == SqlTypeName.REAL) {
      return t == SqlTypeName.REAL || t == SqlTypeName.DOUBLE || t == SqlTypeName.FLOAT;
    }
    if (f == SqlTypeName.DOUBLE) {
      return t == SqlTypeName.DOUBLE || t == SqlTypeName.FLOAT;
    }
    if (f == SqlTypeName.DECIMAL && t == SqlTypeName.DECIMAL) {
      return to.getScale() >= from.getScale()
          && to.getPrecision() - to.getScale() >= from.getPrecision() - from.getScale();
    }
    if ((f == SqlTypeName.TIMESTAMP || f == SqlTypeName.TIME) && t == f) {
      return to.getPrecision() >= from.getPrecision();
    }
    if (f == SqlTypeName.DATE || f == SqlTypeName.BOOLEAN) {
      return t == f;
    }
    if (f == SqlTypeName.VARCHAR && t == SqlTypeName.VARCHAR) {
      return to.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED
          || to.getPrecision() >= from.getPrecision();
    }
    return false;
  }

  private static int integerDigits(SqlTypeName type) {
    return switch (type) {
      case TINYINT -> 3;
      case SMALLINT -> 5;
      case INTEGER -> 10;
      case BIGINT -> 19;
      default -> 0;
    };
  }
}
