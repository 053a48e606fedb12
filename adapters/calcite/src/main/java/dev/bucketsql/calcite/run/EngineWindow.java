package dev.bucketsql.calcite.run;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.expr.Expr;
import dev.bucketsql.engine.expr.Exprs;
import dev.bucketsql.engine.expr.Project;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import dev.bucketsql.engine.sort.SortKey;
import dev.bucketsql.engine.window.Frame;
import dev.bucketsql.engine.window.Window;
import dev.bucketsql.engine.window.WindowFunction;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
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
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Window functions on the engine: one {@code Window} operator per group of Calcite's window (calls
 * sharing partition, order and frame), each over the one before and appending its calls' columns,
 * as {@code EnumerableWindow} does. Groups whose rows sort alike (the same partition columns and
 * order keys, different frames) run one after the other, the later ones taking the first one's
 * sorted rows without a sort of their own, and a projection puts the columns back in Calcite's
 * order. Rows come out partition after partition (SQL leaves the order undefined without an ORDER
 * BY above).
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
    String subject = MemoryLimitExceededException.subject(tables);
    // a window reads its whole input before its first row: on every thread where it is a scan's
    // pipeline
    EngineNode in =
        ParallelScanRows.over(
            getInput(), EngineRel.nodeOf(getInput(), fallbacks), HeldBy.WINDOW, subject);
    List<Group> g = groups;
    int[] runOrder = runOrder(g);
    return run -> {
      Operator op = in.open(run);
      Group before = null;
      for (int i : runOrder) {
        op = window(op, g.get(i), before, run.query(), subject);
        before = g.get(i);
      }
      return inCalciteOrder(op, g, runOrder, run.query());
    };
  }

  /**
   * This window with the rows of each partition beyond {@code limit} left out (a filter above keeps
   * none of them): the limited group of ranks runs last, over every row the other groups number,
   * and its sort keeps only the rows within the limit; groups of ranks sorting alike then number
   * those rows as they come (a partition's kept rows are its first rows, whose ranks depend on no
   * later row).
   */
  EngineNode limitedNode(List<RelNode> fallbacks, WindowRankLimit limit) {
    String subject = MemoryLimitExceededException.subject(tables);
    EngineNode in =
        ParallelScanRows.over(
            getInput(), EngineRel.nodeOf(getInput(), fallbacks), HeldBy.WINDOW, subject);
    List<Group> g = groups;
    Group cut = g.get(limit.group());
    List<Integer> below = new ArrayList<>();
    List<Integer> after = new ArrayList<>();
    for (int i : runOrder(g)) {
      Group o = g.get(i);
      if (i == limit.group()) {
        continue;
      }
      boolean alike = Window.sortsAlike(cut.partition(), cut.order(), o.partition(), o.order());
      (alike && WindowRankLimit.ranksOnly(o) ? after : below).add(i);
    }
    int[] order = new int[g.size()];
    int k = 0;
    for (int i : below) {
      order[k++] = i;
    }
    order[k++] = limit.group();
    for (int i : after) {
      order[k++] = i;
    }
    return run -> {
      Operator op = in.open(run);
      Group before = null;
      for (int i : below) {
        op = window(op, g.get(i), before, run.query(), subject);
        before = g.get(i);
      }
      op =
          Window.ranksUpTo(
              op,
              cut.partition(),
              cut.order(),
              cut.functions(),
              limit.function(),
              limit.limit(),
              run.query(),
              subject);
      for (int i : after) {
        op = window(op, g.get(i), cut, run.query(), subject);
      }
      return inCalciteOrder(op, g, order, run.query());
    };
  }

  /**
   * The window of {@code group} over {@code op}, taking its rows as sorted after {@code before}'s.
   */
  private static Operator window(
      Operator op, Group group, @Nullable Group before, ExecContext context, String subject) {
    boolean presorted =
        before != null
            && Window.sortsAlike(
                group.partition(), group.order(), before.partition(), before.order());
    return new Window(
        op,
        group.partition(),
        group.order(),
        group.frame(),
        group.functions(),
        context,
        subject,
        presorted);
  }

  /** The groups, in Calcite's order. */
  List<Group> groups() {
    return groups;
  }

  /**
   * The order the groups run in: each followed by the later groups that sort their rows alike, so
   * that those take its sorted rows as they come (a group per frame of one OVER's keys sorts once).
   */
  static int[] runOrder(List<Group> groups) {
    int n = groups.size();
    int[] order = new int[n];
    boolean[] placed = new boolean[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (placed[i]) {
        continue;
      }
      Group a = groups.get(i);
      for (int j = i; j < n; j++) {
        Group b = groups.get(j);
        if (!placed[j] && Window.sortsAlike(a.partition(), a.order(), b.partition(), b.order())) {
          placed[j] = true;
          order[k++] = j;
        }
      }
    }
    return order;
  }

  /**
   * The windows' columns put back in Calcite's order (the input's, then each group's calls in group
   * order) when the groups ran in another order.
   */
  private static Operator inCalciteOrder(
      Operator op, List<Group> groups, int[] runOrder, ExecContext context) {
    List<ColumnType> types = op.types();
    int inputColumns = types.size();
    for (Group group : groups) {
      inputColumns -= group.functions().size();
    }
    // where each group's first column landed
    int[] start = new int[groups.size()];
    int at = inputColumns;
    for (int i : runOrder) {
      start[i] = at;
      at += groups.get(i).functions().size();
    }
    List<Expr> exprs = new ArrayList<>();
    for (int c = 0; c < inputColumns; c++) {
      exprs.add(Exprs.column(c, types.get(c)));
    }
    boolean moved = false;
    for (int i = 0; i < groups.size(); i++) {
      for (int f = 0; f < groups.get(i).functions().size(); f++) {
        int c = start[i] + f;
        moved |= c != exprs.size();
        exprs.add(Exprs.column(c, types.get(c)));
      }
    }
    return moved ? new Project(op, exprs, context) : op;
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
    int[] runOrder = runOrder(groups);
    for (int k = 0; k < runOrder.length; k++) {
      int i = runOrder[k];
      Group group = groups.get(i);
      String text = group.text();
      if (k > 0) {
        Group before = groups.get(runOrder[k - 1]);
        if (Window.sortsAlike(
            group.partition(), group.order(), before.partition(), before.order())) {
          text += " after window#" + runOrder[k - 1] + "'s sort";
        }
      }
      w = w.item("window#" + i, text);
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
