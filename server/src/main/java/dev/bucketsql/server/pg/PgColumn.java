package dev.bucketsql.server.pg;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.AvaticaColumnTypes;
import org.apache.calcite.avatica.ColumnMetaData;

/**
 * One result column as a RowDescription describes it.
 *
 * @param name the column label
 * @param type the scalar type, or the element type of an array
 * @param array whether the column is an array of {@code type}
 * @param avaticaType the engine's type of the column, which names a struct's fields; null when not
 *     known (then a struct's fields are named f1, f2... as PostgreSQL names a record's)
 */
record PgColumn(String name, PgType type, boolean array, ColumnMetaData.AvaticaType avaticaType) {
  PgColumn {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
  }

  /** A column of a scalar type or an array, of no engine type. */
  PgColumn(String name, PgType type, boolean array) {
    this(name, type, array, null);
  }

  /** The OID clients see. */
  int oid() {
    return array ? type.arrayOid() : type.oid();
  }

  /** {@code pg_type.typlen} of {@link #oid()}. */
  int size() {
    return array ? -1 : type.size();
  }

  /** The columns of a result, from the driver's metadata. */
  static List<PgColumn> of(ResultSetMetaData metaData) throws SQLException {
    List<PgColumn> columns = new ArrayList<>();
    if (metaData == null) {
      return columns;
    }
    for (int i = 1; i <= metaData.getColumnCount(); i++) {
      int jdbcType = metaData.getColumnType(i);
      boolean array = jdbcType == Types.ARRAY;
      ColumnMetaData.AvaticaType avaticaType = AvaticaColumnTypes.type(metaData, i);
      PgType type;
      if (array) {
        ColumnMetaData.AvaticaType component =
            avaticaType instanceof ColumnMetaData.ArrayType a ? a.getComponent() : null;
        if (component != null && component.id == Types.ARRAY) {
          // a list of lists may be ragged ([[1], [2, 3]]), which no PostgreSQL array can
          // hold: it is one json value, nested arrays and all
          array = false;
          type = PgType.JSON;
        } else {
          type =
              component != null
                      && (component.id == Types.STRUCT || PgType.isMapTypeName(component.name))
                  ? PgType.JSON
                  : PgType.ofArrayTypeName(metaData.getColumnTypeName(i));
        }
      } else {
        // a map is sent as json, as a struct is: JDBC types it OTHER, its type name says MAP
        type =
            PgType.isMapTypeName(metaData.getColumnTypeName(i))
                ? PgType.JSON
                : PgType.ofJdbc(jdbcType);
      }
      columns.add(new PgColumn(metaData.getColumnLabel(i), type, array, avaticaType));
    }
    return columns;
  }
}
