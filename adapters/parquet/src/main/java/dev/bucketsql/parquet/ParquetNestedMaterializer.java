package dev.bucketsql.parquet;

import java.util.List;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;

/**
 * Assembles the nested columns of a scan, one record per row: an {@code Object[]} with one value
 * per nested column, in the order of the requested nested fields.
 */
final class ParquetNestedMaterializer extends RecordMaterializer<Object[]> {
  private final ParquetNestedConverters.StructConverter root;

  /**
   * @param columns how each nested column is assembled
   * @param bare which columns are top-level repeated fields, read as lists
   */
  ParquetNestedMaterializer(List<NestedNode> columns, boolean[] bare) {
    this.root =
        new ParquetNestedConverters.StructConverter(new NestedNode.Struct(columns, bare), v -> {});
  }

  @Override
  public Object[] getCurrentRecord() {
    return root.values();
  }

  @Override
  public GroupConverter getRootConverter() {
    return root;
  }
}
