package dev.bucketsql.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.memory.MemoryLimit;
import dev.bucketsql.format.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code IS NULL} and {@code IS NOT NULL} against {@code value == null} row by row, over random
 * columns of several types with NULLs, across batch boundaries, in a projection and a filter.
 */
class NullTestTest {
  private static final ColumnType[] TYPES = {
    ColumnType.INTEGER,
    ColumnType.BIGINT,
    ColumnType.DOUBLE,
    ColumnType.VARCHAR,
    ColumnType.DECIMAL,
    ColumnType.BOOLEAN
  };

  @ParameterizedTest(name = "batch size {0}")
  @ValueSource(ints = {1, 3, 7, 64})
  void matchesTheReference(int batchSize) {
    Random random = new Random(batchSize);
    List<Object[]> rows = new ArrayList<>();
    int count = random.nextInt(200);
    for (int i = 0; i < count; i++) {
      Object[] row = new Object[TYPES.length];
      for (int c = 0; c < row.length; c++) {
        row[c] = random.nextInt(3) == 0 ? null : value(TYPES[c], random);
      }
      rows.add(row);
    }
    ExecContext context =
        new ExecContext(new MemoryLimit(1 << 20, "queryMemory"), batchSize, () -> false);
    List<ColumnType> types = List.of(TYPES);
    List<Expr> exprs = new ArrayList<>();
    for (int c = 0; c < TYPES.length; c++) {
      exprs.add(Exprs.isNull(Exprs.column(c, TYPES[c])));
      exprs.add(Exprs.isNotNull(Exprs.column(c, TYPES[c])));
    }
    List<Object[]> projected =
        Rows.collect(new Project(Rows.source(types, rows.iterator(), batchSize), exprs, context));
    assertThat(projected).hasSize(rows.size());
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < TYPES.length; c++) {
        assertThat(projected.get(r)[2 * c]).isEqualTo(rows.get(r)[c] == null);
        assertThat(projected.get(r)[2 * c + 1]).isEqualTo(rows.get(r)[c] != null);
      }
    }
    // a filter keeps the rows whose VARCHAR is NULL and whose DOUBLE is not
    Expr condition =
        Exprs.and(
            Exprs.isNull(Exprs.column(3, ColumnType.VARCHAR)),
            Exprs.isNotNull(Exprs.column(2, ColumnType.DOUBLE)));
    List<Object[]> kept =
        Rows.collect(
            new Filter(Rows.source(types, rows.iterator(), batchSize), condition, context));
    List<Object[]> expected =
        rows.stream().filter(row -> row[3] == null && row[2] != null).toList();
    assertThat(kept.stream().map(java.util.Arrays::asList).toList())
        .isEqualTo(expected.stream().map(java.util.Arrays::asList).toList());
  }

  private static Object value(ColumnType type, Random random) {
    return switch (type) {
      case INTEGER -> random.nextInt();
      case BIGINT -> random.nextLong();
      case DOUBLE -> random.nextDouble();
      case VARCHAR -> "v" + random.nextInt(10);
      case DECIMAL -> BigDecimal.valueOf(random.nextInt(1000), 2);
      case BOOLEAN -> random.nextBoolean();
      default -> throw new IllegalArgumentException(type.name());
    };
  }
}
