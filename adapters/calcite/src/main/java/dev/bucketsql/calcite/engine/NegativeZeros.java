package dev.bucketsql.calcite.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalIntersect;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalMinus;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.tools.Program;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * -0.0 and 0.0 as one value wherever rows are matched by value, as in DuckDB: GROUP BY keys,
 * DISTINCT and the arguments of DISTINCT aggregates, PARTITION BY keys, the equality keys of a
 * join, and the columns of UNION, INTERSECT and EXCEPT (not UNION ALL). Calcite's hash tables and
 * the fused operators (which read the call themselves) compare keys as Java's {@code
 * Double.equals}, where -0.0 and 0.0 differ; so before the optimizer, such a DOUBLE or REAL key is
 * matched on a copy read through {@code SIGNLESS_ZERO} ({@link DoubleOrder#signlessZero}), which
 * turns -0.0 into 0.0 and keeps every other value, NaN included. The rows keep their own values:
 *
 * <ul>
 *   <li>a join matches on copies of its floating keys computed beside the inputs' columns and
 *       dropped above it ({@link DoubleJoinKeys#matchOnSignless});
 *   <li>an aggregate groups by copies of its floating keys and shows, for each, the MIN of the
 *       group's own values in DuckDB's order ({@link DoubleExtremes}), which keeps the first of
 *       equal values: a group of -0.0 shows -0.0, one holding both zeros the first it read, as
 *       DuckDB does where both read the rows in one order;
 *   <li>UNION becomes DISTINCT over UNION ALL, INTERSECT and EXCEPT a semi-join and an anti-join on
 *       every column (the ALL forms number each row's copies with ROW_NUMBER and match the numbers
 *       too), so that the two rules above apply;
 *   <li>a window's partition keys are read through SIGNLESS_ZERO in place (they are not output).
 * </ul>
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

  /** Whether {@code value} is read through SIGNLESS_ZERO already (a cast of it or not). */
  static boolean isSignless(RexNode value) {
    RexNode v = value.isA(SqlKind.CAST) ? ((RexCall) value).getOperands().get(0) : value;
    return v instanceof RexCall call && call.getOperator() == SIGNLESS_ZERO;
  }

  /** A projection of {@code projects} over {@code input}, named {@code names}. */
  private static RelNode logical(RelNode input, List<RexNode> projects, List<String> names) {
    return LogicalProject.create(input, List.of(), projects, names, Set.of());
  }

  private static boolean floating(RelDataType type) {
    return SqlTypeUtil.isApproximateNumeric(type);
  }

  private static boolean anyFloating(RelNode rel) {
    return rel.getRowType().getFieldList().stream().anyMatch(f -> floating(f.getType()));
  }

  /**
   * {@code aggregate} grouping by SIGNLESS_ZERO copies of its floating keys (and of the arguments
   * of its DISTINCT aggregates), each key shown as the MIN of the group's own values.
   */
  static RelNode aggregate(Aggregate aggregate) {
    RelNode input = aggregate.getInput();
    RexBuilder rexBuilder = input.getCluster().getRexBuilder();
    List<RelDataTypeField> fields = input.getRowType().getFieldList();
    BitSet keys = aggregate.getGroupSet().toBitSet();
    for (AggregateCall call : aggregate.getAggCallList()) {
      if (call.isDistinct()) {
        call.getArgList().forEach(keys::set);
      }
    }
    List<RexNode> projects = new ArrayList<>();
    List<String> names = new ArrayList<>();
    InputColumns.addAll(input, projects, names);
    Map<Integer, Integer> copies = new HashMap<>();
    for (int k = keys.nextSetBit(0); k >= 0; k = keys.nextSetBit(k + 1)) {
      if (floating(fields.get(k).getType())) {
        copies.put(k, projects.size());
        projects.add(signless(rexBuilder, rexBuilder.makeInputRef(input, k)));
        names.add("$signless" + names.size());
      }
    }
    if (copies.isEmpty()) {
      return aggregate;
    }
    RelNode copied = logical(input, projects, names);
    ImmutableBitSet groupSet = mapped(aggregate.getGroupSet(), copies);
    List<ImmutableBitSet> groupSets = new ArrayList<>();
    for (ImmutableBitSet set : aggregate.getGroupSets()) {
      groupSets.add(mapped(set, copies));
    }
    List<AggregateCall> calls = new ArrayList<>();
    for (AggregateCall call : aggregate.getAggCallList()) {
      SqlKind kind = call.getAggregation().getKind();
      boolean onKeys = call.isDistinct() || kind == SqlKind.GROUPING || kind == SqlKind.GROUPING_ID;
      calls.add(
          onKeys
              ? call.withArgList(
                  call.getArgList().stream().map(a -> copies.getOrDefault(a, a)).toList())
              : call);
    }
    List<Integer> shown = new ArrayList<>();
    for (int key : aggregate.getGroupSet()) {
      if (copies.containsKey(key)) {
        shown.add(key);
        calls.add(DoubleExtremes.first(copied, key, -1, groupSet.cardinality(), "$zero" + key));
      }
    }
    LogicalAggregate grouped =
        LogicalAggregate.create(copied, aggregate.getHints(), groupSet, groupSets, calls);
    List<Integer> newKeys = groupSet.asList();
    int callsAt = newKeys.size();
    List<RexNode> out = new ArrayList<>();
    for (int key : aggregate.getGroupSet()) {
      Integer copy = copies.get(key);
      RexNode keyRef = rexBuilder.makeInputRef(grouped, newKeys.indexOf(copy == null ? key : copy));
      if (copy == null) {
        out.add(keyRef);
        continue;
      }
      RexNode min =
          rexBuilder.makeInputRef(
              grouped, callsAt + aggregate.getAggCallList().size() + shown.indexOf(key));
      // a key rolled up by a grouping set is NULL, where the MIN is the whole group's
      out.add(
          aggregate.getGroupType() == Aggregate.Group.SIMPLE
              ? min
              : rexBuilder.makeCall(
                  SqlStdOperatorTable.CASE,
                  rexBuilder.makeCall(SqlStdOperatorTable.IS_NULL, keyRef),
                  rexBuilder.makeNullLiteral(min.getType()),
                  min));
    }
    for (int i = 0; i < aggregate.getAggCallList().size(); i++) {
      out.add(rexBuilder.makeInputRef(grouped, callsAt + i));
    }
    return typed(grouped, out, aggregate.getRowType());
  }

  private static ImmutableBitSet mapped(ImmutableBitSet set, Map<Integer, Integer> copies) {
    ImmutableBitSet.Builder b = ImmutableBitSet.builder();
    for (int k : set) {
      b.set(copies.getOrDefault(k, k));
    }
    return b.build();
  }

  /** {@code projects} over {@code input}, of exactly the types and names of {@code rowType}. */
  private static RelNode typed(RelNode input, List<RexNode> projects, RelDataType rowType) {
    RexBuilder rexBuilder = input.getCluster().getRexBuilder();
    List<RexNode> exact = new ArrayList<>();
    for (int i = 0; i < projects.size(); i++) {
      RelDataType type = rowType.getFieldList().get(i).getType();
      RexNode p = projects.get(i);
      exact.add(p.getType().equals(type) ? p : rexBuilder.makeAbstractCast(type, p, false));
    }
    return logical(input, exact, rowType.getFieldNames());
  }

  /**
   * UNION as DISTINCT over UNION ALL; INTERSECT and EXCEPT as Calcite's own rules write them
   * (IntersectToDistinct, MinusToDistinct): the inputs' rows tagged by input under UNION ALL,
   * grouped, the groups kept by how many rows of each input they hold. The groups are of
   * SIGNLESS_ZERO copies of the floating columns, and each floating column shows the MIN of the
   * first input's values in the group, so the rows shown are the first input's own. The ALL forms
   * keep their set operation over inputs whose floating columns are read through SIGNLESS_ZERO in
   * place, so a -0.0 they keep shows as 0.0.
   */
  private static RelNode setOperation(SetOp op) {
    int width = op.getRowType().getFieldCount();
    if (op instanceof LogicalUnion) {
      return aggregate(
          LogicalAggregate.create(
              LogicalUnion.create(op.getInputs(), true),
              List.of(),
              ImmutableBitSet.range(width),
              null,
              List.of()));
    }
    if (op.all) {
      List<RelNode> inputs = new ArrayList<>();
      for (RelNode input : op.getInputs()) {
        inputs.add(signlessInPlace(input));
      }
      return op.copy(op.getTraitSet(), inputs);
    }
    RexBuilder rexBuilder = op.getCluster().getRexBuilder();
    List<RelDataTypeField> fields = op.getRowType().getFieldList();
    List<Integer> floating = new ArrayList<>();
    for (RelDataTypeField f : fields) {
      if (floating(f.getType())) {
        floating.add(f.getIndex());
      }
    }
    int n = op.getInputs().size();
    // each input's columns, SIGNLESS_ZERO copies of its floating ones, then whether the row
    // comes from input 0, 1, ...
    List<RelNode> tagged = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      RelNode input = op.getInputs().get(i);
      List<RexNode> projects = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (int c = 0; c < width; c++) {
        projects.add(
            rexBuilder.makeCast(fields.get(c).getType(), rexBuilder.makeInputRef(input, c)));
        names.add(fields.get(c).getName());
      }
      for (int c : floating) {
        projects.add(signless(rexBuilder, projects.get(c)));
        names.add("$signless" + c);
      }
      for (int j = 0; j < n; j++) {
        projects.add(rexBuilder.makeLiteral(i == j));
        names.add("$input" + j);
      }
      tagged.add(logical(input, projects, names));
    }
    RelNode union = LogicalUnion.create(tagged, true);
    ImmutableBitSet.Builder keys = ImmutableBitSet.builder();
    for (int c = 0; c < width; c++) {
      if (!floating.contains(c)) {
        keys.set(c);
      }
    }
    keys.set(width, width + floating.size());
    ImmutableBitSet groupSet = keys.build();
    int groupCount = groupSet.cardinality();
    int inputFlags = width + floating.size();
    List<AggregateCall> calls = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      calls.add(
          AggregateCall.create(
              SqlStdOperatorTable.COUNT,
              false,
              false,
              false,
              List.of(),
              List.of(),
              inputFlags + j,
              null,
              RelCollations.EMPTY,
              groupCount,
              union,
              null,
              "$count" + j));
    }
    for (int c : floating) {
      calls.add(DoubleExtremes.first(union, c, inputFlags, groupCount, "$first" + c));
    }
    LogicalAggregate grouped = LogicalAggregate.create(union, List.of(), groupSet, null, calls);
    List<RexNode> kept = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      RexNode count = rexBuilder.makeInputRef(grouped, groupCount + j);
      RexNode zero = rexBuilder.makeExactLiteral(BigDecimal.ZERO);
      // INTERSECT: rows of every input; EXCEPT: of the first and of no other
      boolean present = j == 0 || op instanceof LogicalIntersect;
      kept.add(
          rexBuilder.makeCall(
              present ? SqlStdOperatorTable.GREATER_THAN : SqlStdOperatorTable.EQUALS,
              count,
              zero));
    }
    RelNode filtered = LogicalFilter.create(grouped, RexUtil.composeConjunction(rexBuilder, kept));
    List<RexNode> columns = new ArrayList<>();
    int key = 0;
    for (int c = 0; c < width; c++) {
      columns.add(
          floating.contains(c)
              ? rexBuilder.makeInputRef(filtered, groupCount + n + floating.indexOf(c))
              : rexBuilder.makeInputRef(filtered, key++));
    }
    return typed(filtered, columns, op.getRowType());
  }

  /** {@code input} with its floating columns read through SIGNLESS_ZERO in place. */
  private static RelNode signlessInPlace(RelNode input) {
    if (!anyFloating(input)) {
      return input;
    }
    RexBuilder rexBuilder = input.getCluster().getRexBuilder();
    List<RexNode> projects = new ArrayList<>();
    for (RelDataTypeField f : input.getRowType().getFieldList()) {
      RexNode ref = rexBuilder.makeInputRef(input, f.getIndex());
      projects.add(floating(f.getType()) ? signless(rexBuilder, ref) : ref);
    }
    return logical(input, projects, input.getRowType().getFieldNames());
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
        return aggregate(aggregate);
      }
      if (visited instanceof LogicalJoin join) {
        return DoubleJoinKeys.matchOnSignless(join, NegativeZeros::logical);
      }
      if (visited instanceof LogicalUnion union && union.all
          || !(visited instanceof LogicalUnion
              || visited instanceof LogicalIntersect
              || visited instanceof LogicalMinus)
          || !anyFloating(visited)) {
        return visited;
      }
      return setOperation((SetOp) visited);
    }
  }
}
