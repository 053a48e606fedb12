package dev.bucketsql.calcite.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.adapter.enumerable.EnumerableMergeUnion;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.adapter.enumerable.EnumerableUnion;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
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

/**
 * ORDER BY of a DOUBLE or REAL in DuckDB's order ({@link DoubleOrder}), and of a list ({@link
 * ListOrder}), after the optimizer: a sort by such a column sorts by its {@link DoubleOrder#key} or
 * {@link ListOrder#key} instead, computed next to the input's columns by a calc below the sort and
 * projected away by one above it (above the LIMIT when one takes the sort's first rows, so the
 * top-N sort still applies). Calcite compares a sort's only key through {@code BigDecimal}, which
 * fails on NaN and the infinities, and several keys as {@code Double.compare}, which orders -0.0
 * before 0.0; a list is not {@code Comparable} at all (a ClassCastException beside another key).
 * The {@code ORDER BY} inside an aggregate call ({@code list(x ORDER BY d)}, and the {@code first}
 * and {@code last} written on it) is keyed the same way: the aggregate's collation names the key
 * columns of a calc below it, and its output stays as it was.
 */
final class DoubleSorts {
  /** {@link DoubleOrder#key} as a function of plans: sorts and window orders by it. */
  static final SqlUserDefinedFunction KEY =
      new SqlUserDefinedFunction(
          new SqlIdentifier("DOUBLE_ORDER_KEY", SqlParserPos.ZERO),
          SqlKind.OTHER_FUNCTION,
          ReturnTypes.explicit(SqlTypeName.BIGINT),
          InferTypes.FIRST_KNOWN,
          null,
          ScalarFunctionImpl.create(DoubleOrder.class, "key"));

  /** {@link ListOrder#key} as a function of plans: sorts by a list sort by it. */
  static final SqlUserDefinedFunction LIST_KEY =
      new SqlUserDefinedFunction(
          new SqlIdentifier("LIST_ORDER_KEY", SqlParserPos.ZERO),
          SqlKind.OTHER_FUNCTION,
          ReturnTypes.explicit(SqlTypeName.VARBINARY),
          InferTypes.FIRST_KNOWN,
          null,
          ScalarFunctionImpl.create(ListOrder.class, "key"));

  /** The program that rewrites a whole plan. */
  static final Program PROGRAM =
      (planner, rel, requiredOutputTraits, materializations, lattices) -> rel.accept(new Plan());

  private DoubleSorts() {}

  /** Whether {@code sort} orders by a DOUBLE, REAL or list column. */
  private static boolean ordersDoubles(EnumerableSort sort) {
    List<RelDataTypeField> fields = sort.getInput().getRowType().getFieldList();
    for (RelFieldCollation c : sort.getCollation().getFieldCollations()) {
      if (keyed(fields.get(c.getFieldIndex()).getType())) {
        return true;
      }
    }
    return false;
  }

