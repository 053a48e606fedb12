package dev.bucketsql.jdbc.meta;

import org.apache.calcite.avatica.MetaImpl.MetaTable;
import org.apache.calcite.jdbc.CalciteMetaImpl.CalciteMetaTable;
import org.apache.calcite.jdbc.CalciteMetaTableFactory;
import org.apache.calcite.schema.Table;

/**
 * Rows of {@code getTables}: Calcite's, with REMARKS saying which object or folder a table reads.
 */
public final class BucketMetaTables implements CalciteMetaTableFactory {
  /** The one instance; it holds no state. */
  public static final BucketMetaTables INSTANCE = new BucketMetaTables();

  private BucketMetaTables() {}

  @Override
  public MetaTable createTable(Table table, String tableCat, String tableSchem, String tableName) {
    return new Row(table, tableCat, tableSchem, tableName, Remarks.table(table));
  }

  @Override
  public Class<? extends MetaTable> getMetaTableClass() {
    return Row.class;
  }

  /**
   * A getTables row. Calcite reads the columns by field name, so {@code remarks} hides the
   * parent's.
   */
  public static final class Row extends CalciteMetaTable {
    /** The REMARKS column. */
    @SuppressWarnings("HidingField")
    public final String remarks;

    Row(Table table, String tableCat, String tableSchem, String tableName, String remarks) {
      super(table, tableCat, tableSchem, tableName);
      this.remarks = remarks;
    }
  }
}
