package dev.bucketsql.calcite.rel;

import dev.bucketsql.calcite.exec.AggregateSpec;
import dev.bucketsql.calcite.exec.Operand;
import dev.bucketsql.calcite.exec.Repr;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Translates the group keys and calls of an aggregate, over the row of the rel below it, into the
 * {@link Operand}s and {@link AggregateSpec}s the fused operators compute: columns, {@code
 * EXTRACT(YEAR|QUARTER|MONTH|DAY)} of a DATE or TIMESTAMP, numeric CASTs that lose nothing; COUNT,
 * SUM, $SUM0, MIN and MAX without DISTINCT, FILTER or WITHIN GROUP. A subclass says which side and
 * column of the fused operator's input an input reference reads.
 */
abstract class OperandTranslator {
  /**
   * Columns read by group operands, and by aggregate arguments, as {@link #column} records them.
   */
  final BitSet groupColumns = new BitSet();

  final BitSet aggregateColumns = new BitSet();

  private final RelDataType inputRow;

  /**
   * @param inputRow the row the aggregate's expressions read (a join's, or a scan's)
   */
  OperandTranslator(RelDataType inputRow) {
    this.inputRow = inputRow;
  }

  /**
   * The operand reading field {@code index} of the input row, recording the column it reads in
   * {@code columns} when the subclass keeps track; null when the fused operator cannot read it.
   */
  abstract @Nullable Operand column(int index, Repr repr, String name, BitSet columns);

  /** The group operands and the calls of an aggregate. */
  record Shape(List<Operand> groups, List<AggregateSpec> aggregates) {}

  /**
   * The aggregate above at most a calc without a condition: the rel below, and each field of the
   * aggregate's input as an expression over that rel's row.
   */
  record Below(RelNode input, List<RexNode> projects) {
    static Below of(Aggregate aggregate) {
      RelNode input = aggregate.getInput();
      List<RexNode> projects = new ArrayList<>();
      if (input instanceof EnumerableCalc calc && calc.getProgram().getCondition() == null) {
        RexProgram program = calc.getProgram();
        for (var ref : program.getProjectList()) {
          projects.add(program.expandLocalRef(ref));
        }
        return new Below(calc.getInput(), projects);
      }
      for (RelDataTypeField f : input.getRowType().getFieldList()) {
        projects.add(new RexInputRef(f.getIndex(), f.getType()));
      }
      return new Below(input, projects);
    }
  }

