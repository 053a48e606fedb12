package dev.bucketsql.calcite.rel;

import dev.bucketsql.calcite.exec.HeldGroups;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.function.EqualityComparer;
import org.apache.calcite.linq4j.tree.BlockStatement;
import org.apache.calcite.linq4j.tree.DeclarationStatement;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.GotoExpressionKind;
import org.apache.calcite.linq4j.tree.GotoStatement;
import org.apache.calcite.linq4j.tree.MethodCallExpression;
import org.apache.calcite.linq4j.tree.ParameterExpression;
import org.apache.calcite.linq4j.tree.Statement;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.util.BuiltInMethod;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Above one of Calcite's hash aggregates ({@code EnumerableAggregate}): bounds the groups it holds
 * by the connection's {@code queryMemory}, at {@link #bytesPerGroup} a group, and fails the query
 * with an error naming the aggregate, the table and the setting when they would need more. It
 * counts groups, not input rows: the code Calcite generates for the aggregate creates a group's
 * accumulator once, so the guard wraps that initializer ({@link HeldGroups}) and costs nothing a
 * row. Calls that keep every value of their group (median, quantiles, LISTAGG, ARRAY_AGG, calls
 * with {@code WITHIN GROUP}) are counted a row at a time, at {@code bytesPerValue}. A {@code
 * DISTINCT} (Calcite's aggregate of every column without calls) runs through {@link
 * HeldGroups#distinct}, which counts the distinct rows.
 *
 * <p>{@code EXPLAIN} shows it above the aggregate: {@code BucketGroupGuard(holds=[events],
 * bytesPerGroup=[136], limit=[queryMemory])}, with {@code bytesPerValue=[...]} when calls keep
 * their values. Calcite's sorted aggregate needs none: it holds one group at a time.
 */
public final class BucketGroupGuard extends SingleRel implements EnumerableRel {
  private static final Logger LOG = LoggerFactory.getLogger(BucketGroupGuard.class);

  /** Calls whose state keeps the values added (per row), not a fixed number of values. */
  private static final Set<SqlKind> KEEPING_VALUES =
      EnumSet.of(
          SqlKind.COLLECT,
          SqlKind.ARRAY_AGG,
          SqlKind.ARRAY_CONCAT_AGG,
          SqlKind.LISTAGG,
          SqlKind.STRING_AGG,
          SqlKind.GROUP_CONCAT,
          SqlKind.JSON_ARRAYAGG,
          SqlKind.JSON_OBJECTAGG,
          SqlKind.FUSION,
          SqlKind.INTERSECTION,
          SqlKind.MODE);

  private final long bytesPerGroup;
  private final long bytesPerValue;
  private final List<String> holds;

  private BucketGroupGuard(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelNode aggregate,
      long bytesPerGroup,
      long bytesPerValue,
      List<String> holds) {
    super(cluster, traits, aggregate);
    this.bytesPerGroup = bytesPerGroup;
    this.bytesPerValue = bytesPerValue;
    this.holds = List.copyOf(holds);
  }

  /**
   * {@code aggregate} under a guard, or {@code aggregate} itself when it holds one group of fixed
   * size (no GROUP BY, no call keeping values).
   */
  static RelNode over(EnumerableAggregate aggregate) {
    long perValue = bytesPerValue(aggregate);
    if (aggregate.getGroupCount() == 0 && perValue == 0) {
      return aggregate;
    }
    return new BucketGroupGuard(
        aggregate.getCluster(),
        aggregate.getTraitSet(),
        aggregate,
        bytesPerGroup(aggregate),
        perValue,
        BucketMemoryGuard.tables(aggregate.getInput()));
  }

  /**
   * One group: the hash map entry (48 bytes), the key (the value itself for one column, else a list
   * of them), the accumulator record and its boxed states (about 40 bytes a call, a string extreme
   * 88 more).
   */
  static long bytesPerGroup(Aggregate aggregate) {
    List<RelDataTypeField> input = aggregate.getInput().getRowType().getFieldList();
    ImmutableBitSet keys = aggregate.getGroupSet();
    long bytes = 48 + (keys.cardinality() == 1 ? 0 : 24 + 8L * keys.cardinality());
    for (int k : keys) {
      bytes += BucketMemoryGuard.estimateBytesPerValue(input.get(k).getType());
    }
    bytes += 16;
    for (AggregateCall call : aggregate.getAggCallList()) {
      bytes += 40;
      SqlTypeFamily family = call.getType().getSqlTypeName().getFamily();
      if (family == SqlTypeFamily.CHARACTER || family == SqlTypeFamily.BINARY) {
        bytes += 88;
      }
    }
    return bytes;
  }

  /**
   * What the calls keep a row: the whole row once for calls with {@code WITHIN GROUP} (Calcite
   * keeps the rows to sort them) plus a reference each; the first argument of a {@link
   * ValueKeepingAggregate} such as a quantile (one slot of a primitive array, 16 bytes allowing for
   * its doubling, or a reference and the object); the arguments of other calls that keep their
   * values, but not their constant ones (a separator), which are not kept a row; 0 when every call
   * has a fixed state.
   */
  static long bytesPerValue(Aggregate aggregate) {
    List<RelDataTypeField> input = aggregate.getInput().getRowType().getFieldList();
    long bytes = 0;
    boolean ordered = false;
    for (AggregateCall call : aggregate.getAggCallList()) {
      if (!call.getCollation().getFieldCollations().isEmpty()) {
        ordered = true;
        bytes += 16;
      } else if (call.getAggregation() instanceof ValueKeepingAggregate keeping
          && !call.getArgList().isEmpty()) {
        RelDataType value = input.get(call.getArgList().get(0)).getType();
        bytes +=
            keeping.keepsPrimitive(value) ? 16 : 8 + BucketMemoryGuard.estimateBytesPerValue(value);
      } else if (KEEPING_VALUES.contains(call.getAggregation().getKind())
          || call.getAggregation() instanceof SqlUserDefinedAggFunction) {
        bytes += 16;
        for (int arg : call.getArgList()) {
          if (!isConstant(aggregate.getInput(), arg)) {
            bytes += BucketMemoryGuard.estimateBytesPerValue(input.get(arg).getType());
          }
        }
      }
    }
    return ordered
        ? bytes + BucketMemoryGuard.estimateBytesPerRow(aggregate.getInput().getRowType())
        : bytes;
  }

  /**
   * Whether column {@code field} of {@code input} is the same in every row: a literal, a parameter
   * or an expression of them computed by the projection under the aggregate.
   */
  private static boolean isConstant(RelNode input, int field) {
    RexNode e;
    if (input instanceof Calc calc) {
      RexProgram program = calc.getProgram();
      e = program.expandLocalRef(program.getProjectList().get(field));
    } else if (input instanceof Project project) {
      e = project.getProjects().get(field);
    } else {
      return false;
    }
    return e instanceof RexDynamicParam || RexUtil.isConstant(e);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new BucketGroupGuard(
        getCluster(), traitSet, sole(inputs), bytesPerGroup, bytesPerValue, holds);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("holds", BucketMemoryGuard.explainTables(holds))
        .item("bytesPerGroup", bytesPerGroup)
        .itemIf("bytesPerValue", bytesPerValue, bytesPerValue > 0)
        .item("limit", BucketMemoryGuard.explainSetting(HeldBy.AGGREGATE));
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    Result child = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
    BlockStatement guarded = guard(child.block, implementor.getRootExpression());
    if (guarded == null) {
      LOG.warn(
          "the aggregate over {} is not bounded by queryMemory: its generated code has an"
              + " unexpected shape",
          BucketMemoryGuard.explainTables(holds));
      return child;
    }
    return implementor.result(child.physType, guarded);
  }

  /**
   * The aggregate's code with its hash aggregation counted: the block Calcite generates ends with
   * {@code return input.groupBy(keySelector, initializer, adder, resultSelector)} (or {@code
   * groupByMultiple}, {@code singletonEnumerable(input.aggregate(...))} without GROUP BY, {@code
   * input.distinct()} for a DISTINCT). Null for any other shape.
   */
  private @Nullable BlockStatement guard(BlockStatement block, Expression root) {
    List<Statement> statements = block.statements;
    if (statements.isEmpty()
        || !(statements.get(statements.size() - 1) instanceof GotoStatement last)
        || last.kind != GotoExpressionKind.Return
        || !(last.expression instanceof MethodCallExpression call)) {
      return null;
    }
    String subject = MemoryLimitExceededException.subject(holds);
    Expression result;
    ParameterExpression held = null;
    if (is(call, BuiltInMethod.DISTINCT) || is(call, BuiltInMethod.DISTINCT2)) {
      if (call.targetExpression == null) {
        return null;
      }
      result =
          Expressions.call(
              HeldGroups.class,
              "distinct",
              call.targetExpression,
              call.expressions.isEmpty()
                  ? Expressions.constant(null, EqualityComparer.class)
                  : call.expressions.get(0),
              root,
              Expressions.constant(bytesPerGroup),
              Expressions.constant(subject));
    } else {
      held = Expressions.parameter(HeldGroups.class, freeName(statements, "heldGroups"));
      MethodCallExpression counted = count(call, held);
      if (counted == null) {
        return null;
      }
      result = counted;
    }
    List<Statement> out = new ArrayList<>(statements.subList(0, statements.size() - 1));
    if (held != null) {
      out.add(
          Expressions.declare(
              0,
              held,
              Expressions.call(
                  HeldGroups.class,
                  "of",
                  root,
                  Expressions.constant(bytesPerGroup),
                  Expressions.constant(bytesPerValue),
                  Expressions.constant(subject))));
    }
    out.add(Expressions.return_(null, result));
    return Expressions.block(out);
  }

  /**
   * {@code call} (a grouping or a single-group aggregation) with its accumulator initializer, and
   * when calls keep values its adder, counted by {@code held}; null when neither is found.
   */
  private @Nullable MethodCallExpression count(
      MethodCallExpression call, ParameterExpression held) {
    if (is(call, BuiltInMethod.SINGLETON_ENUMERABLE)
        && call.expressions.size() == 1
        && call.expressions.get(0) instanceof MethodCallExpression single
        && is(single, BuiltInMethod.AGGREGATE)) {
      // no GROUP BY: one group, present from the start; only kept values count
      MethodCallExpression counted = wrap(single, held, false);
      return counted == null ? null : Expressions.call(call.targetExpression, call.method, counted);
    }
    if (is(call, BuiltInMethod.GROUP_BY2) || is(call, BuiltInMethod.GROUP_BY_MULTIPLE)) {
      return wrap(call, held, true);
    }
    return null;
  }

  private @Nullable MethodCallExpression wrap(
      MethodCallExpression call, ParameterExpression held, boolean groups) {
    List<Expression> args = new ArrayList<>();
    boolean found = false;
    for (Expression arg : call.expressions) {
      if (groups
          && arg instanceof MethodCallExpression m
          && is(m, BuiltInMethod.AGG_LAMBDA_FACTORY_ACC_INITIALIZER)) {
        args.add(Expressions.call(held, "initializer", arg));
        found = true;
      } else if (bytesPerValue > 0
          && arg instanceof MethodCallExpression m
          && is(m, BuiltInMethod.AGG_LAMBDA_FACTORY_ACC_ADDER)) {
        args.add(Expressions.call(held, "adder", arg));
        found = true;
      } else {
        args.add(arg);
      }
    }
    return found ? Expressions.call(call.targetExpression, call.method, args) : null;
  }

  private static boolean is(MethodCallExpression call, BuiltInMethod method) {
    Method m = method.method;
    return call.method.equals(m);
  }

  /** {@code base}, or {@code base} with a number, declared nowhere in {@code statements}. */
  private static String freeName(List<Statement> statements, String base) {
    Set<String> used = new HashSet<>();
    for (Statement s : statements) {
      if (s instanceof DeclarationStatement d) {
        used.add(d.parameter.name);
      }
    }
    String name = base;
    for (int i = 0; used.contains(name); i++) {
      name = base + i;
    }
    return name;
  }
}
