package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.engine.CompiledPlans;
import dev.bucketsql.format.SqlStateException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRel.Prefer;
import org.apache.calcite.adapter.enumerable.EnumerableRel.Result;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.function.Function0;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.ClassDeclaration;
import org.apache.calcite.linq4j.tree.ConstantExpression;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.GotoStatement;
import org.apache.calcite.linq4j.tree.MemberDeclaration;
import org.apache.calcite.linq4j.tree.MethodDeclaration;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates the code of the topmost node of an engine subtree: a call of {@link EngineExec#run}
 * with the subtree's {@link EngineNode} (stashed), a lambda per enumerable input and a lambda
 * making the original enumerable plan's rows, which runs only with the engine off and so is
 * compiled only then where it can stand alone ({@link DeferredEnumerable}).
 */
final class EngineImplementor {
  private static final Logger LOG = LoggerFactory.getLogger(EngineImplementor.class);

  private EngineImplementor() {}

  /** The code of {@code rel} as the top of an engine subtree. */
  static Result implement(EngineRel rel, EnumerableRelImplementor implementor) {
    EnumerableRel original = rel.original();
    if (original == null) {
      throw new IllegalStateException(
          "an engine node without its enumerable plan is at the top: " + rel);
    }
    List<RelNode> fallbacks = new ArrayList<>();
    // the joins and projections told which columns the nodes above them read
    EngineRel trimmed = (EngineRel) ColumnUse.trim(rel);
    EngineNode node = CheckAhead.around(trimmed, trimmed.node(fallbacks));
    List<Expression> inputs = new ArrayList<>();
    for (RelNode f : fallbacks) {
      inputs.add(rowsLambda(implementor, (EnumerableRel) f));
    }
    PhysType arrays =
        PhysTypeImpl.of(implementor.getTypeFactory(), rel.getRowType(), JavaRowFormat.ARRAY, false);
    PhysType physType =
        PhysTypeImpl.of(implementor.getTypeFactory(), rel.getRowType(), JavaRowFormat.ARRAY);
    Expression call =
        Expressions.call(
            EngineExec.class,
            "run",
            implementor.getRootExpression(),
            implementor.stash(node, EngineNode.class),
            Expressions.newArrayInit(Function0.class, inputs),
            originalRows(implementor, original));
    return implementor.result(
        physType, Blocks.toBlock(arrays.convertTo(call, physType.getFormat())));
  }

  /**
   * A {@code Function0} making the rows of the original enumerable plan, run where the engine is
   * turned off. Where Calcite cannot generate that plan's code (its EXTRACT of a flag shared by two
   * calls inside a CASE of a nested-loop join's condition loses the flag: {@code
   * NullPointerException: timeUnitRange}), the engine still computes the rows, and the plan fails
   * only with the engine off, saying so (0A000).
   */
  private static Expression originalRows(
      EnumerableRelImplementor implementor, EnumerableRel original) {
    try {
      DeferredEnumerable deferred = deferred(implementor, original);
      if (deferred != null) {
        return Expressions.lambda(
            Function0.class,
            Expressions.call(
                implementor.stash(deferred, DeferredEnumerable.class),
                "rows",
                implementor.getRootExpression()));
      }
      return rowsLambda(implementor, original);
    } catch (RuntimeException e) {
      LOG.debug("no row-at-a-time code for the plan; it runs only on the engine", e);
      String message =
          "this statement runs only on the engine (engine=true): Calcite's row-at-a-time code for"
              + " it cannot be generated ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""))
              + ")";
      return Expressions.lambda(
          Function0.class,
          Expressions.block(
              Expressions.throw_(
                  Expressions.new_(
                      SqlStateException.class,
                      Expressions.constant("0A000"),
                      Expressions.constant(message)))));
    }
  }

  /**
   * The code of {@code original} as a class of its own, compiled only when it runs ({@link
   * DeferredEnumerable}); null where it cannot stand alone: it reads a correlation variable of the
   * enclosing plan, or its rows are neither arrays nor (one column) the column's values.
   */
  private static @Nullable DeferredEnumerable deferred(
      EnumerableRelImplementor implementor, EnumerableRel original) {
    if (!RelOptUtil.getVariablesUsed(original).isEmpty()) {
      return null;
    }
    Map<String, Object> stashed = new LinkedHashMap<>();
    ClassDeclaration code =
        new EnumerableRelImplementor(implementor.getRexBuilder(), stashed)
            .implementRoot(original, Prefer.ARRAY);
    List<RelDataTypeField> fields = original.getRowType().getFieldList();
    Type expected =
        fields.size() == 1
            ? implementor.getTypeFactory().getJavaClass(fields.get(0).getType())
            : Object[].class;
    if (!expected.equals(elementType(code))) {
      return null;
    }
    return new DeferredEnumerable(
        code, stashed, fields.size() == 1, CompiledPlans.INSTANCE::compile);
  }

  /** The row type {@code getElementType()} of a class {@code implementRoot} made returns. */
  private static @Nullable Object elementType(ClassDeclaration code) {
    for (MemberDeclaration member : code.memberDeclarations) {
      if (member instanceof MethodDeclaration method
          && method.name.equals("getElementType")
          && method.parameters.isEmpty()
          && !method.body.statements.isEmpty()
          && method.body.statements.get(method.body.statements.size() - 1)
              instanceof GotoStatement ret
          && ret.expression instanceof ConstantExpression constant) {
        return constant.value;
      }
    }
    return null;
  }

  /**
   * A {@code Function0} making the rows of {@code rel} as arrays; a lambda, since some enumerable
   * operators compute their result as soon as they are called.
   */
  private static Expression rowsLambda(EnumerableRelImplementor implementor, EnumerableRel rel) {
    Result result = rel.implement(implementor, Prefer.ARRAY);
    BlockBuilder block = new BlockBuilder();
    block.add(
        Expressions.return_(
            null,
            result.physType.convertTo(block.append("rows", result.block), JavaRowFormat.ARRAY)));
    return Expressions.lambda(Function0.class, block.toBlock());
  }
}
