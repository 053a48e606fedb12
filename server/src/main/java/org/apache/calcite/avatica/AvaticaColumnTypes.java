package org.apache.calcite.avatica;

import java.sql.ResultSetMetaData;

/**
 * The Avatica column types behind an engine result's {@link ResultSetMetaData}: for a struct column
 * they carry the field names (and for a list of structs, its element's), which JDBC's metadata does
 * not ({@code getColumnTypeName} says only {@code STRUCT}). The PostgreSQL endpoint needs them to
 * send a struct as a JSON object. This class lives in Avatica's package because the signature that
 * holds the types is package-private there.
 */
public final class AvaticaColumnTypes {
  private AvaticaColumnTypes() {}

  /**
   * The type of column {@code column} (1-based), or null when {@code metaData} is not Avatica's or
   * has no such column.
   */
  public static ColumnMetaData.AvaticaType type(ResultSetMetaData metaData, int column) {
    if (metaData instanceof AvaticaResultSetMetaData avatica
        && avatica.signature != null
        && column >= 1
        && column <= avatica.signature.columns.size()) {
      return avatica.signature.columns.get(column - 1).type;
    }
    return null;
  }
}
