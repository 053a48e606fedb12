package dev.bucketsql.calcite.engine;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.tools.Program;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Integer arithmetic in a plan becomes calls of {@link IntegerMath}, which fail on overflow with
 * the operation and its values instead of wrapping as Java's {@code int} and {@code long} do:
 * {@code +}, {@code -}, {@code *}, {@code /}, {@code %}, unary minus and {@code abs} whose operands
 * and result are TINYINT, SMALLINT, INTEGER or BIGINT. Operands of a narrower type are widened to
 * the type of the result first, as Calcite's own operators do; {@code %} is computed in its widest
 * operand's type (Calcite types it as its divisor). DECIMAL arithmetic is checked by Calcite itself
 * (its checked-arithmetic conformance, see {@link BucketPrepare}): the result is cast to its type,
 * and the cast fails when the value does not fit.
 *
 * <p>It runs first in the optimizer program, so constant folding evaluates the checked calls and a
 * constant overflow ({@code SELECT 2147483647 * 60}) fails while the statement is prepared, as in
 * DuckDB. The calls keep the operator's name, so EXPLAIN reads as before.
 */
final class CheckedArithmetic {
  /** Integral types by width, narrowest first. */
  private static final List<SqlTypeName> WIDTHS =
      List.of(SqlTypeName.TINYINT, SqlTypeName.SMALLINT, SqlTypeName.INTEGER, SqlTypeName.BIGINT);

  private enum Op {
    ADD("+", "add", 2),
    SUBTRACT("-", "subtract", 2),
    MULTIPLY("*", "multiply", 2),
    DIVIDE("/", "divide", 2),
    MOD("MOD", "mod", 2),
    NEGATE("-", "negate", 1),
    ABS("ABS", "abs", 1);

    final String symbol;
    final String method;
    final int arity;
    final Map<SqlTypeName, SqlUserDefinedFunction> functions = new EnumMap<>(SqlTypeName.class);

    Op(String symbol, String method, int arity) {
      this.symbol = symbol;
      this.method = method;
      this.arity = arity;
    }
  }

  static {
    for (Op op : Op.values()) {
      SqlReturnTypeInference type =
          op.arity == 2 ? ReturnTypes.LEAST_RESTRICTIVE : ReturnTypes.ARG0;
      for (SqlTypeName width : WIDTHS) {
        String typeName =
            width.getName().charAt(0) + width.getName().substring(1).toLowerCase(Locale.ROOT);
        op.functions.put(
            width,
            new SqlUserDefinedFunction(
                new SqlIdentifier(op.symbol, SqlParserPos.ZERO),
                SqlKind.OTHER_FUNCTION,
                type,
                InferTypes.FIRST_KNOWN,
                null,
                ScalarFunctionImpl.create(IntegerMath.class, op.method + typeName)));
      }
    }
  }

  private static final Map<String, SqlUserDefinedFunction> CASTS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The function of {@link NumericCasts} named {@code method}, shown as the cast it stands for. */
  private static SqlUserDefinedFunction castFunction(
      String method, SqlTypeName target, boolean safe) {
    // named for what it stands for: EXPLAIN reads CAST_INTEGER($t0)
    return CASTS.computeIfAbsent(
        method,
        m ->
            IntegerCasts.castFunction(
                (safe ? "TRY_CAST_" : "CAST_") + target.getName(),
                NumericCasts.class,
                m,
                target,
                safe));
  }

