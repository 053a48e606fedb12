package dev.bucketsql.calcite.rel;

import dev.bucketsql.calcite.BucketTable;
import dev.bucketsql.calcite.exec.AggregateSpec;
import dev.bucketsql.calcite.exec.JoinAggregatePlan;
import dev.bucketsql.calcite.exec.Operand;
import dev.bucketsql.calcite.exec.Repr;
import dev.bucketsql.format.ColumnBatch.Kind;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.TableSchema;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.JoinRelType;
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
 * Recognizes what {@link BucketJoinAggregate} computes exactly, and builds it:
 *
 * <pre>
 * EnumerableAggregate          one grouping set; COUNT, SUM, $SUM0, MIN, MAX; no DISTINCT,
 *                              FILTER or WITHIN GROUP
 *   [EnumerableCalc]           no condition; input columns, EXTRACT(YEAR|QUARTER|MONTH|DAY),
 *                              numeric CASTs that lose nothing
 *     EnumerableHashJoin       inner; condition one "=" between an integral column of each side
 *       input, input           each a BucketTableScan, or a calc over one
 * </pre>
 *
 * An input calc that only picks columns is absorbed (the scan is read column by column); one
 * with a condition or computed columns stays, and its rows come from Calcite's code for it.
 * Anything else is left as Calcite planned it.
 */
final class JoinAggregateMatcher {
  private JoinAggregateMatcher() {}

