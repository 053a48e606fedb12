package dev.bucketsql.calcite.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.RelBuilder;
import org.junit.jupiter.api.Test;

/**
 * What {@link SharedSubplans} may share: a plan whose expressions or aggregate calls hold a call
 * whose value may change between evaluations ({@code RAND()}), at any depth, is never shared; one
 * of plain arithmetic or of a value fixed per statement ({@code CURRENT_TIMESTAMP}) may be.
 */
class SharedSubplansDeterminismTest {
  private final RelBuilder builder =
      RelBuilder.create(
          Frameworks.newConfigBuilder().defaultSchema(Frameworks.createRootSchema(true)).build());

  @Test
  void randAnywhereInThePlanIsNotDeterministic() {
    RelNode top =
        builder
            .values(new String[] {"a", "b"}, 1, 2, 3, 4)
            .project(builder.field("a"), builder.call(SqlStdOperatorTable.RAND))
            .build();
    assertThat(SharedSubplans.deterministic(top)).isFalse();
    RelNode deeper =
        builder
            .push(top)
            .filter(builder.equals(builder.field(0), builder.literal(1)))
            .aggregate(builder.groupKey(0), builder.count())
            .build();
    assertThat(SharedSubplans.deterministic(deeper)).isFalse();
    RelNode inCondition =
        builder
            .values(new String[] {"a"}, 1, 2)
            .filter(builder.lessThan(builder.call(SqlStdOperatorTable.RAND), builder.literal(0.5)))
            .build();
    assertThat(SharedSubplans.deterministic(inCondition)).isFalse();
  }

  @Test
  void arithmeticAndValuesFixedPerStatementAreDeterministic() {
    RelNode plain =
        builder
            .values(new String[] {"a", "b"}, 1, 2, 3, 4)
            .project(
                builder.call(SqlStdOperatorTable.PLUS, builder.field("a"), builder.field("b")),
                builder.call(SqlStdOperatorTable.CURRENT_TIMESTAMP))
            .aggregate(builder.groupKey(0), builder.max(builder.field(1)))
            .build();
    assertThat(SharedSubplans.deterministic(plain)).isTrue();
  }
}
