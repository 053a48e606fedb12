package dev.bucketsql.calcite.run;

import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import dev.bucketsql.engine.sort.SortKey;
import dev.bucketsql.engine.window.Frame;
import dev.bucketsql.engine.window.Window;
import dev.bucketsql.engine.window.WindowFunction;
import dev.bucketsql.format.ColumnType;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * Window functions on the engine: one {@code Window} operator per group of Calcite's window (calls
 * sharing partition, order and frame), each over the one before and appending its calls' columns,
 * as {@code EnumerableWindow} does. Rows come out partition after partition (SQL leaves the order
 * undefined without an ORDER BY above).
 */
public final class EngineWindow extends SingleRel implements EngineRel {
  /**
   * One group: its partition columns, order keys, frame and functions.
   *
   * @param partition the PARTITION BY columns
   * @param order the ORDER BY keys
   * @param frame the frame of its aggregates
   * @param functions its calls, in Calcite's order
   */
  record Group(int[] partition, List<SortKey> order, Frame frame, List<WindowFunction> functions) {
    Group {
      partition = partition.clone();
      order = List.copyOf(order);
      functions = List.copyOf(functions);
    }

    @Override
    public int[] partition() {
      return partition.clone();
    }

    String text() {
      return "partition "
          + Arrays.toString(partition)
          + " order "
          + order.stream().map(EngineWindow::keyText).toList()
          + " "
          + frame.text()
          + " "
          + functions.stream().map(WindowFunction::name).toList();
    }
  }

  private final List<Group> groups;
  private final List<ColumnType> types;
  private final List<String> tables;
  private final EnumerableRel original;

  EngineWindow(
      RelNode input,
      List<Group> groups,
      List<ColumnType> types,
      List<String> tables,
      EnumerableRel original) {
    super(input.getCluster(), original.getTraitSet(), input);
    this.groups = List.copyOf(groups);
    this.types = List.copyOf(types);
    this.tables = List.copyOf(tables);
    this.original = original;
  }

  @Override
  protected RelDataType deriveRowType() {
    return original.getRowType();
  }

  @Override
  public EngineNode node(List<RelNode> fallbacks) {
    EngineNode in = EngineRel.nodeOf(getInput(), fallbacks);
    List<Group> g = groups;
    String subject = MemoryLimitExceededException.subject(tables);
    return run -> {
      Operator op = in.open(run);
      for (Group group : g) {
        op =
            new Window(
                op,
                group.partition(),
                group.order(),
                group.frame(),
                group.functions(),
                run.query(),
                subject);
      }
      return op;
    };
  }

  @Override
  public List<ColumnType> types() {
    return types;
  }

  @Override
  public EnumerableRel original() {
    return original;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EngineWindow(sole(inputs), groups, types, tables, original);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    RelWriter w = super.explainTerms(pw);
    for (int i = 0; i < groups.size(); i++) {
      w = w.item("window#" + i, groups.get(i).text());
    }
    return w;
  }

  private static String keyText(SortKey k) {
    return k.column()
        + (k.descending() ? " DESC" : "")
        + (k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return mq.getRowCount(original);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    return EngineImplementor.implement(this, implementor);
  }
}
