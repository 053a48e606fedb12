package dev.bucketsql.calcite.engine;

import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;

/** The start of a projection that keeps every column of its input and adds some after them. */
final class InputColumns {
  private InputColumns() {}

  /** Adds each column of {@code input}, by reference and under its name. */
  static void addAll(RelNode input, List<RexNode> projects, List<String> names) {
    RexBuilder rexBuilder = input.getCluster().getRexBuilder();
    for (RelDataTypeField f : input.getRowType().getFieldList()) {
      projects.add(rexBuilder.makeInputRef(input, f.getIndex()));
      names.add(f.getName());
    }
  }
}
