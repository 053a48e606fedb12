package dev.bucketsql.server.pg;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlKind;

/**
 * A table of {@code pg_catalog} some of whose values cost reading tables' columns (an object's
 * header or footer per table): {@code pg_class.relnatts}, the column comments of {@code
 * pg_description}. It sees which columns the statement reads and which columns its filters pin to a
 * literal ({@link Need}), so listing tables (psql's {@code \dt}, pgjdbc's {@code getTables},
 * Metabase's table list) reads no object, while a statement that asks for those values gets them.
 * The filters are hints only: they stay in the plan and are applied again to the rows.
 */
final class PgLazyCatalogTable extends AbstractTable implements ProjectableFilterableTable {
  /** Computes a table's full rows, the costly values only where {@code need} says so. */
  interface Rows {
    List<Object[]> rows(DataContext root, Need need);
  }

  /**
   * What a statement needs of the table: the columns it reads, and the literals its filters pin
   * columns to.
   */
  static final class Need {
    private final boolean[] projected;
    private final Map<Integer, Object> pinned;
    private final PgCatalogTable.Columns columns;

    Need(PgCatalogTable.Columns columns, boolean[] projected, Map<Integer, Object> pinned) {
      this.columns = columns;
      this.projected = projected;
      this.pinned = pinned;
    }

    /** Whether the statement reads column {@code name}. */
    boolean reads(String name) {
      return projected[columns.index(name)];
    }

    /**
     * The literal a filter of the statement pins column {@code name} to ({@code name = literal}),
     * if any.
     */
    Optional<Object> pinned(String name) {
      return Optional.ofNullable(pinned.get(columns.index(name)));
    }

    /**
     * Whether a row whose column {@code name} holds {@code value} can pass the filters' pin of it.
     */
    boolean admits(String name, Object value) {
      Object pin = pinned.get(columns.index(name));
      if (pin == null) {
        return true;
      }
      if (pin instanceof Number p && value instanceof Number v) {
        return p.longValue() == v.longValue();
      }
      return pin.toString().equals(String.valueOf(value));
    }
  }

  private final PgCatalogTable.Columns columns;
  private final PgCatalogTable delegate;
  private final Rows rows;

  PgLazyCatalogTable(PgCatalogTable.Columns columns, Rows rows) {
    this.columns = requireNonNull(columns, "columns is null");
    this.rows = requireNonNull(rows, "rows is null");
    this.delegate = new PgCatalogTable(columns, root -> List.of());
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return delegate.getRowType(typeFactory);
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters, int[] projects) {
    boolean[] projected = new boolean[columns.size()];
    if (projects == null) {
      java.util.Arrays.fill(projected, true);
    } else {
      for (int p : projects) {
        projected[p] = true;
      }
    }
    Map<Integer, Object> pinned = new HashMap<>();
    for (RexNode filter : filters) {
      for (RexNode conjunct : RelOptUtil.conjunctions(filter)) { // a pushed filter may be one AND
        pin(root, conjunct, pinned);
      }
    }
    List<Object[]> full = rows.rows(root, new Need(columns, projected, pinned));
    if (projects == null) {
      return Linq4j.asEnumerable(full);
    }
    List<Object[]> out = new ArrayList<>(full.size());
    for (Object[] row : full) {
      Object[] projectedRow = new Object[projects.length];
      for (int i = 0; i < projects.length; i++) {
        projectedRow[i] = row[projects[i]];
      }
      out.add(projectedRow);
    }
    return Linq4j.asEnumerable(out);
  }

  /** Records {@code column = literal} or {@code column = ?} (either way round, casts aside). */
  private static void pin(DataContext root, RexNode filter, Map<Integer, Object> pinned) {
    if (!(filter instanceof RexCall call) || call.getKind() != SqlKind.EQUALS) {
      return;
    }
    RexNode left = RexUtil.removeCast(call.getOperands().get(0));
    RexNode right = RexUtil.removeCast(call.getOperands().get(1));
    if (right instanceof RexInputRef
        && (left instanceof RexLiteral || left instanceof RexDynamicParam)) {
      RexNode swap = left;
      left = right;
      right = swap;
    }
    if (!(left instanceof RexInputRef ref)) {
      return;
    }
    Object value =
        right instanceof RexLiteral literal
            ? literal.getValue2()
            : right instanceof RexDynamicParam parameter
                ? root.get("?" + parameter.getIndex())
                : null;
    if (value != null) {
      pinned.put(ref.getIndex(), value);
    }
  }
}
