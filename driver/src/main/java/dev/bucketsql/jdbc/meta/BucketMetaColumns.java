package dev.bucketsql.jdbc.meta;

import java.sql.JDBCType;
import java.sql.Types;
import org.apache.calcite.avatica.MetaImpl.MetaColumn;
import org.apache.calcite.jdbc.CalciteMetaColumnFactory;
import org.apache.calcite.schema.Table;

/**
 * Rows of {@code getColumns}: plain JDBC type names ({@code VARCHAR}, not Calcite's full type
 * string with character set and NOT NULL), COLUMN_SIZE as JDBC defines it for every type (maximum
 * precision of numbers, characters of dates and times, {@link Integer#MAX_VALUE} for strings of
 * unbounded length) and REMARKS for partition columns.
 */
public final class BucketMetaColumns implements CalciteMetaColumnFactory {
  /** The one instance; it holds no state. */
  public static final BucketMetaColumns INSTANCE = new BucketMetaColumns();

  private BucketMetaColumns() {}

  @Override
  public MetaColumn createColumn(
      Table table,
      String tableCat,
      String tableSchem,
      String tableName,
      String columnName,
      int dataType,
      String typeName,
      Integer columnSize,
      Integer decimalDigits,
      int numPrecRadix,
      int nullable,
      Integer charOctetLength,
      int ordinalPosition,
      String isNullable) {
    int size = size(dataType, columnSize);
    boolean character = isCharacter(dataType);
    return new Row(
        tableCat,
        tableSchem,
        tableName,
        columnName,
        dataType,
        typeName(dataType, typeName),
        size,
        digits(dataType, decimalDigits),
        numPrecRadix,
        nullable,
        character ? Integer.valueOf(size) : null,
        ordinalPosition,
        isNullable,
        Remarks.column(table, columnName));
  }

  @Override
  public Class<? extends MetaColumn> getMetaColumnClass() {
    return Row.class;
  }

  private static String typeName(int dataType, String calciteName) {
    try {
      return JDBCType.valueOf(dataType).getName();
    } catch (IllegalArgumentException e) {
      int cut = calciteName.indexOf(' ');
      return cut < 0 ? calciteName : calciteName.substring(0, cut);
    }
  }

  private static boolean isCharacter(int dataType) {
    return switch (dataType) {
      case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR -> true;
      default -> false;
    };
  }

  static int size(int dataType, Integer calcitePrecision) {
    int precision = calcitePrecision == null ? -1 : calcitePrecision;
    return switch (dataType) {
      case Types.CHAR,
          Types.VARCHAR,
          Types.LONGVARCHAR,
          Types.BINARY,
          Types.VARBINARY,
          Types.LONGVARBINARY ->
          precision > 0 ? precision : Integer.MAX_VALUE;
      case Types.DECIMAL, Types.NUMERIC -> precision > 0 ? precision : 19;
      case Types.TINYINT -> 3;
      case Types.SMALLINT -> 5;
      case Types.INTEGER -> 10;
      case Types.BIGINT -> 19;
      case Types.REAL -> 7;
      case Types.FLOAT, Types.DOUBLE -> 15;
      case Types.BOOLEAN, Types.BIT -> 1;
      case Types.DATE -> 10;
      case Types.TIME -> 12;
      case Types.TIMESTAMP -> 23;
      default -> precision;
    };
  }

  private static Integer digits(int dataType, Integer calciteScale) {
    return switch (dataType) {
      case Types.DECIMAL, Types.NUMERIC -> calciteScale == null ? 0 : calciteScale;
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> 0;
      case Types.TIME, Types.TIMESTAMP -> 3;
      default -> null;
    };
  }

  /**
   * A getColumns row. Calcite reads the columns by field name, so {@code remarks} hides the
   * parent's.
   */
  public static final class Row extends MetaColumn {
    /** The REMARKS column. */
    @SuppressWarnings("HidingField")
    public final String remarks;

    Row(
        String tableCat,
        String tableSchem,
        String tableName,
        String columnName,
        int dataType,
        String typeName,
        Integer columnSize,
        Integer decimalDigits,
        int numPrecRadix,
        int nullable,
        Integer charOctetLength,
        int ordinalPosition,
        String isNullable,
        String remarks) {
      super(
          tableCat,
          tableSchem,
          tableName,
          columnName,
          dataType,
          typeName,
          columnSize,
          decimalDigits,
          numPrecRadix,
          nullable,
          charOctetLength,
          ordinalPosition,
          isNullable);
      this.remarks = remarks;
    }
  }
}
