package dev.bucketsql.calcite.engine;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.adapter.enumerable.AggAddContext;
import org.apache.calcite.adapter.enumerable.AggContext;
import org.apache.calcite.adapter.enumerable.AggImplementor;
import org.apache.calcite.adapter.enumerable.AggResetContext;
import org.apache.calcite.adapter.enumerable.AggResultContext;
import org.apache.calcite.adapter.enumerable.StrictAggImplementor;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.AggregateFunction;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableAggFunction;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.util.Optionality;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * MIN and MAX of a DOUBLE or REAL in DuckDB's order ({@link DoubleOrder}: NaN above every number,
 * -0.0 equal to 0.0). Calcite's own start from the type's largest finite value and compare as Java
 * does, so MIN of {@code Infinity} is 1.7976931348623157E308 and NaN is never kept. {@link
 * DoubleOrderCalls} replaces each such call before the optimizer by one of the same kind and name
 * whose generated code keeps the least or greatest {@link DoubleOrder#key}; the fused operators,
 * which match it by kind, keep the same order themselves.
 */
final class DoubleExtremes {
  private static final SqlAggFunction MIN = function(false);
  private static final SqlAggFunction MAX = function(true);

  private DoubleExtremes() {}

  private static SqlAggFunction function(boolean max) {
    return new SqlUserDefinedAggFunction(
        new SqlIdentifier(max ? "MAX" : "MIN", SqlParserPos.ZERO),
        max ? SqlKind.MAX : SqlKind.MIN,
        ReturnTypes.ARG0_NULLABLE_IF_EMPTY,
        InferTypes.FIRST_KNOWN,
        null,
        new Function(max),
        false,
        false,
        Optionality.FORBIDDEN);
  }

  /**
   * {@code aggregate} with each MIN and MAX of a DOUBLE or REAL replaced by its {@link
   * #replacement}, in DuckDB's order; {@code aggregate} itself when it has none.
   */
  static Aggregate inDuckDbOrder(Aggregate aggregate) {
    List<RelDataType> fields = new ArrayList<>();
    aggregate.getInput().getRowType().getFieldList().forEach(f -> fields.add(f.getType()));
    List<AggregateCall> calls = new ArrayList<>();
    boolean changed = false;
    for (AggregateCall call : aggregate.getAggCallList()) {
      List<RelDataType> types = new ArrayList<>();
      call.getArgList().forEach(a -> types.add(fields.get(a)));
      SqlAggFunction function = replacement(call.getAggregation(), types);
      if (function == null) {
        calls.add(call);
        continue;
      }
      changed = true;
      calls.add(
          AggregateCall.create(
              call.getParserPosition(),
              function,
              call.isDistinct(),
              call.isApproximate(),
              call.ignoreNulls(),
              call.rexList,
              call.getArgList(),
              call.filterArg,
              call.distinctKeys,
              call.collation,
              call.getType(),
              call.getName()));
    }
    return changed
        ? aggregate.copy(
            aggregate.getTraitSet(),
            aggregate.getInput(),
            aggregate.getGroupSet(),
            aggregate.getGroupSets(),
            calls)
        : aggregate;
  }

  /**
   * The call that keeps a double column's first value of each group, as DuckDB shows a group of
   * -0.0 and 0.0 (its order's MIN, which keeps the first of equal keys), named {@code name}.
   */
  static AggregateCall first(
      RelNode input, int column, int filterArg, int groupCount, String name) {
    RelDataType type = input.getRowType().getFieldList().get(column).getType();
    return AggregateCall.create(
        Objects.requireNonNull(replacement(SqlStdOperatorTable.MIN, List.of(type))),
        false,
        false,
        false,
        List.of(),
        List.of(column),
        filterArg,
        null,
        RelCollations.EMPTY,
        groupCount,
        input,
        null,
        name);
  }

  /** The replacement of {@code function} over arguments of {@code types}, or null to keep it. */
  static @Nullable SqlAggFunction replacement(SqlAggFunction function, List<RelDataType> types) {
    if (types.size() != 1
        || !SqlTypeUtil.isApproximateNumeric(types.get(0))
        || function instanceof SqlUserDefinedAggFunction) {
      return null;
    }
    return switch (function.getKind()) {
      case MIN -> MIN;
      case MAX -> MAX;
      default -> null;
    };
  }

  /** The aggregate function behind both calls: typed as its argument, implemented below. */
  private static final class Function implements AggregateFunction, ImplementableAggFunction {
    private final boolean max;

    Function(boolean max) {
      this.max = max;
    }

    @Override
    public List<FunctionParameter> getParameters() {
      return List.of();
    }

    @Override
    public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
      return typeFactory.createJavaType(double.class);
    }

    @Override
    public AggImplementor getImplementor(boolean windowContext) {
      return new Implementor(max);
    }
  }

  /**
   * Keeps the least or greatest {@link DoubleOrder#key} in a {@code long} and the value that gave
   * it in a {@code double}, the first of equal keys: -0.0 and 0.0 have one key, and MIN of -0.0 is
   * -0.0. NULLs are skipped.
   */
  private static final class Implementor extends StrictAggImplementor {
    private final boolean max;

    Implementor(boolean max) {
      this.max = max;
    }

    @Override
    public List<Type> getNotNullState(AggContext info) {
      return List.of(long.class, double.class);
    }

    @Override
    protected void implementNotNullReset(AggContext info, AggResetContext reset) {
      // beyond every key: the first value replaces it
      reset
          .currentBlock()
          .add(
              Expressions.statement(
                  Expressions.assign(
                      reset.accumulator().get(0),
                      Expressions.constant(max ? Long.MIN_VALUE : Long.MAX_VALUE))));
      reset
          .currentBlock()
          .add(
              Expressions.statement(
                  Expressions.assign(reset.accumulator().get(1), Expressions.constant(0d))));
    }

    @Override
    protected void implementNotNullAdd(AggContext info, AggAddContext add) {
      Expression acc = add.accumulator().get(0);
      Expression kept = add.accumulator().get(1);
      Expression value =
          add.currentBlock()
              .append(
                  "value",
                  Expressions.convert_(Expressions.unbox(add.arguments().get(0)), double.class));
      Expression key =
          add.currentBlock().append("key", Expressions.call(DoubleOrder.class, "key", value));
      add.currentBlock()
          .add(
              Expressions.ifThen(
                  max ? Expressions.greaterThan(key, acc) : Expressions.lessThan(key, acc),
                  Expressions.block(
                      Expressions.statement(Expressions.assign(acc, key)),
                      Expressions.statement(Expressions.assign(kept, value)))));
    }

    @Override
    protected Expression implementNotNullResult(AggContext info, AggResultContext result) {
      Expression value = result.accumulator().get(1);
      // a REAL's extreme is a float, as the code reading the call's REAL type expects
      return info.returnRelType().getSqlTypeName() == SqlTypeName.REAL
          ? Expressions.convert_(value, float.class)
          : value;
    }
  }
}
