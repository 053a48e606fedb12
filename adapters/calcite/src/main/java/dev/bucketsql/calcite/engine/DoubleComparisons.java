package dev.bucketsql.calcite.engine;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableNestedLoopJoin;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.tools.Program;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Comparisons of doubles in DuckDB's order ({@link DoubleOrder}: NaN above every number and equal
 * to itself, -0.0 equal to 0.0), after Calcite's optimizer: {@code = <> < <= > >=} whose operands
 * are both DOUBLE, REAL or FLOAT, and not both literals, become calls of {@link DoubleOrder} (shown
 * as the operator they stand for), in filters, calcs and projections; a SEARCH over doubles
 * (Calcite's BETWEEN and IN) is expanded into comparisons first. Calcite's generated code would
 * compare as Java's primitive doubles, where every comparison with NaN is false. MIN and MAX of
 * doubles the optimizer made are replaced as {@link DoubleOrderCalls} replaces those of the
 * statement.
 *
 * <p>{@code IS [NOT] DISTINCT FROM} of doubles compares their {@link DoubleOrder#key}s, where -0.0
 * and 0.0 are one value and every NaN is one value.
 *
 * <p>A hash or merge join's equality keys (column = column) keep Calcite's comparison: they are
 * hashed (Java's {@code Double.equals}, where NaN equals NaN as in DuckDB), a SIGNLESS_ZERO copy of
 * a floating key where the optimizer made the join ({@link DoubleJoinKeys}); the rest of a join
 * condition, and a nested-loop join's whole condition, are rewritten. Conjuncts pushed into a scan
 * only let the format skip data ({@code FilterTranslator} keeps NaN and both zeros wherever DuckDB
 * would), and the filter rewritten here still checks every row.
 */
final class DoubleComparisons {
  private static final Map<SqlKind, SqlUserDefinedFunction> FUNCTIONS =
      new EnumMap<>(SqlKind.class);

  static {
    FUNCTIONS.put(SqlKind.EQUALS, function("=", "eq"));
    FUNCTIONS.put(SqlKind.NOT_EQUALS, function("<>", "ne"));
    FUNCTIONS.put(SqlKind.LESS_THAN, function("<", "lt"));
    FUNCTIONS.put(SqlKind.LESS_THAN_OR_EQUAL, function("<=", "le"));
    FUNCTIONS.put(SqlKind.GREATER_THAN, function(">", "gt"));
    FUNCTIONS.put(SqlKind.GREATER_THAN_OR_EQUAL, function(">=", "ge"));
  }

  /** The program that rewrites a whole plan. */
  static final Program PROGRAM =
      (planner, rel, requiredOutputTraits, materializations, lattices) -> rel.accept(new Plan());

  private DoubleComparisons() {}

  private static SqlUserDefinedFunction function(String symbol, String method) {
    return new SqlUserDefinedFunction(
        new SqlIdentifier(symbol, SqlParserPos.ZERO),
        SqlKind.OTHER_FUNCTION,
        ReturnTypes.BOOLEAN_NULLABLE,
        InferTypes.FIRST_KNOWN,
        null,
        ScalarFunctionImpl.create(DoubleOrder.class, method));
  }

  /**
   * {@code call} as a call of {@link DoubleOrder} when it is a comparison of two doubles, not both
   * literals, that are constant ({@code CAST('NaN' AS DOUBLE) > 1e0}), or a SEARCH of a constant
   * double ({@code round(1e0, 2) BETWEEN 0e0 AND NaN}): rewritten before the optimizer, which folds
   * it with DuckDB's answer instead of Java's; otherwise null.
   */
  static @Nullable RexNode constantComparison(RexBuilder rexBuilder, RexCall call) {
    // a BETWEEN of literal bounds arrives as a SEARCH (x BETWEEN 0e0 AND NaN): expanded and
    // rewritten as its comparisons are
    boolean search = call.getKind() == SqlKind.SEARCH;
    if (!(search || FUNCTIONS.containsKey(call.getKind()))
        || call.getOperands().size() != 2
        || !RexUtil.isConstant(call.getOperands().get(0))
        || !RexUtil.isConstant(call.getOperands().get(1))) {
      return null;
    }
    RexNode rewritten = new Calls(rexBuilder, false).visitCall(call);
    return rewritten == call ? null : rewritten;
  }

  /**
   * {@code call}, a comparison of a double with a constant double that is no literal, with that
   * constant read through SIGNLESS_ZERO, or null for any other call. Calcite folds a constant such
   * as {@code -0e0} or {@code CAST('-0.0' AS DOUBLE)} to a literal holding the Java double -0.0,
   * and its range reasoning orders literals as {@link Double#compareTo} does, -0.0 below 0.0:
   * {@code x BETWEEN 0e0 AND -0e0} became an empty range, FALSE, where -0.0 equals 0.0 in DuckDB's
   * order (and in {@link DoubleOrder}). In a comparison the sign of a zero never matters, so the
   * constant folds to 0.0 instead.
   */
  static @Nullable RexNode signlessConstants(RexBuilder rexBuilder, RexCall call) {
    if (!(FUNCTIONS.containsKey(call.getKind())
            || call.getKind() == SqlKind.IS_DISTINCT_FROM
            || call.getKind() == SqlKind.IS_NOT_DISTINCT_FROM)
        || call.getOperands().size() != 2) {
      return null;
    }
    List<RexNode> operands = new ArrayList<>(2);
    boolean changed = false;
    for (RexNode operand : call.getOperands()) {
      boolean wrap =
          SqlTypeUtil.isApproximateNumeric(operand.getType())
              && !(operand instanceof RexLiteral)
              && RexUtil.isConstant(operand)
              && !NegativeZeros.isSignless(operand);
      operands.add(wrap ? NegativeZeros.signless(rexBuilder, operand) : operand);
      changed |= wrap;
    }
    return changed ? call.clone(call.getType(), operands) : null;
  }

  /**
   * {@code call}, an addition of a floating value and a zero literal ({@code d + 0}, {@code 0e0 +
   * d}), as SIGNLESS_ZERO of that value, or null for any other call. Calcite's simplifier drops an
   * added zero ({@code x + 0} is {@code x}), which is exact for exact numbers and wrong for a
   * double: {@code -0.0 + 0} is 0.0, so {@code 1 / (-0e0 + 0)} gave {@code -Infinity} where DuckDB
   * and IEEE 754 give {@code Infinity}. Adding a zero to a double changes only -0.0 into 0.0, which
   * is what SIGNLESS_ZERO computes (NaN and the infinities stay), and the simplifier leaves it.
   */
  static @Nullable RexNode floatingPlusZero(RexBuilder rexBuilder, RexCall call) {
    if ((call.getKind() != SqlKind.PLUS && call.getKind() != SqlKind.CHECKED_PLUS)
        || call.getOperands().size() != 2
        || !SqlTypeUtil.isApproximateNumeric(call.getType())) {
      return null;
    }
    for (int i = 0; i < 2; i++) {
      RexNode zero = call.getOperands().get(i);
      while (zero.isA(SqlKind.CAST) && ((RexCall) zero).getOperands().size() == 1) {
        zero = ((RexCall) zero).getOperands().get(0);
      }
      RexNode other = call.getOperands().get(1 - i);
      if (zero instanceof RexLiteral literal
          && literal.getValue() instanceof java.math.BigDecimal value
          && value.signum() == 0
          && SqlTypeUtil.isApproximateNumeric(other.getType())) {
        RexNode typed =
            other.getType().equals(call.getType())
                ? other
                : rexBuilder.makeCast(call.getType(), other);
        return NegativeZeros.signless(rexBuilder, typed);
      }
    }
    return null;
  }

  private static final class Plan extends RelHomogeneousShuttle {
    @Override
    public RelNode visit(RelNode other) {
      RelNode rel = super.visit(other);
      RexBuilder rexBuilder = rel.getCluster().getRexBuilder();
      Calls calls = new Calls(rexBuilder, false);
      if (rel instanceof EnumerableCalc calc) {
        RexProgram program = calc.getProgram();
        List<RexNode> projects = new ArrayList<>();
        program.getProjectList().forEach(p -> projects.add(program.expandLocalRef(p)));
        RexNode condition =
            program.getCondition() == null ? null : program.expandLocalRef(program.getCondition());
        List<RexNode> rewritten = calls.apply(projects);
        RexNode fixed = condition == null ? null : condition.accept(calls);
        if (rewritten.equals(projects) && fixed == condition) {
          return calc;
        }
        RexProgram program2 =
            RexProgram.create(
                program.getInputRowType(),
                rewritten,
                fixed,
                program.getOutputRowType(),
                rexBuilder);
        return calc.copy(calc.getTraitSet(), calc.getInput(), program2);
      }
      if (rel instanceof Filter || rel instanceof Project) {
        return rel.accept(calls);
      }
      if (rel instanceof EnumerableAggregate aggregate) {
        // the MIN and MAX of doubles the optimizer made (COUNT(DISTINCT x), SUM(d) becomes MIN
        // over the inner sums), in DuckDB's order as DoubleOrderCalls made the statement's
        return DoubleExtremes.inDuckDbOrder(aggregate);
      }
      if (rel instanceof Join join) {
        RelNode keyed = DoubleJoinKeys.rewrite(join);
        if (keyed != join) {
          // the join sits under the projection that drops its added keys
          return keyed.copy(keyed.getTraitSet(), List.of(inOrder((Join) keyed.getInput(0))));
        }
        return inOrder(join);
      }
      return rel;
    }
  }

  /** {@code join} with its condition's comparisons of doubles in DuckDB's order. */
  private static Join inOrder(Join join) {
    // a hash or merge join's equality keys stay as they are: Calcite takes them apart. Only a
    // top-level conjunct is a key; an equality under OR (m = 1e0 OR m = b, from an IN list) is
    // evaluated as written, so it is rewritten like any other comparison
    RexBuilder rexBuilder = join.getCluster().getRexBuilder();
    boolean hashed = !(join instanceof EnumerableNestedLoopJoin);
    List<RexNode> conjuncts = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(join.getCondition())) {
      conjuncts.add(conjunct.accept(new Calls(rexBuilder, hashed && isKey(conjunct))));
    }
    RexNode fixed = RexUtil.composeConjunction(rexBuilder, conjuncts);
    if (fixed.equals(join.getCondition())) {
      fixed = join.getCondition();
    }
    return fixed == join.getCondition()
        ? join
        : join.copy(
            join.getTraitSet(),
            fixed,
            join.getLeft(),
            join.getRight(),
            join.getJoinType(),
            join.isSemiJoinDone());
  }

  /** Whether {@code conjunct} is an equality of two fields, which a hash join takes as its key. */
  private static boolean isKey(RexNode conjunct) {
    return (conjunct.getKind() == SqlKind.EQUALS
            || conjunct.getKind() == SqlKind.IS_NOT_DISTINCT_FROM)
        && ((RexCall) conjunct).getOperands().stream().allMatch(o -> o instanceof RexInputRef);
  }

  /**
   * {@code expression} with every comparison of doubles in DuckDB's order, those of two literals
   * too: for the optimizer's constant folding, which runs the expression as generated code.
   */
  static RexNode forFolding(RexBuilder rexBuilder, RexNode expression) {
    return expression.accept(new Calls(rexBuilder, false, true));
  }

  private static final class Calls extends RexShuttle {
    private final RexBuilder rexBuilder;
    private final boolean keepEquiKeys;
    private final boolean literals;

    Calls(RexBuilder rexBuilder, boolean keepEquiKeys) {
      this(rexBuilder, keepEquiKeys, false);
    }

    Calls(RexBuilder rexBuilder, boolean keepEquiKeys, boolean literals) {
      this.rexBuilder = rexBuilder;
      this.keepEquiKeys = keepEquiKeys;
      this.literals = literals;
    }

    @Override
    public RexNode visitCall(RexCall call) {
      if (call.getKind() == SqlKind.SEARCH && approximate(call.getOperands().get(0))) {
        return RexUtil.expandSearch(rexBuilder, null, call).accept(this);
      }
      RexCall visited = (RexCall) super.visitCall(call);
      if ((visited.getKind() == SqlKind.IS_NOT_DISTINCT_FROM
              || visited.getKind() == SqlKind.IS_DISTINCT_FROM)
          && visited.getOperands().size() == 2
          && approximate(visited.getOperands().get(0))
          && approximate(visited.getOperands().get(1))) {
        RexNode a = visited.getOperands().get(0);
        RexNode b = visited.getOperands().get(1);
        if (keepEquiKeys && a instanceof RexInputRef && b instanceof RexInputRef) {
          return visited;
        }
        // compared by their order keys, where -0.0 and 0.0 are one and every NaN is one
        return rexBuilder.makeCall(
            visited.getType(),
            visited.getOperator(),
            List.of(DoubleSorts.orderKey(rexBuilder, a), DoubleSorts.orderKey(rexBuilder, b)));
      }
      SqlUserDefinedFunction function = FUNCTIONS.get(visited.getKind());
      if (function == null || visited.getOperands().size() != 2) {
        return visited;
      }
      RexNode a = visited.getOperands().get(0);
      RexNode b = visited.getOperands().get(1);
      if (!approximate(a)
          || !approximate(b)
          || !literals && a instanceof RexLiteral && b instanceof RexLiteral) {
        return visited;
      }
      if (keepEquiKeys
          && visited.getKind() == SqlKind.EQUALS
          && a instanceof RexInputRef
          && b instanceof RexInputRef) {
        return visited;
      }
      return rexBuilder.makeCall(visited.getType(), function, List.of(asDouble(a), asDouble(b)));
    }

    private static boolean approximate(RexNode node) {
      return SqlTypeUtil.isApproximateNumeric(node.getType());
    }

    private RexNode asDouble(RexNode node) {
      if (node.getType().getSqlTypeName() == SqlTypeName.DOUBLE) {
        return node;
      }
      RelDataTypeFactory types = rexBuilder.getTypeFactory();
      RelDataType dbl =
          types.createTypeWithNullability(
              types.createSqlType(SqlTypeName.DOUBLE), node.getType().isNullable());
      return rexBuilder.makeCast(dbl, node);
    }
  }
}
