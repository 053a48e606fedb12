package dev.bucketsql.server.pg;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * One table of {@code pg_catalog}: nullable columns of PostgreSQL's names, rows computed at each
 * scan (so they follow the bucket's listing).
 */
final class PgCatalogTable extends AbstractTable implements ScannableTable {
  /** The column types the catalog needs; OIDs are BIGINT (PostgreSQL's are unsigned 32-bit). */
  enum Kind {
    TEXT(SqlTypeName.VARCHAR, false),
    INT2(SqlTypeName.SMALLINT, false),
    INT4(SqlTypeName.INTEGER, false),
    OID(SqlTypeName.BIGINT, false),
    FLOAT4(SqlTypeName.REAL, false),
    BOOL(SqlTypeName.BOOLEAN, false),
    TEXT_ARRAY(SqlTypeName.VARCHAR, true),
    INT2_ARRAY(SqlTypeName.SMALLINT, true),
    OID_ARRAY(SqlTypeName.BIGINT, true);

    private final SqlTypeName type;
    private final boolean array;

    Kind(SqlTypeName type, boolean array) {
      this.type = type;
      this.array = array;
    }
  }

  /** A table's columns, in order. */
  static final class Columns {
    private final List<String> names = new ArrayList<>();
    private final List<Kind> kinds = new ArrayList<>();

    Columns add(Kind kind, String... columnNames) {
      for (String name : columnNames) {
        names.add(name);
        kinds.add(kind);
      }
      return this;
    }

    int size() {
      return names.size();
    }

    int index(String name) {
      int i = names.indexOf(name);
      if (i < 0) {
        throw new IllegalArgumentException("no column " + name);
      }
      return i;
    }
  }

  private final Columns columns;
  private final Function<DataContext, List<Object[]>> rows;

  PgCatalogTable(Columns columns, Function<DataContext, List<Object[]>> rows) {
    this.columns = requireNonNull(columns, "columns is null");
    this.rows = requireNonNull(rows, "rows is null");
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder b = typeFactory.builder();
    for (int i = 0; i < columns.size(); i++) {
      Kind kind = columns.kinds.get(i);
      RelDataType type =
          typeFactory.createTypeWithNullability(typeFactory.createSqlType(kind.type), true);
      if (kind.array) {
        type = typeFactory.createTypeWithNullability(typeFactory.createArrayType(type, -1), true);
      }
      b.add(columns.names.get(i), type);
    }
    return b.build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    return Linq4j.asEnumerable(rows.apply(root));
  }
}
