package dev.bucketsql.calcite.run;

import dev.bucketsql.format.ColumnType;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.rel.RelNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A plan node the engine runs. It is an {@link EnumerableRel} so that an enumerable parent can read
 * it: then it is the top of an engine subtree and its code builds the operator tree of the whole
 * subtree ({@link EngineImplementor}). Under another engine node it only contributes its {@link
 * EngineNode}.
 */
public interface EngineRel extends EnumerableRel {
  /**
   * What this node builds at run time; an input that is not an engine node is added to {@code
   * fallbacks} and read as rows.
   */
  EngineNode node(List<RelNode> fallbacks);

  /** The column types of this node's output. */
  List<ColumnType> types();

  /**
   * The enumerable plan this node replaced, run instead when the connection turns the engine off;
   * null for a node that is never the top of a subtree (the filter under a project of one calc).
   */
  @Nullable EnumerableRel original();

  /** The engine node of {@code input}: its own, or a row source over a non-engine input. */
  static EngineNode nodeOf(RelNode input, List<RelNode> fallbacks) {
    if (input instanceof EngineRel engine) {
      return engine.node(fallbacks);
    }
    throw new IllegalStateException("not an engine node: " + input);
  }
}
