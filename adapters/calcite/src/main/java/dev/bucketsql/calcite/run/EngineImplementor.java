package dev.bucketsql.calcite.run;

import dev.bucketsql.format.SqlStateException;
import java.util.ArrayList;
import java.util.List;
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
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.RelNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates the code of the topmost node of an engine subtree: a call of {@link EngineExec#run}
 * with the subtree's {@link EngineNode} (stashed), a lambda per enumerable input and a lambda
 * making the original enumerable plan's rows.
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
    EngineNode node = rel.node(fallbacks);
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
