package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.run.ExprTranslator.Maker;
import dev.bucketsql.engine.expr.Exprs;
import dev.bucketsql.format.ColumnType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/** EXTRACT of date and time parts, for {@link ExprTranslator}. */
final class DateTimeTranslator {
  /**
   * The date parts whose EXTRACT from a DATE Calcite's code computes with {@code unixDateExtract}.
   */
  private static final Set<TimeUnitRange> DATE_PARTS =
      EnumSet.of(
          TimeUnitRange.YEAR,
          TimeUnitRange.QUARTER,
          TimeUnitRange.MONTH,
          TimeUnitRange.DAY,
          TimeUnitRange.DOW,
          TimeUnitRange.DOY);

  private final ExprTranslator root;

  DateTimeTranslator(ExprTranslator root) {
    this.root = root;
  }

  /**
   * {@code EXTRACT(part FROM date)} of a DATE as BIGINT, by the function Calcite's code calls for
   * it ({@code DateTimeUtils.unixDateExtract}), so the values are its values. Other parts (weeks,
   * ISO years, epochs) and other operand types stay Calcite's.
   */
  @Nullable Maker extract(List<RexNode> operands, ColumnType type) {
    if (operands.size() != 2
        || type != ColumnType.BIGINT
        || !(operands.get(0) instanceof RexLiteral flag)
        || !(flag.getValue() instanceof TimeUnitRange part)
        || !DATE_PARTS.contains(part)
        || operands.get(1).getType().getSqlTypeName() != SqlTypeName.DATE) {
      return null;
    }
    Maker date = root.translate(operands.get(1));
    return date == null
        ? null
        : () ->
            Exprs.longFunction(
                date.make(), ColumnType.BIGINT, d -> DateTimeUtils.unixDateExtract(part, d));
  }
}