  /** The fused operator for {@code aggregate}, or null when it does not apply. */
  static @Nullable BucketJoinAggregate match(EnumerableAggregate aggregate, String memoryKey) {
    if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
      return null;
    }
    RelNode input = aggregate.getInput();
    List<RexNode> projects = new ArrayList<>();
    EnumerableHashJoin join;
    if (input instanceof EnumerableCalc calc && calc.getInput() instanceof EnumerableHashJoin j) {
      RexProgram program = calc.getProgram();
      if (program.getCondition() != null) {
        return null;
      }
      for (var ref : program.getProjectList()) {
        projects.add(program.expandLocalRef(ref));
      }
      join = j;
    } else if (input instanceof EnumerableHashJoin j) {
      for (RelDataTypeField f : j.getRowType().getFieldList()) {
        projects.add(new RexInputRef(f.getIndex(), f.getType()));
      }
      join = j;
    } else {
      return null;
    }
    if (join.getJoinType() != JoinRelType.INNER
        || !(join.getCondition() instanceof RexCall condition)
        || condition.getKind() != SqlKind.EQUALS
        || !(condition.getOperands().get(0) instanceof RexInputRef a)
        || !(condition.getOperands().get(1) instanceof RexInputRef b)) {
      return null;
    }
    int leftCount = join.getLeft().getRowType().getFieldCount();
    if ((a.getIndex() < leftCount) == (b.getIndex() < leftCount)) {
      return null;
    }
    int leftKey = Math.min(a.getIndex(), b.getIndex());
    int rightKey = Math.max(a.getIndex(), b.getIndex()) - leftCount;
    Side left = Side.of(join.getLeft(), leftKey);
    Side right = Side.of(join.getRight(), rightKey);
    if (left == null || right == null) {
      return null;
    }
    // Calcite's hash join holds its right input; ties keep that choice
    boolean buildIsLeft = left.estimatedRows < right.estimatedRows;
    Translator t = new Translator(join.getRowType(), leftCount, buildIsLeft, left, right);
    List<Operand> groups = new ArrayList<>();
    List<RelDataTypeField> outputFields = aggregate.getRowType().getFieldList();
    int position = 0;
    for (int g : aggregate.getGroupSet()) {
      Operand operand = t.translate(projects.get(g), t.groupColumns);
      if (operand == null
          || operand.repr() != Repr.of(outputFields.get(position).getType().getSqlTypeName())) {
        return null;
      }
      groups.add(operand);
      position++;
    }
    List<AggregateSpec> aggregates = new ArrayList<>();
    for (AggregateCall call : aggregate.getAggCallList()) {
      AggregateSpec spec = aggregate(call, projects, t);
      if (spec == null) {
        return null;
      }
      aggregates.add(spec);
    }
    boolean groupsOnBuild = !groups.isEmpty();
    for (Operand g : groups) {
      groupsOnBuild &= t.buildOnly(g);
    }
    Side build = buildIsLeft ? left : right;
    Side probe = buildIsLeft ? right : left;
    BitSet stored = (BitSet) t.aggregateColumns.clone();
    if (!groupsOnBuild) {
      stored.or(t.groupColumns);
    }
    boolean[] storedColumns = new boolean[build.types.length];
    for (int c = stored.nextSetBit(0); c >= 0; c = stored.nextSetBit(c + 1)) {
      storedColumns[c] = true;
    }
    JoinAggregatePlan plan =
        new JoinAggregatePlan(
            build.input(), probe.input(), buildIsLeft, groups, aggregates, groupsOnBuild, storedColumns, memoryKey);
    List<RelDataTypeField> joinFields = join.getRowType().getFieldList();
    String key =
        joinFields.get(leftKey).getName() + " = " + joinFields.get(leftCount + rightKey).getName();
    String buildText = (buildIsLeft ? "left: " : "right: ") + build.name;
    return new BucketJoinAggregate(
        aggregate.getCluster(),
        aggregate.getTraitSet(),
        join.getLeft(),
        join.getRight(),
        aggregate.getRowType(),
        plan,
        aggregate,
        buildText,
        key);
  }

  private static @Nullable AggregateSpec aggregate(
      AggregateCall call, List<RexNode> projects, Translator t) {
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
      Operand operand = t.translate(e, t.aggregateColumns);
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

  /** One join input read by the fused operator. */
  private static final class Side {
    final String name;
    final @Nullable BucketTable table;
    final List<RexNode> pushed;
    final int[] fileColumns;
    final ColumnType[] types;
    final int key;
    final double estimatedRows;

    private Side(
        String name,
        @Nullable BucketTable table,
        List<RexNode> pushed,
        int[] fileColumns,
        ColumnType[] types,
        int key,
        double estimatedRows) {
      this.name = name;
      this.table = table;
      this.pushed = pushed;
      this.fileColumns = fileColumns;
      this.types = types;
      this.key = key;
      this.estimatedRows = estimatedRows;
    }

    JoinAggregatePlan.Input input() {
      return new JoinAggregatePlan.Input(name, table, pushed, fileColumns, types, key);
    }

    /** {@code rel} as an input, or null when it is not a scan (under at most one calc). */
    static @Nullable Side of(RelNode rel, int key) {
      BucketTableScan scan;
      int[] columns; // output column -> scan column, or null when Calcite computes the rows
      if (rel instanceof BucketTableScan s) {
        scan = s;
        columns = new int[s.getRowType().getFieldCount()];
        for (int i = 0; i < columns.length; i++) {
          columns[i] = i;
        }
      } else if (rel instanceof EnumerableCalc calc && calc.getInput() instanceof BucketTableScan s) {
        scan = s;
        RexProgram program = calc.getProgram();
        columns = program.getCondition() == null ? new int[program.getProjectList().size()] : null;
        for (int i = 0; columns != null && i < columns.length; i++) {
          RexNode e = program.expandLocalRef(program.getProjectList().get(i));
          if (e instanceof RexInputRef ref) {
            columns[i] = ref.getIndex();
          } else {
            columns = null;
          }
        }
      } else {
        return null;
      }
      BucketTable table = scan.bucketTable();
      String name = scan.getTable().getQualifiedName().get(scan.getTable().getQualifiedName().size() - 1);
      List<RelDataTypeField> fields = rel.getRowType().getFieldList();
      if (!SqlTypeUtil.isIntType(fields.get(key).getType())) {
        return null;
      }
      ColumnType[] types = new ColumnType[fields.size()];
      if (columns != null) {
        TableSchema schema = table.file().schema();
        int[] fileColumns = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
          fileColumns[i] = scan.projects().get(columns[i]);
          types[i] = schema.column(fileColumns[i]).type();
          Repr repr = Repr.of(fields.get(i).getType().getSqlTypeName());
          if (repr != null && repr.kind() != Kind.of(types[i])) {
            return null;
          }
        }
        return new Side(name, table, scan.pushed(), fileColumns, types, key, table.estimatedRows());
      }
      for (int i = 0; i < types.length; i++) {
        types[i] = columnType(fields.get(i).getType().getSqlTypeName());
      }
      return new Side(
          name, null, List.of(), new int[0], types, key, BucketPlanRewriter.estimatedRows(rel));
    }

    /** The batch type of a column Calcite computes; VARCHAR holds any object. */
    private static ColumnType columnType(SqlTypeName type) {
      return switch (type) {
        case BOOLEAN -> ColumnType.BOOLEAN;
        case TINYINT -> ColumnType.TINYINT;
        case SMALLINT -> ColumnType.SMALLINT;
        case INTEGER -> ColumnType.INTEGER;
        case BIGINT -> ColumnType.BIGINT;
        case DATE -> ColumnType.DATE;
        case TIME -> ColumnType.TIME;
        case TIMESTAMP -> ColumnType.TIMESTAMP;
        case REAL -> ColumnType.REAL;
        case FLOAT, DOUBLE -> ColumnType.DOUBLE;
        default -> ColumnType.VARCHAR;
      };
    }
  }

  /** Translates expressions over the join's row into {@link Operand}s. */
  private static final class Translator {
    final RelDataType joinRow;
    final int leftCount;
    final boolean buildIsLeft;
    final Side left;
    final Side right;
    /** Build-side columns read by group operands, and by aggregate arguments. */
    final BitSet groupColumns = new BitSet();
    final BitSet aggregateColumns = new BitSet();

    Translator(RelDataType joinRow, int leftCount, boolean buildIsLeft, Side left, Side right) {
      this.joinRow = joinRow;
      this.leftCount = leftCount;
      this.buildIsLeft = buildIsLeft;
      this.left = left;
      this.right = right;
    }

    boolean buildOnly(Operand operand) {
      return operand.sides() == 2;
    }

    @Nullable Operand translate(RexNode e, BitSet buildColumns) {
      if (e instanceof RexInputRef ref) {
        int i = ref.getIndex();
        boolean isLeft = i < leftCount;
        int column = isLeft ? i : i - leftCount;
        Repr repr = Repr.of(ref.getType().getSqlTypeName());
        if (repr == null) {
          return null;
        }
        boolean isBuild = isLeft == buildIsLeft;
        if (isBuild) {
          buildColumns.set(column);
        }
        String name = joinRow.getFieldList().get(i).getName();
        return Operand.column(isBuild ? Operand.BUILD : Operand.PROBE, column, repr, name);
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
        Operand source = translate(call.getOperands().get(1), buildColumns);
        return source == null ? null : Operand.extract(range, source, from == SqlTypeName.TIMESTAMP);
      }
      if (call.getKind() == SqlKind.CAST
          && SqlTypeUtil.isNumeric(call.getType())
          && SqlTypeUtil.isNumeric(call.getOperands().get(0).getType())) {
        Repr target = Repr.of(call.getType().getSqlTypeName());
        Operand source = translate(call.getOperands().get(0), buildColumns);
        return source == null || target == null ? null : Operand.cast(source, target);
      }
      return null;
    }
  }
}