  /**
   * A cast of the number {@code operand} to the integer type {@code type} as a call of {@link
   * NumericCasts}, which rounds as DuckDB does and fails when the value does not fit; null when
   * Calcite's own cast is right (a widening, a string, not an integer target).
   */
  static @Nullable RexNode numericCast(
      RexBuilder rexBuilder, RexNode operand, RelDataType type, boolean safe) {
    if (type.getSqlTypeName() == SqlTypeName.DECIMAL) {
      return decimalCast(rexBuilder, operand, type, safe);
    }
    SqlTypeName target = width(type);
    if (target == null) {
      return null;
    }
    SqlTypeName source = operand.getType().getSqlTypeName();
    String from;
    RelDataTypeFactory types = rexBuilder.getTypeFactory();
    switch (source) {
      case DOUBLE, FLOAT, REAL -> {
        from = "double";
        if (source != SqlTypeName.DOUBLE) {
          operand =
              rexBuilder.makeCast(
                  types.createTypeWithNullability(
                      types.createSqlType(SqlTypeName.DOUBLE), operand.getType().isNullable()),
                  operand);
        }
      }
      case DECIMAL -> from = "decimal";
      case TINYINT, SMALLINT, INTEGER, BIGINT -> {
        if (WIDTHS.indexOf(source) <= WIDTHS.indexOf(target)) {
          return null; // widening: every value fits
        }
        from = "long";
      }
      default -> {
        return null;
      }
    }
    String typeName =
        target.getName().charAt(0) + target.getName().substring(1).toLowerCase(Locale.ROOT);
    String method =
        (safe ? "try" + Character.toUpperCase(from.charAt(0)) + from.substring(1) : from)
            + "To"
            + typeName;
    return rexBuilder.makeCall(type, castFunction(method, target, safe), List.of(operand));
  }

  /**
   * A cast to {@code DECIMAL(p,s)} that rounds, as a call of {@link NumericCasts}: from a DOUBLE or
   * REAL, or from a DECIMAL of a larger scale; null where Calcite's cast is exact (a DECIMAL of no
   * larger scale, an integer) or another's (a string).
   */
  private static @Nullable RexNode decimalCast(
      RexBuilder rexBuilder, RexNode operand, RelDataType type, boolean safe) {
    RelDataType source = operand.getType();
    RelDataTypeFactory types = rexBuilder.getTypeFactory();
    String from;
    switch (source.getSqlTypeName()) {
      case DOUBLE, FLOAT, REAL -> {
        from = "double";
        if (source.getSqlTypeName() != SqlTypeName.DOUBLE) {
          operand =
              rexBuilder.makeCast(
                  types.createTypeWithNullability(
                      types.createSqlType(SqlTypeName.DOUBLE), source.isNullable()),
                  operand);
        }
      }
      case DECIMAL -> {
        if (source.getScale() <= type.getScale()) {
          return null;
        }
        from = "decimal";
      }
      case CHAR, VARCHAR -> {
        // Calcite's cast of text truncates to the scale ('12.345' is 12.34; DuckDB rounds,
        // 12.35): read the text with one more digit, exact there, then round that as a DECIMAL
        if (type.getScale() >= BucketTypeSystem.MAX_DECIMAL) {
          return null;
        }
        RelDataType wider =
            types.createTypeWithNullability(
                types.createSqlType(
                    SqlTypeName.DECIMAL, BucketTypeSystem.MAX_DECIMAL, type.getScale() + 1),
                source.isNullable());
        operand = rexBuilder.makeCast(wider, operand, true, safe);
        from = "decimal";
      }
      default -> {
        return null;
      }
    }
    String method =
        (safe ? "try" + Character.toUpperCase(from.charAt(0)) + from.substring(1) : from)
            + "ToDecimal";
    RelDataType intType = types.createSqlType(SqlTypeName.INTEGER);
    return rexBuilder.makeCall(
        type,
        DECIMAL_CASTS.computeIfAbsent(method, m -> decimalCastFunction(m, safe)),
        List.of(
            operand,
            rexBuilder.makeLiteral(type.getPrecision(), intType),
            rexBuilder.makeLiteral(type.getScale(), intType)));
  }

  private static final Map<String, SqlUserDefinedFunction> DECIMAL_CASTS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** A function of {@link NumericCasts} typed DECIMAL(p,s) of its literal arguments 2 and 3. */
  private static SqlUserDefinedFunction decimalCastFunction(String method, boolean safe) {
    return new SqlUserDefinedFunction(
        new SqlIdentifier((safe ? "TRY_CAST_" : "CAST_") + "DECIMAL", SqlParserPos.ZERO),
        SqlKind.OTHER_FUNCTION,
        binding ->
            binding
                .getTypeFactory()
                .createTypeWithNullability(
                    binding
                        .getTypeFactory()
                        .createSqlType(
                            SqlTypeName.DECIMAL,
                            binding.getOperandLiteralValue(1, Integer.class),
                            binding.getOperandLiteralValue(2, Integer.class)),
                    safe || binding.getOperandType(0).isNullable()),
        InferTypes.FIRST_KNOWN,
        null,
        ScalarFunctionImpl.create(NumericCasts.class, method));
  }

