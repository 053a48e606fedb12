package dev.bucketsql.server.pg;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * One result column as a RowDescription describes it.
 *
 * @param name the column label
 * @param type the scalar type, or the element type of an array
 * @param array whether the column is an array of {@code type}
 */
record PgColumn(String name, PgType type, boolean array) {
    PgColumn {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
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
            PgType type = array ? PgType.ofArrayTypeName(metaData.getColumnTypeName(i)) : PgType.ofJdbc(jdbcType);
            columns.add(new PgColumn(metaData.getColumnLabel(i), type, array));
        }
        return columns;
    }
}