  /**
   * {@code aggregate}'s groups and calls over {@code projects}, or null when one of them is not
   * computed exactly as Calcite does (or the aggregate has grouping sets).
   */
  final @Nullable Shape shape(Aggregate aggregate, List<RexNode> projects) {
    if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
      return null;
    }
    List<Operand> groups = new ArrayList<>();
    List<RelDataTypeField> outputFields = aggregate.getRowType().getFieldList();
    int position = 0;
    for (int g : aggregate.getGroupSet()) {
      Operand operand = translate(projects.get(g), groupColumns);
      if (operand == null
          || operand.repr() != Repr.of(outputFields.get(position).getType().getSqlTypeName())) {
        return null;
      }
      groups.add(operand);
      position++;
    }
    List<AggregateSpec> aggregates = new ArrayList<>();
    for (AggregateCall call : aggregate.getAggCallList()) {
      AggregateSpec spec = aggregate(call, projects);
      if (spec == null) {
        return null;
      }
      aggregates.add(spec);
    }
    return new Shape(groups, aggregates);
  }

  private @Nullable AggregateSpec aggregate(AggregateCall call, List<RexNode> projects) {
    if (call.isDistinct()
        || call.hasFilter()
        || call.isApproximate()
        || !call.getCollation().getFieldCollations().isEmpty()
        || !call.rexList.isEmpty()) {
      return null;
    }
    AggregateSpec.Function function =
        switch (call.getAggregation().getKind()) {
          case COUNT -> AggregateSpec.Function.COUNT;
          case SUM -> AggregateSpec.Function.SUM;
          case SUM0 -> AggregateSpec.Function.SUM0;
          case MIN -> AggregateSpec.Function.MIN;
          case MAX -> AggregateSpec.Function.MAX;
          default -> null;
        };
    Repr result = Repr.of(call.getType().getSqlTypeName());
    if (function == null || result == null) {
      return null;
    }
    List<Operand> args = new ArrayList<>();
    for (int arg : call.getArgList()) {
      RexNode e = projects.get(arg);
      if (function == AggregateSpec.Function.COUNT) {
        e = integerUnderDecimal(e); // the argument of a sum, shared by the count of an average
      } else if (result == Repr.OBJECT) {
        e = integerSummedAsDecimal(function, call, e);
        if (e == null) {
          return null;
        }
      }
      Operand operand = translate(e, aggregateColumns);
      if (operand == null) {
        return null;
      }
      if (operand.repr() == Repr.OBJECT
          && function != AggregateSpec.Function.COUNT
          && !SqlTypeName.CHAR_TYPES.contains(e.getType().getSqlTypeName())) {
        return null; // MIN and MAX of objects: strings only
      }
      args.add(operand);
    }
    return AggregateSpec.of(function, args, result);
  }

  /**
   * The integer under {@code e} when {@code call} sums integers as a DECIMAL(38,0): Calcite casts
   * the argument to that type ({@code CheckedArithmetic}), and the fused sum adds the integers
   * themselves, exactly. Otherwise {@code e} itself, or null when it is a decimal sum the fused
   * operators do not compute.
   */
  private static @Nullable RexNode integerSummedAsDecimal(
      AggregateSpec.Function function, AggregateCall call, RexNode e) {
    if (function != AggregateSpec.Function.SUM && function != AggregateSpec.Function.SUM0) {
      return e; // MIN and MAX of strings
    }
    if (call.getType().getSqlTypeName() != SqlTypeName.DECIMAL || call.getType().getScale() != 0) {
      return null;
    }
    RexNode inner = integerUnderDecimal(e);
    return inner == e ? null : inner;
  }

  /** The integer {@code x} of {@code CAST(x AS DECIMAL(p,0))}, else {@code e}. */
  private static RexNode integerUnderDecimal(RexNode e) {
    if (e instanceof RexCall cast
        && cast.getKind() == SqlKind.CAST
        && cast.getType().getSqlTypeName() == SqlTypeName.DECIMAL
        && cast.getType().getScale() == 0) {
      RexNode inner = cast.getOperands().get(0);
      Repr repr = Repr.of(inner.getType().getSqlTypeName());
      if (repr != null && repr.isIntegral()) {
        return inner;
      }
    }
    return e;
  }

  /** {@code e} as an operand, or null when the fused operators do not interpret it. */
  final @Nullable Operand translate(RexNode e, BitSet columns) {
    if (e instanceof RexInputRef ref) {
      Repr repr = Repr.of(ref.getType().getSqlTypeName());
      if (repr == null) {
        return null;
      }
      int i = ref.getIndex();
      return column(i, repr, inputRow.getFieldList().get(i).getName(), columns);
    }
    if (!(e instanceof RexCall call)) {
      return null;
    }
    if (call.getKind() == SqlKind.EXTRACT
        && call.getOperands().size() == 2
        && call.getOperands().get(0) instanceof RexLiteral unit
        && unit.getValue() instanceof TimeUnitRange range
        && Repr.of(call.getType().getSqlTypeName()) == Repr.LONG) {
      SqlTypeName from = call.getOperands().get(1).getType().getSqlTypeName();
      if (from != SqlTypeName.DATE && from != SqlTypeName.TIMESTAMP) {
        return null;
      }
      Operand source = translate(call.getOperands().get(1), columns);
      return source == null ? null : Operand.extract(range, source, from == SqlTypeName.TIMESTAMP);
    }
    if (call.getOperator().getName().equals("SIGNLESS_ZERO") && call.getOperands().size() == 1) {
      // the engine's group and join keys of doubles (NegativeZeros)
      Operand source = translate(call.getOperands().get(0), columns);
      return source == null ? null : Operand.signlessZero(source);
    }
    if (call.getKind() == SqlKind.CAST
        && SqlTypeUtil.isNumeric(call.getType())
        && SqlTypeUtil.isNumeric(call.getOperands().get(0).getType())) {
      Repr target = Repr.of(call.getType().getSqlTypeName());
      Operand source = translate(call.getOperands().get(0), columns);
      return source == null || target == null ? null : Operand.cast(source, target);
    }
    return null;
  }
}