  /** The program that rewrites a whole plan, subqueries included. */
  static final Program PROGRAM =
      (planner, rel, requiredOutputTraits, materializations, lattices) ->
          rel.accept(new Plan(rel.getCluster().getRexBuilder()));

  private CheckedArithmetic() {}

  /**
   * Every expression of every rel, and of the rels of subqueries, rewritten; and the integer
   * arguments of sums and averages cast to DECIMAL(38,0), the type of their sum ({@link
   * BucketTypeSystem}), so that Calcite adds them as decimals, and those of the variance family
   * cast to DOUBLE, in which DuckDB computes them, so that their squares cannot overflow.
   */
  private static final class Plan extends RelHomogeneousShuttle {
    private final RexBuilder rexBuilder;
    private final Expressions expressions;

    Plan(RexBuilder rexBuilder) {
      this.rexBuilder = rexBuilder;
      this.expressions = new Expressions(rexBuilder, this);
    }

    @Override
    public RelNode visit(RelNode other) {
      RelNode visited = super.visit(other).accept(expressions);
      return visited instanceof LogicalAggregate aggregate ? widenArguments(aggregate) : visited;
    }

    private RelNode widenArguments(LogicalAggregate aggregate) {
      RelNode input = aggregate.getInput();
      List<RexNode> fields = new ArrayList<>();
      for (int i = 0; i < input.getRowType().getFieldCount(); i++) {
        fields.add(rexBuilder.makeInputRef(input, i));
      }
      int original = fields.size();
      List<AggregateCall> calls = new ArrayList<>();
      for (AggregateCall call : aggregate.getAggCallList()) {
        SqlTypeName target = widenedArgument(call.getAggregation().getKind());
        if (target == null
            || call.getArgList().size() != 1
            || width(input.getRowType().getFieldList().get(call.getArgList().get(0)).getType())
                == null) {
          calls.add(call);
          continue;
        }
        fields.add(widened(rexBuilder, fields.get(call.getArgList().get(0)), target));
        calls.add(call.withArgList(List.of(fields.size() - 1)));
      }
      if (fields.size() == original) {
        return aggregate;
      }
      RelNode widened =
          LogicalProject.create(input, List.of(), fields, (List<String>) null, java.util.Set.of());
      return aggregate.copy(
          aggregate.getTraitSet(),
          widened,
          aggregate.getGroupSet(),
          aggregate.getGroupSets(),
          calls);
    }

    static @Nullable SqlTypeName widenedArgument(SqlKind kind) {
      return switch (kind) {
        case SUM, SUM0, AVG -> SqlTypeName.DECIMAL;
        case STDDEV_POP, STDDEV_SAMP, VAR_POP, VAR_SAMP -> SqlTypeName.DOUBLE;
        default -> null;
      };
    }
  }

  private static final class Expressions extends RexShuttle {
    private final RexBuilder rexBuilder;
    private final Plan plan;

    Expressions(RexBuilder rexBuilder, Plan plan) {
      this.rexBuilder = rexBuilder;
      this.plan = plan;
    }

    @Override
    public RexNode visitSubQuery(RexSubQuery subQuery) {
      RexSubQuery visited = (RexSubQuery) super.visitSubQuery(subQuery);
      RelNode rel = visited.rel.accept(plan);
      return rel == visited.rel ? visited : visited.clone(rel);
    }

    /** A window sum or average of integers adds decimals, as {@link Plan} makes aggregates do. */
    @Override
    public RexNode visitOver(RexOver over) {
      RexOver visited = (RexOver) super.visitOver(over);
      SqlTypeName target = Plan.widenedArgument(visited.getAggOperator().getKind());
      if (target == null || visited.getOperands().size() != 1) {
        return visited;
      }
      RexNode arg = visited.getOperands().get(0);
      if (width(arg.getType()) == null) {
        return visited;
      }
      RexNode cast = widened(rexBuilder, arg, target);
      List<RexNode> operands = visited.getOperands();
      // RexOver has no public constructor: RexShuttle rebuilds it when an operand list changes
      return visited.accept(
          new RexShuttle() {
            @Override
            protected List<RexNode> visitList(
                List<? extends RexNode> exprs, boolean @Nullable [] update) {
              if (exprs == operands && update != null) {
                update[0] = true;
                return List.of(cast);
              }
              return super.visitList(exprs, update);
            }
          });
    }

