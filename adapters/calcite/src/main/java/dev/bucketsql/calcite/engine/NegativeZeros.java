package dev.bucketsql.calcite.engine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalIntersect;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalMinus;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
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
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.tools.Program;

/**
 * -0.0 and 0.0 as one value wherever rows are matched by value, as in DuckDB: GROUP BY keys,
 * DISTINCT and the arguments of DISTINCT aggregates, PARTITION BY keys, the equality keys of a
 * join, and the columns of UNION, INTERSECT and EXCEPT (not UNION ALL). Before the optimizer, such
 * a DOUBLE or REAL key is read through {@code SIGNLESS_ZERO} ({@link DoubleOrder#signlessZero}),
 * which turns -0.0 into 0.0 and keeps every other value, NaN included; Calcite's hash tables and
 * the fused operators (which read the call themselves) compare keys as Java's {@code
 * Double.equals}, where -0.0 and 0.0 differ. A group holding both zeros shows 0.0, where DuckDB
 * shows the first one it read.
 */
final class NegativeZeros {
  private static final SqlUserDefinedFunction SIGNLESS_ZERO =
      new SqlUserDefinedFunction(
          new SqlIdentifier("SIGNLESS_ZERO", SqlParserPos.ZERO),
          SqlKind.OTHER_FUNCTION,
          ReturnTypes.ARG0,
          InferTypes.FIRST_KNOWN,
          null,
          ScalarFunctionImpl.create(DoubleOrder.class, "signlessZero"));

  /** The program that rewrites a whole plan, subqueries included. */
  static final Program PROGRAM =
      (planner, rel, requiredOutputTraits, materializations, lattices) -> rel.accept(new Plan());

  private NegativeZeros() {}

  /** {@code value} read through SIGNLESS_ZERO, typed as it is. */
  static RexNode signless(RexBuilder rexBuilder, RexNode value) {
    RelDataType type = value.getType();
    if (type.getSqlTypeName() == SqlTypeName.DOUBLE) {
      return rexBuilder.makeCall(type, SIGNLESS_ZERO, List.of(value));
    }
    RelDataTypeFactory types = rexBuilder.getTypeFactory();
    RelDataType dbl =
        types.createTypeWithNullability(types.createSqlType(SqlTypeName.DOUBLE), type.isNullable());
    return rexBuilder.makeCast(
        type, rexBuilder.makeCall(dbl, SIGNLESS_ZERO, List.of(rexBuilder.makeCast(dbl, value))));
  }

  /** {@code input} with its floating columns among {@code fields} read through SIGNLESS_ZERO. */
  private static RelNode signless(RelNode input, BitSet fields) {
    RexBuilder rexBuilder = input.getCluster().getRexBuilder();
    List<RexNode> projects = new ArrayList<>();
    boolean any = false;
    for (RelDataTypeField f : input.getRowType().getFieldList()) {
      RexNode ref = rexBuilder.makeInputRef(input, f.getIndex());
      if (fields.get(f.getIndex()) && SqlTypeUtil.isApproximateNumeric(f.getType())) {
        projects.add(signless(rexBuilder, ref));
        any = true;
      } else {
        projects.add(ref);
      }
    }
    return any
        ? LogicalProject.create(
            input, List.of(), projects, input.getRowType().getFieldNames(), Set.of())
        : input;
  }

  private static BitSet all(RelNode rel) {
    BitSet all = new BitSet();
    all.set(0, rel.getRowType().getFieldCount());
    return all;
  }

  private static final class Plan extends RelHomogeneousShuttle {
    private RexBuilder builder;

    private final RexShuttle partitions =
        new RexShuttle() {
          @Override
          public RexNode visitSubQuery(RexSubQuery subQuery) {
            RexSubQuery visited = (RexSubQuery) super.visitSubQuery(subQuery);
            RelNode rel = visited.rel.accept(Plan.this);
            return rel == visited.rel ? visited : visited.clone(rel);
          }

          @Override
          public RexNode visitOver(RexOver over) {
            RexOver visited = (RexOver) super.visitOver(over);
            List<RexNode> keys = new ArrayList<>();
            boolean changed = false;
            for (RexNode key : visited.getWindow().partitionKeys) {
              // a literal is never -0.0 (Calcite's literals hold no sign of zero)
              boolean floating =
                  SqlTypeUtil.isApproximateNumeric(key.getType()) && !(key instanceof RexLiteral);
              keys.add(floating ? signless(builder, key) : key);
              changed |= floating;
            }
            if (!changed) {
              return visited;
            }
            return Overs.with(
                builder, visited, visited.getAggOperator(), keys, visited.getWindow().orderKeys);
          }
        };

    @Override
    public RelNode visit(RelNode other) {
      builder = other.getCluster().getRexBuilder();
      RelNode visited = super.visit(other);
      builder = visited.getCluster().getRexBuilder();
      visited = visited.accept(partitions);
      if (visited instanceof LogicalAggregate aggregate) {
        BitSet keys = aggregate.getGroupSet().toBitSet();
        for (AggregateCall call : aggregate.getAggCallList()) {
          if (call.isDistinct()) {
            call.getArgList().forEach(keys::set);
          }
        }
        RelNode input = signless(aggregate.getInput(), keys);
        return input == aggregate.getInput()
            ? aggregate
            : aggregate.copy(
                aggregate.getTraitSet(),
                input,
                aggregate.getGroupSet(),
                aggregate.getGroupSets(),
                aggregate.getAggCallList());
      }
      if (visited instanceof LogicalJoin join) {
        JoinInfo info = join.analyzeCondition();
        BitSet left = new BitSet();
        BitSet right = new BitSet();
        info.leftKeys.forEach(left::set);
        info.rightKeys.forEach(right::set);
        RelNode l = signless(join.getLeft(), left);
        RelNode r = signless(join.getRight(), right);
        return l == join.getLeft() && r == join.getRight()
            ? join
            : join.copy(
                join.getTraitSet(),
                join.getCondition(),
                l,
                r,
                join.getJoinType(),
                join.isSemiJoinDone());
      }
      if (visited instanceof LogicalUnion union && union.all
          || !(visited instanceof LogicalUnion
              || visited instanceof LogicalIntersect
              || visited instanceof LogicalMinus)) {
        return visited;
      }
      List<RelNode> inputs = new ArrayList<>();
      boolean changed = false;
      for (RelNode input : visited.getInputs()) {
        RelNode s = signless(input, all(input));
        changed |= s != input;
        inputs.add(s);
      }
      return changed ? visited.copy(visited.getTraitSet(), inputs) : visited;
    }
  }
}