  /** Whether a call of {@code aggregate} orders its values by a DOUBLE, REAL or list column. */
  private static boolean ordersDoubles(Aggregate aggregate) {
    List<RelDataTypeField> fields = aggregate.getInput().getRowType().getFieldList();
    for (AggregateCall call : aggregate.getAggCallList()) {
      for (RelFieldCollation c : call.getCollation().getFieldCollations()) {
        if (keyed(fields.get(c.getFieldIndex()).getType())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * {@code aggregate} over {@code input} and the keys of the double and list columns its calls
   * order by, each call ordering by the keys; the group keys and arguments keep their columns.
   */
  private static RelNode keyed(EnumerableAggregate aggregate, RelNode input) {
    RexBuilder rexBuilder = aggregate.getCluster().getRexBuilder();
    List<RelDataTypeField> fields = input.getRowType().getFieldList();
    List<RexNode> projects = new ArrayList<>();
    List<String> names = new ArrayList<>();
    InputColumns.addAll(input, projects, names);
    Map<Integer, Integer> keys = new HashMap<>();
    List<AggregateCall> calls = new ArrayList<>();
    for (AggregateCall call : aggregate.getAggCallList()) {
      List<RelFieldCollation> collations = new ArrayList<>();
      for (RelFieldCollation c : call.getCollation().getFieldCollations()) {
        if (!keyed(fields.get(c.getFieldIndex()).getType())) {
          collations.add(c);
          continue;
        }
        int key =
            keys.computeIfAbsent(
                c.getFieldIndex(),
                field -> {
                  projects.add(key(rexBuilder, input, field));
                  names.add("$order" + projects.size());
                  return projects.size() - 1;
                });
        collations.add(c.withFieldIndex(key));
      }
      calls.add(call.withCollation(RelCollations.of(collations)));
    }
    RexProgram program = RexProgram.create(input.getRowType(), projects, null, names, rexBuilder);
    return aggregate.copy(
        aggregate.getTraitSet(),
        EnumerableCalc.create(input, program),
        aggregate.getGroupSet(),
        aggregate.getGroupSets(),
        calls);
  }

  /** The order key of column {@code field} of {@code input}, a double or a list. */
  private static RexNode key(RexBuilder rexBuilder, RelNode input, int field) {
    RelDataTypeFactory types = rexBuilder.getTypeFactory();
    RelDataType type = input.getRowType().getFieldList().get(field).getType();
    RexNode value = rexBuilder.makeInputRef(input, field);
    return type.getSqlTypeName() == SqlTypeName.ARRAY
        ? rexBuilder.makeCall(
            types.createTypeWithNullability(
                types.createSqlType(SqlTypeName.VARBINARY), type.isNullable()),
            LIST_KEY,
            List.of(value))
        : orderKey(rexBuilder, value);
  }

  /** Whether a sort by a column of {@code type} sorts by a key. */
  private static boolean keyed(RelDataType type) {
    return SqlTypeUtil.isApproximateNumeric(type) || type.getSqlTypeName() == SqlTypeName.ARRAY;
  }

  private static final class Plan extends RelHomogeneousShuttle {
    @Override
    public RelNode visit(RelNode other) {
      if (other instanceof EnumerableLimit limit
          && limit.getInput() instanceof EnumerableSort sort
          && ordersDoubles(sort)) {
        EnumerableSort keyed = keyed(sort, sort.getInput().accept(this));
        return projectedBack(EnumerableLimit.create(keyed, limit.offset, limit.fetch), sort);
      }
      if (other instanceof EnumerableSort sort && ordersDoubles(sort)) {
        return projectedBack(keyed(sort, sort.getInput().accept(this)), sort);
      }
      if (other instanceof EnumerableAggregate aggregate && ordersDoubles(aggregate)) {
        return keyed(aggregate, aggregate.getInput().accept(this));
      }
      if (other instanceof EnumerableMergeUnion merge
          && !merge.getTraitSet().getCollation().getFieldCollations().isEmpty()) {
        // a merge of sorted inputs compares rows as Calcite orders them: a union, then one sort
        EnumerableSort sort =
            EnumerableSort.create(
                new EnumerableUnion(
                    merge.getCluster(),
                    merge.getCluster().traitSetOf(EnumerableConvention.INSTANCE),
                    merge.getInputs(),
                    merge.all),
                merge.getTraitSet().getCollation(),
                null,
                null);
        if (ordersDoubles(sort)) {
          return visit(sort);
        }
      }
      return super.visit(other);
    }
  }

  /** {@code sort} over {@code input} and the keys of its double columns, sorting by the keys. */
  private static EnumerableSort keyed(EnumerableSort sort, RelNode input) {
    RexBuilder rexBuilder = sort.getCluster().getRexBuilder();
    List<RelDataTypeField> fields = input.getRowType().getFieldList();
    List<RexNode> projects = new ArrayList<>();
    List<String> names = new ArrayList<>();
    InputColumns.addAll(input, projects, names);
    List<RelFieldCollation> collations = new ArrayList<>();
    for (RelFieldCollation c : sort.getCollation().getFieldCollations()) {
      RelDataType type = fields.get(c.getFieldIndex()).getType();
      if (!keyed(type)) {
        collations.add(c);
        continue;
      }
      projects.add(key(rexBuilder, input, c.getFieldIndex()));
      names.add("$order" + projects.size());
      collations.add(c.withFieldIndex(projects.size() - 1));
    }
    RexProgram program = RexProgram.create(input.getRowType(), projects, null, names, rexBuilder);
    RelNode calc = EnumerableCalc.create(input, program);
    return EnumerableSort.create(calc, RelCollations.of(collations), sort.offset, sort.fetch);
  }

  /**
   * {@link #KEY} of a DOUBLE or REAL {@code value} (a REAL read as DOUBLE), a BIGINT as nullable as
   * the value: sorts, window orders and {@code IS [NOT] DISTINCT FROM} compare doubles by it.
   */
  static RexNode orderKey(RexBuilder rexBuilder, RexNode value) {
    RelDataTypeFactory types = rexBuilder.getTypeFactory();
    RelDataType type = value.getType();
    RexNode dbl =
        type.getSqlTypeName() == SqlTypeName.DOUBLE
            ? value
            : rexBuilder.makeCast(
                types.createTypeWithNullability(
                    types.createSqlType(SqlTypeName.DOUBLE), type.isNullable()),
                value);
    RelDataType bigint =
        types.createTypeWithNullability(types.createSqlType(SqlTypeName.BIGINT), type.isNullable());
    return rexBuilder.makeCall(bigint, KEY, List.of(dbl));
  }

  /** {@code keyed} without the key columns: the row type of {@code original}. */
  private static RelNode projectedBack(RelNode keyed, EnumerableSort original) {
    RexBuilder rexBuilder = original.getCluster().getRexBuilder();
    List<RexNode> projects = new ArrayList<>();
    for (RelDataTypeField f : original.getRowType().getFieldList()) {
      projects.add(rexBuilder.makeInputRef(keyed, f.getIndex()));
    }
    RexProgram program =
        RexProgram.create(
            keyed.getRowType(), projects, null, original.getRowType().getFieldNames(), rexBuilder);
    return EnumerableCalc.create(keyed, program);
  }
}