    @Override
    public RexNode visitCall(RexCall call) {
      RexCall visited = (RexCall) super.visitCall(call);
      if (visited.getKind() == SqlKind.CAST || visited.getKind() == SqlKind.SAFE_CAST) {
        return cast(visited);
      }
      Op op = op(visited);
      if (op == null || visited.getOperands().size() != op.arity) {
        return visited;
      }
      SqlTypeName width = width(visited.getType());
      if (width == null) {
        return visited;
      }
      for (RexNode operand : visited.getOperands()) {
        SqlTypeName w = width(operand.getType());
        if (w == null) {
          return visited;
        }
        if (WIDTHS.indexOf(w) > WIDTHS.indexOf(width)) {
          width = w;
        }
      }
      RelDataTypeFactory types = rexBuilder.getTypeFactory();
      List<RexNode> operands = new ArrayList<>();
      for (RexNode operand : visited.getOperands()) {
        RelDataType target =
            types.createTypeWithNullability(
                types.createSqlType(width), operand.getType().isNullable());
        operands.add(
            operand.getType().getSqlTypeName() == width
                ? operand
                : rexBuilder.makeCast(target, operand));
      }
      RelDataType computed =
          types.createTypeWithNullability(
              types.createSqlType(width), visited.getType().isNullable());
      RexNode checked = rexBuilder.makeCall(computed, op.functions.get(width), operands);
      // only % is computed wider than its result, and its remainder fits the divisor's type
      return width == visited.getType().getSqlTypeName()
          ? checked
          : rexBuilder.makeCast(visited.getType(), checked);
    }

    private RexNode cast(RexCall cast) {
      if (cast.getOperands().size() != 1) {
        return cast;
      }
      RexNode rounded =
          numericCast(
              rexBuilder,
              cast.getOperands().get(0),
              cast.getType(),
              cast.getKind() == SqlKind.SAFE_CAST);
      return rounded == null ? cast : rounded;
    }

    private static @Nullable Op op(RexCall call) {
      if (call.getOperator() instanceof SqlUserDefinedFunction) {
        return null; // rewritten already, or a function of the schema
      }
      return switch (call.getKind()) {
        case PLUS, CHECKED_PLUS -> Op.ADD;
        case MINUS, CHECKED_MINUS -> Op.SUBTRACT;
        case TIMES, CHECKED_TIMES -> Op.MULTIPLY;
        case DIVIDE, CHECKED_DIVIDE -> Op.DIVIDE;
        case MOD -> Op.MOD;
        case MINUS_PREFIX, CHECKED_MINUS_PREFIX -> Op.NEGATE;
        default -> call.getOperator().getName().equalsIgnoreCase("ABS") ? Op.ABS : null;
      };
    }
  }

  /**
   * {@code arg} cast to {@code target} as {@link Plan} widens aggregate arguments: a DECIMAL(38,0)
   * (the type of an integer sum) or a DOUBLE, nullable as {@code arg} is.
   */
  private static RexNode widened(RexBuilder rexBuilder, RexNode arg, SqlTypeName target) {
    RelDataTypeFactory types = rexBuilder.getTypeFactory();
    RelDataType type =
        target == SqlTypeName.DECIMAL
            ? types.createSqlType(SqlTypeName.DECIMAL, BucketTypeSystem.MAX_DECIMAL, 0)
            : types.createSqlType(target);
    return rexBuilder.makeCast(
        types.createTypeWithNullability(type, arg.getType().isNullable()), arg);
  }

  private static @Nullable SqlTypeName width(RelDataType type) {
    SqlTypeName name = type.getSqlTypeName();
    return WIDTHS.contains(name) ? name : null;
  }
}
