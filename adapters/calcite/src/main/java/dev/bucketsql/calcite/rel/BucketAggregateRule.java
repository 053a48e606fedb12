package dev.bucketsql.calcite.rel;

import com.google.common.collect.ImmutableList;
import dev.bucketsql.format.FileSummary;
import dev.bucketsql.format.FileSummary.MinMax;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces an aggregate without GROUP BY over an unfiltered {@link BucketTableScan} by its answer
 * when the file's metadata knows it: {@code COUNT(*)} from the row count, {@code MIN} and {@code
 * MAX} from exact column statistics (see {@link FileSummary}). The plan then holds a one-row VALUES
 * and reads no data at all; planning reads the (cached) footer.
 */
public final class BucketAggregateRule extends RelRule<RuleConfig> {
  private static final Logger LOG = LoggerFactory.getLogger(BucketAggregateRule.class);

  static final RuleConfig CONFIG =
      RuleConfig.of(
          "BucketAggregateRule",
          b ->
              b.operand(Aggregate.class).oneInput(s -> s.operand(BucketTableScan.class).noInputs()),
          BucketAggregateRule::new);

  private BucketAggregateRule(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Aggregate aggregate = call.rel(0);
    BucketTableScan scan = call.rel(1);
    if (aggregate.getGroupCount() != 0
        || aggregate.getGroupSets().size() != 1
        || !scan.pushed().isEmpty()
        || !(scan.bucketTable().file() instanceof FileSummary summary)) {
      return;
    }
    RexBuilder rex = aggregate.getCluster().getRexBuilder();
    List<RexLiteral> values = new ArrayList<>();
    try {
      for (AggregateCall agg : aggregate.getAggCallList()) {
        RexLiteral value = answer(agg, scan, summary, rex);
        if (value == null) {
          return;
        }
        values.add(value);
      }
    } catch (RuntimeException e) {
      LOG.debug("cannot answer {} from metadata", aggregate, e);
      return;
    }
    call.transformTo(
        LogicalValues.create(
            aggregate.getCluster(),
            aggregate.getRowType(),
            ImmutableList.of(ImmutableList.copyOf(values))));
  }

  private static RexLiteral answer(
      AggregateCall agg, BucketTableScan scan, FileSummary summary, RexBuilder rex) {
    if (agg.hasFilter() || agg.getCollation().getFieldCollations().size() > 0) {
      return null;
    }
    RelDataType type = agg.getType();
    switch (agg.getAggregation().getKind()) {
      case COUNT -> {
        if (!agg.getArgList().isEmpty() || agg.isDistinct()) {
          return null;
        }
        OptionalLong rows = summary.exactRowCount();
        return rows.isPresent()
            ? rex.makeExactLiteral(BigDecimal.valueOf(rows.getAsLong()), type)
            : null;
      }
      case MIN, MAX -> {
        if (agg.getArgList().size() != 1) {
          return null;
        }
        int column = scan.projects().get(agg.getArgList().get(0));
        Optional<MinMax> minMax = summary.exactMinMax(column);
        if (minMax.isEmpty()) {
          return null;
        }
        Object v =
            agg.getAggregation().getKind() == org.apache.calcite.sql.SqlKind.MIN
                ? minMax.get().min()
                : minMax.get().max();
        return literal(rex, v, type);
      }
      default -> {
        return null;
      }
    }
  }

  private static RexLiteral literal(RexBuilder rex, Object v, RelDataType type) {
    if (v == null) {
      return rex.makeNullLiteral(type);
    }
    return switch (type.getSqlTypeName()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT ->
          rex.makeExactLiteral(BigDecimal.valueOf(((Number) v).longValue()), type);
      case DATE -> rex.makeDateLiteral(DateString.fromDaysSinceEpoch((Integer) v));
      // A literal of the column's type, TIMESTAMP(0), is rounded to the second by Calcite while
      // the column's values keep their milliseconds: a statistic with a fraction is left to the
      // scan (null), so MIN and MAX keep it.
      case TIMESTAMP ->
          Math.floorMod((Long) v, 1000L) != 0
              ? null
              : rex.makeTimestampLiteral(
                  TimestampString.fromMillisSinceEpoch((Long) v), type.getPrecision());
      default -> null;
    };
  }
}
