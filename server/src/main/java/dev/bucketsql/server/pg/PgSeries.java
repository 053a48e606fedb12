package dev.bucketsql.server.pg;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * PostgreSQL's {@code generate_series(start, stop[, step])} over integers, as a table function: the
 * catalog queries of pgjdbc and psql walk key arrays with it ({@code FROM generate_series(1, 32)
 * pos(n)}), which {@link PgCatalogSql} turns into {@code FROM TABLE(generate_series(1, 32)) AS
 * pos(n)}.
 */
public final class PgSeries extends AbstractTable implements ScannableTable {
  /** At most this many rows, so that a typo cannot fill the memory. */
  private static final long MAX_ROWS = 10_000_000;

  private final Long start;
  private final Long stop;
  private final long step;

  private PgSeries(Long start, Long stop, long step) {
    this.start = start;
    this.stop = stop;
    this.step = step;
  }

  /** {@code generate_series(start, stop)}: step 1. */
  public static PgSeries generateSeries(Object start, Object stop) {
    return generateSeries(start, stop, 1);
  }

  /** {@code generate_series(start, stop, step)}; no rows when an argument is NULL. */
  public static PgSeries generateSeries(Object start, Object stop, Object step) {
    Long s = integer(step);
    if (s != null && s == 0) {
      throw new IllegalArgumentException("step size cannot equal zero");
    }
    return new PgSeries(integer(start), integer(stop), s == null ? 1 : s);
  }

  private static Long integer(Object value) {
    return value instanceof Number n ? Long.valueOf(n.longValue()) : null;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return typeFactory.builder().add("generate_series", SqlTypeName.INTEGER).build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    if (start == null || stop == null) {
      return Linq4j.asEnumerable(rows);
    }
    for (long v = start; step > 0 ? v <= stop : v >= stop; v += step) {
      if (rows.size() >= MAX_ROWS) {
        throw new IllegalArgumentException(
            "generate_series gives at most " + MAX_ROWS + " rows here");
      }
      rows.add(new Object[] {(int) v});
    }
    return Linq4j.asEnumerable(rows);
  }
}
