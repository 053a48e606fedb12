package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.rel.BucketMemoryGuard;
import dev.bucketsql.calcite.rel.BucketSetGuard;
import dev.bucketsql.engine.setop.SetOperation;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableIntersect;
import org.apache.calcite.adapter.enumerable.EnumerableMinus;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableUnion;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's hash set operations ({@code EnumerableUnion}, {@code EnumerableIntersect}, {@code
 * EnumerableMinus}, with or without {@code ALL}) as {@link EngineSetOperation}s, for {@link
 * EnginePlanner}.
 *
 * <p>Only where every column has an engine type and every input has exactly the operation's types
 * (nullability aside), so that both paths compare the same Java values. Calcite's sets compare with
 * {@code equals}, where -0.0 differs from 0.0 and 1.0 from 1.00, the engine as its keys (-0.0 =
 * 0.0, decimals by value, as DuckDB): the SQL layer's rewrites send no -0.0 to a set operation that
 * compares rows (those of floating columns become aggregates or read the columns through {@code
 * SIGNLESS_ZERO}), and a DECIMAL column holds its values at its scale, so both give the same rows;
 * where a column held one value at two scales the engine would give DuckDB's rows. {@code
 * EnumerableMergeUnion}, which keeps its sorted inputs' order, stays Calcite's.
 */
final class SetOperationTranslator {
  private SetOperationTranslator() {}

  /**
   * The engine node for {@code rel} over its rewritten {@code inputs}, or null when it is no set
   * operation the engine computes alike. The {@code BucketSetGuard} over a translated operation
   * goes: the engine counts what the operation holds itself, and with the engine off the guarded
   * operation runs.
   */
  static @Nullable RelNode toEngine(RelNode rel, List<RelNode> inputs) {
    if (rel instanceof BucketSetGuard guard && inputs.get(0) instanceof EngineSetOperation engine) {
      return engine.withOriginal(guard);
    }
    SetOperation operation = operation(rel);
    if (operation == null) {
      return null;
    }
    SetOp setOp = (SetOp) rel;
    List<ColumnType> types = EngineTypes.of(setOp.getRowType().getFieldList());
    if (types == null) {
      return null;
    }
    boolean compares = operation != SetOperation.UNION || !setOp.all;
    if (compares && !types.stream().allMatch(EngineTypes::comparable)) {
      return null;
    }
    RelDataTypeFactory typeFactory = rel.getCluster().getTypeFactory();
    List<RelNode> engineInputs = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      if (!sameTypes(typeFactory, setOp.getInput(i).getRowType(), setOp.getRowType())) {
        return null;
      }
      EngineRel input = EnginePlanner.engineInput(inputs.get(i));
      if (input == null || !input.types().equals(types)) {
        return null;
      }
      engineInputs.add(input);
    }
    return new EngineSetOperation(
        engineInputs,
        operation,
        setOp.all,
        types,
        BucketMemoryGuard.tables(setOp),
        (EnumerableRel) rel);
  }

  /** The operation of {@code rel}, exact classes only; null for anything else. */
  private static @Nullable SetOperation operation(RelNode rel) {
    if (rel.getClass() == EnumerableUnion.class) {
      return SetOperation.UNION;
    }
    if (rel.getClass() == EnumerableIntersect.class) {
      return SetOperation.INTERSECT;
    }
    if (rel.getClass() == EnumerableMinus.class) {
      return SetOperation.EXCEPT;
    }
    return null;
  }

  private static boolean sameTypes(RelDataTypeFactory factory, RelDataType a, RelDataType b) {
    if (a.getFieldCount() != b.getFieldCount()) {
      return false;
    }
    for (int i = 0; i < a.getFieldCount(); i++) {
      if (!SqlTypeUtil.equalSansNullability(
          factory, a.getFieldList().get(i).getType(), b.getFieldList().get(i).getType())) {
        return false;
      }
    }
    return true;
  }
}
