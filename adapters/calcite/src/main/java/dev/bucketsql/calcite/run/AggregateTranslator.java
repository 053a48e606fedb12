package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.rel.BucketMemoryGuard;
import dev.bucketsql.engine.aggregate.AggregateCall;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Turns an {@link EnumerableAggregate} (GROUP BY, grand total, or grouping sets: ROLLUP, CUBE,
 * GROUPING SETS and the sets Calcite makes for {@code COUNT(DISTINCT x)} beside other calls) into
 * an {@link EngineHashAggregate} when the engine computes each call as Calcite does ({@link
 * AggregateCalls}, and {@code GROUPING(...)} as Calcite's aggregate computes it); its {@code
 * LITERAL_AGG} calls (the TRUE Calcite's {@code IN} and {@code EXISTS} join back) and GROUPING
 * calls before other calls are put in their places by a projection over the engine's aggregate.
 */
final class AggregateTranslator {
  private AggregateTranslator() {}

  /**
   * The engine node for {@code aggregate} over {@code input} (its rewritten input as an engine
   * node, null where it has none), standing for {@code original}; null where the engine does not
   * compute every call as Calcite does.
   */
  static @Nullable RelNode translate(
      EnumerableAggregate aggregate, @Nullable EngineRel input, EnumerableRel original) {
    List<ColumnType> outTypes = EngineTypes.of(aggregate.getRowType().getFieldList());
    if (input == null || outTypes == null) {
      return null;
    }
    int[] keys = aggregate.getGroupSet().toArray();
    for (int k : keys) {
      if (!EngineTypes.comparable(input.types().get(k))) {
        return null;
      }
    }
    List<int[]> sets = new ArrayList<>();
    if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
      for (ImmutableBitSet set : aggregate.getGroupSets()) {
        sets.add(set.toArray());
      }
    }
    List<AggregateCall> calls = new ArrayList<>();
    List<org.apache.calcite.rel.core.AggregateCall> computed = new ArrayList<>();
    List<int[]> groupings = new ArrayList<>();
    List<org.apache.calcite.rel.core.AggregateCall> groupingCalls = new ArrayList<>();
    int callCount = aggregate.getAggCallList().size();
    // per call, by output position: its LITERAL_AGG literal, or which engine column computes it
    RexNode[] literals = new RexNode[callCount];
    boolean[] isGrouping = new boolean[callCount];
    int[] index = new int[callCount];
    int i = 0;
    for (org.apache.calcite.rel.core.AggregateCall call : aggregate.getAggCallList()) {
      int position = i++;
      ColumnType outType = outTypes.get(keys.length + position);
      RexNode literal = literal(call);
      if (literal != null) {
        literals[position] = literal;
        continue;
      }
      if (call.getAggregation().getKind() == SqlKind.GROUPING) {
        int[] args = groupingArgs(call, aggregate.getGroupSet());
        if (args == null || outType != ColumnType.BIGINT) {
          return null;
        }
        isGrouping[position] = true;
        index[position] = groupings.size();
        groupings.add(args);
        groupingCalls.add(call);
        continue;
      }
      AggregateCall c = AggregateCalls.of(call, input.types(), aggregate.getInput().getRowType());
      if (c == null) {
        return null;
      }
      ColumnType argType = c.column() < 0 ? null : input.types().get(c.column());
      if (c.resultType(argType) != outType) {
        return null;
      }
      index[position] = calls.size();
      calls.add(c);
      computed.add(call);
    }
    if (!groupings.isEmpty() && sets.isEmpty()) {
      // GROUPING over one set of all the keys: 0 for every group, as Calcite's aggregate gives it
      sets.add(keys);
    }
    // the engine's columns: keys, calls, groupings; where Calcite's order differs, a projection
    boolean inOrder = true;
    int next = 0;
    for (int c = 0; c < callCount; c++) {
      int engineColumn =
          literals[c] != null ? -1 : isGrouping[c] ? calls.size() + index[c] : index[c];
      inOrder &= engineColumn == next++;
    }
    List<String> tables = BucketMemoryGuard.tables(aggregate.getInput());
    if (inOrder) {
      return new EngineHashAggregate(
          input, keys, calls, sets, groupings, outTypes, tables, original);
    }
    List<org.apache.calcite.rel.core.AggregateCall> engineOrder = new ArrayList<>(computed);
    engineOrder.addAll(groupingCalls);
    return reordered(
        aggregate,
        input,
        keys,
        calls,
        sets,
        groupings,
        engineOrder,
        literals,
        isGrouping,
        index,
        outTypes,
        tables);
  }

  /**
   * The arguments of a {@code GROUPING(a, b, ...)} call, each a key of the aggregate, or null for a
   * call the engine does not compute as Calcite's aggregate does.
   */
  private static int @Nullable [] groupingArgs(
      org.apache.calcite.rel.core.AggregateCall call, ImmutableBitSet groupSet) {
    if (call.filterArg >= 0
        || call.isDistinct()
        || call.getArgList().isEmpty()
        || call.getArgList().size() > 63
        || !call.rexList.isEmpty()) {
      return null;
    }
    int[] args = new int[call.getArgList().size()];
    for (int a = 0; a < args.length; a++) {
      args[a] = call.getArgList().get(a);
      if (!groupSet.get(args[a])) {
        return null;
      }
    }
    return args;
  }

  /**
   * The literal of a {@code LITERAL_AGG} call (its value whatever the group's rows), or null for
   * any other call.
   */
  private static @Nullable RexNode literal(org.apache.calcite.rel.core.AggregateCall call) {
    return call.getAggregation().getKind() == SqlKind.LITERAL_AGG
            && call.rexList.size() == 1
            && call.rexList.get(0) instanceof RexLiteral
            && call.getArgList().isEmpty()
            && call.filterArg < 0
        ? call.rexList.get(0)
        : null;
  }

  /**
   * {@code aggregate} whose calls the engine gives in another order than Calcite's ({@code
   * LITERAL_AGG} calls, which it does not compute, and GROUPING calls, which it gives last): the
   * engine aggregates the calls in its order, and a projection puts each column, and each literal,
   * in its place.
   */
  private static @Nullable RelNode reordered(
      EnumerableAggregate aggregate,
      EngineRel input,
      int[] keys,
      List<AggregateCall> calls,
      List<int[]> sets,
      List<int[]> groupings,
      List<org.apache.calcite.rel.core.AggregateCall> engineOrder,
      RexNode[] literals,
      boolean[] isGrouping,
      int[] index,
      List<ColumnType> outTypes,
      List<String> tables) {
    EnumerableAggregate inEngineOrder;
    try {
      inEngineOrder =
          aggregate.copy(
              aggregate.getTraitSet(),
              aggregate.getInput(),
              aggregate.getGroupSet(),
              aggregate.getGroupSets(),
              engineOrder);
    } catch (RuntimeException | AssertionError e) {
      return null;
    }
    List<ColumnType> innerTypes = EngineTypes.of(inEngineOrder.getRowType().getFieldList());
    if (innerTypes == null) {
      return null;
    }
    EngineHashAggregate inner =
        new EngineHashAggregate(
            input, keys, calls, sets, groupings, innerTypes, tables, inEngineOrder);
    ExprTranslator translator =
        new ExprTranslator(aggregate.getCluster().getRexBuilder(), innerTypes);
    List<RelDataTypeField> fields = inEngineOrder.getRowType().getFieldList();
    List<RexNode> exprs = new ArrayList<>();
    List<ExprTranslator.Maker> makers = new ArrayList<>();
    for (int p = 0; p < outTypes.size(); p++) {
      int call = p - keys.length;
      RexNode e;
      if (call >= 0 && literals[call] != null) {
        e = literals[call];
      } else {
        int column =
            call < 0
                ? p
                : keys.length + (isGrouping[call] ? calls.size() + index[call] : index[call]);
        e = new RexInputRef(column, fields.get(column).getType());
      }
      ExprTranslator.Maker m = translator.translate(e);
      if (m == null || EngineTypes.of(e.getType()) != outTypes.get(p)) {
        return null;
      }
      exprs.add(e);
      makers.add(m);
    }
    return new EngineProject(inner, exprs, makers, null, outTypes, aggregate);
  }
}
