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
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Turns an {@link EnumerableAggregate} (simple GROUP BY or grand total) into an {@link
 * EngineHashAggregate} when the engine computes each call as Calcite does ({@link AggregateCalls});
 * its {@code LITERAL_AGG} calls (the TRUE Calcite's {@code IN} and {@code EXISTS} join back) become
 * a projection over the aggregate of the other calls.
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
    if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
      return null;
    }
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
    List<AggregateCall> calls = new ArrayList<>();
    List<org.apache.calcite.rel.core.AggregateCall> computed = new ArrayList<>();
    // LITERAL_AGG (the TRUE Calcite's IN and EXISTS join back), by output position
    RexNode[] literals = new RexNode[aggregate.getAggCallList().size()];
    int i = 0;
    for (org.apache.calcite.rel.core.AggregateCall call : aggregate.getAggCallList()) {
      int position = i++;
      RexNode literal = literal(call);
      if (literal != null) {
        literals[position] = literal;
        continue;
      }
      AggregateCall c = AggregateCalls.of(call, input.types());
      if (c == null) {
        return null;
      }
      ColumnType argType = c.column() < 0 ? null : input.types().get(c.column());
      if (c.resultType(argType) != outTypes.get(keys.length + position)) {
        return null;
      }
      calls.add(c);
      computed.add(call);
    }
    List<String> tables = BucketMemoryGuard.tables(aggregate.getInput());
    if (computed.size() == literals.length) {
      return new EngineHashAggregate(input, keys, calls, outTypes, tables, original);
    }
    return withLiterals(aggregate, input, keys, calls, computed, literals, outTypes, tables);
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
   * {@code aggregate} with {@code LITERAL_AGG} calls: the engine aggregates the other calls, and a
   * projection puts each literal in its place, as Calcite's aggregate gives it for every group.
   */
  private static @Nullable RelNode withLiterals(
      EnumerableAggregate aggregate,
      EngineRel input,
      int[] keys,
      List<AggregateCall> calls,
      List<org.apache.calcite.rel.core.AggregateCall> computed,
      RexNode[] literals,
      List<ColumnType> outTypes,
      List<String> tables) {
    EnumerableAggregate without;
    try {
      without =
          aggregate.copy(
              aggregate.getTraitSet(),
              aggregate.getInput(),
              aggregate.getGroupSet(),
              aggregate.getGroupSets(),
              computed);
    } catch (RuntimeException | AssertionError e) {
      return null;
    }
    List<ColumnType> innerTypes = new ArrayList<>(outTypes.subList(0, keys.length));
    for (int c = 0; c < literals.length; c++) {
      if (literals[c] == null) {
        innerTypes.add(outTypes.get(keys.length + c));
      }
    }
    EngineHashAggregate inner =
        new EngineHashAggregate(input, keys, calls, innerTypes, tables, without);
    ExprTranslator translator =
        new ExprTranslator(aggregate.getCluster().getRexBuilder(), innerTypes);
    List<RelDataTypeField> fields = without.getRowType().getFieldList();
    List<RexNode> exprs = new ArrayList<>();
    List<ExprTranslator.Maker> makers = new ArrayList<>();
    int next = 0;
    for (int p = 0; p < outTypes.size(); p++) {
      int call = p - keys.length;
      RexNode e;
      if (call >= 0 && literals[call] != null) {
        e = literals[call];
      } else {
        e = new RexInputRef(next, fields.get(next).getType());
        next++;
      }
      ExprTranslator.Maker m = translator.translate(e);
      if (m == null || EngineTypes.of(e.getType()) != outTypes.get(p)) {
        return null;
      }
      exprs.add(e);
      makers.add(m);
    }
    return new EngineProject(inner, exprs, makers, outTypes, aggregate);
  }
}
