package dev.bucketsql.calcite.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.util.NlsString;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The table function {@code files(glob)}: every CSV and Parquet object whose key (relative to the
 * schema's folder) matches the glob, read as one table combined by column name, e.g. {@code SELECT
 * * FROM TABLE(files('logs/2025-*.csv'))}. See {@link KeyGlob} for the syntax.
 */
public final class FilesTableMacro implements TableMacro {
  /** The function's SQL name. */
  public static final String NAME = "files";

  private final BucketCatalog catalog;
  private final String folder;

  /**
   * The function over the objects of {@code catalog} under {@code folder} (empty or ending in /).
   */
  public FilesTableMacro(BucketCatalog catalog, String folder) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.folder = requireNonNull(folder, "folder is null");
  }

  @Override
  public List<FunctionParameter> getParameters() {
    return List.of(
        new FunctionParameter() {
          @Override
          public int getOrdinal() {
            return 0;
          }

          @Override
          public String getName() {
            return "glob";
          }

          @Override
          public RelDataType getType(RelDataTypeFactory typeFactory) {
            return typeFactory.createJavaType(String.class);
          }

          @Override
          public boolean isOptional() {
            return false;
          }
        });
  }

  @Override
  public TranslatableTable apply(List<? extends @Nullable Object> arguments) {
    Object arg = arguments.isEmpty() ? null : arguments.get(0);
    String g = arg instanceof NlsString nls ? nls.getValue() : arg instanceof String s ? s : null;
    if (g == null || g.isEmpty()) {
      throw new IllegalArgumentException(
          "files(glob) needs a non-empty string literal, e.g. files('logs/2025-*.csv'); got "
              + (arg == null ? "NULL" : arg.getClass().getSimpleName()));
    }
    CatalogTable table = catalog.glob(folder, g);
    Table t = table.table(catalog.tableFactory());
    if (t instanceof TranslatableTable translatable) {
      return translatable;
    }
    if (t instanceof ProjectableFilterableTable p) {
      return new MacroTable(p);
    }
    throw new IllegalStateException("table factory made a " + t.getClass().getName());
  }
}
