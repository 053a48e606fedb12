package dev.bucketsql.calcite.run;

import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import dev.bucketsql.engine.setop.SetOperation;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * {@code UNION}, {@code INTERSECT} or {@code EXCEPT}, with or without {@code ALL}, of any number of
 * inputs on the engine ({@link SetOperation}; {@code UnionAll} for {@code UNION ALL}). EXPLAIN
 * names the operation and whether it is {@code ALL}: {@code EngineUnion(all=[true])}, {@code
 * EngineIntersect(all=[false])}, {@code EngineExcept(all=[true])}.
 */
public final class EngineSetOperation extends AbstractRelNode implements EngineRel {
  private final List<RelNode> inputs;
  private final SetOperation operation;
  private final boolean all;
  private final List<ColumnType> types;
  private final List<String> tables;
  private final EnumerableRel original;

  EngineSetOperation(
      List<RelNode> inputs,
      SetOperation operation,
      boolean all,
      List<ColumnType> types,
      List<String> tables,
      EnumerableRel original) {
    super(original.getCluster(), original.getTraitSet());
    this.inputs = new ArrayList<>(inputs);
    this.operation = operation;
    this.all = all;
    this.types = List.copyOf(types);
    this.tables = List.copyOf(tables);
    this.original = original;
  }

  /** The same node standing for {@code original} (the operation under its set guard). */
  EngineSetOperation withOriginal(EnumerableRel original) {
    return new EngineSetOperation(inputs, operation, all, types, tables, original);
  }

  /** Whether it holds rows: every operation but {@code UNION ALL}, which passes batches on. */
  boolean holdsRows() {
    return operation != SetOperation.UNION || !all;
  }

  @Override
  protected RelDataType deriveRowType() {
    return original.getRowType();
  }

  @Override
  public List<RelNode> getInputs() {
    return List.copyOf(inputs);
  }

  @Override
  public void replaceInput(int ordinalInParent, RelNode p) {
    inputs.set(ordinalInParent, p);
    recomputeDigest();
  }

  @Override
  public String getRelTypeName() {
    return switch (operation) {
      case UNION -> "EngineUnion";
      case INTERSECT -> "EngineIntersect";
      case EXCEPT -> "EngineExcept";
    };
  }

  @Override
  public EngineNode node(List<RelNode> fallbacks) {
    List<EngineNode> in = new ArrayList<>();
    for (RelNode input : inputs) {
      in.add(EngineRel.nodeOf(input, fallbacks));
    }
    SetOperation op = operation;
    boolean a = all;
    String subject = MemoryLimitExceededException.subject(tables);
    return run -> {
      List<Operator> opened = new ArrayList<>();
      for (EngineNode n : in) {
        opened.add(n.open(run));
      }
      return op.operator(opened, a, run.query(), subject);
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
    return new EngineSetOperation(inputs, operation, all, types, tables, original);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    super.explainTerms(pw);
    for (int i = 0; i < inputs.size(); i++) {
      pw.input("input#" + i, inputs.get(i));
    }
    return pw.item("all", all);
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
